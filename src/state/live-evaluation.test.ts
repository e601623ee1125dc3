import { describe, expect, it } from 'vitest';
import { readFileSync } from 'node:fs';
import { compiledQuery } from '../worker/events-handlers.ts';
import { eventSettingsOf } from './live-evaluation.ts';
import { createEntry, withField, withQuery } from './rule-entry.ts';

const ttyText = readFileSync(new URL('../../rules/linux/execution_python_tty_shell.toml', import.meta.url), 'utf8');

function tty() {
  const made = createEntry('opened:1', 'tty.toml', 'opened', ttyText);
  if (!('entry' in made)) throw new Error('fixture does not load');
  return made.entry;
}

describe('eventSettingsOf', () => {
  it("carries the rule's schema context, so the events worker stops what the editor's check rejects", () => {
    const entry = withQuery(tty(), 'process where process.name : "*sh" and process.nme == null');
    const settings = eventSettingsOf(entry);
    expect(settings.schema?.indexPatterns).toEqual(['logs-endpoint.events.*', 'endgame-*']);
    const checked = compiledQuery(entry.queryText, settings);
    expect(checked.runs).toBe(false);
    expect(checked.diagnostics.filter((d) => d.severity === 'error').map((d) => d.code)).toEqual(['eql/unknown-field']);
  });

  it("names the rule's language, so the events worker runs the query with that language's evaluator", () => {
    const kuery = withField(withField(tty(), 'rule.language', 'kuery').entry, 'rule.type', 'query').entry;
    expect(eventSettingsOf(kuery).language).toBe('kuery');
    expect(eventSettingsOf(tty()).language).toBe('eql');
  });
});
