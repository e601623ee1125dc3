import { describe, expect, it } from 'vitest';
import { run } from './eval.ts';
import { runShellConformance } from '../../../test/eql-conformance-cli.ts';
import type { CliIO } from '../io.ts';
import { sharedData } from '../../../scripts/shared-data.ts';

const CONFORMANCE = sharedData('eql-conformance', 'eval --queries on the EQL conformance suite');

function captured(files: Record<string, string>) {
  const out: string[] = [];
  const err: string[] = [];
  const io: CliIO = {
    out: (t) => void out.push(t),
    err: (t) => void err.push(t),
    readFile: (p) => {
      if (!(p in files)) throw new Error(`ENOENT ${p}`);
      return files[p];
    },
    writeFile: () => {},
    listFiles: () => [],
  };
  return { io, out, err };
}

const EVENTS = [
  { '@timestamp': '2024-01-01T00:00:02Z', event: { category: 'process' }, process: { name: 'cmd.exe' }, host: { id: 'a' }, uid: 'e0' },
  'not json',
  { '@timestamp': '2024-01-01T00:00:01Z', event: { category: 'process' }, process: { name: 'CMD.EXE' }, host: { id: 'a' }, uid: 'e2' },
  { '@timestamp': '2024-01-01T00:00:03Z', event: { category: 'file' }, host: { id: 'a' }, uid: 'e3' },
]
  .map((e) => (typeof e === 'string' ? e : JSON.stringify(e)))
  .join('\n\n');

const json = (lines: string[]) => lines.map((l) => JSON.parse(l));

describe('rule-studio eval', () => {
  it('prints one JSON line with ids = positions among non-blank lines, ascending by timestamp', async () => {
    const { io, out, err } = captured({ 'ev.ndjson': EVENTS });
    const code = await run(['--events', 'ev.ndjson', '--query', 'process where process.name : "cmd.exe"', '--json'], io);
    expect(json(out)).toEqual([
      {
        kind: 'events',
        matches: [
          { events: [2], join_keys: [] },
          { events: [0], join_keys: [] },
        ],
        diagnostics: [],
      },
    ]);
    // The bad line is reported with its line number (line 3 of the file) and fails the run.
    expect(err.join('\n')).toMatch(/^ev\.ndjson:3:1 error events\/parse Line 3/);
    expect(code).toBe(1);
  });

  it('uses --id-field values as ids and renders sequences with join keys', async () => {
    const { io, out } = captured({
      'ev.json': JSON.stringify(
        EVENTS.split('\n')
          .filter((l) => l.startsWith('{'))
          .map((l) => JSON.parse(l)),
      ),
    });
    const code = await run(['--events', 'ev.json', '--query', 'sequence by host.id [process where true] [file where true]', '--id-field', 'uid', '--json'], io);
    expect(code).toBe(0);
    expect(json(out)[0]).toEqual({ kind: 'sequences', matches: [{ events: ['e0', 'e3'], join_keys: ['a'] }], diagnostics: [] });
  });

  it('--queries echoes names and lets a line override --size', async () => {
    const queries = [
      JSON.stringify({ name: 'all', query: 'any where true' }),
      JSON.stringify({ name: 'one', query: 'any where true', size: 1 }),
      JSON.stringify({ name: 'bad', query: 'any where x = 1' }),
    ].join('\n');
    const { io, out } = captured({ 'ev.ndjson': EVENTS, 'q.jsonl': queries });
    const code = await run(['--events', 'ev.ndjson', '--queries', 'q.jsonl', '--size', '2', '--json'], io);
    const lines = json(out);
    expect(lines.map((l) => l.name)).toEqual(['all', 'one', 'bad']);
    expect(lines[0].matches).toHaveLength(2);
    expect(lines[1].matches).toHaveLength(1);
    expect(lines[1].matches[0].events).toEqual([3]); // tail: the latest event
    expect(lines[2].diagnostics[0]).toMatchObject({ severity: 'error', line: 1 });
    expect(code).toBe(1);
  });

  it('reads query and field overrides from a rule TOML', async () => {
    const rule = `[rule]\nlanguage = "eql"\nname = "R"\ntimestamp_override = "ts"\nevent_category_override = "kind"\nquery = '''\nfoo where true\n'''\n`;
    const events = [
      { ts: 2, kind: 'foo' },
      { ts: 1, kind: 'foo' },
      { ts: 3, kind: 'bar' },
    ]
      .map((e) => JSON.stringify(e))
      .join('\n');
    const { io, out } = captured({ 'r.toml': rule, 'ev.ndjson': events });
    expect(await run(['--events', 'ev.ndjson', '--rule', 'r.toml', '--json'], io)).toBe(0);
    expect(json(out)[0].matches.map((m: { events: number[] }) => m.events[0])).toEqual([1, 0]);
  });

  it('applies --mapping (aliases and types)', async () => {
    const mapping = {
      properties: { event_type: { type: 'keyword' }, event: { properties: { category: { type: 'alias', path: 'event_type' } } }, n: { type: 'long' } },
    };
    const events = [
      { '@timestamp': 1, event_type: 'x', n: '5' },
      { '@timestamp': 2, event_type: 'y', n: 7 },
    ]
      .map((e) => JSON.stringify(e))
      .join('\n');
    const { io, out } = captured({ 'ev.ndjson': events, 'm.json': JSON.stringify(mapping) });
    expect(await run(['--events', 'ev.ndjson', '--mapping', 'm.json', '--query', 'x where n == 5', '--json'], io)).toBe(0);
    expect(json(out)[0].matches).toEqual([{ events: [0], join_keys: [] }]);
  });

  it('prints a readable summary without --json', async () => {
    const { io, out } = captured({ 'ev.ndjson': EVENTS });
    await run(['--events', 'ev.ndjson', '--query', 'sequence by host.id [process where true] [file where true]'], io);
    expect(out[0]).toBe('query: 1 sequence matched');
    expect(out[1]).toBe('  1. by "a": 0, 3');
  });

  it('reports usage errors with exit code 2', async () => {
    const { io, err } = captured({ 'ev.ndjson': EVENTS });
    expect(await run(['--events', 'ev.ndjson'], io)).toBe(2);
    expect(await run(['--events', 'ev.ndjson', '--query', 'any where true', '--rule', 'x.toml'], io)).toBe(2);
    expect(await run(['--query', 'any where true'], io)).toBe(2);
    expect(await run(['--events', 'nope.ndjson', '--query', 'any where true'], io)).toBe(2);
    expect(await run(['--events', 'ev.ndjson', '--query', 'any where true', '--size', '-1'], io)).toBe(2);
    expect(await run(['--events', 'ev.ndjson', '--query', 'any where true', '--bogus'], io)).toBe(2);
    expect(err.join('\n')).toContain('usage: rule-studio eval');
  });

  it.skipIf(!CONFORMANCE)(
    'runs the whole EQL conformance suite from the shell (bin/rule-studio eval --queries)',
    () => {
      const report = runShellConformance(CONFORMANCE!);
      expect(report.failures).toEqual([]);
      const total = Object.values(report.perFile).reduce((n, s) => n + s.total, 0);
      expect(total).toBe(296);
    },
    120_000,
  );
});

