/** Each syntax error: its code, its message, and the exact range it underlines. */
import { describe, expect, it } from 'vitest';
import type { Diagnostic } from '../../diagnostic.ts';
import { parseQuery } from './parser.ts';

/** The range of the `n`th occurrence (0-based) of `part` in `text`. */
function rangeOf(text: string, part: string, n = 0): { start: number; end: number } {
  let start = -1;
  for (let i = 0; i <= n; i++) start = text.indexOf(part, start + 1);
  if (start < 0) throw new Error(`${part} not in ${text}`);
  return { start, end: start + part.length };
}

/** Asserts exactly one diagnostic, with this code, underlining `part`, and returns it. */
function one(text: string, code: string, part: string, n = 0): Diagnostic {
  const { diagnostics } = parseQuery(text);
  expect(diagnostics.map((d) => [d.code, d.message])).toHaveLength(1);
  const d = diagnostics[0];
  expect(d.code).toBe(code);
  expect(d.severity).toBe('error');
  expect(d.source).toBe('eql');
  expect(d.range).toEqual(rangeOf(text, part, n));
  return d;
}

/** Applies a diagnostic's fix edits (non-overlapping) to the text. */
function applyFix(text: string, d: Diagnostic): string {
  const edits = [...(d.fix?.edits ?? [])].sort((a, b) => b.range.start - a.range.start);
  let out = text;
  for (const e of edits) out = out.slice(0, e.range.start) + e.text + out.slice(e.range.end);
  return out;
}

function fixedParsesClean(text: string, d: Diagnostic): string {
  const fixed = applyFix(text, d);
  expect(parseQuery(fixed).diagnostics).toEqual([]);
  return fixed;
}

describe('operators', () => {
  it('= suggests == and fixes it', () => {
    const q = 'process where a = 1';
    const d = one(q, 'eql/syntax-assign', '=');
    expect(d.message).toMatch(/use == to compare/i);
    expect(fixedParsesClean(q, d)).toBe('process where a == 1');
  });
  it('comparisons do not chain', () => {
    one('a where x < y < z', 'eql/syntax-chained-comparison', '<', 1);
  });
  it('the right side of : must be a literal', () => {
    const d = one('a where x : y', 'eql/syntax-match-literal', 'y');
    expect(d.message).toBe('The right side of [:] must be a literal (string, number, boolean or null), not the field [y].');
  });
  it('the right side of like must be a literal, also inside a list', () => {
    one('a where x like ("a", f(y))', 'eql/syntax-match-literal', 'f(y)');
    one('a where x regex~ b.c', 'eql/syntax-match-literal', 'b.c');
  });
  it('x not like … suggests not x like …, with a fix', () => {
    const q = 'a where x not like "a*"';
    const d = one(q, 'eql/syntax-not-position', 'not like');
    expect(d.message).toBe('[x not like …] is not valid EQL; write [not x like …].');
    expect(fixedParsesClean(q, d)).toBe('a where not x like "a*"');
  });
  it('the not-like fix puts not before a parenthesized operand', () => {
    const q = 'a where (x) not like "a*"';
    expect(fixedParsesClean(q, one(q, 'eql/syntax-not-position', 'not like'))).toBe('a where not (x) like "a*"');
  });
  it('x not : … is reported the same way', () => {
    one('a where x not : "a"', 'eql/syntax-not-position', 'not :');
  });
  it('&& and || and ! are replaced by and, or, not', () => {
    const d1 = one('a where x && y', 'eql/syntax', '&&');
    expect(fixedParsesClean('a where x && y', d1)).toBe('a where x and y');
    const d2 = one('a where x || y', 'eql/syntax', '||');
    expect(fixedParsesClean('a where x || y', d2)).toBe('a where x or y');
    const d3 = one('a where !x', 'eql/syntax', '!');
    expect(fixedParsesClean('a where !x', d3)).toBe('a where not x');
  });
  it('an empty in list is an error', () => {
    one('a where x in ()', 'eql/syntax', ')');
  });
});

