/**
 * Lucene regular expressions compiled to a DFA by Brzozowski derivatives. Terms are hash-consed
 * and kept in a normal form (unions and intersections flattened, sorted and deduplicated,
 * concatenations right-nested), so a pattern has finitely many derivatives; complement and
 * intersection are plain term constructors. The DFA is built whole at compile time under a state
 * budget, as Lucene determinizes a regexp query when it is built (TooComplexToDeterminizeException
 * past its work limit), so matching is one table step per code point and never backtracks.
 */
import { caseVariants } from './case-fold.ts';
import { complementRanges, MAX_CODE_POINT, normalizeRanges, type RegexAst } from './lucene-parser.ts';

/** Lucene's `Operations.DEFAULT_DETERMINIZE_WORK_LIMIT` is 10,000; we count DFA states. */
export const DFA_STATE_BUDGET = 10_000;
const TERM_BUDGET = 400_000;

export class TooComplexError extends Error {}

const EMPTY = 0,
  EPS = 1,
  SET = 2,
  CAT = 3,
  STAR = 4,
  OR = 5,
  AND = 6,
  NOT = 7;

interface Term {
  id: number;
  kind: number;
  ranges?: number[];
  a?: Term;
  b?: Term;
  items?: Term[];
  nullable: boolean;
  bounds?: number[];
}

/** Term operations allowed per pattern: bounds the time a hostile pattern can take to compile. */
const WORK_BUDGET = 5_000_000;

class Terms {
  private readonly table = new Map<string, Term>();
  private count = 0;
  private work = 0;

  /** Counts `n` units of work; past the budget the pattern is too complex, as in Lucene. */
  spend(n: number): void {
    this.work += n;
    if (this.work > WORK_BUDGET) throw new TooComplexError('building its automaton takes too much work');
  }
  readonly empty = this.make(EMPTY, 'E', {}, false);
  readonly eps = this.make(EPS, 'e', {}, true);
  readonly anyString: Term;

  constructor() {
    this.anyString = this.not(this.empty);
  }

  private make(kind: number, key: string, parts: Partial<Term>, nullable: boolean): Term {
    let t = this.table.get(key);
    if (t) return t;
    if (++this.count > TERM_BUDGET) throw new TooComplexError('the pattern expands to too many terms');
    t = { id: this.count, kind, nullable, ...parts };
    this.table.set(key, t);
    return t;
  }

  set(ranges: number[]): Term {
    if (ranges.length === 0) return this.empty;
    return this.make(SET, 's' + ranges.join(','), { ranges }, false);
  }

  cat(a: Term, b: Term): Term {
    if (a.kind === EMPTY || b.kind === EMPTY) return this.empty;
    if (a.kind === EPS) return b;
    if (b.kind === EPS) return a;
    if (a.kind === CAT) return this.cat(a.a!, this.cat(a.b!, b));
    return this.make(CAT, `c${a.id},${b.id}`, { a, b }, a.nullable && b.nullable);
  }

  catAll(items: Term[]): Term {
    let t = this.eps;
    for (let i = items.length - 1; i >= 0; i--) t = this.cat(items[i], t);
    return t;
  }

  star(a: Term): Term {
    if (a.kind === STAR) return a;
    if (a.kind === EMPTY || a.kind === EPS) return this.eps;
    return this.make(STAR, `*${a.id}`, { a }, true);
  }

  not(a: Term): Term {
    if (a.kind === NOT) return a.a!;
    return this.make(NOT, `!${a.id}`, { a }, !a.nullable);
  }

  or(items: Term[]): Term {
    const flat = new Map<number, Term>();
    const sets: number[] = [];
    for (const t of items) {
      this.spend(t.kind === OR ? t.items!.length : 1);
      for (const x of t.kind === OR ? t.items! : [t]) {
        if (x.kind === EMPTY) continue;
        if (x === this.anyString) return x;
        if (x.kind === SET)
          sets.push(...x.ranges!); // single characters merge into one class
        else flat.set(x.id, x);
      }
    }
    if (sets.length > 0) {
      const s = this.set(normalizeRanges(sets));
      flat.set(s.id, s);
    }
    const list = [...flat.values()].sort((x, y) => x.id - y.id);
    if (list.length === 0) return this.empty;
    if (list.length === 1) return list[0];
    return this.make(
      OR,
      '|' + list.map((x) => x.id).join(','),
      { items: list },
      list.some((x) => x.nullable),
    );
  }

