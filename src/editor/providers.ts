/**
 * Monaco providers for a query language. Each one converts Monaco's request into a call on the
 * query service (answered by the worker) and converts the answer back; none knows a language:
 * what differs between languages (trigger characters, folding) comes from the language's info.
 */
import type * as Monaco from 'monaco-editor/editor/editor.api';
import type { Diagnostic } from '../diagnostic.ts';
import type { CompletionItem, CompletionKind, Hover, QueryLanguageInfo, SignatureHelp } from '../languages/language.ts';

/** What the providers ask of the outside world (the worker client, through the UI). */
export interface QueryService {
  complete(query: string, offset: number): Promise<CompletionItem[]>;
  hover(query: string, offset: number): Promise<Hover | null>;
  signature(query: string, offset: number): Promise<SignatureHelp | null>;
  format(query: string): Promise<string | null>;
  /** The diagnostics currently shown on a model (their fixes become code actions). */
  diagnosticsOf(model: Monaco.editor.ITextModel): readonly Diagnostic[];
}

function toRange(model: Monaco.editor.ITextModel, start: number, end: number): Monaco.IRange {
  const a = model.getPositionAt(start);
  const b = model.getPositionAt(end);
  return { startLineNumber: a.lineNumber, startColumn: a.column, endLineNumber: b.lineNumber, endColumn: b.column };
}

function completionKind(monaco: typeof Monaco, kind: CompletionKind): Monaco.languages.CompletionItemKind {
  const k = monaco.languages.CompletionItemKind;
  const kinds: Record<CompletionKind, Monaco.languages.CompletionItemKind> = {
    keyword: k.Keyword,
    category: k.Class,
    field: k.Field,
    function: k.Function,
    value: k.Value,
    unit: k.Unit,
    snippet: k.Snippet,
  };
  return kinds[kind];
}

export function toCompletion(monaco: typeof Monaco, model: Monaco.editor.ITextModel, item: CompletionItem): Monaco.languages.CompletionItem {
  return {
    // A description (a sample value's count) shows on every row, not only the focused one.
    label: item.description ? { label: item.label, description: item.description } : item.label,
    kind: completionKind(monaco, item.kind),
    detail: item.detail,
    documentation: item.documentation ? { value: item.documentation } : undefined,
    insertText: item.insertText,
    filterText: item.filterText,
    insertTextRules: item.isSnippet ? monaco.languages.CompletionItemInsertTextRule.InsertAsSnippet : undefined,
    range: toRange(model, item.range.start, item.range.end),
    sortText: item.sortText,
    // Accepting `process.` should offer the fields below it straight away.
    command: item.retrigger ? { id: 'editor.action.triggerSuggest', title: 'Suggest' } : undefined,
  };
}

export function toCodeActions(
  model: Monaco.editor.ITextModel,
  markers: readonly Monaco.editor.IMarkerData[],
  diagnostics: readonly Diagnostic[],
): Monaco.languages.CodeAction[] {
  const actions: Monaco.languages.CodeAction[] = [];
  for (const diagnostic of diagnostics) {
    if (!diagnostic.fix) continue;
    const marker = markers.find((m) => m.code === diagnostic.code && m.message === diagnostic.message);
    actions.push({
      title: diagnostic.fix.title,
      kind: 'quickfix',
      diagnostics: marker ? [marker] : undefined,
      isPreferred: diagnostic.fix.edits.length > 0,
      edit: {
        edits: diagnostic.fix.edits.map((e) => ({
          resource: model.uri,
          versionId: model.getVersionId(),
          textEdit: { range: toRange(model, e.range.start, e.range.end), text: e.text },
        })),
      },
    });
  }
  return actions;
}

function overlaps(model: Monaco.editor.ITextModel, d: Diagnostic, range: Monaco.IRange): boolean {
  if (!d.range) return false;
  const start = model.getOffsetAt({ lineNumber: range.startLineNumber, column: range.startColumn });
  const end = model.getOffsetAt({ lineNumber: range.endLineNumber, column: range.endColumn });
  return d.range.start <= end && d.range.end >= start;
}

/** The providers of one query language, registered under its Monaco id (once per page: providers are global to a language). */
export function registerQueryProviders(monaco: typeof Monaco, info: QueryLanguageInfo, service: QueryService): Monaco.IDisposable[] {
  const id = info.monacoId;
  return [
    monaco.languages.registerCompletionItemProvider(id, {
      triggerCharacters: [...info.completionTriggers],
      async provideCompletionItems(model, position) {
        const offset = model.getOffsetAt(position);
        const items = await service.complete(model.getValue(), offset);
        return { suggestions: items.map((item) => toCompletion(monaco, model, item)) };
      },
    }),
    monaco.languages.registerHoverProvider(id, {
      async provideHover(model, position) {
        const hover = await service.hover(model.getValue(), model.getOffsetAt(position));
        if (!hover) return null;
        return { range: toRange(model, hover.range.start, hover.range.end), contents: [{ value: hover.markdown }] };
      },
    }),
    monaco.languages.registerSignatureHelpProvider(id, {
      signatureHelpTriggerCharacters: [...info.signatureTriggers],
      signatureHelpRetriggerCharacters: [...info.signatureRetriggers],
      async provideSignatureHelp(model, position) {
        const help = await service.signature(model.getValue(), model.getOffsetAt(position));
        if (!help) return null;
        return {
          value: {
            activeSignature: help.activeSignature,
            activeParameter: help.activeParameter,
            signatures: help.signatures.map((s) => ({
              label: s.label,
              documentation: { value: s.documentation },
              parameters: s.parameters.map((p) => ({ label: p.label, documentation: { value: p.documentation } })),
            })),
          },
          dispose() {},
        };
      },
    }),
    monaco.languages.registerCodeActionProvider(id, {
      provideCodeActions(model, range, context) {
        const diagnostics = service.diagnosticsOf(model).filter((d) => overlaps(model, d, range));
        return { actions: toCodeActions(model, context.markers, diagnostics), dispose() {} };
      },
    }),
    // Folding is a scan of the text (well under a millisecond): it runs here, not in the worker.
    monaco.languages.registerFoldingRangeProvider(id, {
      provideFoldingRanges(model) {
        return info.folding(model.getValue()).map((r) => ({
          start: model.getPositionAt(r.start).lineNumber,
          end: model.getPositionAt(r.end).lineNumber,
          kind: monaco.languages.FoldingRangeKind.Region,
        }));
      },
    }),
    monaco.languages.registerDocumentFormattingEditProvider(id, {
      async provideDocumentFormattingEdits(model) {
        const formatted = await service.format(model.getValue());
        if (formatted === null || formatted === model.getValue()) return [];
        return [{ range: model.getFullModelRange(), text: formatted }];
      },
    }),
  ];
}
