/**
 * completeKql: what may be written at an offset of a KQL query. Fields at the start of a clause
 * (sample-event fields first, then the schema's, relative to the nested path inside `{ }`), the
 * operators after a field, values after `field:` / `field >` / inside `field:( … )`, and the
 * keywords after a complete clause. Pure: the Monaco adapter converts the items.
 */
import type { TextRange } from '../../diagnostic.ts';
import type { FieldInfo, FieldSchema } from '../../eql/schema/index.ts';
import type { CompletionItem, ServiceOptions } from '../../eql/check/service.ts';
import { kqlFieldText, resolveField } from './analyze.ts';
import { schemaOf } from './check.ts';
import { cursorContext, literalName, type CursorContext } from './context.ts';
import { KQL_DOCS } from './docs.ts';
import { fieldDetail, kqlFieldMarkdown } from './field-docs.ts';
import { kqlValueCompletions } from './value-completion.ts';
import { kqlValueSlotOf, type KqlValueSlot } from './value-slot.ts';

export function completeKql(text: string, offset: number, options: ServiceOptions = {}): CompletionItem[] {
  const ctx = cursorContext(text, offset);
  const items = new Completions(ctx, schemaOf(options), options);
  items.collect();
  return items.list;
}

class Completions {
  readonly list: CompletionItem[] = [];

  constructor(
    private readonly ctx: CursorContext,
    private readonly schema: FieldSchema,
    private readonly options: ServiceOptions,
  ) {}

  private get range(): TextRange {
    return this.ctx.word.range;
  }

  private add(item: Omit<CompletionItem, 'range'> & { range?: TextRange }): void {
    this.list.push({ ...item, range: item.range ?? this.range });
  }

  collect(): void {
    const { tokens, path } = this.ctx.reading;
    const prev = tokens[tokens.length - 1];
    const kind = prev?.token.kind;
    const slot = kqlValueSlotOf(this.ctx);
    if (slot) return this.values(slot);
    const clauseStart = !prev || prev.role === 'keyword' || kind === 'lparen' || kind === 'lbrace';
    if (this.ctx.inString) return; // free text in quotes: nothing to offer
    if (clauseStart) {
      this.fields(path);
      // A dotted word can only be a field.
      if (kind !== 'not' && !this.ctx.word.text.includes('.')) this.keyword('not', 'not ');
      return;
    }
    if (prev.role === 'free' && prev.token.kind === 'unquoted') {
      // `process.name |`: the word is a field waiting for its operator (or free text, then and/or).
      const name = literalName(prev.token);
      this.operators(path ? `${path}.${name}` : name, prev.token.text.includes('*'));
    }
    // After a complete clause (a value, free text, a closed group); not between a field and its operator.
    if (prev.role !== 'field') this.andOr();
  }

  // --- contexts

  private values(slot: KqlValueSlot): void {
    const { schema, options, ctx } = this;
    this.list.push(...kqlValueCompletions({ slot, schema, sampleValues: options.sampleValues, range: this.range, inString: ctx.inString }));
  }

  private operators(field: string, wildcard: boolean): void {
    const resolved = resolveField(this.schema, field, wildcard);
    const info = resolved.kind === 'field' ? resolved.info : undefined;
    const ops: [string, string, string][] = [
      [':', ': ', KQL_DOCS[':']],
      [': *', ': *', KQL_DOCS.exists],
    ];
    // Ranges on keyword and text fields compare strings: not offered (kql/range-on-string).
    if (!info || !(info.family === 'string' || info.family === 'text' || info.family === 'object')) {
      for (const op of ['>', '>=', '<', '<='] as const) ops.push([op, `${op} `, KQL_DOCS[op]]);
    }
    ops.forEach(([label, insertText, documentation], i) =>
      this.add({ label, kind: 'keyword', documentation, insertText, sortText: `2${i}`, range: this.empty() }),
    );
    if (info?.type === 'nested') {
      this.add({
        label: ': { … }',
        kind: 'snippet',
        documentation: KQL_DOCS.nested,
        insertText: ': { $1 }',
        isSnippet: true,
        sortText: '29',
        range: this.empty(),
      });
    }
  }

  private andOr(): void {
    this.keyword('and', 'and ');
    this.keyword('or', 'or ');
    this.add({ label: 'and not', kind: 'keyword', documentation: KQL_DOCS.not, insertText: 'and not ', sortText: '4and not' });
  }

  /** Operators go after the word before the cursor, replacing nothing. */
  private empty(): TextRange {
    return this.ctx.word.text === '' ? this.range : { start: this.range.end, end: this.range.end };
  }

  // --- fields

  private fields(path: string): void {
    const base = path ? `${path}.` : '';
    const typed = this.ctx.word.token?.kind === 'unquoted' ? this.ctx.word.text : '';
    const prefix = base + typed;
    const levelBase = prefix.includes('.') ? prefix.slice(0, prefix.lastIndexOf('.') + 1) : '';
    const seen = new Set(this.options.seenFields ?? []);
    const groups = new Map<string, number>();
    const leaves: FieldInfo[] = [];
    for (const f of this.schema.fieldsWithPrefix(prefix)) {
      const rest = f.name.slice(levelBase.length);
      const dot = rest.indexOf('.');
      if (dot < 0) leaves.push(f);
      else {
        const g = levelBase + rest.slice(0, dot);
        groups.set(g, (groups.get(g) ?? 0) + 1);
      }
    }
    const offered = new Set<string>();
    const leaf = (f: FieldInfo) => {
      if (offered.has(f.name)) return;
      offered.add(f.name);
      const relative = f.name.slice(base.length);
      this.add({
        label: relative,
        kind: 'field',
        detail: fieldDetail(f),
        documentation: kqlFieldMarkdown(f, this.schema),
        insertText: kqlFieldText(relative),
        sortText: `${seen.has(f.name) ? '0' : '1'}${relative}`,
      });
    };
    // Fields of the sample events first, at any depth, so `process.name` is one pick away.
    for (const name of seen) {
      if (!name.startsWith(prefix) || offered.has(name)) continue;
      const info = this.schema.lookup(name);
      if (info) leaf(info);
      else {
        offered.add(name);
        const relative = name.slice(base.length);
        this.add({
          label: relative,
          kind: 'field',
          detail: 'in the sample events, not in the schema',
          insertText: kqlFieldText(relative),
          sortText: `0${relative}`,
        });
      }
    }
    // An object with listed sub-fields is a path to descend into (a nested one is also a field).
    for (const f of leaves) if (!(groups.has(f.name) && f.type !== 'nested')) leaf(f);
    const seenUnder = (g: string) => [...seen].some((s) => s.startsWith(`${g}.`));
    for (const [g, count] of groups) {
      if (offered.has(g) && this.schema.lookup(g)?.type !== 'nested') continue;
      const relative = g.slice(base.length);
      this.add({
        label: relative,
        kind: 'field',
        detail: `object · ${count} field${count === 1 ? '' : 's'}`,
        insertText: `${kqlFieldText(relative)}.`,
        retrigger: true,
        sortText: `${seenUnder(g) ? '0' : '1'}${relative}`,
      });
    }
  }

  private keyword(label: 'and' | 'or' | 'not', insertText: string): void {
    this.add({ label, kind: 'keyword', documentation: KQL_DOCS[label], insertText, sortText: `4${label}` });
  }
}
