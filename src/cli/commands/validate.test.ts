import { describe, expect, it } from 'vitest';
import { run } from './validate.ts';
import type { CliIO } from '../io.ts';

const GOOD = `[metadata]
creation_date = "2024/01/01"
updated_date = "2024/01/02"

[rule]
author = ["Me"]
description = "d"
language = "kuery"
name = "Some Rule"
query = "event.action: x"
risk_score = 21
rule_id = "0b1c2d3e-4f50-4a6b-8c7d-9e0f1a2b3c4d"
severity = "low"
type = "query"
`;
const BAD = GOOD.replace('risk_score = 21', 'risk_score = 150')
  .replace('Some Rule', 'Bad Rule')
  .replace('0b1c2d3e-4f50-4a6b-8c7d-9e0f1a2b3c4d', '1b1c2d3e-4f50-4a6b-8c7d-9e0f1a2b3c4d');

/** An in-memory CLI environment holding `files`; folders are path prefixes. */
function captured(files: Record<string, string>) {
  const lines: string[] = [];
  const errLines: string[] = [];
  const io: CliIO = {
    out: (t) => void lines.push(t),
    err: (t) => void errLines.push(t),
    readFile: (p) => {
      if (!(p in files)) throw Object.assign(new Error(`ENOENT ${p}`), { code: 'ENOENT' });
      return files[p];
    },
    writeFile: () => {},
    listFiles: (paths, ext) =>
      paths.flatMap((p) => {
        const found = Object.keys(files).filter((f) => f === p || f.startsWith(p.replace(/\/?$/, '/')));
        if (found.length === 0) throw new Error(`ENOENT ${p}`);
        return found.filter((f) => f.endsWith(ext)).sort();
      }),
  };
  return { io, lines, errLines };
}

