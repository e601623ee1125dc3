/**
 * Maps offsets inside a parsed TOML string back to offsets in the file, so a diagnostic about
 * the query text (offsets in the string the EQL checker saw) lands on the right characters.
 *
 * The value range of a string starts at its opening quote. Multi-line strings drop a newline
 * right after the opening delimiter; basic strings shrink escapes (`\"`, `\u00e9`) and
 * line-ending backslashes — each such case shifts the mapping, which is why we scan instead
 * of adding a constant.
 */

/**
 * For each offset of the parsed string (0…length), the offset in `text`; undefined when the
 * value at `valueStart` is not a string.
 */
export function stringOffsetMap(text: string, valueStart: number): number[] | undefined {
  const quote = text[valueStart];
  if (quote !== '"' && quote !== "'") return undefined;
  const multi = text.startsWith(quote.repeat(3), valueStart);
  const delimiter = multi ? quote.repeat(3) : quote;
  let i = valueStart + delimiter.length;
  if (multi) {
    if (text.startsWith('\r\n', i)) i += 2;
    else if (text[i] === '\n') i += 1;
  }
  const map: number[] = [];
  const literal = quote === "'";
  while (i < text.length) {
    if (text.startsWith(delimiter, i)) {
      // A multi-line string may end with one or two quotes of its own right before the delimiter.
      if (multi) {
        let extra = 0;
        while (extra < 2 && text[i + delimiter.length + extra] === quote) extra++;
        for (let k = 0; k < extra; k++) map.push(i + k);
        i += extra;
      }
      break;
    }
    const c = text[i];
    if (literal || c !== '\\') {
      map.push(i);
      i += 1;
      continue;
    }
    const next = text[i + 1];
    if (next === 'u' || next === 'U') {
      const digits = next === 'u' ? 4 : 8;
      const cp = parseInt(text.slice(i + 2, i + 2 + digits), 16);
      map.push(i);
      if (cp > 0xffff) map.push(i);
      i += 2 + digits;
    } else if (multi && /[ \t\r\n]/.test(next ?? '')) {
      // Line-ending backslash: it and all following whitespace and newlines vanish.
      i += 1;
      while (i < text.length && /[ \t\r\n]/.test(text[i])) i++;
    } else {
      map.push(i);
      i += 2;
    }
  }
  map.push(i);
  return map;
}
