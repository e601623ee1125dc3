import { beforeEach, describe, expect, it } from 'vitest';
import { visibleStatus } from './status.ts';
import { useApp } from './store.ts';

describe('status messages', () => {
  beforeEach(() => useApp.getState().actions.status.clearStatus());

  it('shows a rule’s message only while that rule is selected', () => {
    useApp.getState().actions.status.showStatus('Saved “tty”. Download the tests to keep them beside the rule.', 'rule-a');
    const { message } = useApp.getState();
    expect(visibleStatus(message, 'rule-a')).toBe('Saved “tty”. Download the tests to keep them beside the rule.');
    expect(visibleStatus(message, 'rule-b')).toBeNull();
    expect(visibleStatus(message, null)).toBeNull();
  });

  it('shows a workspace message whatever is selected, until a newer one replaces it', () => {
    useApp.getState().actions.status.showStatus('Opened 2 rules');
    expect(visibleStatus(useApp.getState().message, 'rule-b')).toBe('Opened 2 rules');
    useApp.getState().actions.status.showStatus('Exported a.toml', 'rule-a');
    expect(visibleStatus(useApp.getState().message, 'rule-b')).toBeNull();
    expect(visibleStatus(useApp.getState().message, 'rule-a')).toBe('Exported a.toml');
  });
});
