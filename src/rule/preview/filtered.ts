/**
 * A rule's `[[rule.filters]]` in front of any evaluation: Kibana sends them with every rule's
 * search (for EQL rules, as the EQL search's `filter`), so the query only ever sees the events
 * they keep. Runs `evaluate` on that subset and maps its positions back to the input's.
 */
import type { Diagnostic } from '../../diagnostic.ts';
import type { TomlTable } from '../types.ts';
import { type KqlRuleOptions, ruleFilters } from './kql-rule.ts';

interface Evaluated<M> {
  matches: M[];
  diagnostics: Diagnostic[];
}

export function evaluateFiltered<M extends { events: (number | null)[] }>(
  data: TomlTable,
  events: readonly object[],
  options: KqlRuleOptions,
  evaluate: (events: object[]) => Evaluated<M>,
): Evaluated<M> {
  const filters = ruleFilters(data, events, options);
  if (!filters.matches) {
    const result = evaluate(events as object[]);
    return filters.diagnostics.length > 0 ? { ...result, diagnostics: [...filters.diagnostics, ...result.diagnostics] } : result;
  }
  const kept: number[] = [];
  for (let i = 0; i < events.length; i++) if (filters.matches(events[i])) kept.push(i);
  const result = evaluate(kept.map((i) => events[i]));
  return {
    matches: result.matches.map((m) => ({ ...m, events: m.events.map((i) => (i === null ? null : kept[i])) })),
    diagnostics: [...filters.diagnostics, ...result.diagnostics],
  };
}
