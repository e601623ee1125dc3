import { useEffect, useRef } from 'react';
import { monaco, setUpMonaco } from '../../editor/monaco.ts';
import { toMarkers } from '../../editor/markers.ts';
import { registerQueryLanguage } from '../../editor/query-languages.ts';
import type { QueryLanguageInfo } from '../../languages/language.ts';
import { useApp } from '../../state/store.ts';
import { selectLanguageInfo } from '../../state/query-settings.ts';
import { selectedEntry } from '../../state/studio.ts';
import { createQueryService } from '../../state/query-service.ts';
import { analysisWorker } from '../../state/worker.ts';
import { eventsWorker } from '../../state/live-evaluation.ts';
import { onRevealQueryRange } from '../../state/reveal.ts';
import type { HighlightedClause } from '../../state/highlight.ts';
import type { Diagnostic } from '../../diagnostic.ts';
import { LONG_LINE_OPTIONS, wordWrapFor } from '../../editor/long-lines.ts';

/** One model per rule, so each rule keeps its own undo history across switches. */
const models = new Map<string, monaco.editor.ITextModel>();
/** The diagnostics shown on each model: their fixes become quick fixes. */
const shownDiagnostics = new WeakMap<monaco.editor.ITextModel, readonly Diagnostic[]>();

/** Monaco, and the query language's tokens and providers the first time a query in it is shown. */
function setUpQueryLanguage(info: QueryLanguageInfo): void {
  setUpMonaco();
  registerQueryLanguage(monaco, info, () => ({
    ...createQueryService(analysisWorker(), info, eventsWorker),
    diagnosticsOf: (model) => shownDiagnostics.get(model) ?? [],
  }));
}

function modelFor(ruleId: string, text: string, info: QueryLanguageInfo): monaco.editor.ITextModel {
  let model = models.get(ruleId);
  // The rule's language may change (the form, the raw TOML): the model follows it.
  if (model && !model.isDisposed() && model.getLanguageId() !== info.monacoId) monaco.editor.setModelLanguage(model, info.monacoId);
  if (!model || model.isDisposed()) {
    model = monaco.editor.createModel(text, info.monacoId);
    models.set(ruleId, model);
    model.onDidChangeContent(() => {
      const state = useApp.getState();
      if (state.selectedId === ruleId) state.actions.rules.setQuery(model!.getValue());
    });
  }
  return model;
}

/** The innermost clauses: an outer clause's value follows from them, and nested colours are noise. */
function innermost(clauses: readonly HighlightedClause[]): HighlightedClause[] {
  return clauses.filter(
    (c) =>
      !clauses.some(
        (o) => o !== c && o.range.start >= c.range.start && o.range.end <= c.range.end && o.range.end - o.range.start < c.range.end - c.range.start,
      ),
  );
}

const TRUTH_CLASS = { true: 'clause-true', false: 'clause-false', null: 'clause-null' } as const;

function clauseDecorations(model: monaco.editor.ITextModel, clauses: readonly HighlightedClause[]): monaco.editor.IModelDeltaDecoration[] {
  return innermost(clauses).map((c) => {
    const from = model.getPositionAt(c.range.start);
    const to = model.getPositionAt(c.range.end);
    const truth = String(c.truth) as keyof typeof TRUTH_CLASS;
    return {
      range: new monaco.Range(from.lineNumber, from.column, to.lineNumber, to.column),
      options: { inlineClassName: TRUTH_CLASS[truth], hoverMessage: { value: `\`${truth}\` for the selected event` } },
    };
  });
}

