export { compileQuery, runQuery, evaluate } from './evaluate.ts';
export type { CompiledQuery } from './evaluate.ts';
export { explainEvent } from './explain.ts';
export type * from './types.ts';
export { describeNearMiss, hasNearMisses, nearMissLeaves } from './near-miss.ts';
export type { Decisive, NearMissFilter, NearMissLeaf } from './near-miss.ts';
