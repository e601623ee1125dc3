/**
 * The one parser of Lucene regular expressions (the syntax of EQL `regex`/`regex~`), used by the
 * checker and the matcher. It follows Lucene's `RegExp` recursive descent with the flags
 * Elasticsearch passes (`RegexpFlag.ALL`: `&`, `~`, `#`, `@`, `<…>`):
 *
 *   union   := inter ('|' inter)*            inter := concat ('&' concat)*
 *   concat  := repeat+ (stops before `)` `|` `&`)
 *   repeat  := compl ('?' | '*' | '+' | '{n}' | '{n,}' | '{n,m}')*
 *   compl   := '~' compl | class              class := '[' '^'? item+ ']' | simple
 *   item    := \d \D \s \S \w \W \\ | '\' non-letter | char ('-' char)?     (Lucene 10)
 *   simple  := '.' | '#' | '@' | '"' text '"' | '(' ')' | '(' union ')' | '<' n '-' m '>' | predefined | char
 *   char    := '\'? any code point       (`\` + a letter other than d s w D S W is an error)
 *
 * Errors carry Lucene's message and the UTF-16 offset it reports ("at position N").
 */

export type RegexAst =
  | { k: 'char'; c: number } // folded under regex~
  | { k: 'string'; s: number[] } // "…" and (): folded under regex~
  | { k: 'set'; ranges: number[]; fold: number[] } // inclusive [lo, hi, …] ranges; `fold`: single chars folded under regex~
  | { k: 'negset'; ranges: number[]; fold: number[] }
  | { k: 'any' }
  | { k: 'anyString' }
  | { k: 'empty' } // `#`, the empty language
  | { k: 'union' | 'inter' | 'concat'; items: RegexAst[] }
  | { k: 'repeat'; node: RegexAst; min: number; max: number } // max -1: unbounded
  | { k: 'complement'; node: RegexAst }
  | { k: 'interval'; min: number; max: number; digits: number };

export interface RegexSyntaxError {
  message: string;
  /** UTF-16 offset into the pattern. */
  offset: number;
}

export type RegexParse = { ok: true; ast: RegexAst } | { ok: false; error: RegexSyntaxError };

export const MAX_CODE_POINT = 0x10ffff;

/** `\d \s \w` as Lucene expands them (`RegExp.expandPredefined`, LUCENE-9336): ASCII only. */
const PREDEFINED: Record<string, { ranges: number[]; negated: boolean }> = {
  d: { ranges: [48, 57], negated: false },
  D: { ranges: [48, 57], negated: true },
  s: { ranges: [9, 10, 13, 13, 32, 32], negated: false },
  S: { ranges: [9, 10, 13, 13, 32, 32], negated: true },
  w: { ranges: [48, 57, 65, 90, 95, 95, 97, 122], negated: false },
  W: { ranges: [48, 57, 65, 90, 95, 95, 97, 122], negated: true },
};

/** Sorted, merged inclusive ranges. */
export function normalizeRanges(r: number[]): number[] {
  const pairs: [number, number][] = [];
  for (let i = 0; i < r.length; i += 2) pairs.push([r[i], r[i + 1]]);
  pairs.sort((a, b) => a[0] - b[0]);
  const out: number[] = [];
  for (const [lo, hi] of pairs) {
    const n = out.length;
    if (n > 0 && lo <= out[n - 1] + 1) out[n - 1] = Math.max(out[n - 1], hi);
    else out.push(lo, hi);
  }
  return out;
}

export function complementRanges(r: number[]): number[] {
  const n = normalizeRanges(r);
  const out: number[] = [];
  let next = 0;
  for (let i = 0; i < n.length; i += 2) {
    if (n[i] > next) out.push(next, n[i] - 1);
    next = n[i + 1] + 1;
  }
  if (next <= MAX_CODE_POINT) out.push(next, MAX_CODE_POINT);
  return out;
}

class Fail {
  constructor(
    readonly message: string,
    readonly offset: number,
  ) {}
}

