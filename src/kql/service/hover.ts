/**
 * hoverKql: documentation for the token under the cursor — a field (from the schema, relative
 * names resolved inside `path:{ … }`, wildcard patterns expanded), a value (how it matches on
 * its field's type, an ECS allowed value's meaning), free text, keywords and operators.
 */
import type { TextRange } from '../../diagnostic.ts';
import type { FieldSchema } from '../../eql/schema/index.ts';
import type { Hover, ServiceOptions } from '../../eql/check/service.ts';
import { MAX_FIELD_NAME, resolveField } from './analyze.ts';
import { schemaOf } from './check.ts';
import { literalName, readTokens, type ReadToken } from './context.ts';
import { KQL_DOCS } from './docs.ts';
import { kqlFieldMarkdown } from './field-docs.ts';
import { scanKql, unescapeQuoted, unescapeUnquoted } from '../syntax/scanner.ts';

export function hoverKql(text: string, offset: number, options: ServiceOptions = {}): Hover | null {
  const { tokens } = readTokens(scanKql(text));
  let at = tokens.findIndex((t) => t.token.start <= offset && offset < t.token.end);
  // Right after a name (the cursor at its end) still hovers it, as EQL's hover does.
  if (at < 0) at = tokens.findIndex((t) => t.token.end === offset && (t.role === 'field' || t.role === 'value' || t.role === 'free'));
  if (at < 0) return null;
  const read = tokens[at];
  const { token } = read;
  const range = { start: token.start, end: token.end };
  switch (read.role) {
    case 'keyword':
      return { range, markdown: KQL_DOCS[token.kind as 'and' | 'or' | 'not'] };
    case 'operator':
      if (token.kind === 'colon' && tokens[at + 1]?.token.kind === 'lbrace') return { range, markdown: KQL_DOCS.nested };
      return { range, markdown: KQL_DOCS[token.kind === 'colon' ? ':' : (token.text as '>' | '>=' | '<' | '<=')] };
    case 'bracket':
      return token.kind === 'lbrace' || token.kind === 'rbrace' ? { range, markdown: KQL_DOCS.nested } : null;
    case 'field':
      return { range, markdown: fieldMarkdown(read.field!, token.kind === 'unquoted' && literalName(token).includes('*'), schemaOf(options)) };
    case 'value':
      return valueHover(read, range, schemaOf(options));
    case 'free':
      return { range, markdown: freeTextMarkdown(read) };
  }
}

function fieldMarkdown(name: string, wildcard: boolean, schema: FieldSchema): string {
  const resolved = resolveField(schema, name, wildcard);
  switch (resolved.kind) {
    case 'field':
      return kqlFieldMarkdown(resolved.info, schema);
    case 'all':
      return '**`*`** — every field: the condition is tried on all fields of the index.';
    case 'pattern': {
      const n = resolved.matches.length;
      const shown = resolved.matches.slice(0, 10).map((f) => `\`${f.name}\``);
      return n === 0
        ? `**${name}** — a field pattern that matches no field of the schema.`
        : `**${name}** — a field pattern: the condition is tried on each of its ${n} field${n === 1 ? '' : 's'} (${shown.join(', ')}${n > 10 ? ', …' : ''}).`;
    }
    case 'object': {
      const count = schema.fieldsWithPrefix(`${name}.`).length;
      return `**${name}** · \`object\`\n\nAn object with ${count} field${count === 1 ? '' : 's'}: \`${name}: *\` tests whether any of them has a value; a value needs one of its sub-fields.`;
    }
    case 'unknown': {
      const lines = [`**${name.length > MAX_FIELD_NAME ? `${name.slice(0, MAX_FIELD_NAME)}…` : name}** — not in the schema`];
      // A name this long is no typo of a field (10,000 nested blocks): skip the costly look-ups.
      if (name.length > MAX_FIELD_NAME) return lines.join('\n\n');
      const excuse = schema.unknownFieldExcuse(name);
      if (excuse) lines.push(`It may still exist: ${excuse}.`);
      const similar = schema.similar(name);
      if (similar.length) lines.push(`Did you mean ${similar.map((s) => `\`${s}\``).join(', ')}?`);
      return lines.join('\n\n');
    }
  }
}

function valueHover(read: ReadToken, range: TextRange, schema: FieldSchema): Hover {
  const { token, field } = read;
  const pieces = token.kind === 'unquoted' ? unescapeUnquoted(token.text) : [unescapeQuoted(token.text)];
  const wildcard = pieces.length > 1;
  if (wildcard && pieces.every((p) => p === '' || typeof p !== 'string')) return { range, markdown: KQL_DOCS.exists };
  if (wildcard) return { range, markdown: KQL_DOCS['*'] };
  const value = pieces[0] as string;
  const info = field ? schema.lookup(field) : undefined;
  const lines = [
    `**${token.text}** — ${token.kind === 'unquoted' ? 'a value' : 'a quoted value (a phrase; `*` is a plain character)'}${field ? ` of \`${field}\`` : ''}`,
  ];
  const allowed = field && info?.allowedValues?.includes(value) ? schema.allowedValueDoc(field, value) : undefined;
  if (allowed) lines.push(allowed);
  if (info?.family === 'string') lines.push('Matches the whole value exactly, case-sensitively.');
  else if (info?.family === 'text')
    lines.push(token.kind === 'unquoted' ? 'Matches when any of its analyzed tokens occurs (case-insensitive).' : 'Matches its analyzed tokens in order.');
  return { range, markdown: lines.join('\n\n') };
}

function freeTextMarkdown(read: ReadToken): string {
  const wildcard = read.token.kind === 'unquoted' && literalName(read.token).includes('*');
  const how = wildcard ? 'a `query_string` wildcard search' : read.token.kind === 'unquoted' ? '`multi_match`' : 'a `multi_match` phrase';
  return `**${read.token.text}** — free text: searched in every field (${how}, lenient: fields that cannot hold the value are skipped). Write \`field: value\` to search one field.`;
}
