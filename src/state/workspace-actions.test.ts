import { readFileSync } from 'node:fs';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import type { Diagnostic } from '../diagnostic.ts';
import { usePlatform } from './platform.ts';
import { createEntry, type RuleEntry } from './rule-entry.ts';
import { selectedEntry } from './studio.ts';
import { useApp } from './store.ts';

// The export guard asks the analysis worker; here the errors it reports are chosen by each test.
const guard = vi.hoisted(() => ({ errors: new Map<string, Diagnostic[]>() }));
vi.mock('./export-guard.ts', () => ({ newErrors: async (entry: RuleEntry) => guard.errors.get(entry.id) ?? [] }));

const ttyText = readFileSync(new URL('../../rules/linux/execution_python_tty_shell.toml', import.meta.url), 'utf8');
const ttyTests = readFileSync(new URL('../../rules/linux/execution_python_tty_shell.tests.json', import.meta.url), 'utf8');

function entry(id: string): RuleEntry {
  const made = createEntry(id, 'execution_python_tty_shell.toml', 'opened', ttyText, ttyTests);
  if (!('entry' in made)) throw new Error('fixture does not load');
  return made.entry;
}

const downloads: { fileName: string; data: string | Uint8Array; type?: string }[] = [];
const questions: string[] = [];
let answer = true;
let clipboard: string | null = null;
let restorePlatform = () => {};

const status = () => useApp.getState().message?.text;

beforeEach(() => {
  downloads.length = 0;
  questions.length = 0;
  answer = true;
  clipboard = null;
  guard.errors.clear();
  useApp.setState({ bumpUpdatedDate: false });
  useApp.getState().actions.status.clearStatus();
  const first = entry('opened:1');
  useApp.getState().actions.rules.restore([first, entry('opened:2')], first.id);
  restorePlatform = usePlatform({
    download: (fileName, data, type) => void downloads.push({ fileName, data, type }),
    confirm: (question) => {
      questions.push(question);
      return answer;
    },
    copyText: async (text) => {
      if (clipboard === 'refuse') throw new Error('NotAllowedError');
      clipboard = text;
    },
  });
});
afterEach(() => restorePlatform());

const error: Diagnostic = { severity: 'error', code: 'x', message: 'risk score out of band', source: 'schema', range: { start: 0, end: 1 } };

describe('exportSelected', () => {
  it('downloads the rule text as it is and marks it exported', async () => {
    await useApp.getState().actions.workspace.exportSelected();
    expect(downloads).toEqual([{ fileName: 'execution_python_tty_shell.toml', data: ttyText, type: undefined }]);
    expect(status()).toBe('Exported execution_python_tty_shell.toml');
    expect(questions).toEqual([]);
  });

  it('asks before exporting new errors, and exports nothing when told no', async () => {
    guard.errors.set('opened:1', [error]);
    answer = false;
    await useApp.getState().actions.workspace.exportSelected();
    expect(questions).toHaveLength(1);
    expect(questions[0]).toContain('risk score out of band');
    expect(downloads).toEqual([]);
  });

  it('bumps the updated date of a changed rule when the preference is on', async () => {
    useApp.setState({ bumpUpdatedDate: true });
    useApp.getState().actions.rules.setField('rule.risk_score', 60);
    await useApp.getState().actions.workspace.exportSelected();
    const text = String(downloads[0].data);
    expect(text).toContain('risk_score = 60');
    expect(text).not.toContain('updated_date = "2023/10/16"');
    expect(selectedEntry(useApp.getState())?.rule.text).toBe(text);
  });
});

describe('copySelected', () => {
  it('copies the TOML, or says the browser refused', async () => {
    await useApp.getState().actions.workspace.copySelected();
    expect(clipboard).toBe(ttyText);
    expect(status()).toBe('TOML copied to the clipboard');
    clipboard = 'refuse';
    await useApp.getState().actions.workspace.copySelected();
    expect(status()).toBe('The browser refused clipboard access; use Export TOML instead');
  });
});

describe('exportChangedZip', () => {
  it('says so when nothing changed, else zips the changed rules with one question for all', async () => {
    await useApp.getState().actions.workspace.exportChangedZip();
    expect(status()).toBe('No changed rules to export');
    useApp.getState().actions.rules.setField('rule.risk_score', 60);
    guard.errors.set('opened:1', [error]);
    await useApp.getState().actions.workspace.exportChangedZip();
    expect(questions).toHaveLength(1);
    expect(downloads.map((d) => [d.fileName, d.type])).toEqual([['changed-rules.zip', 'application/zip']]);
    expect(status()).toBe('Exported 1 changed rule as changed-rules.zip');
  });
});

describe('exportForKibana', () => {
  it('writes every open rule as ndjson', () => {
    useApp.getState().actions.workspace.exportForKibana();
    expect(downloads[0].fileName).toBe('rules_export.ndjson');
    expect(String(downloads[0].data).trim().split('\n')).toHaveLength(2);
    expect(status()).toBe('Exported 2 rules for Kibana (rules_export.ndjson)');
  });
});

describe('closeSelected', () => {
  it('asks before closing a rule with unexported changes', () => {
    useApp.getState().actions.rules.setField('rule.risk_score', 60);
    answer = false;
    useApp.getState().actions.workspace.closeSelected();
    expect(useApp.getState().rules).toHaveLength(2);
    answer = true;
    useApp.getState().actions.workspace.closeSelected();
    expect(useApp.getState().rules.map((r) => r.id)).toEqual(['opened:2']);
    expect(status()).toBe('Closed execution_python_tty_shell.toml');
  });
});

describe('downloadTests', () => {
  it('downloads the test cases as the sidecar beside the rule', () => {
    useApp.getState().actions.workspace.downloadTests();
    expect(downloads[0].fileName).toBe('execution_python_tty_shell.tests.json');
    expect(downloads[0].type).toBe('application/json');
    expect(JSON.parse(String(downloads[0].data))).toEqual(JSON.parse(ttyTests));
  });
});

describe('loadTestEvents', () => {
  it('loads a test case’s events as the sample events, one JSON event a line', () => {
    useApp.getState().actions.rules.setEventsText('');
    useApp.getState().actions.workspace.loadTestEvents(0);
    const cases = JSON.parse(ttyTests).cases as { events: unknown[] }[];
    const lines = selectedEntry(useApp.getState())?.eventsText.trim().split('\n') ?? [];
    expect(lines.map((l) => JSON.parse(l))).toEqual(cases[0].events);
  });
});