describe('strings', () => {
  it('single quotes suggest double quotes and fix when safe', () => {
    const q = "a where x == 'abc'";
    const d = one(q, 'eql/syntax-single-quote', "'abc'");
    expect(d.message).toBe('Use double quotes ["] to define string literals, not single quotes [\'].');
    expect(fixedParsesClean(q, d)).toBe('a where x == "abc"');
  });
  it('no fix for a single-quoted string that holds a double quote', () => {
    expect(one(`a where x == 'a"b'`, 'eql/syntax-single-quote', `'a"b'`).fix).toBeUndefined();
  });
  it('?"…" suggests a raw string', () => {
    const q = 'a where x == ?"C:\\x"';
    const d = one(q, 'eql/syntax-single-quote', '?"C:\\x"');
    expect(d.message).toMatch(/triple double quotes/);
    expect(fixedParsesClean(q, d)).toBe('a where x == """C:\\x"""');
  });
  it('an invalid escape underlines just the escape', () => {
    const d = one('a where x == "C:\\Windows"', 'eql/syntax-escape', '\\W');
    expect(d.message).toMatch(/raw string/);
  });
  it('a bad unicode escape is reported', () => {
    one('a where x == "\\u{1}"', 'eql/syntax-escape', '\\u{1}');
    one('a where x == "\\u{110000}"', 'eql/syntax-escape', '\\u{110000}');
  });
  it('an unterminated string runs to the end of its line', () => {
    one('a where x == "abc\n', 'eql/syntax', '"abc');
  });
  it('an unterminated raw string is reported', () => {
    one('a where x == """abc', 'eql/syntax', '"""abc');
  });
  it('an unterminated comment is reported', () => {
    one('a where true /* x /* y */', 'eql/syntax', '/* x /* y */');
  });
  it('an unterminated backquoted field is reported', () => {
    one('a where `abc', 'eql/syntax', '`abc');
  });
  it('a non-breaking space is named, with a fix', () => {
    const q = 'a where x ==\u00a01';
    const d = one(q, 'eql/syntax', '\u00a0');
    expect(d.message).toBe('Unexpected space character [U+00A0]; use a plain space.');
    expect(fixedParsesClean(q, d)).toBe('a where x == 1');
  });
  it('a non-ASCII letter in a name suggests backquotes, with a fix', () => {
    const q = 'a where n\u00e4me == 1';
    expect(fixedParsesClean(q, one(q, 'eql/syntax', '\u00e4'))).toBe('a where `n\u00e4me` == 1');
    expect(parseQuery(q).diagnostics[0].message).toBe(
      'Unexpected character [\u00e4]; names with characters other than ASCII letters, digits and _ must be backquoted, e.g. `n\u00e4me`.',
    );
  });
  it('a stray character is reported once for the run', () => {
    one('a where x == 1 ##', 'eql/syntax', '##');
  });
});

describe('fields', () => {
  it('array indexes are not supported', () => {
    const d = one('a where x.y[0] == 1', 'eql/syntax-unsupported', '[0]');
    expect(d.message).toBe('Array indexes such as [x.y[0]] are not supported by Elasticsearch.');
  });
  it('a reserved word in a path must be backquoted', () => {
    const q = 'a where event.sequence == 1';
    const d = one(q, 'eql/syntax-reserved', 'sequence');
    expect(fixedParsesClean(q, d)).toBe('a where event.`sequence` == 1');
  });
  it('a name~ must be a call', () => {
    one('a where x~ == 1', 'eql/syntax', 'x~');
  });
});