  and(items: Term[]): Term {
    const flat = new Map<number, Term>();
    for (const t of items) {
      this.spend(t.kind === AND ? t.items!.length : 1);
      for (const x of t.kind === AND ? t.items! : [t]) {
        if (x.kind === EMPTY) return this.empty;
        if (x === this.anyString) continue;
        flat.set(x.id, x);
      }
    }
    const list = [...flat.values()].sort((x, y) => x.id - y.id);
    if (list.length === 0) return this.anyString;
    if (list.length === 1) return list[0];
    return this.make(
      AND,
      '&' + list.map((x) => x.id).join(','),
      { items: list },
      list.every((x) => x.nullable),
    );
  }

  /** Split points of the alphabet past which the derivative of `t` may change. */
  bounds(t: Term): number[] {
    if (t.bounds) return t.bounds;
    let out: number[];
    switch (t.kind) {
      case SET: {
        out = [];
        for (let i = 0; i < t.ranges!.length; i += 2) out.push(t.ranges![i], t.ranges![i + 1] + 1);
        break;
      }
      case CAT:
        out = t.a!.nullable ? merge(this.bounds(t.a!), this.bounds(t.b!)) : this.bounds(t.a!);
        break;
      case STAR:
      case NOT:
        out = this.bounds(t.a!);
        break;
      case OR:
      case AND:
        out = [];
        for (const x of t.items!) out = merge(out, this.bounds(x));
        break;
      default:
        out = [];
    }
    t.bounds = out;
    return out;
  }

  /** The derivative of `t` by code point `c` (memoized per state and interval in `memo`). */
  deriv(t: Term, c: number, memo: Map<number, Term>): Term {
    const hit = memo.get(t.id);
    if (hit) return hit;
    const out: Term[] = [];
    this.partials(t, c, memo, out, new Set());
    const r = this.or(out);
    memo.set(t.id, r);
    return r;
  }

  /**
   * Adds the derivative of `t` to `out` as a union of parts (Antimirov's partial derivatives), so a
   * chain of optional items does not rebuild a union per link: `seen` skips a term whose parts are
   * already in `out` (a union is idempotent), keeping one derivative linear in the term's size.
   */
  private partials(t: Term, c: number, memo: Map<number, Term>, out: Term[], seen: Set<number>): void {
    if (seen.has(t.id)) return;
    seen.add(t.id);
    this.spend(1);
    switch (t.kind) {
      case SET:
        if (inRanges(t.ranges!, c)) out.push(this.eps);
        return;
      case CAT: {
        const da = this.deriv(t.a!, c, memo);
        for (const x of da.kind === OR ? da.items! : [da]) if (x.kind !== EMPTY) out.push(this.cat(x, t.b!));
        if (t.a!.nullable) this.partials(t.b!, c, memo, out, seen);
        return;
      }
      case STAR: {
        const da = this.deriv(t.a!, c, memo);
        for (const x of da.kind === OR ? da.items! : [da]) if (x.kind !== EMPTY) out.push(this.cat(x, t));
        return;
      }
      case OR:
        for (const x of t.items!) this.partials(x, c, memo, out, seen);
        return;
      case AND:
        out.push(this.and(t.items!.map((x) => this.deriv(x, c, memo))));
        return;
      case NOT:
        out.push(this.not(this.deriv(t.a!, c, memo)));
        return;
    }
  }
}

function merge(a: number[], b: number[]): number[] {
  if (a.length === 0) return b;
  if (b.length === 0) return a;
  const out: number[] = [];
  let i = 0,
    j = 0;
  while (i < a.length || j < b.length) {
    const x = j >= b.length || (i < a.length && a[i] <= b[j]) ? a[i++] : b[j++];
    if (out.length === 0 || out[out.length - 1] !== x) out.push(x);
  }
  return out;
}

