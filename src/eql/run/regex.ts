/**
 * Lucene RegExp (the syntax of EQL `regex`), matched by our own Pike VM: a Thompson NFA run
 * over the input once, so matching is O(|pattern|·|input|) and a pathological pattern cannot
 * hang the worker. Work is also capped by a step budget; exceeding it is reported, not thrown.
 *
 * Supported: literals, `\` escapes, `.`, `[…]`/`[^…]` with ranges, `(…)`, `|`, `* + ?`,
 * `{n}` `{n,}` `{n,m}`, `"…"` literal strings, `@` (any string), `#` (empty language) and
 * `<n-m>` numeric intervals. `~` (complement) and `&` (intersection) need determinisation and
 * are reported as unsupported. Patterns are anchored at both ends, as Lucene's are.
 */

export interface RegexCompileResult {
  /** undefined when the pattern could not be compiled (see `error`). */
  matcher?: RegexMatcher;
  error?: { code: 'eql/regex-syntax' | 'eql/regex-unsupported' | 'eql/regex-budget'; message: string };
}

/** Returns true/false, or null when the step budget ran out (the caller reports it). */
export type RegexMatcher = (s: string) => boolean | null;

type RNode =
  | { t: 'char'; test: (c: number) => boolean }
  | { t: 'cat'; items: RNode[] }
  | { t: 'alt'; items: RNode[] }
  | { t: 'rep'; node: RNode; min: number; max: number } // max = -1: unbounded
  | { t: 'empty' }
  | { t: 'none' };

class RegexSyntaxError extends Error {
  constructor(message: string, readonly unsupported = false) {
    super(message);
  }
}

const MAX_PROGRAM = 20_000;
/** Per-input step budget: generous for real patterns, small enough to keep the UI responsive. */
export const REGEX_STEP_BUDGET = 2_000_000;

function foldCase(c: number): number {
  if (c < 128) return c >= 65 && c <= 90 ? c + 32 : c;
  const s = String.fromCodePoint(c).toLowerCase();
  return s.codePointAt(0) ?? c;
}

function upperCase(c: number): number {
  if (c < 128) return c >= 97 && c <= 122 ? c - 32 : c;
  const s = String.fromCodePoint(c).toUpperCase();
  return s.length === 1 || s.codePointAt(0)! > 0xffff ? s.codePointAt(0)! : c;
}

class Parser {
  private i = 0;
  private readonly cps: number[];
  constructor(pattern: string, private readonly ci: boolean) {
    this.cps = Array.from(pattern, (ch) => ch.codePointAt(0)!);
  }

  parse(): RNode {
    const n = this.union();
    if (this.i < this.cps.length) throw new RegexSyntaxError(`unexpected '${String.fromCodePoint(this.cps[this.i])}' at position ${this.i}`);
    return n;
  }

  private peek(): number {
    return this.i < this.cps.length ? this.cps[this.i] : -1;
  }

  private union(): RNode {
    const items = [this.inter()];
    while (this.peek() === 124 /* | */) {
      this.i++;
      items.push(this.inter());
    }
    return items.length === 1 ? items[0] : { t: 'alt', items };
  }

  private inter(): RNode {
    const n = this.concat();
    if (this.peek() === 38 /* & */) throw new RegexSyntaxError('the intersection operator & is not supported', true);
    return n;
  }

  private concat(): RNode {
    const items: RNode[] = [];
    for (;;) {
      const c = this.peek();
      if (c === -1 || c === 124 || c === 41 /* ) */ || c === 38) break;
      items.push(this.repeat());
    }
    if (items.length === 0) return { t: 'empty' };
    return items.length === 1 ? items[0] : { t: 'cat', items };
  }

  private repeat(): RNode {
    let n = this.complement();
    for (;;) {
      const c = this.peek();
      if (c === 42) { this.i++; n = { t: 'rep', node: n, min: 0, max: -1 }; }
      else if (c === 43) { this.i++; n = { t: 'rep', node: n, min: 1, max: -1 }; }
      else if (c === 63) { this.i++; n = { t: 'rep', node: n, min: 0, max: 1 }; }
      else if (c === 123 /* { */) {
        const start = this.i;
        this.i++;
        const min = this.int();
        let max = min;
        if (this.peek() === 44) {
          this.i++;
          max = this.peek() === 125 ? -1 : this.int();
        }
        if (this.peek() !== 125) throw new RegexSyntaxError(`expected '}' at position ${this.i}`);
        this.i++;
        if (min < 0 || (max !== -1 && max < min)) throw new RegexSyntaxError(`invalid repetition at position ${start}`);
        n = { t: 'rep', node: n, min, max };
      } else break;
    }
    return n;
  }

  private int(): number {
    const start = this.i;
    while (this.peek() >= 48 && this.peek() <= 57) this.i++;
    if (start === this.i) throw new RegexSyntaxError(`expected a number at position ${start}`);
    return Number(String.fromCodePoint(...this.cps.slice(start, this.i)));
  }

