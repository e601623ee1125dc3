/**
 * What the export actions write. Export is exactly the rule's current text; when the user asked
 * for it, a changed rule first gets today's `metadata.updated_date` (as detection-rules does on save).
 */
import type { Diagnostic } from '../diagnostic.ts';
import { toKibanaNdjson } from '../rule/kibana.ts';
import { formatDate } from '../rule/templates.ts';
import type { TomlTable } from '../rule/types.ts';
import { exportRule } from '../rule/write.ts';
import { isDirty, withField, type RuleEntry } from './rule-entry.ts';
import { createZip } from './zip.ts';

/** The entry with `updated_date` bumped to today when its content changed since opened. */
export function withUpdatedDate(entry: RuleEntry, today = formatDate(new Date())): RuleEntry {
  if (!isDirty(entry)) return entry;
  const metadata = entry.rule.data?.metadata as TomlTable | undefined;
  if (!metadata || metadata.updated_date === today) return entry;
  const { entry: next, problem } = withField(entry, 'metadata.updated_date', today);
  return problem ? entry : next;
}

/** The text Export writes, or why it cannot be written. */
export function exportedText(entry: RuleEntry): { text: string } | { error: string } {
  if (entry.queryProblem) return { error: entry.queryProblem.message };
  const result = exportRule(entry.rule);
  return 'text' in result ? { text: result.text } : { error: result.error.message };
}

/** A zip of the given rules (file names made unique), or the first rule that cannot be written. */
export function rulesZip(entries: readonly RuleEntry[]): { bytes: Uint8Array; names: string[] } | { error: string } {
  const used = new Set<string>();
  const files: { name: string; data: string }[] = [];
  for (const entry of entries) {
    const result = exportedText(entry);
    if ('error' in result) return { error: `${entry.fileName}: ${result.error}` };
    let name = entry.fileName;
    for (let n = 2; used.has(name); n++) name = entry.fileName.replace(/\.toml$/, `_${n}.toml`);
    used.add(name);
    files.push({ name, data: result.text });
  }
  return { bytes: createZip(files), names: files.map((f) => f.name) };
}

export function kibanaExport(entries: readonly RuleEntry[]): { text: string } | { error: string } {
  const tables = entries.map((e) => e.rule.data).filter((d): d is TomlTable => d !== null);
  const result = toKibanaNdjson(tables);
  return 'text' in result ? result : { error: result.error.message };
}

/**
 * The one question asked before exporting rules whose edits brought in errors, or null when none
 * did. A zip of many rules asks once, naming each rule with its errors, rather than once per rule.
 */
export function newErrorsQuestion(rules: readonly { name: string; errors: readonly Diagnostic[] }[]): string | null {
  const withErrors = rules.filter((r) => r.errors.length > 0);
  if (!withErrors.length) return null;
  const plural = (n: number, word: string) => `${n} ${word}${n === 1 ? '' : 's'}`;
  const list = (errors: readonly Diagnostic[]) => errors.map((e) => '• ' + e.message).join('\n');
  const body =
    withErrors.length === 1
      ? `${withErrors[0].name} has ${plural(withErrors[0].errors.length, 'new error')}:\n\n${list(withErrors[0].errors)}`
      : `${withErrors.length} rules have new errors:\n\n${withErrors.map((r) => `${r.name} (${plural(r.errors.length, 'error')}):\n${list(r.errors)}`).join('\n\n')}`;
  return `${body}\n\nExport anyway?`;
}
