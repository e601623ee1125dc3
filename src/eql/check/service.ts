/**
 * Language service for the editor: completion, hover and signature help. Pure functions over
 * (text, offset, options); the Monaco adapters convert the answers. Offsets are UTF-16 offsets
 * into `text`, like every range in this code base.
 */
import type { TextRange } from '../../diagnostic.ts';
import type { CompletionItem, Hover, SignatureHelp } from '../../languages/language.ts';
import { TokenKind, type Token } from '../syntax/scanner.ts';
import { getSchema, type FieldInfo, type FieldSchema } from '../schema/index.ts';
import { quoteName } from './analyze.ts';
import { cursorContext, parenStack, significant, type CursorContext } from './context.ts';
import { KEYWORD_DOCS, OPERATOR_DOCS, UNIT_DOCS } from './docs.ts';
import { FUNCTIONS, functionMarkdown, lookupFunction, paramLabel, signatureLabel, type FunctionDef } from '../functions/registry.ts';
import type { CheckOptions } from './index.ts';
import type { FieldValueTable } from '../../events/field-values.ts';
import { valueCompletions, valueSlotOf } from './value-completion.ts';

export interface ServiceOptions extends CheckOptions {
  /** Fields present in the user's sample events: ranked first in completion. */
  seenFields?: string[];
  /** Values the sample events hold, per field, most frequent first: offered as values of that field. */
  sampleValues?: FieldValueTable[];
}

// The answers' shapes belong to the query-language seam: every language gives the same ones.
export type { CompletionItem, CompletionKind, Hover, SignatureHelp } from '../../languages/language.ts';

function schemaOf(options: ServiceOptions): FieldSchema {
  return options.schema ?? getSchema({ stackVersion: options.stackVersion, indexPatterns: options.indexPatterns, integrations: options.integrations });
}

// ---------------------------------------------------------------------------------------------
// Completion

const EXPRESSION_START = new Set<TokenKind>([
  TokenKind.Where,
  TokenKind.And,
  TokenKind.Or,
  TokenKind.Not,
  TokenKind.Plus,
  TokenKind.Minus,
  TokenKind.Star,
  TokenKind.Slash,
  TokenKind.Percent,
]);
const OPERAND_END = new Set<TokenKind>([
  TokenKind.Identifier,
  TokenKind.QuotedIdentifier,
  TokenKind.String,
  TokenKind.Integer,
  TokenKind.Decimal,
  TokenKind.RParen,
  TokenKind.True,
  TokenKind.False,
  TokenKind.Null,
]);

export function completionsAt(text: string, offset: number, options: ServiceOptions = {}): CompletionItem[] {
  const schema = schemaOf(options);
  const ctx = cursorContext(text, offset);
  const items = new Completions(text, ctx, schema, options);
  items.collect();
  return items.list;
}

class Completions {
  readonly list: CompletionItem[] = [];
  private readonly seen: Set<string>;

  constructor(
    private readonly text: string,
    private readonly ctx: CursorContext,
    private readonly schema: FieldSchema,
    private readonly options: ServiceOptions,
  ) {
    this.seen = new Set(options.seenFields ?? []);
  }

  private add(item: Omit<CompletionItem, 'range'> & { range?: TextRange }): void {
    this.list.push({ ...item, range: item.range ?? this.ctx.word.range });
  }

