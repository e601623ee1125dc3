/** Type guards over parsed TOML values, shared by every layer. */
import type { TomlTable, TomlValue } from '../types.ts';

export function isTable(v: unknown): v is TomlTable {
  return typeof v === 'object' && v !== null && !Array.isArray(v) && !(v instanceof Date);
}

export function isString(v: unknown): v is string {
  return typeof v === 'string';
}

/** The value as a list of strings (a lone string counts as one), or [] for anything else. */
export function stringsOf(v: TomlValue | undefined): string[] {
  if (typeof v === 'string') return [v];
  return Array.isArray(v) ? v.filter((x): x is string => typeof x === 'string') : [];
}

/** How a value's type reads in a message: 'a string', 'an integer', 'a table'… */
export function describeType(v: unknown): string {
  if (typeof v === 'string') return 'a string';
  if (typeof v === 'boolean') return 'a boolean';
  if (typeof v === 'number') return Number.isInteger(v) ? 'an integer' : 'a decimal number';
  if (v instanceof Date) return 'a TOML date';
  if (Array.isArray(v)) return 'a list';
  return 'a table';
}

/** Quotes a value for a message, shortened so a message stays one readable line. */
export function show(v: unknown): string {
  const text = typeof v === 'string' ? JSON.stringify(v) : v instanceof Date ? v.toISOString() : JSON.stringify(v);
  return text.length > 60 ? text.slice(0, 57) + '…' : text;
}