describe('queries', () => {
  it('an empty query asks for a query', () => {
    const d = parseQuery('').diagnostics;
    expect(d).toHaveLength(1);
    expect(d[0]).toMatchObject({ code: 'eql/syntax', range: { start: 0, end: 0 } });
  });
  it('a missing where names the category', () => {
    const d = one('process name == 1', 'eql/syntax', 'name');
    expect(d.message).toBe('Expected [where] after the event category [process] but found [name].');
  });
  it('leftover tokens after a condition are reported once', () => {
    one('a where x == 1 y == 2', 'eql/syntax', 'y');
  });
  it('join is not supported', () => {
    one('join by a [x where true] [y where true]', 'eql/syntax-unsupported', 'join');
  });
  it('descendant of, child of, event of are not supported', () => {
    for (const rel of ['descendant', 'child', 'event']) {
      const d = one(`a where ${rel} of [b where true]`, 'eql/syntax-unsupported', `${rel} of`);
      expect(d.message).toBe(`[${rel} of] is not supported by Elasticsearch.`);
    }
  });
  it('fork is not supported', () => {
    one('sequence [a where true] fork [b where true]', 'eql/syntax-unsupported', 'fork');
  });
  it('too deep nesting is one diagnostic', () => {
    const q = 'a where ' + '('.repeat(300) + 'x' + ')'.repeat(300);
    const d = one(q, 'eql/syntax-too-deep', '(', 200);
    expect(d.message).toMatch(/nested too deeply/);
  });
});

describe('sequences', () => {
  it('one stage is not a sequence', () => {
    const d = one('sequence [a where true]', 'eql/syntax-sequence-stages', 'sequence');
    expect(d.message).toBe('A sequence requires a minimum of 2 queries, found [1].');
  });
  it('by must come before with', () => {
    const d = one('sequence with maxspan=1m by a [x where true] [y where true]', 'eql/syntax-by-after-with', 'by a');
    expect(d.message).toBe('Please specify sequence [by] before [with] not after.');
  });
  it('a decimal maxspan suggests whole milliseconds, with a fix', () => {
    const q = 'sequence with maxspan=1.5s [x where true] [y where true]';
    const d = one(q, 'eql/syntax-maxspan', '1.5s');
    expect(d.message).toBe('Decimal time interval [1.5s] is not supported; use an integer, e.g. 1500ms.');
    expect(fixedParsesClean(q, d)).toContain('maxspan=1500ms');
  });
  it('a decimal hour becomes minutes', () => {
    expect(one('sequence with maxspan=0.5h [x where true] [y where true]', 'eql/syntax-maxspan', '0.5h').message).toMatch(/e\.g\. 30m/);
  });
  it('a missing unit suggests seconds', () => {
    const d = one('sequence with maxspan=5 [x where true] [y where true]', 'eql/syntax-maxspan', '5');
    expect(d.message).toBe('No time unit specified, did you mean [s] as in [5s]?');
  });
  it('an unknown unit lists the units', () => {
    const d = one('sequence with maxspan=5w [x where true] [y where true]', 'eql/syntax-maxspan', 'w', 1);
    expect(d.message).toBe('Unrecognized time unit [w] in [5w], please specify one of [ms, s, m, h, d].');
  });
  it('maxspan 0 is rejected', () => {
    expect(one('sequence with maxspan=0s [x where true] [y where true]', 'eql/syntax-maxspan', '0s').message).toBe(
      'A positive maxspan value is required; found [0].',
    );
  });
  it('runs must be 1..100', () => {
    one('sequence [x where true] with runs=101 [y where true]', 'eql/syntax-runs', '101');
    one('sequence [x where true] with runs=0 [y where true]', 'eql/syntax-runs', '0');
    one('sequence [x where true] with runs=1.5 [y where true]', 'eql/syntax-runs', '1.5');
  });
  it('the only stage option is runs', () => {
    const d = one('sequence [x where true] with repeat=2 [y where true]', 'eql/syntax-runs', 'repeat');
    expect(d.message).toMatch(/only \[runs\]/);
  });
  it('maxspan on a stage points to the header', () => {
    one('sequence [x where true] with maxspan=5s [y where true]', 'eql/syntax-runs', 'maxspan=5s');
  });
  it('runs on the header points to the stages', () => {
    one('sequence with runs=2 [x where true] [y where true]', 'eql/syntax-runs', 'runs=2');
  });
  it('missing events need maxspan', () => {
    one('sequence [x where true] ![y where true]', 'eql/syntax-missing-events', '![');
  });
  it('a bad maxspan is not also reported as a missing one', () => {
    one('sequence with maxspan=1.5s [x where true] ![y where true]', 'eql/syntax-maxspan', '1.5s');
  });
  it('a sequence of only missing events is rejected', () => {
    one('sequence with maxspan=1s ![x where true] ![y where true]', 'eql/syntax-missing-events', 'sequence');
  });
  it('join keys must be fields', () => {
    one('sequence by length(a) [x where true] [y where true]', 'eql/syntax-join-key', 'length(a)');
  });
  it('a stage missing its ] recovers at the next stage', () => {
    const { diagnostics, ast } = parseQuery('sequence [x where a b] [y where true]');
    expect(diagnostics).toHaveLength(1);
    expect(diagnostics[0].range).toEqual({ start: 20, end: 21 });
    expect(ast.query).toMatchObject({ kind: 'sequence', stages: [{}, { filter: { category: 'y' } }] });
  });
});