describe('rule-studio eval: data errors and mistakes in files', () => {
  const one = '{"@timestamp": 1, "event": {"category": "process"}}\n';

  it('--rule that does not parse: file:line:col and exit 1, no usage', async () => {
    const { io, err } = captured({ 'ev.ndjson': one, 'broken.toml': '[rule]\nlanguage = "eql"\nquery = \n' });
    expect(await run(['--events', 'ev.ndjson', '--rule', 'broken.toml'], io)).toBe(1);
    expect(err).toEqual([expect.stringMatching(/^broken\.toml:3:\d+ error toml\/syntax \S/)]);
  });

  it('--rule without a query, or not EQL: one line naming the file, exit 1', async () => {
    const { io, err } = captured({ 'ev.ndjson': one, 'kql.toml': '[rule]\nlanguage = "kuery"\nquery = "a: b"\n', 'none.toml': '[rule]\nname = "x"\n' });
    expect(await run(['--events', 'ev.ndjson', '--rule', 'kql.toml'], io)).toBe(1);
    expect(await run(['--events', 'ev.ndjson', '--rule', 'none.toml'], io)).toBe(1);
    expect(err).toEqual([
      "kql.toml error eval/not-eql The rule's language is [kuery]; only EQL rules can be evaluated.",
      'none.toml error eval/no-query The rule has no `rule.query` to evaluate.',
    ]);
  });

  it('a --queries line that is null, an array or a number is one line and exit 2', async () => {
    for (const bad of ['null', '[1]', '5', '{"query": "any where true", "size": -1}']) {
      const { io, err } = captured({ 'ev.ndjson': one, 'q.jsonl': `{"name":"a","query":"any where true"}\n${bad}\n` });
      expect(await run(['--events', 'ev.ndjson', '--queries', 'q.jsonl'], io), bad).toBe(2);
      expect(err, bad).toEqual([expect.stringMatching(/^rule-studio eval: q\.jsonl:2: /)]);
    }
  });

  it('a --mapping holding null or any non-object JSON is one line and exit 2', async () => {
    for (const bad of ['null', '[]', '"x"', '7', '{']) {
      const { io, err } = captured({ 'ev.ndjson': one, 'm.json': bad });
      expect(await run(['--events', 'ev.ndjson', '--query', 'any where true', '--mapping', 'm.json'], io), bad).toBe(2);
      expect(err, bad).toEqual([expect.stringMatching(/^rule-studio eval: m\.json: /)]);
    }
  });

  it('a file that does not exist is one line and exit 2; wrong flags still print the usage', async () => {
    const { io, err } = captured({ 'ev.ndjson': one });
    expect(await run(['--events', 'ev.ndjson', '--rule', 'missing.toml'], io)).toBe(2);
    expect(err).toEqual(['rule-studio eval: cannot read missing.toml: no such file, or not readable']);
    expect(await run(['--events', 'ev.ndjson', '--rule'], io)).toBe(2);
    expect(err.at(-1)).toMatch(/^rule-studio eval: --rule needs a value\nusage: rule-studio eval/);
  });
});
