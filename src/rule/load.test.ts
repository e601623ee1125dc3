import { describe, expect, it } from 'vitest';
import { readFileSync, readdirSync, statSync } from 'node:fs';
import { join } from 'node:path';
import TOML from '@iarna/toml';
import fc from 'fast-check';
import { loadRule, locate } from './load.ts';
import { exportRule } from './write.ts';
import { lineColumnAt } from '../diagnostic.ts';
import type { LoadedRule, TomlTable, TomlValue } from './types.ts';
import { formatPath, type PathSegment } from './toml-path.ts';
import { sharedData } from '../../scripts/shared-data.ts';

const CORPUS = sharedData('rules-corpus', 'loading the rules corpus') ?? '';

function corpusFiles(dir = CORPUS, out: string[] = []): string[] {
  for (const name of readdirSync(dir).sort()) {
    const p = join(dir, name);
    if (statSync(p).isDirectory()) corpusFiles(p, out);
    else if (name.endsWith('.toml')) out.push(p);
  }
  return out;
}

/** Every leaf (scalar) of the data with its path. */
function leaves(value: TomlValue, path: PathSegment[], out: [string, TomlValue][]): void {
  if (Array.isArray(value)) value.forEach((v, i) => leaves(v, [...path, i], out));
  else if (value !== null && typeof value === 'object' && !(value instanceof Date)) {
    for (const [k, v] of Object.entries(value as TomlTable)) leaves(v, [...path, k], out);
  } else out.push([formatPath(path), value]);
}

describe('loadRule', () => {
  it('reports a TOML syntax error as a diagnostic at its position, without throwing', () => {
    const text = 'a = 1\nb = [1,\n c';
    const rule = loadRule(text, 'x.toml');
    expect(rule.data).toBeNull();
    expect(rule.diagnostics).toHaveLength(1);
    const d = rule.diagnostics[0];
    expect(d).toMatchObject({ severity: 'error', code: 'toml/syntax', source: 'toml' });
    expect(d.message).toMatch(/^TOML syntax error: Unexpected character/);
    expect(d.message).not.toMatch(/\n/);
    expect(lineColumnAt(text, d.range!.start)).toEqual({ line: 3, column: 2 });
  });

  it('reports a redefined key as a syntax error', () => {
    const rule = loadRule('[rule]\nname = "a"\nname = "b"\n');
    expect(rule.data).toBeNull();
    expect(rule.diagnostics[0].code).toBe('toml/syntax');
  });

  it('returns plain objects', () => {
    const rule = loadRule('[rule]\nname = "a"\n');
    expect(Object.getPrototypeOf(rule.data)).toBe(Object.prototype);
  });

  it('records spans for dotted keys, quoted keys, inline tables and arrays of tables', () => {
    const text = [
      '[rule]',
      'a.b = 1 # comment',
      '"$state" = { store = "appState", x = [1, {y = 2}] }',
      '[[rule.threat]]',
      'framework = "MITRE"',
      '[[rule.threat.technique]]',
      'id = "T1"',
      '[[rule.threat.technique]]',
      "id = '''T2'''",
      '[rule.threat.tactic]',
      'id = "TA1"',
      '[[rule.threat]]',
      '[rule.threat.tactic]',
      'id = """TA2"""',
      '',
    ].join('\n');
    const rule = loadRule(text);
    const slice = (p: string): string => {
      const s = rule.spans.get(p);
      if (!s) throw new Error(`no span for ${p}`);
      return text.slice(s.valueRange.start, s.valueRange.end);
    };
    expect(slice('rule.a.b')).toBe('1');
    expect(slice('rule."$state".store')).toBe('"appState"');
    expect(slice('rule."$state".x[1].y')).toBe('2');
    expect(slice('rule.threat[0].technique[1].id')).toBe("'''T2'''");
    expect(slice('rule.threat[0].tactic.id')).toBe('"TA1"');
    expect(slice('rule.threat[1].tactic.id')).toBe('"""TA2"""');
    expect(slice('rule.threat[1]')).toBe('[rule.threat.tactic]\nid = """TA2"""');
  });

  it('records a span that reparses to the value for every TOML value syntax', () => {
    const text = [
      'top = 1',
      '"quoted key" = "v"',
      "'literal key' = 'v'",
      '[ a . "b.c" ]  # header with spaces and a quoted dotted segment',
      'int = 1_000',
      'hex = 0x1F',
      'neg = -17',
      'flt = +1.5e3',
      'inf = inf',
      'yes = true',
      'date = 1979-05-27T07:32:00Z',
      'local = 1979-05-27',
      'ml = """',
      'one \\"""two\\""" "three"""',
      "lit = '''",
      "it's'''",
      'esc = "tab\\t quote\\" unicode\\u00e9 \\\\"',
      'nested = [[1, 2], ["a"], []]',
      'tables = [',
      '  { x = 1 }, # comment inside an array',
      '  { y = [ "z" ] },',
      ']',
      'inline = { p.q = 1, r = { s = "t" } }',
      '[[arr]]',
      'k = 1',
      '[[arr]]',
      '[arr.sub]',
      'k = 2',
      '',
    ].join('\n');
    const rule = loadRule(text);
    expect(rule.diagnostics).toEqual([]);
    const found: [string, TomlValue][] = [];
    leaves(rule.data!, [], found);
    expect(found.length).toBeGreaterThan(20);
    for (const [path, value] of found) {
      const span = rule.spans.get(path);
      expect(span, path).toBeDefined();
      const slice = text.slice(span!.valueRange.start, span!.valueRange.end);
      const back = (TOML.parse(`x = ${slice}`) as { x: unknown }).x;
      if (value instanceof Date) expect((back as Date).getTime(), path).toBe(value.getTime());
      else expect(back, path).toEqual(value);
    }
    expect(rule.spans.get('arr[1].sub.k')).toBeDefined();
    expect(rule.spans.get('a."b.c".ml')).toBeDefined();
  });

  it('handles CRLF line endings', () => {
    const text = "[rule]\r\nname = \"a\"\r\nquery = '''\r\nx\r\n'''\r\n[[rule.threat]]\r\nframework = \"F\"\r\n";
    const rule = loadRule(text);
    expect(rule.diagnostics).toEqual([]);
    const slice = (p: string): string => text.slice(rule.spans.get(p)!.valueRange.start, rule.spans.get(p)!.valueRange.end);
    expect(slice('rule.name')).toBe('"a"');
    expect(slice('rule.query')).toBe("'''\r\nx\r\n'''");
    expect(slice('rule.threat[0].framework')).toBe('"F"');
  });

  it('accepts comments in CRLF files (which @iarna/toml alone rejects)', () => {
    const rule = loadRule('# a comment\r\n[rule]\r\nname = "a" # another\r\n');
    expect(rule.diagnostics).toEqual([]);
    expect(rule.data).toEqual({ rule: { name: 'a' } });
    expect(rule.spans.get('rule.name')?.valueRange).toEqual({ start: 28, end: 31 });
  });

  it('never throws, whatever the text', () => {
    const seed = readFileSync(join(__dirname, '../../rules/linux/execution_python_tty_shell.toml'), 'utf8');
    fc.assert(
      fc.property(fc.string(), fc.nat(seed.length), fc.nat(40), (insert, at, cut) => {
        const text = seed.slice(0, at) + insert + seed.slice(at + cut);
        const rule = loadRule(text);
        expect(rule.data === null).toBe(rule.diagnostics.length > 0);
      }),
      { numRuns: 300 },
    );
    fc.assert(
      fc.property(fc.string(), (text) => void loadRule(text)),
      { numRuns: 300 },
    );
  });

  it('locates a missing key at its closest enclosing key', () => {
    const rule = loadRule('[rule]\nname = "a"\n');
    expect(locate(rule, 'rule.name')?.path).toBe('rule.name');
    expect(locate(rule, 'rule.threat[0].tactic.id')?.path).toBe('rule');
    expect(locate(rule, 'metadata.maturity')).toBeUndefined();
  });
});

