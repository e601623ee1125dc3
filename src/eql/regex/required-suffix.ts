/**
 * The text every string of a regular expression's language ends with, read from its syntax tree:
 * a cheap test that rejects most values before the DFA reads them whole (Lucene's AutomatonQuery
 * does the same with its automaton's common suffix). Conservative: an empty suffix when in doubt.
 * Case-sensitive patterns only (under regex~ a value's suffix may be spelt in another case).
 */
import type { RegexAst } from './lucene-parser.ts';

/** The only string of `ast`'s language, or null when it has none or several. */
function exactly(ast: RegexAst): number[] | null {
  switch (ast.k) {
    case 'char':
      return [ast.c];
    case 'string':
      return ast.s;
    case 'concat': {
      const out: number[] = [];
      for (const item of ast.items) {
        const one = exactly(item);
        if (one === null) return null;
        out.push(...one);
      }
      return out;
    }
    case 'repeat': {
      if (ast.min !== ast.max) return null;
      const one = exactly(ast.node);
      return one === null ? null : Array.from({ length: ast.min }, () => one).flat();
    }
    default:
      return null;
  }
}

function commonSuffix(a: number[], b: number[]): number[] {
  let n = 0;
  while (n < a.length && n < b.length && a[a.length - 1 - n] === b[b.length - 1 - n]) n++;
  return a.slice(a.length - n);
}

/** Code points every string of the language ends with. */
function suffixOf(ast: RegexAst, depth: number): number[] {
  // Deep trees give up early: the answer only saves time.
  if (depth > 64) return [];
  switch (ast.k) {
    case 'char':
    case 'string':
      return exactly(ast)!;
    case 'concat': {
      let out: number[] = [];
      for (let i = ast.items.length - 1; i >= 0; i--) {
        const one = exactly(ast.items[i]);
        if (one === null) return [...suffixOf(ast.items[i], depth + 1), ...out];
        out = [...one, ...out];
      }
      return out;
    }
    case 'union': {
      if (ast.items.length === 0) return [];
      let out = suffixOf(ast.items[0], depth + 1);
      for (let i = 1; i < ast.items.length && out.length > 0; i++) out = commonSuffix(out, suffixOf(ast.items[i], depth + 1));
      return out;
    }
    case 'repeat':
      // At least one copy: every string ends with one.
      return ast.min >= 1 ? suffixOf(ast.node, depth + 1) : [];
    default:
      return [];
  }
}

/** The UTF-16 text every string the (case-sensitive) pattern matches ends with; '' when none is known. */
export function requiredSuffix(ast: RegexAst): string {
  let out = '';
  for (const cp of suffixOf(ast, 0)) out += String.fromCodePoint(cp);
  return out;
}