function inRanges(r: number[], c: number): boolean {
  for (let i = 0; i < r.length; i += 2) {
    if (c < r[i]) return false;
    if (c <= r[i + 1]) return true;
  }
  return false;
}

function foldedRanges(cps: readonly number[], ci: boolean): number[] {
  const r: number[] = [];
  for (const c of cps) for (const v of ci ? caseVariants(c) : [c]) r.push(v, v);
  return normalizeRanges(r);
}

const ANY = [0, MAX_CODE_POINT];

/** Decimal strings of exactly `width` digits (zero-padded) whose value is in [lo, hi]. */
function fixedWidth(T: Terms, lo: string, hi: string): Term {
  if (lo.length === 0) return T.eps;
  const digit = (a: number, b: number) => T.set([48 + a, 48 + b]);
  const a = lo.charCodeAt(0) - 48;
  const b = hi.charCodeAt(0) - 48;
  const restLo = lo.slice(1);
  const restHi = hi.slice(1);
  if (a === b) return T.cat(digit(a, a), fixedWidth(T, restLo, restHi));
  const nines = '9'.repeat(restLo.length);
  const zeros = '0'.repeat(restLo.length);
  const anyDigits = T.catAll(Array.from({ length: restLo.length }, () => digit(0, 9)));
  const parts = [T.cat(digit(a, a), fixedWidth(T, restLo, nines))];
  if (b - a > 1) parts.push(T.cat(digit(a + 1, b - 1), anyDigits));
  parts.push(T.cat(digit(b, b), fixedWidth(T, zeros, restHi)));
  return T.or(parts);
}

/** Lucene's `Automata.makeDecimalInterval`: fixed width when `digits` > 0, else any leading zeros. */
function interval(T: Terms, min: number, max: number, digits: number): Term {
  if (digits > 0) {
    const width = Math.max(digits, String(max).length);
    return fixedWidth(T, String(min).padStart(width, '0'), String(max).padStart(width, '0'));
  }
  const parts: Term[] = [];
  for (let len = String(min).length; len <= String(max).length; len++) {
    const lo = Math.max(min, len === 1 ? 0 : 10 ** (len - 1));
    const hi = Math.min(max, 10 ** len - 1);
    if (lo <= hi) parts.push(fixedWidth(T, String(lo), String(hi)));
  }
  return T.cat(T.star(T.set([48, 48])), T.or(parts));
}

/** Characters an expression spells out, a stand-in for Lucene's NFA state count. */
function astSize(n: RegexAst): number {
  switch (n.k) {
    case 'string':
      return Math.max(1, n.s.length);
    case 'union':
    case 'inter':
    case 'concat':
      return n.items.reduce((sum, x) => sum + astSize(x), 0);
    case 'repeat':
      return astSize(n.node) * Math.max(1, n.min, n.max);
    case 'complement':
      return astSize(n.node);
    case 'interval':
      return 10 * String(n.max).length;
    default:
      return 1;
  }
}

function toTerm(T: Terms, n: RegexAst, ci: boolean): Term {
  switch (n.k) {
    case 'char':
      return T.set(foldedRanges([n.c], ci));
    case 'string':
      return T.catAll(n.s.map((c) => T.set(foldedRanges([c], ci))));
    case 'set':
    case 'negset': {
      const r = normalizeRanges([...n.ranges, ...(ci ? foldedRanges(n.fold, true) : [])]);
      return T.set(n.k === 'set' ? r : complementRanges(r));
    }
    case 'any':
      return T.set(ANY);
    case 'anyString':
      return T.anyString;
    case 'empty':
      return T.empty;
    case 'union':
      return T.or(n.items.map((x) => toTerm(T, x, ci)));
    case 'inter':
      return T.and(n.items.map((x) => toTerm(T, x, ci)));
    case 'concat':
      return T.catAll(n.items.map((x) => toTerm(T, x, ci)));
    case 'complement':
      return T.not(toTerm(T, n.node, ci));
    case 'interval':
      return interval(T, n.min, n.max, n.digits);
    case 'repeat': {
      const a = toTerm(T, n.node, ci);
      // Lucene refuses a bounded repeat whose copies would exceed its work limit up front.
      if (astSize(n.node) * Math.max(n.min, n.max) > DFA_STATE_BUDGET) {
        throw new TooComplexError(`the repetition {${n.min},${n.max === -1 ? '' : n.max}} makes too many copies of its expression`);
      }
      let tail = n.max === -1 ? T.star(a) : T.eps;
      if (n.max !== -1) for (let k = n.min; k < n.max; k++) tail = T.or([T.eps, T.cat(a, tail)]);
      for (let k = 0; k < n.min; k++) tail = T.cat(a, tail);
      return tail;
    }
  }
}

