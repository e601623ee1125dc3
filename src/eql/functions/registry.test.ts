/**
 * The function registry is the one source of truth (issue 16): every consumer — checker,
 * completion, hover, signature help, evaluator — must agree with it, entry by entry, and no
 * other module may keep its own list of function names.
 */
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join, relative } from 'node:path';
import { describe, expect, it } from 'vitest';
import { checkQuery } from '../check/index.ts';
import { completionsAt, hoverAt, signatureHelpAt } from '../check/service.ts';
import { evaluate } from '../run/evaluate.ts';
import { EXAMPLE_EVENT, FUNCTIONS, arityRange, caseAwareNames, lookupFunction, signatureLabel } from './registry.ts';

const errorsOf = (text: string) => checkQuery(text).diagnostics.filter((d) => d.severity === 'error');

describe.each(FUNCTIONS.map((f) => [f.name, f] as const))('%s', (name, def) => {
  const { call, result } = def.example;
  const callName = call.slice(0, call.indexOf('('));

  it('its documented example checks clean and evaluates to the documented result', () => {
    const query = `any where ${call} == ${result}`;
    expect(lookupFunction(callName.replace(/~$/, ''))).toBe(def);
    expect(errorsOf(query)).toEqual([]);
    const r = evaluate(query, [EXAMPLE_EVENT]);
    expect(r.diagnostics).toEqual([]);
    expect(r.matches.length).toBe(1);
    // And the opposite comparison does not match: the result is really that value.
    expect(evaluate(`any where ${call} != ${result}`, [EXAMPLE_EVENT]).matches.length).toBe(0);
  });

  it('is completed (with ~ exactly when case-aware), hovered and given signature help', () => {
    const prefix = name.slice(0, 3);
    const text = `process where ${prefix}`;
    const labels = completionsAt(text, text.length)
      .filter((i) => i.kind === 'function')
      .map((i) => i.label);
    expect(labels).toContain(name);
    expect(labels.includes(`${name}~`)).toBe(def.caseAware);

    const q = `process where ${call} == ${result}`;
    const hover = hoverAt(q, 'process where '.length + 1);
    expect(hover?.markdown).toContain(signatureLabel(def));
    expect(hover?.markdown).toContain(call);

    const open = `process where ${callName}(`;
    const help = signatureHelpAt(open, open.length);
    expect(help?.signatures[0].label).toBe(signatureLabel(def));
    expect(help?.signatures[0].parameters.length).toBe(def.params.length);
  });

  it('checker and evaluator agree on the arity and on ~', () => {
    const { min, max } = arityRange(def);
    const args = (k: number) => Array.from({ length: k }, () => 'process.name').join(', ');
    const tooMany = max === Infinity ? null : `any where ${name}(${args(max + 1)}) == null`;
    const tooFew = min === 0 ? null : `any where ${name}(${args(min - 1)}) == null`;
    for (const q of [tooMany, tooFew]) {
      if (q === null) continue;
      expect(errorsOf(q).map((d) => d.code)).toContain('eql/function-arity');
      expect(evaluate(q, [EXAMPLE_EVENT]).diagnostics.map((d) => d.code)).toContain('eql/function-arity');
    }
    if (!def.caseAware) {
      const q = `any where ${name}~(${args(min)}) == null`;
      const checked = errorsOf(q).find((d) => d.code === 'eql/function-args');
      expect(checked?.message).toContain(caseAwareNames());
      expect(evaluate(q, [EXAMPLE_EVENT]).diagnostics.map((d) => d.code)).toContain('eql/function-insensitive');
    }
  });
});

describe('the registry is the only list of function names', () => {
  const root = join(import.meta.dirname, '..', '..');
  const registry = join(import.meta.dirname, 'registry.ts');
  // Names that are ordinary words elsewhere ('string', 'number', 'length', 'add') prove nothing.
  const distinctive = FUNCTIONS.map((f) => f.name).filter((n) => n.length >= 6 && !['string', 'number', 'length'].includes(n));

  function sources(dir: string): string[] {
    const out: string[] = [];
    for (const entry of readdirSync(dir)) {
      const p = join(dir, entry);
      if (statSync(p).isDirectory()) out.push(...sources(p));
      else if (/\.tsx?$/.test(entry) && !/\.test\.tsx?$/.test(entry)) out.push(p);
    }
    return out;
  }

  it('no product module other than the registry quotes three or more function names', () => {
    const offenders: string[] = [];
    for (const file of sources(root)) {
      if (file === registry) continue;
      const text = readFileSync(file, 'utf8');
      const quoted = distinctive.filter((n) => new RegExp(`['"\`]${n}['"\`]|\\b${n}(?:,| and)\\s`, 'i').test(text));
      if (quoted.length >= 3) offenders.push(`${relative(root, file)}: ${quoted.join(', ')}`);
    }
    expect(offenders).toEqual([]);
  });

  it('finds a list when there is one (the scan is not blind)', () => {
    const sample = "const names = ['between', 'cidrMatch', 'indexOf'];";
    expect(distinctive.filter((n) => new RegExp(`['"\`]${n}['"\`]`, 'i').test(sample)).length).toBe(3);
  });
});