describe('samples', () => {
  it('rejects missing events, runs and until', () => {
    one('sample by a ![x where true] [y where true]', 'eql/syntax', '![');
    one('sample by a [x where true] with runs=2 [y where true]', 'eql/syntax', 'with runs=2');
    one('sample by a [x where true] [y where true] until [z where true]', 'eql/syntax', 'until [z where true]');
  });
  it('rejects pipes', () => {
    const d = one('sample by a [x where true] [y where true] | head 1', 'eql/syntax-unsupported', '| head 1');
    expect(d.message).toBe('Pipes are not supported after [sample].');
  });
});

describe('pipes', () => {
  it.each(['count', 'filter', 'sort', 'unique', 'unique_count'])('%s is not supported', (name) => {
    const d = one(`a where true | ${name} x`, 'eql/syntax-unsupported', name);
    expect(d.message).toBe(`Pipe [${name}] is not supported by Elasticsearch.`);
  });
  it('an unknown pipe suggests a similar one', () => {
    const q = 'a where true | haed 5';
    const d = one(q, 'eql/syntax-pipe', 'haed');
    expect(d.message).toBe('Unrecognized pipe [haed], did you mean [head]?');
    expect(d.fix).toBeUndefined(); // a guess, so no automatic fix
  });
  it('an unknown pipe with nothing similar', () => {
    expect(one('a where true | frobnicate', 'eql/syntax-pipe', 'frobnicate').message).toBe('Unrecognized pipe [frobnicate].');
  });
  it('head needs exactly one argument', () => {
    expect(one('a where true | head', 'eql/syntax-pipe', 'head').message).toBe('Pipe [head] expects exactly one argument but found [0].');
    one('a where true | tail 1, 2', 'eql/syntax-pipe', '1, 2');
  });
  it('head needs a non-negative integer', () => {
    expect(one('a where true | tail -1', 'eql/syntax-pipe', '-1').message).toBe('Pipe [tail] expects a positive integer but found [-1].');
    one('a where true | head x', 'eql/syntax-pipe', 'x');
    one('a where true | head 1.5', 'eql/syntax-pipe', '1.5');
  });
  it('a pipe needs a name', () => {
    one('a where true | 5', 'eql/syntax', '5');
  });
});

describe('recovery', () => {
  it('never throws and always returns a statement', () => {
    for (const q of [
      '[',
      ']',
      '|',
      'sequence',
      'sample by',
      'a where (',
      'a where x in',
      'a where f(',
      'sequence [a where',
      '"',
      '`',
      '/*',
      '?',
      '![',
      'a where x : (',
    ]) {
      const r = parseQuery(q);
      expect(r.ast.kind).toBe('statement');
      expect(r.diagnostics.length).toBeGreaterThan(0);
    }
  });
  it('reports one error for one mistake, not its echoes', () => {
    // Missing left and right operands: one mistake (the condition is missing), one error.
    expect(parseQuery('a where ==').diagnostics.map((d) => d.message)).toEqual(['Expected an expression but found [==].']);
  });
});

