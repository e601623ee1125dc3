import { afterEach, describe, expect, it, vi } from 'vitest';
import type { Diagnostic } from '../diagnostic.ts';
import type { WorkerClient } from '../worker/client.ts';
import { startLiveAnalysis } from './live-analysis.ts';
import { useApp } from './store.ts';
import { selectedEntry } from './workspace-slice.ts';

const problem = (code: string): Diagnostic => ({ severity: 'warning', code, message: code, source: 'lint', range: { start: 0, end: 1 } });

/** A client that answers at once and records what it was asked. */
function fakeClient() {
  const asked: { key: string; kind: string }[] = [];
  const client = {
    request: (key: string, message: { kind: string }) => {
      asked.push({ key, kind: message.kind });
      return Promise.resolve(
        message.kind === 'check'
          ? { kind: 'check', diagnostics: [problem('query/x')] }
          : { kind: 'analyze', ruleDiagnostics: [problem('rule/y')], queryDiagnostics: [] },
      );
    },
  };
  return { client: client as unknown as WorkerClient, asked };
}

describe('the analysis session', () => {
  afterEach(() => vi.useRealTimers());

  it('publishes the selected rule’s diagnostics as the analysis view-model, and asks again only when the rule changes', async () => {
    vi.useFakeTimers();
    const { client, asked } = fakeClient();
    const session = startLiveAnalysis(client);
    await vi.runAllTimersAsync();
    expect(asked.map((a) => a.kind)).toEqual(['check', 'analyze']);
    expect(useApp.getState().analysis).toEqual({ queryDiagnostics: [problem('query/x')], ruleDiagnostics: [problem('rule/y')] });

    // Other slices changing is not the session's business.
    useApp.getState().actions.status.showStatus('unrelated');
    useApp.getState().actions.view.setView('toml');
    await vi.runAllTimersAsync();
    expect(asked).toHaveLength(2);

    // A typed query is checked at once; the rule is analysed once its TOML takes the query.
    const entry = selectedEntry(useApp.getState())!;
    useApp.getState().actions.rules.setQuery(`${entry.queryText} and true`);
    expect(asked.map((a) => a.kind)).toEqual(['check', 'analyze', 'check']);
    await vi.runAllTimersAsync();
    expect(asked.map((a) => a.kind)).toEqual(['check', 'analyze', 'check', 'analyze']);
    session.stop();
    useApp.getState().actions.rules.setQuery(entry.queryText);
    await vi.runAllTimersAsync();
    expect(asked).toHaveLength(4);
  });
});
