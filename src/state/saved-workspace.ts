/**
 * What the workspace saves between page loads, and how it comes back: plain, structured-clone
 * friendly records (no Dates, Maps or class instances), one per open rule plus one for the
 * session (order and selection). Pure: the IndexedDB wiring is in persistence.ts.
 */
import { loadRule } from '../rule/load.ts';
import type { RuleTestCase } from '../rule/test-cases.ts';
import { queryOf, withQuery, type RuleEntry, type RuleOrigin } from './rule-entry.ts';

export const SAVED_FORMAT = 1;

export interface SavedRule {
  format: number;
  id: string;
  fileName: string;
  origin: RuleOrigin;
  originalText: string;
  /** The rule's current TOML text. */
  text: string;
  /** The query as typed (may differ from the TOML while it cannot be written). */
  queryText: string;
  eventsText: string;
  tests: RuleTestCase[];
  exportedText: string | null;
  /** TOML typed in the raw view that does not parse; absent in records saved before it existed. */
  tomlDraft?: string | null;
}

export interface SavedSession {
  format: number;
  ruleIds: string[];
  selectedId: string | null;
}

export function saveRule(entry: RuleEntry): SavedRule {
  return {
    format: SAVED_FORMAT,
    id: entry.id,
    fileName: entry.fileName,
    origin: entry.origin,
    originalText: entry.originalText,
    text: entry.rule.text,
    queryText: entry.queryText,
    eventsText: entry.eventsText,
    tests: entry.tests,
    exportedText: entry.exportedText,
    tomlDraft: entry.tomlDraft ?? null,
  };
}

/** The entry a saved record describes, or null when the record is not one we can read. */
export function restoreRule(saved: SavedRule): RuleEntry | null {
  if (!saved || saved.format !== SAVED_FORMAT || typeof saved.text !== 'string' || typeof saved.id !== 'string') return null;
  const rule = loadRule(saved.text, saved.fileName);
  if (!rule.data) return null;
  const entry: RuleEntry = {
    id: saved.id,
    fileName: saved.fileName,
    origin: saved.origin,
    originalText: saved.originalText,
    rule,
    queryText: queryOf(rule),
    queryProblem: null,
    tests: Array.isArray(saved.tests) ? saved.tests : [],
    eventsText: typeof saved.eventsText === 'string' ? saved.eventsText : '',
    exportedText: saved.exportedText ?? null,
    tomlDraft: typeof saved.tomlDraft === 'string' ? saved.tomlDraft : null,
  };
  // A query that could not be written to TOML was kept as typed; bring it back the same way.
  return saved.queryText !== entry.queryText ? withQuery(entry, saved.queryText) : entry;
}

export function saveSession(rules: readonly RuleEntry[], selectedId: string | null): SavedSession {
  return { format: SAVED_FORMAT, ruleIds: rules.map((r) => r.id), selectedId };
}

/**
 * The workspace after a reload: saved rules in their saved order (replacing the bundled copy of
 * the same id), then bundled rules the session did not know (new in this version of the app).
 */
export function restoreWorkspace(
  bundled: readonly RuleEntry[],
  session: SavedSession | undefined,
  saved: ReadonlyMap<string, SavedRule>,
): { rules: RuleEntry[]; selectedId: string | null } | null {
  if (!session || session.format !== SAVED_FORMAT || !Array.isArray(session.ruleIds)) return null;
  const bundledById = new Map(bundled.map((e) => [e.id, e]));
  const rules: RuleEntry[] = [];
  for (const id of session.ruleIds) {
    const record = saved.get(id);
    const entry = record ? restoreRule(record) : bundledById.get(id);
    if (entry) rules.push(entry);
  }
  const seen = new Set(rules.map((r) => r.id));
  for (const entry of bundled) if (!seen.has(entry.id)) rules.push(entry);
  const selectedId = rules.some((r) => r.id === session.selectedId) ? session.selectedId : (rules[0]?.id ?? null);
  return { rules, selectedId };
}