const INT_MAX = 2147483647;

class Parser {
  pos = 0;
  constructor(private readonly s: string) {}

  private more(): boolean {
    return this.pos < this.s.length;
  }
  private cp(): number {
    return this.s.codePointAt(this.pos)!;
  }
  private peek(chars: string): boolean {
    return this.more() && chars.includes(String.fromCodePoint(this.cp()));
  }
  private match(c: string): boolean {
    if (this.more() && this.s[this.pos] === c) {
      this.pos++;
      return true;
    }
    return false;
  }
  private next(): number {
    if (!this.more()) throw new Fail('unexpected end-of-string', this.pos);
    const c = this.cp();
    this.pos += c > 0xffff ? 2 : 1;
    return c;
  }

  union(): RegexAst {
    const items = [this.inter()];
    while (this.match('|')) items.push(this.inter());
    return items.length === 1 ? items[0] : { k: 'union', items };
  }

  private inter(): RegexAst {
    const items = [this.concat()];
    while (this.match('&')) items.push(this.concat());
    return items.length === 1 ? items[0] : { k: 'inter', items };
  }

  private concat(): RegexAst {
    const items = [this.repeat()];
    while (this.more() && !this.peek(')|&')) items.push(this.repeat());
    return items.length === 1 ? items[0] : { k: 'concat', items };
  }

  private int(start: number): number {
    const text = this.s.slice(start, this.pos);
    const n = Number(text);
    // Java's Integer.parseInt: a number past int range is an error (NumberFormatException).
    if (n > INT_MAX) throw new Fail(`For input string: "${text}"`, start);
    return n;
  }

  private repeat(): RegexAst {
    let e = this.compl();
    while (this.peek('?*+{')) {
      if (this.match('?')) e = { k: 'repeat', node: e, min: 0, max: 1 };
      else if (this.match('*')) e = { k: 'repeat', node: e, min: 0, max: -1 };
      else if (this.match('+')) e = { k: 'repeat', node: e, min: 1, max: -1 };
      else if (this.match('{')) {
        let start = this.pos;
        while (this.peek('0123456789')) this.next();
        if (start === this.pos) throw new Fail(`integer expected at position ${this.pos}`, this.pos);
        const n = this.int(start);
        let m = -1;
        if (this.match(',')) {
          start = this.pos;
          while (this.peek('0123456789')) this.next();
          if (start !== this.pos) m = this.int(start);
        } else m = n;
        if (!this.match('}')) throw new Fail(`expected '}' at position ${this.pos}`, this.pos);
        if (m !== -1 && n > m) throw new Fail(`invalid repetition range(out of order): ${n}..${m}`, this.pos - 1);
        e = { k: 'repeat', node: e, min: n, max: m };
      }
    }
    return e;
  }

  private compl(): RegexAst {
    if (this.match('~')) return { k: 'complement', node: this.compl() };
    return this.charClass();
  }

  private charClass(): RegexAst {
    if (!this.match('[')) return this.simple();
    const negate = this.match('^');
    const ranges: number[] = [];
    const fold: number[] = [];
    do this.classItem(ranges, fold);
    while (this.more() && !this.peek(']'));
    if (!this.match(']')) throw new Fail(`expected ']' at position ${this.pos}`, this.pos);
    return { k: negate ? 'negset' : 'set', ranges: normalizeRanges(ranges), fold };
  }

  /**
   * One item of `[…]`, as Lucene 10's parseCharClasses reads it: `\d`-style classes and `\\`;
   * an escaped non-letter is that character alone (it never starts a range); otherwise a character,
   * or a range `c-d` (whose end may be escaped). Only unescaped single characters fold under regex~.
   */
  private classItem(ranges: number[], fold: number[]): void {
    const at = this.pos;
    const pre = this.predefined();
    if (pre) {
      if (pre.k === 'char') ranges.push(pre.c, pre.c);
      else if (pre.k === 'set') ranges.push(...pre.ranges);
      else if (pre.k === 'negset') ranges.push(...complementRanges(pre.ranges));
      return;
    }
    if (this.pos > at) {
      // `\` + a non-letter: predefined() consumed the backslash.
      const c = this.next();
      ranges.push(c, c);
      return;
    }
    const c = this.charExp();
    if (this.match('-')) {
      const to = this.charExp();
      if (c > to) throw new Fail(`invalid range: from (${c}) cannot be > to (${to})`, at);
      ranges.push(c, to);
    } else {
      ranges.push(c, c);
      fold.push(c);
    }
  }

