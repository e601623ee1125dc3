/**
 * The page's half of the language registry: what the editor needs of each language (names,
 * trigger characters, folding). The workers' half, with the services and evaluators, is
 * registry.ts; a language registers in both (this one stays small because the page bundles it).
 */
import { EQL_INFO } from './eql-info.ts';
import { KQL_INFO } from './kql-info.ts';
import type { QueryLanguageInfo } from './language.ts';
import { unavailableInfo } from './unavailable.ts';

const infos = new Map<string, QueryLanguageInfo>([
  [EQL_INFO.id, EQL_INFO],
  [KQL_INFO.id, KQL_INFO],
]);
/** One info per unimplemented id, so the page sees the same object on every render. */
const unavailable = new Map<string, QueryLanguageInfo>();

/** What the page knows of a rule's `language` value (unset: EQL). */
export function languageInfoFor(language: string | undefined): QueryLanguageInfo {
  const id = language ?? 'eql';
  const found = infos.get(id);
  if (found) return found;
  let none = unavailable.get(id);
  if (!none) unavailable.set(id, (none = unavailableInfo(id)));
  return none;
}

/** The implemented languages, as the page knows them. */
export function registeredLanguageInfos(): QueryLanguageInfo[] {
  return [...infos.values()];
}