  collect(): void {
    const { tokens, inString } = this.ctx;
    const prev = tokens[tokens.length - 1];
    const prev2 = tokens[tokens.length - 2];
    const frame = this.ctx.parens[this.ctx.parens.length - 1];

    const slot = valueSlotOf(this.text, this.ctx);
    if (slot) {
      this.list.push(...valueCompletions({ slot, schema: this.schema, sampleValues: this.options.sampleValues, range: this.ctx.word.range, inString }));
      return;
    }
    if (inString) {
      this.quotedCategories();
      return;
    }
    if (!prev) {
      this.queryStart();
      return;
    }
    if (this.maxspanUnit(tokens)) return;
    switch (prev.kind) {
      case TokenKind.LBracket:
      case TokenKind.BangBracket:
        this.categories();
        return;
      case TokenKind.Pipe:
        for (const k of ['head', 'tail']) this.keyword(k, `${k} `);
        return;
      case TokenKind.Sequence:
        this.keyword('by', 'by ');
        this.snippet('with maxspan=', 'with maxspan=${1:5m}', KEYWORD_DOCS.maxspan);
        this.snippet('[ … ]', '[${1:process} where ${2:true}]', 'A sequence stage.');
        return;
      case TokenKind.Sample:
        this.keyword('by', 'by ');
        return;
      case TokenKind.With:
        if (this.inQueryHeader(tokens)) this.snippet('maxspan=', 'maxspan=${1:5m}', KEYWORD_DOCS.maxspan);
        else this.snippet('runs=', 'runs=${1:2}', KEYWORD_DOCS.runs);
        return;
      case TokenKind.RBracket:
        this.afterStage(tokens);
        return;
      case TokenKind.By:
        this.fields(false);
        return;
      case TokenKind.Question:
        this.fields(false);
        return;
      case TokenKind.Comma:
        if (frame?.kind === 'call') this.expressionStart();
        else if (this.inByList(tokens)) this.fields(false);
        return;
      case TokenKind.LParen:
        this.expressionStart();
        return;
    }
    // `x not |`: only `in`/`in~` may follow a `not` that comes after an operand.
    if (prev.kind === TokenKind.Not && prev2 && OPERAND_END.has(prev2.kind)) {
      this.add({ label: 'in', kind: 'keyword', documentation: OPERATOR_DOCS.in, insertText: 'in (', sortText: '2in' });
      this.add({ label: 'in~', kind: 'keyword', documentation: OPERATOR_DOCS['in~'], insertText: 'in~ (', sortText: '2in~' });
      return;
    }
    if (EXPRESSION_START.has(prev.kind)) {
      this.expressionStart();
      return;
    }
    // `process |` or `[ network |`: a category was just written, `where` comes next.
    const categoryPosition = !prev2 || prev2.kind === TokenKind.LBracket || prev2.kind === TokenKind.BangBracket;
    if (categoryPosition && (prev.kind === TokenKind.Identifier || prev.kind === TokenKind.Any || prev.kind === TokenKind.String)) {
      this.keyword('where', 'where ');
      return;
    }
    if (OPERAND_END.has(prev.kind)) {
      if (this.inByList(tokens)) {
        this.afterStage(tokens);
        return;
      }
      this.operators();
    }
  }

  // --- contexts

  private queryStart(): void {
    this.categories();
    this.snippet(
      'sequence',
      'sequence by ${1:host.id} with maxspan=${2:5m}\n  [${3:process} where ${4:true}]\n  [${5:network} where ${6:true}]',
      KEYWORD_DOCS.sequence,
    );
    this.snippet('sample', 'sample by ${1:host.id}\n  [${2:process} where ${3:true}]\n  [${4:network} where ${5:true}]', KEYWORD_DOCS.sample);
    this.keyword('sequence', 'sequence ');
    this.keyword('sample', 'sample ');
  }

  private categories(): void {
    const field = this.options.eventCategoryField ?? 'event.category';
    const values = this.schema.lookup(field)?.allowedValues ?? this.schema.lookup('event.category')?.allowedValues ?? [];
    this.add({ label: 'any', kind: 'keyword', detail: 'every category', documentation: KEYWORD_DOCS.any, insertText: 'any where ', sortText: '0any' });
    for (const v of values) {
      this.add({
        label: v,
        kind: 'category',
        detail: `${field} == "${v}"`,
        documentation: this.schema.allowedValueDoc('event.category', v),
        insertText: `${v} where `,
        sortText: `1${v}`,
      });
    }
  }

  private afterStage(tokens: Token[]): void {
    const inSequence = tokens.some((t) => t.kind === TokenKind.Sequence);
    if (this.inQueryHeader(tokens)) {
      // `sequence by host.id |`: the header continues with maxspan, then the first stage.
      if (inSequence) this.snippet('with maxspan=', 'with maxspan=${1:5m}', KEYWORD_DOCS.maxspan);
      this.snippet('[ … ]', '[${1:process} where ${2:true}]', 'The first stage.');
      return;
    }
    this.keyword('by', 'by ');
    if (inSequence) {
      this.snippet('with runs=', 'with runs=${1:2}', KEYWORD_DOCS.runs);
      this.keyword('until', 'until ');
    }
    this.snippet('[ … ]', '[${1:process} where ${2:true}]', 'Another stage.');
  }

  private expressionStart(): void {
    this.fields(true);
    // A dotted word can only be a field; otherwise offer what its first letters could start.
    const word = this.ctx.word.text.toLowerCase();
    if (word.includes('.') || word.startsWith('?')) return;
    for (const f of FUNCTIONS) if (f.name.toLowerCase().startsWith(word)) this.func(f);
    for (const k of ['not', 'true', 'false']) if (k.startsWith(word)) this.keyword(k, k === 'not' ? 'not ' : k);
  }

