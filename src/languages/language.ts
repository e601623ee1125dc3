/**
 * The query-language seam: what a query language (EQL, KQL, ES|QL) implements once so that the
 * editor, the workers and the state work with it without knowing it. Three parts:
 * - `QueryLanguageInfo`, what the page needs (names, trigger characters, folding), small enough
 *   to bundle with it;
 * - `QueryLanguageService`, the editor's answers (diagnostics, completion, hover, signature help,
 *   formatting), given in the analysis worker;
 * - `QueryLanguageEvaluator`, the events' side (compile once, then run, explain, near misses),
 *   given in the events worker.
 * A language registers the info in infos.ts and the rest in registry.ts.
 * Highlighting is the one part that is not here: Monaco's tokenizer is Monaco code, so each
 * language has its registration in src/editor, generated from its scanner's tables.
 * Plain types and data: every value crosses a worker boundary by structured clone.
 */
import type { Diagnostic, TextRange } from '../diagnostic.ts';
import type { FieldValueTable } from '../events/field-values.ts';
// The result shapes are the ones every language answers with (DESIGN.md: KQL answers "in the same
// match shape"); the EQL evaluator defined them first, so they are named from there.
import type { EvalResult, ExplainNode, Match, ResultKind } from '../eql/run/types.ts';
import type { NearMissLeaf } from '../eql/run/near-miss.ts';
import type { PreviewKind, PreviewMatch, PreviewWindow } from '../rule/preview/types.ts';
import type { TomlTable } from '../rule/types.ts';

export type { EvalResult, ExplainNode, NearMissLeaf, ResultKind };

/** What a run's matches are: a query's (events, sequences, samples) or a rule type's (rule/preview). */
export type RunKind = ResultKind | Exclude<PreviewKind, 'events'>;

/** A match with what a rule type adds (a threshold group's count, an indicator match's indicator). */
export interface RunMatch extends Match, Omit<PreviewMatch, 'events' | 'joinKeys'> {
  /** Names of this match's `joinKeys` when they differ per match (an indicator match's mapping group). */
  keyNames?: string[];
}

/** A run's answer: EvalResult, widened to rule types; `window` is the rule's run at "now". */
export interface RunResult extends Omit<EvalResult, 'kind' | 'matches'> {
  kind: RunKind;
  matches: RunMatch[];
  window?: PreviewWindow;
}

/**
 * The rule's `language` values (detection-rules' rule schema: `eql`, `kuery`, `esql`, `lucene`).
 * A language's `id` is typed `string` below: a rule may name one the studio does not know.
 */
export type QueryLanguageId = 'eql' | 'kuery' | 'esql' | 'lucene';

// ---------------------------------------------------------------------------------------------
// The editor's side

export type CompletionKind = 'keyword' | 'category' | 'field' | 'function' | 'value' | 'unit' | 'snippet';

export interface CompletionItem {
  label: string;
  kind: CompletionKind;
  detail?: string;
  /** Short text shown beside the label on every row (a sample value's count). */
  description?: string;
  documentation?: string;
  insertText: string;
  /** What the typed text is matched against, when not the label (a value typed after its quote). */
  filterText?: string;
  /** `insertText` uses snippet syntax (`${1:name}`). */
  isSnippet?: boolean;
  /** Accepting the item should open completion again (object paths end with `.`). */
  retrigger?: boolean;
  range: TextRange;
  sortText: string;
}

export interface Hover {
  range: TextRange;
  markdown: string;
}

export interface SignatureHelp {
  signatures: { label: string; documentation: string; parameters: { label: string; documentation: string }[] }[];
  activeSignature: number;
  activeParameter: number;
}

/**
 * What a language service knows of the rule around the query and of the sample events. Plain
 * data (it crosses to the worker); each language builds its own schema from it, and caches it.
 */
export interface QueryContext {
  /** `metadata.min_stack_version` (unset: every supported stack). */
  stackVersion?: string;
  /** The rule's `index` patterns. */
  indexPatterns?: string[];
  /** `metadata.integration` packages. */
  integrations?: string[];
  timestampField?: string;
  eventCategoryField?: string;
  tiebreakerField?: string;
  /** Fields present in the user's sample events: ranked first in completion. */
  seenFields?: string[];
  /** Values the sample events hold, per field, most frequent first: offered as values of that field. */
  sampleValues?: FieldValueTable[];
}

/**
 * What the page needs of a language: small and cheap, since it is bundled with the page (the
 * service and the evaluator run in the workers).
 */
