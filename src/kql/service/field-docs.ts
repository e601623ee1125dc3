/**
 * The Markdown a field's hover and completion item show, as EQL's `fieldMarkdown` does, with
 * what a KQL condition on the field means (../shared/kql-reference/README.md §2–3).
 */
import type { FieldInfo, FieldSchema, TypeFamily } from '../../eql/schema/index.ts';

const MATCHING: Partial<Record<TypeFamily, string>> = {
  string: '`field: value` is an exact, case-sensitive match of the whole value; `*` wildcards match the whole value too.',
  text: 'A text field: `field: words` matches when any analyzed token matches (case-insensitive); `field: "a phrase"` needs the tokens in order.',
  number: 'Values are parsed as numbers (`field: 4`, `field >= 4`); wildcards are refused.',
  date: 'Values are dates: ISO 8601, epoch milliseconds or date math (`field >= now-1d/d`).',
  ip: 'Values are IP addresses, or CIDR blocks after `:` (`field: 10.0.0.0/8`); wildcards are refused.',
  boolean: 'Values are `true` or `false`.',
};

export function kqlFieldMarkdown(f: FieldInfo, schema: FieldSchema): string {
  const lines = [`**${f.name}** · \`${f.type}\``];
  if (f.description) lines.push(f.description);
  if (f.example) lines.push(`Example: \`${f.example}\``);
  if (f.type === 'nested') lines.push('A nested field: query its objects with `field: { sub_field: value and … }` (all inside one object).');
  else if (f.type === 'wildcard') lines.push('A wildcard-typed field: exact matches and `*` patterns (leading ones included) are cheap.');
  else {
    const note = MATCHING[f.family];
    if (note) lines.push(note);
  }
  if (f.array) lines.push('Multi-valued: a condition matches when **any** value matches.');
  if (f.allowedValues) lines.push(`Allowed values: ${f.allowedValues.map((v) => `\`${v}\``).join(', ')}`);
  if (f.missingInStacks.length) lines.push(`Not in the ECS of stack ${f.missingInStacks.join(', ')}.`);
  const source = f.source === 'ecs' ? `ECS ${schema.ecsVersions.join(', ')}` : (f.origin ?? f.source);
  lines.push(`Source: ${source}`);
  return lines.join('\n\n');
}

/** The completion item detail of a field: its type, multi-valued, and where it comes from. */
export function fieldDetail(f: FieldInfo): string {
  return `${f.type}${f.array ? ' · multi-valued' : ''}${f.source !== 'ecs' ? ` · ${f.origin ?? f.source}` : ''}`;
}