  private operators(): void {
    const ops: [string, string][] = [
      ['and', 'and '],
      ['or', 'or '],
      [':', ': '],
      ['==', '== '],
      ['!=', '!= '],
      ['like~', 'like~ '],
      ['like', 'like '],
      ['regex', 'regex '],
      ['regex~', 'regex~ '],
      ['in', 'in ('],
      ['in~', 'in~ ('],
      ['not in', 'not in ('],
    ];
    ops.forEach(([label, insert], i) =>
      this.add({
        label,
        kind: 'keyword',
        documentation: OPERATOR_DOCS[label] ?? KEYWORD_DOCS[label],
        insertText: insert,
        sortText: `2${String(i).padStart(2, '0')}`,
      }),
    );
  }

  /** `maxspan=5|` or `maxspan=5m|`: offer the units. */
  private maxspanUnit(tokens: Token[]): boolean {
    const n = tokens.length;
    const [a, b, c] = [tokens[n - 3], tokens[n - 2], tokens[n - 1]];
    if (!(a?.kind === TokenKind.Maxspan && b?.kind === TokenKind.Assign && c?.kind === TokenKind.Integer)) return false;
    // Only when the unit would be glued to the number (`5m`), as the grammar wants.
    if (c.end !== this.ctx.word.range.start) return false;
    for (const [unit, doc] of Object.entries(UNIT_DOCS)) {
      this.add({ label: unit, kind: 'unit', detail: doc, insertText: unit, sortText: `0${'ms s m h d'.indexOf(unit)}` });
    }
    return true;
  }

  // --- item builders