  /** `\d`-style classes; `\\` is a backslash; `\` + another letter is an error; else null (the `\` stays consumed, as in Lucene). */
  private predefined(): RegexAst | null {
    const at = this.pos;
    if (!this.match('\\')) return null;
    if (this.peek('dDwWsS')) {
      const p = PREDEFINED[String.fromCodePoint(this.next())];
      return { k: p.negated ? 'negset' : 'set', ranges: p.ranges, fold: [] };
    }
    if (this.peek('\\')) return { k: 'char', c: this.next() };
    if (this.more() && /[a-zA-Z]/.test(this.s[this.pos])) {
      throw new Fail(`invalid character class \\${this.s[this.pos]}`, at);
    }
    return null;
  }

  private charExp(): number {
    this.match('\\');
    return this.next();
  }

  private simple(): RegexAst {
    if (this.match('.')) return { k: 'any' };
    if (this.match('#')) return { k: 'empty' };
    if (this.match('@')) return { k: 'anyString' };
    if (this.match('"')) {
      const start = this.pos;
      while (this.more() && !this.peek('"')) this.next();
      if (!this.match('"')) throw new Fail(`expected '"' at position ${this.pos}`, this.pos);
      return { k: 'string', s: Array.from(this.s.slice(start, this.pos - 1), (ch) => ch.codePointAt(0)!) };
    }
    if (this.match('(')) {
      if (this.match(')')) return { k: 'string', s: [] };
      const e = this.union();
      if (!this.match(')')) throw new Fail(`expected ')' at position ${this.pos}`, this.pos);
      return e;
    }
    if (this.match('<')) return this.interval();
    const pre = this.predefined();
    if (pre) return pre;
    return { k: 'char', c: this.charExp() };
  }

  private interval(): RegexAst {
    const start = this.pos;
    while (this.more() && !this.peek('>')) this.next();
    if (!this.match('>')) throw new Fail(`expected '>' at position ${this.pos}`, this.pos);
    const body = this.s.slice(start, this.pos - 1);
    const at = this.pos - 1;
    const dash = body.indexOf('-');
    // No '-': a named automaton; Elasticsearch supplies none, so Lucene fails when building it.
    if (dash === -1) throw new Fail(`'${body}' not found`, start - 1);
    const m = /^\+?(\d+)-\+?(\d+)$/.exec(body);
    if (!m || body.indexOf('-') !== body.lastIndexOf('-')) throw new Fail(`interval syntax error at position ${at}`, at);
    const [smin, smax] = [body.slice(0, dash), body.slice(dash + 1)];
    let lo = Number(m[1]);
    let hi = Number(m[2]);
    if (lo > INT_MAX || hi > INT_MAX) throw new Fail(`interval syntax error at position ${at}`, at);
    const digits = smin.length === smax.length ? smin.length : 0;
    if (lo > hi) [lo, hi] = [hi, lo];
    return { k: 'interval', min: lo, max: hi, digits };
  }
}

export function parseLuceneRegex(pattern: string): RegexParse {
  if (pattern.length === 0) return { ok: true, ast: { k: 'string', s: [] } };
  const p = new Parser(pattern);
  try {
    const ast = p.union();
    if (p.pos < pattern.length) throw new Fail(`end-of-string expected at position ${p.pos}`, p.pos);
    return { ok: true, ast };
  } catch (e) {
    if (e instanceof Fail) return { ok: false, error: { message: e.message, offset: e.offset } };
    throw e;
  }
}