describe.skipIf(!CORPUS)('corpus', () => {
  const files = CORPUS ? corpusFiles() : [];

  it('finds the whole corpus', () => {
    expect(files.length).toBe(2192);
  });

  it('loads every corpus rule with no diagnostics and a span for every value', () => {
    const t0 = performance.now();
    const rules: LoadedRule[] = files.map((f) => loadRule(readFileSync(f, 'utf8'), f));
    const ms = performance.now() - t0;
    console.log(`loaded ${rules.length} corpus rules in ${ms.toFixed(0)} ms`);
    const problems: string[] = [];
    let checked = 0;
    for (const rule of rules) {
      if (rule.diagnostics.length > 0 || !rule.data) {
        problems.push(`${rule.path}: ${rule.diagnostics.map((d) => d.message).join('; ')}`);
        continue;
      }
      const found: [string, TomlValue][] = [];
      leaves(rule.data, [], found);
      for (const [path, value] of found) {
        const span = rule.spans.get(path);
        if (!span) {
          problems.push(`${rule.path}: no span for ${path}`);
          continue;
        }
        // The value's text, parsed on its own, must give the same value back.
        const slice = rule.text.slice(span.valueRange.start, span.valueRange.end);
        let back: unknown;
        try {
          back = (TOML.parse(`x = ${slice}`) as { x: unknown }).x;
        } catch {
          back = Symbol('unparsable');
        }
        if (back !== value) problems.push(`${rule.path}: ${path} slices to ${JSON.stringify(slice).slice(0, 80)}`);
        checked++;
      }
    }
    console.log(`checked ${checked} value spans`);
    expect(problems.slice(0, 10)).toEqual([]);
    expect(problems.length).toBe(0);
  });

  it('exports every unchanged corpus rule byte for byte', () => {
    let identical = 0;
    for (const f of files) {
      const text = readFileSync(f, 'utf8');
      const out = exportRule(loadRule(text, f));
      if ('text' in out && out.text === text) identical++;
    }
    console.log(`unchanged export: ${identical}/${files.length} byte-identical`);
    expect(identical).toBe(files.length);
  });
});