export interface QueryLanguageInfo {
  readonly id: string;
  /** How people name it: 'EQL', 'KQL', 'ES|QL'. The editor's accessible name is `${label} query`. */
  readonly label: string;
  /** The Monaco language id its tokens are registered under. */
  readonly monacoId: string;
  /** Characters that open completion while typing. */
  readonly completionTriggers: readonly string[];
  /** Characters that open signature help, and those that re-open it while it shows. */
  readonly signatureTriggers: readonly string[];
  readonly signatureRetriggers: readonly string[];
  /** Foldable regions (a scan of the text, run on the page). */
  folding(text: string): TextRange[];
  /**
   * The field whose value is being written at `offset`, if any: the page then fetches that
   * field's sample values from the events worker before asking for completions.
   */
  valueFieldAt(text: string, offset: number): string | undefined;
  /**
   * What a condition (a leaf of the and/or/not tree) is in this language, for the Near misses
   * help: a phrase ending the sentence "A condition is a leaf of the query's and/or/not tree: …".
   */
  readonly nearMissConditions?: string;
}

export interface QueryLanguageService {
  readonly id: string;
  /** Parse → diagnostics, with the rule's schema context: cheap enough for every keystroke. */
  check(text: string, context: QueryContext): Diagnostic[];
  complete(text: string, offset: number, context: QueryContext): CompletionItem[];
  hover(text: string, offset: number, context: QueryContext): Hover | null;
  signature(text: string, offset: number): SignatureHelp | null;
  /** The query laid out readably, or null when it cannot be (syntax errors, or no formatter). */
  format(text: string): string | null;
}

// ---------------------------------------------------------------------------------------------
// The events' side

/** The rule's settings that change how a query runs over events. */
export interface EvaluationSettings {
  timestampField: string;
  eventCategoryField: string;
  tiebreakerField?: string;
  /**
   * The rule's schema context. When given, the query runs only if the schema check finds no
   * errors (what Elasticsearch would reject); without it only syntax errors stop it.
   */
  schema?: { stackVersion?: string; indexPatterns?: string[]; integrations?: string[] };
  /**
   * The rule around the query, as plain TOML data (`{metadata, rule}` without the query): a
   * language that runs rule types (KQL: threshold, new terms, indicator match, with the rule's
   * filters and window) runs it at "now"; without it the query's matches are the answer.
   */
  rule?: TomlTable;
}

/** A field the query reads, where it is written (field coverage points at it). */
export interface FieldReference {
  name: string;
  range: TextRange;
}

/** An event one condition away from matching a filter of the query. */
export interface NearMiss {
  index: number;
  /** Stage of a sequence or sample (null for an event query). */
  stage: number | null;
  /** Every leaf condition whose flip alone would make the event match, in source order. */
  leaves: NearMissLeaf[];
}

/**
 * A query parsed and checked once for one (text, settings): everything the events worker asks of
 * it is answered from here, for as many runs over as many event arrays as it likes.
 */
export interface CompiledLanguageQuery {
  /** The parser's and the check's diagnostics. */
  readonly diagnostics: readonly Diagnostic[];
  /** False when any diagnostic is an error: the query is not run (as Elasticsearch would not). */
  readonly runs: boolean;
  /** What its matches are: events, sequences, samples, or a rule type's groups, new terms, pairs. */
  readonly resultKind: RunKind;
  /** Fields the query reads, each where it is written, in source order (the matches' columns). */
  readonly fieldReferences: readonly FieldReference[];
  /** Names of the join keys, in the order of each match's `joinKeys`. */
  readonly joinKeyNames: readonly string[];
  /** The matches over `events`; `diagnostics` first in the result's diagnostics. */
  run(events: readonly object[], options?: { trace?: boolean }): RunResult;
  /** Why the event at `index` matches or not; null when the query does not run. */
  explain(events: readonly object[], index: number): ExplainNode | null;
  /** Events one condition away from matching (at most `limit` listed, all counted). */
  nearMisses(events: readonly object[], limit: number): { items: NearMiss[]; total: number };
}

export interface QueryLanguageEvaluator {
  readonly id: string;
  compile(text: string, settings: EvaluationSettings): CompiledLanguageQuery;
}

/** A language as the workers know it: its service and its evaluator. */
export interface QueryLanguage {
  readonly info: QueryLanguageInfo;
  readonly service: QueryLanguageService;
  readonly evaluator: QueryLanguageEvaluator;
}