  private complement(): RNode {
    if (this.peek() === 126 /* ~ */) throw new RegexSyntaxError('the complement operator ~ is not supported', true);
    return this.charClassOrSimple();
  }

  private charTest(cp: number): (c: number) => boolean {
    if (this.ci) {
      const f = foldCase(cp);
      return (c) => c === cp || foldCase(c) === f;
    }
    return (c) => c === cp;
  }

  private charClassOrSimple(): RNode {
    const c = this.peek();
    if (c === 91 /* [ */) return this.charClass();
    return this.simple();
  }

  private charClass(): RNode {
    this.i++;
    let negated = false;
    if (this.peek() === 94 /* ^ */) { negated = true; this.i++; }
    const ranges: [number, number][] = [];
    let first = true;
    while (this.peek() !== 93 /* ] */ || first) {
      if (this.peek() === -1) throw new RegexSyntaxError('unterminated character class');
      first = false;
      const lo = this.classChar();
      if (this.peek() === 45 /* - */ && this.cps[this.i + 1] !== 93 && this.i + 1 < this.cps.length) {
        this.i++;
        const hi = this.classChar();
        if (hi < lo) throw new RegexSyntaxError(`invalid character range at position ${this.i}`);
        ranges.push([lo, hi]);
      } else ranges.push([lo, lo]);
    }
    this.i++;
    const ci = this.ci;
    const inRanges = (c: number): boolean => {
      for (const [lo, hi] of ranges) if (c >= lo && c <= hi) return true;
      return false;
    };
    const member = ci ? (c: number) => inRanges(c) || inRanges(foldCase(c)) || inRanges(upperCase(c)) : inRanges;
    return { t: 'char', test: negated ? (c) => !member(c) : member };
  }

  private classChar(): number {
    let c = this.peek();
    if (c === 92 /* \ */) {
      this.i++;
      c = this.peek();
      if (c === -1) throw new RegexSyntaxError('pattern ends with a backslash');
    }
    this.i++;
    return c;
  }

  private simple(): RNode {
    const c = this.peek();
    switch (c) {
      case 46: this.i++; return { t: 'char', test: () => true };
      case 35: this.i++; return { t: 'none' };
      case 64: this.i++; return { t: 'rep', node: { t: 'char', test: () => true }, min: 0, max: -1 };
      case 34: { // "literal"
        this.i++;
        const items: RNode[] = [];
        while (this.peek() !== 34) {
          if (this.peek() === -1) throw new RegexSyntaxError('unterminated string');
          items.push({ t: 'char', test: this.charTest(this.cps[this.i++]) });
        }
        this.i++;
        return { t: 'cat', items };
      }
      case 40: { // (
        this.i++;
        if (this.peek() === 41) { this.i++; return { t: 'empty' }; }
        const n = this.union();
        if (this.peek() !== 41) throw new RegexSyntaxError(`expected ')' at position ${this.i}`);
        this.i++;
        return n;
      }
      case 60: return this.interval();
      case 92: {
        this.i++;
        if (this.peek() === -1) throw new RegexSyntaxError('pattern ends with a backslash');
        return { t: 'char', test: this.charTest(this.cps[this.i++]) };
      }
      case 41: case 42: case 43: case 63: case 123:
        throw new RegexSyntaxError(`unexpected '${String.fromCodePoint(c)}' at position ${this.i}`);
      default:
        this.i++;
        return { t: 'char', test: this.charTest(c) };
    }
  }

  /** `<lo-hi>`: decimal numbers in the range; equal-width bounds mean fixed width. */
  private interval(): RNode {
    const close = this.cps.indexOf(62, this.i);
    if (close < 0) throw new RegexSyntaxError('unterminated interval <…>');
    const body = String.fromCodePoint(...this.cps.slice(this.i + 1, close));
    const m = /^(\d+)-(\d+)$/.exec(body);
    if (!m) throw new RegexSyntaxError(`named automata <${body}> are not supported`, true);
    this.i = close + 1;
    let lo = Number(m[1]);
    let hi = Number(m[2]);
    if (lo > hi) [lo, hi] = [hi, lo];
    if (hi - lo > 10_000) throw new RegexSyntaxError(`interval <${body}> is too large`, true);
    const width = m[1].length === m[2].length ? m[1].length : 0;
    const items: RNode[] = [];
    for (let v = lo; v <= hi; v++) {
      const digits = width ? String(v).padStart(width, '0') : String(v);
      const lead: RNode[] = width ? [] : [{ t: 'rep', node: { t: 'char', test: (c) => c === 48 }, min: 0, max: -1 }];
      items.push({ t: 'cat', items: [...lead, ...Array.from(digits, (d) => ({ t: 'char' as const, test: this.charTest(d.charCodeAt(0)) }))] });
    }
    return { t: 'alt', items };
  }
}

