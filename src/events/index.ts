export { readEvents } from './read.ts';
export type { ReadEventsResult } from './read.ts';
export { getField, compileFieldAccessor, splitFieldName } from './field.ts';
export type { FieldAccessor, FieldPath } from './field.ts';