  private fields(includeObjects: boolean): void {
    const prefix = this.ctx.word.text.replace(/^\?/, '').replace(/`/g, '');
    const base = prefix.includes('.') ? prefix.slice(0, prefix.lastIndexOf('.') + 1) : '';
    const groups = new Map<string, number>();
    const leaves: FieldInfo[] = [];
    for (const f of this.schema.fieldsWithPrefix(prefix)) {
      if (f.family === 'text') continue; // EQL cannot search text fields
      const rest = f.name.slice(base.length);
      const dot = rest.indexOf('.');
      if (dot < 0) leaves.push(f);
      else {
        const g = base + rest.slice(0, dot);
        groups.set(g, (groups.get(g) ?? 0) + 1);
      }
    }
    // An object/nested field with listed sub-fields is offered as a path to descend into.
    for (let i = leaves.length - 1; i >= 0; i--) if (leaves[i].family === 'object' && groups.has(leaves[i].name)) leaves.splice(i, 1);
    const seenPrefix = (name: string) => [...this.seen].some((s) => s === name || s.startsWith(`${name}.`));
    for (const f of leaves) {
      this.add({
        label: f.name,
        kind: 'field',
        detail: `${f.type}${f.array ? ' · multi-valued' : ''}${f.source !== 'ecs' ? ` · ${f.origin ?? f.source}` : ''}`,
        documentation: fieldMarkdown(f, this.schema),
        insertText: quoteName(f.name),
        sortText: `${this.seen.has(f.name) ? '0' : '1'}${f.name}`,
      });
    }
    if (!includeObjects && leaves.length > 0 && groups.size === 0) return;
    for (const [g, count] of groups) {
      if (leaves.some((l) => l.name === g)) continue; // process.name with its .text multi-field
      this.add({
        label: g,
        kind: 'field',
        detail: `object · ${count} field${count === 1 ? '' : 's'}`,
        insertText: `${quoteName(g)}.`,
        retrigger: true,
        sortText: `${seenPrefix(g) ? '0' : '1'}${g}`,
      });
    }
  }

  private func(f: FunctionDef): void {
    const params = f.params.filter((p) => !p.optional).map((p, i) => `\${${i + 1}:${p.name}}`);
    // Case-aware functions also come in their case-insensitive `name~` form.
    for (const name of f.caseAware ? [f.name, `${f.name}~`] : [f.name]) {
      this.add({
        label: name,
        kind: 'function',
        detail: signatureLabel(f),
        documentation: functionMarkdown(f, name.endsWith('~')),
        insertText: `${name}(${params.join(', ')})`,
        isSnippet: true,
        sortText: `3${name}`,
      });
    }
  }

  private keyword(label: string, insertText: string): void {
    this.add({ label, kind: 'keyword', documentation: KEYWORD_DOCS[label], insertText, sortText: `4${label}` });
  }

  private snippet(label: string, insertText: string, documentation?: string): void {
    this.add({ label, kind: 'snippet', documentation, insertText, isSnippet: true, sortText: `5${label}` });
  }

  /** A quoted category: "my-category" where … */
  private quotedCategories(): void {
    const prev = this.ctx.tokens[this.ctx.tokens.length - 1];
    if (prev && prev.kind !== TokenKind.LBracket && prev.kind !== TokenKind.BangBracket) return;
    for (const v of this.schema.lookup('event.category')?.allowedValues ?? []) {
      this.add({ label: v, kind: 'category', insertText: `"${v}"`, filterText: `"${v}"`, sortText: `1${v}` });
    }
  }

  // --- token-pattern helpers

  /** Before the first `[`: `sequence by … with |`. */
  private inQueryHeader(tokens: Token[]): boolean {
    return !tokens.some((t) => t.kind === TokenKind.LBracket || t.kind === TokenKind.BangBracket);
  }

  /** `by a, b|` or `by a.b|`: walking back over a field list reaches `by`. */
  private inByList(tokens: Token[]): boolean {
    for (let i = tokens.length - 1; i >= 0; i--) {
      const k = tokens[i].kind;
      if (k === TokenKind.By) return true;
      if (k !== TokenKind.Identifier && k !== TokenKind.QuotedIdentifier && k !== TokenKind.Dot && k !== TokenKind.Comma && k !== TokenKind.Question)
        return false;
    }
    return false;
  }
}

// ---------------------------------------------------------------------------------------------
// Hover

export function hoverAt(text: string, offset: number, options: ServiceOptions = {}): Hover | null {
  const tokens = significant(text);
  const index = tokens.findIndex((t) => t.start <= offset && offset < t.end);
  const at = index >= 0 ? index : tokens.findIndex((t) => t.end === offset && isNameToken(t));
  if (at < 0) return null;
  const tok = tokens[at];
  const range = { start: tok.start, end: tok.end };

  if (tok.kind === TokenKind.TildeIdentifier) return functionHover(tok, true);
  const special = identifierRole(tokens, at);
  if (special) return { range, markdown: special };
  if (isNameToken(tok) || tok.kind === TokenKind.Dot || tok.kind === TokenKind.Question) {
    const path = pathAround(tokens, at);
    if (!path) return null;
    const next = tokens[path.lastIndex + 1];
    const prevTok = tokens[path.firstIndex - 1];
    if (path.segments === 1 && next?.kind === TokenKind.LParen && next.start === tokens[path.lastIndex].end)
      return functionHover(tokens[path.lastIndex], false);
    if ((!prevTok || prevTok.kind === TokenKind.LBracket || prevTok.kind === TokenKind.BangBracket) && next?.kind === TokenKind.Where) {
      const doc = getSchema({}).allowedValueDoc('event.category', path.name);
      const field = options.eventCategoryField ?? 'event.category';
      return {
        range: path.range,
        markdown: `**${path.name}** — event category\n\nMatches events whose \`${field}\` is (or contains) \`"${path.name}"\` (case-sensitive).${doc ? `\n\n${doc}` : ''}`,
      };
    }
    return fieldHover(path.name, path.range, schemaOf(options));
  }
  const keyword = tokenText(text, tok);
  if (tok.kind === TokenKind.String) {
    const category = at + 1 < tokens.length && tokens[at + 1].kind === TokenKind.Where;
    return category ? { range, markdown: `**"${tok.value}"** — event category (quoted)` } : null;
  }
  const doc = OPERATOR_DOCS[keyword] ?? KEYWORD_DOCS[keyword];
  if (doc) return { range, markdown: doc };
  if (tok.kind === TokenKind.Assign && tokens[at - 1]?.kind === TokenKind.Maxspan) return { range, markdown: KEYWORD_DOCS.maxspan };
  return null;
}

/** Identifiers that are not fields: `runs` in `with runs=`, pipe names, maxspan units. */
function identifierRole(tokens: Token[], at: number): string | null {
  const tok = tokens[at];
  if (tok.kind !== TokenKind.Identifier) return null;
  const prev = tokens[at - 1];
  const next = tokens[at + 1];
  if (tok.value === 'runs' && prev?.kind === TokenKind.With && next?.kind === TokenKind.Assign) return KEYWORD_DOCS.runs;
  if (prev?.kind === TokenKind.Pipe) return KEYWORD_DOCS[tok.value] ?? `\`${tok.value}\` — not a supported pipe (only head and tail).`;
  if (prev?.kind === TokenKind.Integer && prev.end === tok.start && tokens[at - 2]?.kind === TokenKind.Assign) {
    const unit = UNIT_DOCS[tok.value as keyof typeof UNIT_DOCS];
    return unit ? `\`${tok.value}\` — ${unit}` : `\`${tok.value}\` — not a time unit; use ms, s, m, h or d.`;
  }
  return null;
}