describe('one mistake, one error', () => {
  it('a stray token between stages is reported at the token, not as a missing stage', () => {
    const q = 'sequence [process where true] by user.name x [process where true]';
    const d = one(q, 'eql/syntax', 'x');
    expect(d.message).toBe('Unexpected [x]; expected a query in brackets, [until], [|] or the end of the query.');
    expect(parseQuery(q).ast.query).toMatchObject({ kind: 'sequence', stages: [{ by: [{ name: 'user.name' }] }, {}] });
  });
  it('a stray token before the first stage or between sample stages', () => {
    one('sequence by host.id zz [a where true] [b where true]', 'eql/syntax', 'zz');
    const d = one('sample by host.id [a where true] zz [b where true]', 'eql/syntax', 'zz');
    expect(d.message).toBe('Unexpected [zz]; expected a query in brackets or the end of the query.');
  });
  it('a broken stage does not also count as a missing one', () => {
    one('sequence [a where x ==] [b where true]', 'eql/syntax', ']');
    one('sequence with maxspan=1m [a where x ==] ![b where true]', 'eql/syntax', ']');
  });
  it('the echoes of a misspelled where are not reported', () => {
    const d = one('process whre host.os.type == "linux" and event.type == "start"', 'eql/syntax', 'whre');
    expect(d.message).toBe('Expected [where] after the event category [process] but found [whre].');
  });
  it('a character that splits a name is the one error', () => {
    one('process where (p&rocess.name : "a" or b == 1)', 'eql/syntax', '&');
    one('process where (process.!name : "a" or b == 1)', 'eql/syntax', '!');
  });
  it('a deleted quote is one error, however the rest of the line reads', () => {
    one('process where process.name : (net.exe", "net1.exe") and not process.parent.name : ("a", "b")', 'eql/syntax-match-literal', 'net.exe');
    one('process where process.name : ("net.exe", "net1.exe) and\n not process.parent.name : "a"', 'eql/syntax', '"net1.exe) and');
    // Found by the corpus mutation property: the re-paired quotes make `?"…"` and an unterminated string.
    one('any where registry.value : (Remcos", "Rmc-??????", "licence") and registry.path : "x"', 'eql/syntax-match-literal', 'Remcos');
    one('file where a: "people_with_link\\ and b == "" and\n c: ("x", "y")', 'eql/syntax-escape', '\\ ');
    one('network where (\n"  a like~ "*require(\'fs\')*" or\n  a like~ "x"\n)', 'eql/syntax-single-quote', "'fs'");
  });
  it('a ] typed inside a stage condition does not end the error there', () => {
    one('sequence [a where not (\n ].ip == null or b == 1)] [b where true]', 'eql/syntax', ']');
  });
  it('until before the first stage is a stray token; the stages after it are still read', () => {
    one('sequence until [a where true] [b where true] until [c where true]', 'eql/syntax', 'until');
  });
  it('until between stages is one error, at the word', () => {
    const q = 'sequence [a where true] until [b where true] [c where true] until [d where true]';
    expect(one(q, 'eql/syntax', 'until').message).toBe('[until] must come after the last query of the sequence.');
    expect(parseQuery(q).ast.query).toMatchObject({ kind: 'sequence', stages: [{}, {}, {}], until: { filter: { category: 'd' } } });
    one('sample by x [a where true] until [b where true] [c where true]', 'eql/syntax', 'until [b where true]');
  });
  it('a doubled pipe is one error', () => {
    one('a where true || tail 3', 'eql/syntax', '||');
  });
  it('a name with a non-ASCII letter is not also a missing keyword', () => {
    one('ésequence by host.id [a where true] [b where true]', 'eql/syntax', 'é');
  });
  it('a sequence written as a sample is one error, however many sequence-only parts it has', () => {
    // Found by the mutation property: `sequence` replaced by `sample`.
    one(
      'sample by host.id with maxspan=5m\n  [process where true] by a\n  ![file where true] with runs=2\nuntil [process where true]',
      'eql/syntax',
      'with maxspan=5m',
    );
  });
  it('a self-contained lexical error takes the parse error at the next token as its echo', () => {
    // The closing quote became a backslash: the string now ends at the next string's opening quote.
    one('a where x in ("a", "b\\, "c") and y == 1', 'eql/syntax-escape', '\\,');
    one('a where not ?"x".parent == 1', 'eql/syntax-single-quote', '?"x"');
  });
  it('independent mistakes in separate stages are each reported', () => {
    const q = 'sequence [a where x ==] [b where y ==] [c where ==]';
    const { diagnostics } = parseQuery(q);
    expect(diagnostics.map((d) => `${q.slice(d.range!.start, d.range!.end)}@${d.range!.start}`)).toEqual([']@22', ']@37', '==@48']);
  });
  it('self-contained mistakes are all reported, each with its fix', () => {
    const { diagnostics } = parseQuery("a where x == 'a' and y == 'b' and z : \"\\q\"");
    expect(diagnostics.map((d) => d.code)).toEqual(['eql/syntax-single-quote', 'eql/syntax-single-quote', 'eql/syntax-escape']);
  });
});

