/**
 * The query languages the workers answer for: each registers its service and evaluator here once,
 * and every request names the language it is about. A language not (yet) implemented answers
 * through `unavailableLanguage`.
 */
import { EQL } from './eql.ts';
import { KQL } from './kql.ts';
import type { QueryLanguage } from './language.ts';
import { unavailableLanguage } from './unavailable.ts';

const languages = new Map<string, QueryLanguage>([
  [EQL.info.id, EQL],
  [KQL.info.id, KQL],
]);
const unavailable = new Map<string, QueryLanguage>();

/** The language of a rule's `language` value (unset: EQL); unknown and unimplemented ones answer nothing. */
export function languageFor(language: string | undefined): QueryLanguage {
  const id = language ?? 'eql';
  const found = languages.get(id);
  if (found) return found;
  let none = unavailable.get(id);
  if (!none) unavailable.set(id, (none = unavailableLanguage(id)));
  return none;
}

/** The implemented languages. */
export function registeredLanguages(): QueryLanguage[] {
  return [...languages.values()];
}

/** Registers (or replaces) a language; returns how to put back what was there. */
export function registerLanguage(language: QueryLanguage): () => void {
  const id = language.info.id;
  const previous = languages.get(id);
  languages.set(id, language);
  return () => {
    if (previous) languages.set(id, previous);
    else languages.delete(id);
  };
}