export default function MonacoQueryEditor() {
  const hostRef = useRef<HTMLDivElement>(null);
  const editorRef = useRef<monaco.editor.IStandaloneCodeEditor | null>(null);
  const ruleId = useApp((s) => s.selectedId);
  const queryText = useApp((s) => selectedEntry(s)?.queryText ?? '');
  const queryDiagnostics = useApp((s) => s.analysis?.queryDiagnostics);
  // The selected rule's `language` (unset: EQL) picks the tokens, the providers and the editor's name.
  const info = useApp(selectLanguageInfo);

  // biome-ignore lint/correctness/useExhaustiveDependencies: the editor is made once; the language effect below keeps it in step
  useEffect(() => {
    setUpQueryLanguage(info);
    const editor = monaco.editor.create(hostRef.current!, {
      ariaLabel: `${info.label} query`,
      language: info.monacoId,
      theme: 'rule-studio-dark',
      automaticLayout: true,
      minimap: { enabled: false },
      ...LONG_LINE_OPTIONS,
      wordWrap: 'on',
      fontSize: 13,
      scrollBeyondLastLine: false,
      renderLineHighlight: 'line',
      fixedOverflowWidgets: true,
      tabSize: 2,
      // Words of other open queries are noise: completion comes from the language service alone.
      wordBasedSuggestions: 'off',
    });
    editorRef.current = editor;
    return () => {
      editor.dispose();
      editorRef.current = null;
    };
  }, []);

  // Show the selected rule's model, in the rule's language.
  useEffect(() => {
    const editor = editorRef.current;
    if (!editor || !ruleId) return;
    setUpQueryLanguage(info);
    const model = modelFor(ruleId, useApp.getState().rules.find((e) => e.id === ruleId)?.queryText ?? '', info);
    if (editor.getModel() !== model) editor.setModel(model);
    editor.updateOptions({ wordWrap: wordWrapFor(model), ariaLabel: `${info.label} query` });
  }, [ruleId, info]);

  // The query may change elsewhere (raw TOML view, undo in a form): follow it, keeping undo.
  // Typing updates the store synchronously, so compare with the store as it is now, not with
  // the value this render saw: a keystroke that landed since must not be overwritten.
  // biome-ignore lint/correctness/useExhaustiveDependencies: runs when the query text changes, reads the store's latest
  useEffect(() => {
    const model = editorRef.current?.getModel();
    const latest = selectedEntry(useApp.getState())?.queryText;
    if (!model || latest === undefined) return;
    if (model.getValue() !== latest) model.pushEditOperations([], [{ range: model.getFullModelRange(), text: latest }], () => null);
    // A pasted or opened query with a huge line is not wrapped (wrapping lays out the whole line).
    editorRef.current!.updateOptions({ wordWrap: wordWrapFor(model) });
  }, [queryText]);

  // Why did the selected event match (or not)? Colour each innermost clause by its value.
  useEffect(() => {
    const editor = editorRef.current!;
    const decorations = editor.createDecorationsCollection();
    const draw = ({ queryText: explained, clauses }: { queryText: string | null; clauses: HighlightedClause[] }) => {
      const model = editor.getModel();
      decorations.set(model && explained !== null && explained === model.getValue() ? clauseDecorations(model, clauses) : []);
    };
    draw(useApp.getState());
    const unsubscribe = useApp.subscribe((s, previous) => {
      if (s.clauses !== previous.clauses || s.queryText !== previous.queryText) draw(s);
    });
    const onEdit = editor.onDidChangeModelContent(() => draw(useApp.getState()));
    return () => {
      unsubscribe();
      onEdit.dispose();
      decorations.clear();
    };
  }, []);

  // "Show me": the Problems panel asks for a range of the query.
  useEffect(
    () =>
      onRevealQueryRange(({ start, end }) => {
        const editor = editorRef.current;
        const model = editor?.getModel();
        if (!editor || !model) return;
        const from = model.getPositionAt(start);
        const to = model.getPositionAt(Math.max(end, start));
        const selection = new monaco.Selection(from.lineNumber, from.column, to.lineNumber, to.column);
        editor.setSelection(selection);
        editor.revealRangeInCenter(selection);
        editor.focus();
      }),
    [],
  );

  // biome-ignore lint/correctness/useExhaustiveDependencies: a rule switch swaps the model, whose markers are set again
  useEffect(() => {
    const model = editorRef.current?.getModel();
    if (!model) return;
    shownDiagnostics.set(model, queryDiagnostics ?? []);
    monaco.editor.setModelMarkers(model, 'query', toMarkers(monaco, model, queryDiagnostics ?? []));
  }, [queryDiagnostics, ruleId]);

  return (
    <>
      <div className="query-actions">
        <button
          type="button"
          className="button small"
          title="Lay the query out readably (Shift+Alt+F)"
          onClick={() => void editorRef.current?.getAction('editor.action.formatDocument')?.run()}
        >
          Format query
        </button>
      </div>
      <div className="query-editor" ref={hostRef} data-testid="query-editor" />
    </>
  );
}
