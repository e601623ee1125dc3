/**
 * `| head N` and `| tail N` (the only pipes Elasticsearch supports) and the implicit `size`
 * limit, which goes before the first pipe in that pipe's direction (or `result_position`'s).
 */
import type { Diagnostic } from '../../diagnostic.ts';
import type { Pipe } from '../syntax/ast.ts';
import type { Limit } from './order.ts';

const UNSUPPORTED = new Set(['count', 'filter', 'sort', 'unique', 'unique_count']);

function err(message: string, code: string, range: { start: number; end: number }): Diagnostic {
  return { severity: 'error', code, message, source: 'eql', range };
}

export function pipeLimits(pipes: readonly Pipe[], diagnostics: Diagnostic[]): Limit[] {
  const limits: Limit[] = [];
  for (const p of pipes) {
    const name = p.name;
    if (name !== 'head' && name !== 'tail') {
      if (UNSUPPORTED.has(name)) diagnostics.push(err(`Pipe [${name}] is not supported.`, 'eql/unsupported-pipe', p.nameRange));
      else diagnostics.push(err(`Unrecognized pipe [${name}].`, 'eql/unknown-pipe', p.nameRange));
      continue;
    }
    if (p.args.length !== 1) {
      diagnostics.push(err(`Pipe [${name}] expects exactly one argument but found [${p.args.length}].`, 'eql/pipe-argument', p.range));
      continue;
    }
    const a = p.args[0];
    if (a.kind !== 'literal' || typeof a.value !== 'number' || !Number.isInteger(a.value) || a.value < 0) {
      const shown = a.kind === 'literal' ? a.raw : 'expression';
      diagnostics.push(err(`Pipe [${name}] expects a positive integer but found [${shown}].`, 'eql/pipe-argument', a.range));
      continue;
    }
    limits.push({ head: name === 'head', n: a.value });
  }
  return limits;
}

/** The full list of windows: implicit size first, then the pipes. */
export function allLimits(pipeWindows: Limit[], size: number | undefined, resultPosition: 'head' | 'tail'): Limit[] {
  if (size === undefined) return pipeWindows;
  const head = pipeWindows.length > 0 ? pipeWindows[0].head : resultPosition === 'head';
  return [{ head, n: size }, ...pipeWindows];
}
