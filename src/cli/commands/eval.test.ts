import { describe, expect, it } from 'vitest';
import { run } from './eval.ts';
import { runShellConformance } from '../../../test/eql-conformance-cli.ts';
import type { CliIO } from '../io.ts';
import { sharedData } from '../../../scripts/shared-data.ts';
import { nodeIO } from '../io.ts';

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

  it("an EQL rule's [[rule.filters]] select the events its query sees", async () => {
    // Kibana passes rule filters as the EQL search's `filter` (eql-search-api.html, request body `filter`).
    const rule = [
      '[rule]',
      'language = "eql"',
      'name = "R"',
      "query = '''\nprocess where true\n'''",
      '',
      '[[rule.filters]]',
      '[rule.filters.meta]',
      'disabled = false',
      'key = "host.id"',
      'negate = true',
      'type = "phrase"',
      '[rule.filters.query.match_phrase]',
      '"host.id" = "a"',
      '',
    ].join('\n');
    const events = [
      { '@timestamp': 1, event: { category: 'process' }, host: { id: 'a' } },
      { '@timestamp': 2, event: { category: 'process' }, host: { id: 'b' } },
    ]
      .map((e) => JSON.stringify(e))
      .join('\n');
    const { io, out } = captured({ 'r.toml': rule, 'ev.ndjson': events });
    expect(await run(['--events', 'ev.ndjson', '--rule', 'r.toml', '--json'], io)).toBe(0);
    expect(json(out)[0].matches).toEqual([{ events: [1], join_keys: [] }]);
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

  it('--rule without a query, or in a language eval does not run: one line naming the file, exit 1', async () => {
    const { io, err } = captured({ 'ev.ndjson': one, 'lucene.toml': '[rule]\nlanguage = "lucene"\nquery = "a:b"\n', 'none.toml': '[rule]\nname = "x"\n' });
    expect(await run(['--events', 'ev.ndjson', '--rule', 'lucene.toml'], io)).toBe(1);
    expect(await run(['--events', 'ev.ndjson', '--rule', 'none.toml'], io)).toBe(1);
    expect(err).toEqual([
      "lucene.toml error eval/language The rule's language is [lucene]; eval runs EQL and KQL (kuery) rules.",
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

// KQL rules run as Kibana runs them once at "now" (default: the latest event, 12:29 here) over
// their window (`from = "now-9m"`: 12:20 … 12:29). Fixtures: test/data/preview_*.toml over
// test/data/preview_events.ndjson (0: bash 11:50 alice, 1: bash 12:21 alice, 2: sh 12:22 bob,
// 3: zsh, 4: "Bash", 5: connection to 1.2.3.4, 6: indicator 1.2.3.4 High, 7: indicator 5.6.7.8
// Low, 8: connection to 5.6.7.8). https://www.elastic.co/guide/en/security/current/rules-ui-create.html
describe('rule-studio eval: KQL rules', () => {
  const EVENTS_FILE = 'test/data/preview_events.ndjson';
  function real() {
    const out: string[] = [];
    const err: string[] = [];
    return { io: { ...nodeIO, out: (t: string) => void out.push(t), err: (t: string) => void err.push(t) } as CliIO, out, err };
  }
  const evalRule = async (name: string, ...flags: string[]) => {
    const { io, out, err } = real();
    const code = await run(['--events', EVENTS_FILE, '--rule', `test/data/preview_${name}.toml`, '--json', ...flags], io);
    return { code, lines: json(out), err };
  };

  it('a query rule: the events of its window that match (process.name is a keyword: "Bash" is not bash)', async () => {
    const { code, lines } = await evalRule('query');
    expect(code).toBe(0);
    expect(lines).toEqual([
      {
        kind: 'events',
        matches: [
          { events: [1], join_keys: [] },
          { events: [2], join_keys: [] },
        ],
        diagnostics: [],
      },
    ]);
  });

  it('--now moves the window', async () => {
    const { lines } = await evalRule('query', '--now', '2024-05-01T11:55:00Z');
    expect(lines[0].matches).toEqual([{ events: [0], join_keys: [] }]);
  });

  it('a threshold rule: one match per group, join_keys its values', async () => {
    const { lines } = await evalRule('threshold');
    expect(lines).toEqual([{ kind: 'threshold', matches: [{ events: [1, 2], join_keys: ['a'] }], diagnostics: [] }]);
  });

  it('a new terms rule: alice was seen in the last hour, bob is new', async () => {
    const { lines } = await evalRule('new_terms');
    expect(lines).toEqual([{ kind: 'new_terms', matches: [{ events: [2], join_keys: ['bob'] }], diagnostics: [] }]);
  });

  it('an indicator match rule: event ↔ indicator pairs; threat_query keeps the High indicator only', async () => {
    const { lines } = await evalRule('threat_match');
    expect(lines).toEqual([{ kind: 'threat_match', matches: [{ events: [5, 6], join_keys: ['1.2.3.4'] }], diagnostics: [] }]);
  });

  it('--id-field and --size apply to KQL rules too', async () => {
    const { io, out } = real();
    await run(['--events', EVENTS_FILE, '--rule', 'test/data/preview_query.toml', '--json', '--id-field', '@timestamp', '--size', '1'], io);
    expect(json(out)[0].matches).toEqual([{ events: ['2024-05-01T12:21:00.000Z'], join_keys: [] }]);
  });

  it('prints each kind readably without --json', async () => {
    const lines = async (name: string) => {
      const { io, out } = real();
      await run(['--events', EVENTS_FILE, '--rule', `test/data/preview_${name}.toml`], io);
      return out;
    };
    expect(await lines('threshold')).toEqual(['Preview Fixture Shells per Host: 1 group matched', '  1. by "a" (2 events): 1, 2']);
    expect(await lines('new_terms')).toEqual(['Preview Fixture First Shell of a User: 1 new term matched', '  1. new "bob": 2']);
    expect(await lines('threat_match')).toEqual(['Preview Fixture Indicator IP: 1 indicator match matched', '  1. 5 matches indicator 6 on "1.2.3.4"']);
  });

  it('--query with --language kuery matches over every event (no rule, no window)', async () => {
    const { io, out } = real();
    expect(await run(['--events', EVENTS_FILE, '--query', 'process.name: bash', '--language', 'kuery', '--json'], io)).toBe(0);
    expect(json(out)[0]).toEqual({
      kind: 'events',
      matches: [
        { events: [0], join_keys: [] },
        { events: [1], join_keys: [] },
      ],
      diagnostics: [],
    });
  });

  it('--queries with --language kuery', async () => {
    const queries = [
      JSON.stringify({ name: 'ip', query: 'destination.ip: 1.2.3.0/24' }),
      JSON.stringify({ name: 'users', query: 'user.name: (bob or carol)' }),
    ].join('\n');
    const { io, out } = captured({ 'ev.ndjson': nodeIO.readFile(EVENTS_FILE), 'q.jsonl': queries });
    expect(await run(['--events', 'ev.ndjson', '--queries', 'q.jsonl', '--language', 'kuery', '--json'], io)).toBe(0);
    expect(json(out).map((l) => [l.name, l.matches.map((m: { events: number[] }) => m.events[0])])).toEqual([
      ['ip', [5]],
      ['users', [2, 3]],
    ]);
  });

  it('a KQL syntax error is a located diagnostic and exit 1', async () => {
    const { io, out } = real();
    expect(await run(['--events', EVENTS_FILE, '--query', 'process.name: (bash', '--language', 'kuery', '--json'], io)).toBe(1);
    const [line] = json(out);
    expect(line.matches).toEqual([]);
    expect(line.diagnostics).toEqual([expect.objectContaining({ severity: 'error', code: 'kql/syntax', line: 1, column: 15 })]);
  });

  it('--language overrides the rule: the KQL fixture read as EQL fails to parse', async () => {
    const { code, lines } = await evalRule('query', '--language', 'eql');
    expect(code).toBe(1);
    expect(lines[0].diagnostics[0]).toMatchObject({ severity: 'error', code: expect.stringMatching(/^eql\/syntax/) });
  });

  it('ES|QL is not supported yet: one line, exit 2', async () => {
    const { io, err } = captured({ 'ev.ndjson': '{}', 'esql.toml': '[rule]\nlanguage = "esql"\nquery = "FROM logs-*"\n' });
    expect(await run(['--events', 'ev.ndjson', '--query', 'FROM logs-*', '--language', 'esql'], io)).toBe(2);
    expect(await run(['--events', 'ev.ndjson', '--rule', 'esql.toml'], io)).toBe(2);
    expect(err).toEqual([
      'rule-studio eval: ES|QL is not supported yet; eval runs EQL and KQL',
      'rule-studio eval: ES|QL (the language of esql.toml) is not supported yet; eval runs EQL and KQL',
    ]);
  });

  it('a wrong --language or --now is a usage error', async () => {
    const { io, err } = captured({ 'ev.ndjson': '{}' });
    expect(await run(['--events', 'ev.ndjson', '--query', 'a', '--language', 'sql'], io)).toBe(2);
    expect(await run(['--events', 'ev.ndjson', '--query', 'a', '--language', 'kuery', '--now', 'yesterday'], io)).toBe(2);
    expect(err.map((e) => e.split('\n')[0])).toEqual([
      'rule-studio eval: --language must be one of eql, kuery, esql, found [sql]',
      'rule-studio eval: --now must be an ISO-8601 time, found [yesterday]',
    ]);
  });
});
