import { useEffect, useRef, useState } from 'react';
import { monaco, setUpMonaco } from '../../editor/monaco.ts';
import { lineIndex, type Diagnostic } from '../../diagnostic.ts';
import { useApp } from '../../state/store.ts';
import { selectedEntry } from '../../state/studio.ts';
import { TOML_LANGUAGE_ID } from '../../editor/toml-language.ts';
import { onRevealTomlRange } from '../../state/reveal.ts';
import { LONG_LINE_OPTIONS, wordWrapFor } from '../../editor/long-lines.ts';
import { toMarkers } from '../../editor/markers.ts';

/**
 * The rule's TOML in Monaco, editable. Two-way: a form edit rewrites the text here (as an undoable
 * edit), and text that parses goes straight back to the rule. Text that does not parse yet stays
 * here as typed, with the reason, until it does.
 */
export default function MonacoTomlEditor() {
  const host = useRef<HTMLDivElement>(null);
  const editorRef = useRef<monaco.editor.IStandaloneCodeEditor | null>(null);
  const text = useApp((s) => selectedEntry(s)?.rule.text ?? '');
  const ruleId = useApp((s) => s.selectedId);
  const ruleDiagnostics = useApp((s) => s.analysis?.ruleDiagnostics);
  const [problems, setProblems] = useState<Diagnostic[]>([]);
  /**
   * The last text this editor handed to the store. When the store echoes it back the editor may
   * already hold newer keystrokes; replacing them with the echo would drop what was just typed.
   */
  const handedOver = useRef<string | null>(null);

  useEffect(() => {
    setUpMonaco();
    const model = monaco.editor.createModel(useApp.getState().rules.find((e) => e.id === useApp.getState().selectedId)?.rule.text ?? '', TOML_LANGUAGE_ID);
    const editor = monaco.editor.create(host.current!, {
      model,
      ariaLabel: 'TOML source',
      theme: 'rule-studio-dark',
      automaticLayout: true,
      minimap: { enabled: false },
      scrollBeyondLastLine: false,
      ...LONG_LINE_OPTIONS,
      wordWrap: wordWrapFor(model),
      fontSize: 12,
      tabSize: 4,
      // Raw text: what is typed or pasted goes in as is.
      autoClosingBrackets: 'never',
      autoClosingQuotes: 'never',
      autoIndent: 'none',
      formatOnPaste: false,
      formatOnType: false,
    });
    editorRef.current = editor;
    const changes = model.onDidChangeContent(() => {
      editor.updateOptions({ wordWrap: wordWrapFor(model) });
      const value = model.getValue();
      const entry = selectedEntry(useApp.getState());
      // The rule's own text coming back needs no hand-over, unless it ends an unparsed draft.
      if (entry && value === entry.rule.text && entry.tomlDraft == null) return;
      const refused = useApp.getState().actions.rules.setRuleText(value) ?? [];
      if (!refused.length) handedOver.current = value;
      setProblems(refused);
      monaco.editor.setModelMarkers(model, 'toml-syntax', toMarkers(monaco, model, refused));
    });
    // A draft that did not parse (kept across reloads) comes back as typed; the change handler
    // above shows why it is not applied.
    const draft = selectedEntry(useApp.getState())?.tomlDraft;
    if (draft != null) model.setValue(draft);
    const reveal = onRevealTomlRange(({ start, end }) => {
      const from = model.getPositionAt(start);
      const to = model.getPositionAt(end);
      const range = new monaco.Range(from.lineNumber, from.column, to.lineNumber, to.column);
      editor.setSelection(range);
      editor.revealRangeInCenter(range);
      editor.focus();
    });
    return () => {
      reveal();
      changes.dispose();
      editor.dispose();
      model.dispose();
      editorRef.current = null;
    };
  }, []);

  // Follow the rule: an edit made in the form becomes an undoable edit here; another rule starts
  // a fresh undo history (undo must never bring back another rule's text).
  const shownRuleId = useRef(ruleId);
  useEffect(() => {
    const model = editorRef.current?.getModel();
    if (!model) return;
    const switched = shownRuleId.current !== ruleId;
    shownRuleId.current = ruleId;
    // An unparsed draft (typed, or restored on load) is shown instead of the rule's text; a form
    // edit ends it, so then the text is shown again.
    const shown = selectedEntry(useApp.getState())?.tomlDraft ?? text;
    if (!switched && (model.getValue() === shown || text === handedOver.current)) return;
    setProblems([]);
    monaco.editor.setModelMarkers(model, 'toml-syntax', []);
    // The change handler lists why a draft is not applied.
    if (switched) model.setValue(shown);
    else model.pushEditOperations([], [{ range: model.getFullModelRange(), text }], () => null);
  }, [text, ruleId]);

  useEffect(() => {
    const model = editorRef.current?.getModel();
    if (model)
      monaco.editor.setModelMarkers(
        model,
        'rule',
        toMarkers(
          monaco,
          model,
          (ruleDiagnostics ?? []).filter((d) => d.range),
        ),
      );
  }, [ruleDiagnostics]);

  // One line index for every problem listed (not a scan of the text per problem).
  const model = problems.length > 0 ? editorRef.current?.getModel() : undefined;
  const positionOf = model ? lineIndex(model.getValue()) : null;

  return (
    <>
      <div className="toml-editor" ref={host} data-invalid={problems.length ? 'true' : undefined} />
      {problems.length > 0 && (
        <ul className="field-messages" id="toml-problems" aria-label="TOML problems">
          {problems.map((d, i) => {
            const line = d.range && positionOf ? positionOf(d.range.start).line : undefined;
            return (
              <li key={i} className="message error">
                {line ? `Line ${line}: ` : ''}
                {d.message} (not applied until the TOML is valid)
              </li>
            );
          })}
        </ul>
      )}
    </>
  );
}
