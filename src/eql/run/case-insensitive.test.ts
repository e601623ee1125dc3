/**
 * Case-insensitive operators end to end. Elasticsearch builds automata that fold each code point
 * (Lucene `Automata.makeCaseInsensitiveChar`, used by AutomatonQueries for `:`/`in~` term and
 * wildcard queries and by RegExp for `regex~`; Elasticsearch 9). Expectations: Elasticsearch's
 * AutomatonQueriesTests.testCaseInsensitiveCharHandlesSpecialUnicodeMappings (Kelvin sign, long s,
 * micro sign) and Lucene's CaseFolding table (σ/ς/Σ); `in~` never expands wildcards
 * (eql-semantics §5, test insensitiveIn*Verbatim*).
 */
import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { compileFoldSet, foldMatches } from '../regex/case-fold.ts';
import { evaluate } from './evaluate.ts';

const names = (q: string, values: string[]) => {
  const events = values.map((v, i) => ({ '@timestamp': i, event: { category: 'process' }, process: { name: v } }));
  const r = evaluate(q, events);
  expect(r.diagnostics.filter((d) => d.severity === 'error')).toEqual([]);
  return r.matches.map((m) => values[m.events[0] as number]);
};

const VALUES = ['ΣΙΣ', 'σις', 'σισ', 'KILL', '\u212aILL', 'ſsh', 'SSH', 'İd', 'id', 'ID', 'cmd*.exe', 'CMD1.EXE'];

describe('case-insensitive comparison folds per code point', () => {
  it(': without wildcards', () => {
    // toLowerCase would turn the final Σ of "ΣΙΣ" into ς and miss "σισ"; folding matches all three.
    expect(names('process where process.name : "σισ"', VALUES)).toEqual(['ΣΙΣ', 'σις', 'σισ']);
    expect(names('process where process.name : "kill"', VALUES)).toEqual(['KILL', '\u212aILL']);
    expect(names('process where process.name : "ssh"', VALUES)).toEqual(['ſsh', 'SSH']);
    // İ accepts i (Java's simple lower case of İ); i does not accept İ.
    expect(names('process where process.name : "id"', VALUES)).toEqual(['id', 'ID']);
    expect(names('process where process.name : "İd"', VALUES)).toEqual(['İd', 'id']);
  });

  it('in~ and not in~', () => {
    expect(names('process where process.name in~ ("σισ", "kill")', VALUES)).toEqual(['ΣΙΣ', 'σις', 'σισ', 'KILL', '\u212aILL']);
    expect(names('process where process.name in~ ("ssh")', VALUES)).toEqual(['ſsh', 'SSH']);
    expect(names('process where process.name in~ ("cmd*.exe")', VALUES)).toEqual(['cmd*.exe']);
    expect(names('process where process.name not in~ ("ssh", "id", "σισ", "kill", "cmd*.exe")', VALUES)).toEqual(['İd', 'CMD1.EXE']);
  });

  it('like~ and : with wildcards', () => {
    expect(names('process where process.name like~ "?ill"', VALUES)).toEqual(['KILL', '\u212aILL']);
    expect(names('process where process.name : "cmd*.exe"', VALUES)).toEqual(['cmd*.exe', 'CMD1.EXE']);
  });

  it('regex~', () => {
    expect(names('process where process.name regex~ """s+h"""', VALUES)).toEqual(['ſsh', 'SSH']);
    expect(names('process where process.name regex~ """σ.σ"""', VALUES)).toEqual(['ΣΙΣ', 'σις', 'σισ']);
  });

  it('the ~ functions lower-case whole strings, as Elasticsearch scripts do', () => {
    // Elasticsearch runs startsWith~/stringContains~ as scripts: StartsWithFunctionProcessor lower-cases
    // both strings with toLowerCase(Locale.ROOT), which (like JavaScript) makes a word-final Σ into ς.
    // (ExpressionTranslators turns only the case-sensitive startsWith on a field into a prefix query.)
    const values = ['ΟΔΟΣ ΑΒ', 'σις'];
    expect(names('process where stringContains~(process.name, "οδος")', values)).toEqual(['ΟΔΟΣ ΑΒ']);
    expect(names('process where stringContains~(process.name, "οδοσ")', values)).toEqual([]);
    expect(names('process where startsWith~(process.name, "ΣΙΣ")', values)).toEqual(['σις']);
  });

  it('compileFoldSet agrees with a per-code-point fold of every entry, whatever the lengths', () => {
    const word = (chars: string[], max: number) => fc.array(fc.constantFrom(...chars), { maxLength: max }).map((a) => a.join(''));
    const entry = word(['s', 'K', 'i', 'a'], 3);
    const value = word(['s', 'S', 'ſ', 'k', '\u212a', 'i', 'İ', 'ı', 'a', '😀'], 4);
    const foldEqual = (e: string, v: string) => {
      const a = Array.from(e);
      const b = Array.from(v);
      return a.length === b.length && a.every((ch, k) => foldMatches(ch.codePointAt(0)!, b[k].codePointAt(0)!));
    };
    fc.assert(
      fc.property(fc.array(entry, { minLength: 1, maxLength: 3 }), value, (entries, v) => {
        expect(compileFoldSet(entries)(v)).toBe(entries.some((e) => foldEqual(e, v)));
      }),
      { numRuns: 3000 },
    );
  });

  it('compileFoldSet agrees with its definition on ASCII, ſ, K and non-ASCII entries', () => {
    const inSet = compileFoldSet(['ssh', 'kill', 'Ω']);
    expect(['SSH', 'ſsh', 'sſh', '\u212aill', 'ω', '\u2126', 'sh', 'sshx'].map(inSet)).toEqual([true, true, true, true, true, true, false, false]);
  });
});