describe('less common messages', () => {
  it('a sequence needs stages in brackets', () => {
    expect(one('sequence process where true', 'eql/syntax', 'process').message).toBe(
      'Expected a query in brackets, e.g. [process where true], but found [process].',
    );
  });
  it('a sample needs stages in brackets', () => {
    const { diagnostics } = parseQuery('sample by a');
    expect(diagnostics).toMatchObject([{ code: 'eql/syntax-sample-stages', range: { start: 11, end: 11 } }]);
  });
  it('`sample sequence …` is one stray keyword: the sequence after it is not checked as a sample', () => {
    const { diagnostics } = parseQuery('sample sequence by a with maxspan=1s [x where true] with runs=2 [y where true]');
    expect(diagnostics).toMatchObject([{ code: 'eql/syntax-sample-stages', range: { start: 7, end: 15 } }]);
  });
  it('until cannot be a missing event', () => {
    one('sequence with maxspan=1s [a where true] [b where true] until ![c where true]', 'eql/syntax', '![');
  });
  it('with on a sequence takes maxspan', () => {
    one('sequence with span=5s [a where true] [b where true]', 'eql/syntax', 'span');
  });
  it('maxspan needs a number', () => {
    one('sequence with maxspan=five [a where true] [b where true]', 'eql/syntax-maxspan', 'five');
    one('sequence with maxspan=1.5 [a where true] [b where true]', 'eql/syntax-maxspan', '1.5');
  });
  it('? goes before the whole field name', () => {
    one('a where process.?pid == 1', 'eql/syntax', '?');
  });
  it('leftovers after a sequence are reported once', () => {
    one('sequence [a where true] [b where true] zz', 'eql/syntax', 'zz');
  });
  it('stops after 100 diagnostics and says so', () => {
    const { diagnostics } = parseQuery('a where ' + Array(300).fill("x == 'a'").join(' and '));
    expect(diagnostics).toHaveLength(101);
    expect(diagnostics.some((d) => d.message === 'Too many syntax errors; stopped reporting.')).toBe(true);
  });
});

describe('message table', () => {
  it('gives every message a code under eql/syntax and a sentence', async () => {
    const { Messages } = await import('./messages.ts');
    for (const def of Object.values(Messages)) {
      expect(def.code).toMatch(/^eql\/syntax(-[a-z-]+)?$/);
      expect(def.text).toMatch(/^[A-Z[].*[.?]$/);
    }
  });
});