// Program: instructions in parallel arrays; CHAR consumes one code point, SPLIT forks.
const CHAR = 0, SPLIT = 1, JMP = 2, MATCH = 3, FAIL = 4;

interface Program {
  op: number[];
  x: number[];
  y: number[];
  test: ((c: number) => boolean)[];
}

class BudgetError extends Error {}

function emit(p: Program, op: number, x = 0, y = 0, test: (c: number) => boolean = () => false): number {
  if (p.op.length >= MAX_PROGRAM) throw new BudgetError('pattern expands to too many states');
  p.op.push(op);
  p.x.push(x);
  p.y.push(y);
  p.test.push(test);
  return p.op.length - 1;
}

function gen(p: Program, n: RNode): void {
  switch (n.t) {
    case 'char': emit(p, CHAR, 0, 0, n.test); return;
    case 'empty': return;
    case 'none': emit(p, FAIL); return;
    case 'cat': for (const it of n.items) gen(p, it); return;
    case 'alt': {
      const jumps: number[] = [];
      for (let k = 0; k < n.items.length - 1; k++) {
        const split = emit(p, SPLIT);
        p.x[split] = split + 1;
        gen(p, n.items[k]);
        jumps.push(emit(p, JMP));
        p.y[split] = p.op.length;
      }
      gen(p, n.items[n.items.length - 1]);
      for (const j of jumps) p.x[j] = p.op.length;
      return;
    }
    case 'rep': {
      for (let k = 0; k < n.min; k++) gen(p, n.node);
      if (n.max === -1) {
        const split = emit(p, SPLIT);
        p.x[split] = split + 1;
        gen(p, n.node);
        emit(p, JMP, split);
        p.y[split] = p.op.length;
      } else {
        const splits: number[] = [];
        for (let k = n.min; k < n.max; k++) {
          const split = emit(p, SPLIT);
          p.x[split] = split + 1;
          splits.push(split);
          gen(p, n.node);
        }
        for (const s of splits) p.y[s] = p.op.length;
      }
      return;
    }
  }
}

/** Compiles a Lucene regular expression; `caseInsensitive` for `regex~`. */
export function compileRegex(pattern: string, caseInsensitive: boolean, budget = REGEX_STEP_BUDGET): RegexCompileResult {
  let ast: RNode;
  try {
    ast = new Parser(pattern, caseInsensitive).parse();
  } catch (e) {
    const err = e as RegexSyntaxError;
    return { error: { code: err.unsupported ? 'eql/regex-unsupported' : 'eql/regex-syntax', message: `Invalid regular expression [${pattern}]: ${err.message}.` } };
  }
  const prog: Program = { op: [], x: [], y: [], test: [] };
  try {
    gen(prog, ast);
    emit(prog, MATCH);
  } catch (e) {
    if (e instanceof BudgetError) return { error: { code: 'eql/regex-budget', message: `Regular expression [${pattern}] is too large: ${e.message}.` } };
    throw e;
  }
  return { matcher: pikeMatcher(prog, budget) };
}

function pikeMatcher(p: Program, budget: number): RegexMatcher {
  const size = p.op.length;
  const { op, x, y, test } = p;
  // Reused between calls: matching allocates nothing once warm.
  let clist = new Int32Array(size);
  let nlist = new Int32Array(size);
  const mark = new Uint32Array(size);
  const stack = new Int32Array(size * 2 + 2);
  let gen = 0;

  return (s: string): boolean | null => {
    let steps = 0;
    let ccount = 0;
    // Adds pc and everything reachable through JMP/SPLIT to `list`, once per generation.
    const add = (list: Int32Array, count: number, start: number): number => {
      let sp = 0;
      stack[sp++] = start;
      while (sp > 0) {
        const pc = stack[--sp];
        if (mark[pc] === gen) continue;
        mark[pc] = gen;
        steps++;
        const o = op[pc];
        if (o === JMP) stack[sp++] = x[pc];
        else if (o === SPLIT) { stack[sp++] = y[pc]; stack[sp++] = x[pc]; }
        else if (o !== FAIL) list[count++] = pc;
      }
      return count;
    };
    gen = (gen + 1) >>> 0 || 1;
    ccount = add(clist, 0, 0);
    for (let i = 0; i < s.length; ) {
      const c = s.codePointAt(i)!;
      i += c > 0xffff ? 2 : 1;
      gen = (gen + 1) >>> 0 || 1;
      let ncount = 0;
      for (let k = 0; k < ccount; k++) {
        const pc = clist[k];
        if (op[pc] === CHAR && test[pc](c)) ncount = add(nlist, ncount, pc + 1);
      }
      steps += ccount;
      if (steps > budget) return null;
      if (ncount === 0) return false;
      const t = clist; clist = nlist; nlist = t;
      ccount = ncount;
    }
    for (let k = 0; k < ccount; k++) if (op[clist[k]] === MATCH) return true;
    return false;
  };
}
