/**
 * What the page knows of KQL (the rule language `kuery`): its names, the characters that open
 * completion, and where a value is being written (the page fetches that field's sample values
 * first, by the same reading completion uses: value-slot.ts). Small on purpose: the service and the evaluator (kql.ts) run in the workers.
 */
import { kqlValueFieldAt } from '../kql/service/value-slot.ts';
import type { QueryLanguageInfo } from './language.ts';

export const KQL_INFO: QueryLanguageInfo = {
  id: 'kuery',
  label: 'KQL',
  monacoId: 'kql',
  // A field's children after `.`, operators after a field, values after `:`/`>`/`(`/`"`, clauses after `{`.
  completionTriggers: ['.', ' ', ':', '(', '"', '{', '<', '>', '='],
  signatureTriggers: [],
  signatureRetriggers: [],
  folding: () => [],
  valueFieldAt: kqlValueFieldAt,
  // The leaves of the Why tree (explain-near-miss.ts): the query DSL clauses of each KQL clause.
  nearMissConditions:
    'field: value (each value of a field: ( … ) list on its own), a range such as field > value, field: * (the field exists), ' +
    'free text, or a clause inside field: { … }. An "at least N of" group is not one flip away, so it lists none',
};
