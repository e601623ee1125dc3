/**
 * Where a JSON text first goes wrong, and what was expected there. JSON.parse's own messages
 * name no position in current V8 ("Unexpected token '}', ...") and quote the text around it,
 * so a broken pretty-printed document could not be pointed at. Iterative (an explicit stack),
 * so a 10,000-deep nest costs no recursion; linear in the text.
 */

export interface JsonError {
  offset: number;
  expected: string;
}

const NUMBER = /-?(?:0|[1-9]\d*)(?:\.\d+)?(?:[eE][+-]?\d+)?/y;
const LITERALS = ['true', 'false', 'null'];

function skipBlanks(text: string, i: number): number {
  for (;;) {
    const c = text.charCodeAt(i);
    if (c === 32 || c === 9 || c === 10 || c === 13 || (i === 0 && c === 0xfeff)) i++;
    else return i;
  }
}

/** Offset past the string whose quote is at `i`, or the offset of what breaks it (negated - 1). */
function endOfString(text: string, i: number): number {
  for (let k = i + 1; k < text.length; k++) {
    const c = text.charCodeAt(k);
    if (c === 34) return k + 1;
    if (c < 0x20) return -k - 1;
    if (c === 92) {
      const next = text[k + 1];
      if (next === 'u') {
        if (!/^[0-9a-fA-F]{4}$/.test(text.slice(k + 2, k + 6))) return -k - 1;
        k += 5;
      } else if (next !== undefined && '"\\/bfnrt'.includes(next)) k++;
      else return -k - 1;
    }
  }
  return -text.length - 1;
}

/** The first syntax error of `text` as JSON, or null when it is valid JSON. */
export function findJsonError(text: string): JsonError | null {
  const n = text.length;
  const stack: number[] = [];
  let i = skipBlanks(text, 0);
  let needValue = true;
  for (;;) {
    if (needValue) {
      const c = text.charCodeAt(i);
      if (c === 123 /* { */ || c === 91 /* [ */) {
        stack.push(c);
        i = skipBlanks(text, i + 1);
        const close = c === 123 ? 125 : 93;
        if (text.charCodeAt(i) === close) {
          stack.pop();
          i++;
          needValue = false;
        } else if (c === 123) {
          const afterKey = propertyName(text, i);
          if (afterKey.error) return afterKey.error;
          i = afterKey.next;
        }
        continue;
      }
      if (c === 34) {
        const end = endOfString(text, i);
        if (end < 0) return { offset: -end - 1, expected: end === -n - 1 ? 'a closing quote' : 'a valid character or escape in the string' };
        i = end;
      } else {
        NUMBER.lastIndex = i;
        const literal = LITERALS.find((l) => text.startsWith(l, i));
        if (literal) i += literal.length;
        else if (NUMBER.test(text) && NUMBER.lastIndex > i) i = NUMBER.lastIndex;
        else return { offset: i, expected: i >= n ? 'a value before the end of the text' : 'a value' };
      }
      needValue = false;
      continue;
    }
    i = skipBlanks(text, i);
    const top = stack.at(-1);
    if (top === undefined) return i < n ? { offset: i, expected: 'the end of the text after the value' } : null;
    const c = text.charCodeAt(i);
    if (c === 44 /* , */) {
      i = skipBlanks(text, i + 1);
      if (top === 123) {
        const afterKey = propertyName(text, i);
        if (afterKey.error) return afterKey.error;
        i = afterKey.next;
      }
      needValue = true;
    } else if ((top === 123 && c === 125) || (top === 91 && c === 93)) {
      stack.pop();
      i++;
    } else return { offset: i, expected: top === 123 ? "',' or '}'" : "',' or ']'" };
  }
}

/** Reads `"name" :` at `i`; the offset of the value after it, or the error. */
function propertyName(text: string, i: number): { next: number; error?: JsonError } {
  if (text.charCodeAt(i) !== 34) return { next: i, error: { offset: i, expected: 'a property name in double quotes' } };
  const end = endOfString(text, i);
  if (end < 0) return { next: i, error: { offset: -end - 1, expected: 'a closing quote' } };
  const colon = skipBlanks(text, end);
  if (text.charCodeAt(colon) !== 58) return { next: colon, error: { offset: colon, expected: "':'" } };
  return { next: skipBlanks(text, colon + 1) };
}