describe('rule-studio validate', () => {
  it('exits 0 and prints nothing for a valid rule', async () => {
    const { io, lines } = captured({ 'r/good.toml': GOOD });
    expect(await run(['r'], io)).toBe(0);
    expect(lines).toEqual([]);
  });

  it('prints file:line:col severity code message and exits 1 on an error', async () => {
    const { io, lines } = captured({ 'r/good.toml': GOOD, 'r/bad.toml': BAD });
    expect(await run(['r'], io)).toBe(1);
    expect(lines).toEqual([
      'r/bad.toml:11:14 error rule/load/range `rule.risk_score` is 150 but must be between 0 and 100; change it to a value in that range.',
      expect.stringMatching(/^r\/bad\.toml:11:14 error rule\/repo\/risk-severity /),
    ]);
  });

  it('--json lists every file with line and column on located diagnostics', async () => {
    const { io, lines } = captured({ 'r/bad.toml': BAD, 'r/good.toml': GOOD });
    expect(await run(['r', '--json'], io)).toBe(1);
    const out = JSON.parse(lines.join(''));
    expect(out.files.map((f: { path: string }) => f.path)).toEqual(['r/bad.toml', 'r/good.toml']);
    expect(out.files[0].diagnostics[0]).toMatchObject({ code: 'rule/load/range', path: 'rule.risk_score', line: 11, column: 14, source: 'schema' });
    expect(out.files[1].diagnostics).toEqual([]);
  });

  it('reports TOML syntax errors', async () => {
    const { io, lines } = captured({ 'x.toml': '[rule\n' });
    expect(await run(['x.toml'], io)).toBe(1);
    expect(lines[0]).toMatch(/^x\.toml:\d+:\d+ error toml\//);
  });

  it('warnings alone do not fail', async () => {
    const { io, lines } = captured({ 'w.toml': GOOD.replace('updated_date = "2024/01/02"', 'updated_date = "2999/01/01"') });
    expect(await run(['w.toml'], io)).toBe(0);
    expect(lines).toEqual([expect.stringMatching(/warning rule\/repo\/date-in-future/)]);
  });

  it('the summary counts information items next to errors and warnings', async () => {
    const leading = GOOD.replace('language = "kuery"', 'language = "eql"')
      .replace('query = "event.action: x"', `query = '''\nprocess where process.name : "*cmd.exe"\n'''`)
      .replace('type = "query"', 'type = "eql"');
    const { io, lines, errLines } = captured({ 'i.toml': leading });
    expect(await run(['i.toml'], io)).toBe(0);
    expect(lines).toEqual([expect.stringMatching(/ info rule\/query\/lint\/leading-wildcard /)]);
    expect(errLines.at(-1)).toBe('1 file checked: 0 errors, 0 warnings, 1 info');
  });

  it('a missing path fails and a missing argument is a usage error', async () => {
    const { io, errLines } = captured({});
    expect(await run(['nope'], io)).toBe(1);
    expect(errLines[0]).toMatch(/cannot read nope/);
    expect(await run([], io)).toBe(2);
    expect(await run(['x', '--bogus'], io)).toBe(2);
  });
});

describe('rule-studio validate across files', () => {
  it('reports a rule_id or name used by two files, on both', async () => {
    const copy = GOOD.replace('name = "Some Rule"', 'name = "Other Rule"');
    const { io, lines } = captured({ 'a.toml': GOOD, 'b.toml': copy });
    expect(await run(['a.toml', 'b.toml'], io)).toBe(1);
    expect(lines).toEqual([
      expect.stringMatching(/^a\.toml:12:11 error rule\/repo\/duplicate-rule-id rule_id "0b1c2d3e-.*" is also used by b\.toml; give one of them a new UUID\.$/),
      expect.stringMatching(/^b\.toml:12:11 error rule\/repo\/duplicate-rule-id .* is also used by a\.toml/),
    ]);
  });
});

describe('rule-studio validate: one bad file never stops the others', () => {
  const OTHER = GOOD.replace('Some Rule', 'Other Rule').replace('0b1c2d3e-4f50-4a6b-8c7d-9e0f1a2b3c4d', '2b1c2d3e-4f50-4a6b-8c7d-9e0f1a2b3c4d');
  // A valid rule holding a value nested 3,000 deep (6 KB of brackets).
  const DEEP = OTHER.replace('[rule]\n', `[rule]\nx = ${'['.repeat(3000)}${']'.repeat(3000)}\n`);

  it('reports a 3,000-deep value in one line for that file and still validates the rest', async () => {
    const { io, lines } = captured({ 'r/a_deep.toml': DEEP, 'r/b_bad.toml': BAD, 'r/c_good.toml': GOOD });
    expect(await run(['r'], io)).toBe(1);
    const deep = lines.filter((l) => l.startsWith('r/a_deep.toml'));
    expect(deep).toHaveLength(1);
    expect(deep[0]).toMatch(/^r\/a_deep\.toml(:\d+:\d+)? error \S+ .*(nested|deep)/i);
    expect(deep[0]).not.toMatch(/\n| {4}at /);
    // The files after it were validated: the bad one's errors are there, the good one is clean.
    expect(lines.filter((l) => l.startsWith('r/b_bad.toml:11:14 error rule/load/range'))).toHaveLength(1);
    expect(lines.filter((l) => l.startsWith('r/c_good.toml'))).toEqual([]);
  });

  it('a file that cannot be read, or whose processing throws, is one error for that file', async () => {
    const { io, lines } = captured({ 'r/a.toml': GOOD, 'r/b.toml': OTHER, 'r/c.toml': BAD });
    const readFile = io.readFile;
    io.readFile = (p) => {
      if (p === 'r/a.toml') throw Object.assign(new Error('EACCES: permission denied'), { code: 'EACCES' });
      // A string whose methods throw: an exception from inside the validator, whatever its cause.
      if (p === 'r/b.toml')
        return new Proxy(new String(OTHER), {
          get: () => {
            throw new TypeError('boom');
          },
        }) as unknown as string;
      return readFile(p);
    };
    expect(await run(['r', '--json'], io)).toBe(1);
    const out = JSON.parse(lines.join(''));
    expect(out.files.map((f: { path: string }) => f.path)).toEqual(['r/a.toml', 'r/b.toml', 'r/c.toml']);
    expect(out.files[0].diagnostics).toEqual([expect.objectContaining({ severity: 'error', code: 'cli/read', message: 'The file cannot be read (EACCES).' })]);
    expect(out.files[1].diagnostics).toEqual([expect.objectContaining({ severity: 'error', code: 'cli/file-failed' })]);
    expect(out.files[2].diagnostics[0]).toMatchObject({ code: 'rule/load/range', line: 11 });
  });
});

describe('rule-studio validate: test sidecars', () => {
  it('reports a broken sidecar under its own path, on one line', async () => {
    const { io, lines } = captured({ 'r/x.toml': GOOD, 'r/x.tests.json': '{\n  "cases": [ }\n' });
    expect(await run(['r'], io)).toBe(1);
    expect(lines).toEqual([expect.stringMatching(/^r\/x\.tests\.json error rule\/tests The test file is not valid JSON: [^\n]*$/)]);
  });

  it('reports a bad case at its path; a valid sidecar adds nothing', async () => {
    const tests = JSON.stringify({
      cases: [
        { name: 'ok', events: [], expect: [] },
        { name: 'bad', events: [], expect: 'all' },
      ],
    });
    const { io, lines } = captured({ 'r/x.toml': GOOD, 'r/x.tests.json': tests });
    expect(await run(['r'], io)).toBe(1);
    expect(lines).toEqual([expect.stringMatching(/^r\/x\.tests\.json error rule\/tests Test "bad": "expect" must be/)]);
    const valid = captured({ 'r/x.toml': GOOD, 'r/x.tests.json': JSON.stringify({ cases: [{ name: 'ok', events: [], expect: [] }] }) });
    expect(await run(['r'], valid.io)).toBe(0);
    expect(valid.lines).toEqual([]);
  });
});

describe('rule-studio validate: KQL queries', () => {
  // The KQL service's diagnostics (src/kql/service/check.ts), placed in the file: query is on line 10.
  it('a KQL syntax error is reported at its place in the file', async () => {
    const { io, lines } = captured({ 'r/kql.toml': GOOD.replace('event.action: x', 'event.action: (x') });
    expect(await run(['r'], io)).toBe(1);
    expect(lines).toEqual(['r/kql.toml:10:24 error rule/query/kql/syntax This [(] is not closed: expected [)] before the end of the query.']);
  });

  it('an unknown field gets a did-you-mean', async () => {
    const { io, lines } = captured({ 'r/kql.toml': GOOD.replace('event.action: x', 'event.actoin: x') });
    await run(['r'], io);
    expect(lines).toEqual([expect.stringMatching(/^r\/kql\.toml:10:10 \w+ rule\/query\/kql\/unknown-field .*event\.action/)]);
  });

  it('query_schema_validation = false keeps the syntax check only', async () => {
    const off = (q: string) => GOOD.replace('[rule]', 'query_schema_validation = false\n\n[rule]').replace('event.action: x', q);
    const { io, lines } = captured({
      'r/a.toml': off('event.actoin: x'),
      'r/b.toml': off('event.action: (x').replace('Some Rule', 'Other Rule').replace('0b1c', '1b1c'),
    });
    await run(['r'], io);
    expect(lines).toEqual([expect.stringMatching(/^r\/b\.toml:\d+:\d+ error rule\/query\/kql\/syntax /)]);
  });

  it('a kuery threat_query is checked too', async () => {
    const rule = GOOD.replace('type = "query"', 'type = "query"\nthreat_language = "kuery"\nthreat_query = "threat.indicator.ip: ("');
    const { io, lines } = captured({ 'r/kql.toml': rule });
    await run(['r'], io);
    expect(lines.filter((l) => l.includes('rule/query/'))).toEqual([expect.stringMatching(/^r\/kql\.toml:16:38 error rule\/query\/kql\/syntax /)]);
  });
});