function tokenText(text: string, t: Token): string {
  return text.slice(t.start, t.end);
}

function isNameToken(t: Token): boolean {
  return t.kind === TokenKind.Identifier || t.kind === TokenKind.QuotedIdentifier;
}

/** The contiguous dotted path (`?a.b.c`) that contains token `at`. */
function pathAround(tokens: Token[], at: number) {
  const joined = (i: number) => i > 0 && tokens[i - 1].end === tokens[i].start;
  let first = at;
  let last = at;
  if (tokens[at].kind === TokenKind.Question) last = first = at + 1;
  if (!tokens[first]) return null;
  while (first > 0 && joined(first) && (tokens[first - 1].kind === TokenKind.Dot || isNameToken(tokens[first - 1]))) first--;
  while (last + 1 < tokens.length && joined(last + 1) && (tokens[last + 1].kind === TokenKind.Dot || isNameToken(tokens[last + 1]))) last++;
  const parts = tokens.slice(first, last + 1).filter(isNameToken);
  if (parts.length === 0) return null;
  return {
    name: parts.map((p) => p.value).join('.'),
    segments: parts.length,
    firstIndex: first,
    lastIndex: last,
    range: { start: tokens[first].start, end: tokens[last].end },
  };
}

function fieldHover(name: string, range: TextRange, schema: FieldSchema): Hover {
  const info = schema.lookup(name);
  if (info) return { range, markdown: fieldMarkdown(info, schema) };
  if (schema.isObjectPath(name)) {
    const count = schema.fieldsWithPrefix(`${name}.`).length;
    return { range, markdown: `**${name}** · \`object\`\n\nAn object with ${count} field${count === 1 ? '' : 's'}; EQL needs one of its sub-fields.` };
  }
  const similar = schema.similar(name);
  const excuse = schema.unknownFieldExcuse(name);
  const lines = [`**${name}** — not in the schema`];
  if (excuse) lines.push(`It may still exist: ${excuse}.`);
  if (similar.length) lines.push(`Did you mean ${similar.map((s) => `\`${s}\``).join(', ')}?`);
  lines.push('Write `?' + name + '` to make it optional.');
  return { range, markdown: lines.join('\n\n') };
}

export function fieldMarkdown(f: FieldInfo, schema: FieldSchema): string {
  const lines = [`**${f.name}** · \`${f.type}\``];
  if (f.description) lines.push(f.description);
  if (f.example) lines.push(`Example: \`${f.example}\``);
  if (f.family === 'text') lines.push('A full-text field: EQL cannot search it; use the keyword field.');
  if (f.array) lines.push('Multi-valued: a condition matches when **any** value matches; as a join key the event joins once per distinct value.');
  if (f.allowedValues) lines.push(`Allowed values: ${f.allowedValues.map((v) => `\`${v}\``).join(', ')}`);
  if (f.missingInStacks.length) lines.push(`Not in the ECS of stack ${f.missingInStacks.join(', ')}: raise min_stack_version or write \`?${f.name}\`.`);
  const source = f.source === 'ecs' ? `ECS ${schema.ecsVersions.join(', ')}` : (f.origin ?? f.source);
  lines.push(`Source: ${source}`);
  return lines.join('\n\n');
}

function functionHover(tok: Token, caseInsensitive: boolean): Hover | null {
  const def = lookupFunction(tok.value);
  const range = { start: tok.start, end: tok.end };
  if (!def) return { range, markdown: `**${tok.value}** — not an Elasticsearch EQL function.` };
  return { range, markdown: functionMarkdown(def, caseInsensitive) };
}

// ---------------------------------------------------------------------------------------------
// Signature help

export function signatureHelpAt(text: string, offset: number): SignatureHelp | null {
  const tokens = significant(text.slice(0, offset));
  const frames = parenStack(tokens);
  for (let i = frames.length - 1; i >= 0; i--) {
    const frame = frames[i];
    if (frame.kind !== 'call') continue;
    const def = lookupFunction(frame.name ?? '');
    if (!def) return null;
    const last = def.params.length - 1;
    const active = Math.min(frame.commas, def.params[last]?.variadic ? last : frame.commas);
    return {
      signatures: [
        {
          label: signatureLabel(def),
          documentation: `${def.doc} ${def.nulls} Example: ${def.example.call} → ${def.example.result}`,
          parameters: def.params.map((p) => ({ label: paramLabel(p), documentation: p.doc })),
        },
      ],
      activeSignature: 0,
      activeParameter: active,
    };
  }
  return null;
}