/** A compiled DFA: one ASCII table row per state, and split points for the rest. */
export interface Dfa {
  accept: Uint8Array;
  ascii: Int32Array; // state * 128 + c → next state, -1 dead
  bounds: number[][]; // per state: interval starts (the first is 0)
  targets: Int32Array[];
}

export function buildDfa(ast: RegexAst, caseInsensitive: boolean, budget = DFA_STATE_BUDGET): Dfa {
  const T = new Terms();
  const start = toTerm(T, ast, caseInsensitive);
  const index = new Map<number, number>();
  const states: Term[] = [];
  const bounds: number[][] = [];
  const targets: Int32Array[] = [];
  const stateOf = (t: Term): number => {
    if (t.kind === EMPTY) return -1;
    let s = index.get(t.id);
    if (s === undefined) {
      if (states.length >= budget) throw new TooComplexError(`determinizing it needs more than ${budget} states`);
      s = states.length;
      index.set(t.id, s);
      states.push(t);
    }
    return s;
  };
  stateOf(start);
  const memo = new Map<number, Term>();
  for (let s = 0; s < states.length; s++) {
    const t = states[s];
    const split = merge([0], T.bounds(t)).filter((x) => x <= MAX_CODE_POINT);
    const starts: number[] = [];
    const tg: number[] = [];
    for (const c of split) {
      memo.clear();
      const next = stateOf(T.deriv(t, c, memo));
      if (tg.length > 0 && tg[tg.length - 1] === next) continue;
      starts.push(c);
      tg.push(next);
    }
    bounds.push(starts);
    targets.push(Int32Array.from(tg));
  }
  const n = states.length;
  const accept = new Uint8Array(Math.max(n, 1));
  const ascii = new Int32Array(Math.max(n, 1) * 128).fill(-1);
  for (let s = 0; s < n; s++) {
    accept[s] = states[s].nullable ? 1 : 0;
    const starts = bounds[s];
    for (let i = 0; i < starts.length && starts[i] < 128; i++) {
      const end = i + 1 < starts.length ? Math.min(starts[i + 1], 128) : 128;
      ascii.fill(targets[s][i], s * 128 + starts[i], s * 128 + end);
    }
  }
  if (n === 0) bounds.push([0]), targets.push(Int32Array.of(-1));
  return { accept, ascii, bounds, targets };
}

function step(starts: number[], tg: Int32Array, c: number): number {
  let lo = 0;
  let hi = starts.length - 1;
  while (lo < hi) {
    const mid = (lo + hi + 1) >> 1;
    if (starts[mid] <= c) lo = mid;
    else hi = mid - 1;
  }
  return tg[lo];
}

/** Whole-string match, one table step per code point. */
export function runDfa(d: Dfa, s: string): boolean {
  const { ascii, accept, bounds, targets } = d;
  let st = 0;
  for (let i = 0; i < s.length; i++) {
    let c = s.charCodeAt(i);
    if (c < 128) st = ascii[st * 128 + c];
    else {
      if (c >= 0xd800 && c <= 0xdbff && i + 1 < s.length) {
        const d2 = s.charCodeAt(i + 1);
        if (d2 >= 0xdc00 && d2 <= 0xdfff) {
          c = (c - 0xd800) * 0x400 + (d2 - 0xdc00) + 0x10000;
          i++;
        }
      }
      st = step(bounds[st], targets[st], c);
    }
    if (st < 0) return false;
  }
  return accept[st] === 1;
}
