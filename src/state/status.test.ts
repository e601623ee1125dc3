import { beforeEach, describe, expect, it } from 'vitest';
import { useStatus, visibleStatus } from './status.ts';

describe('status messages', () => {
  beforeEach(() => useStatus.getState().clearStatus());

  it('shows a rule’s message only while that rule is selected', () => {
    useStatus.getState().showStatus('Saved “tty”. Download the tests to keep them beside the rule.', 'rule-a');
    const { message } = useStatus.getState();
    expect(visibleStatus(message, 'rule-a')).toBe('Saved “tty”. Download the tests to keep them beside the rule.');
    expect(visibleStatus(message, 'rule-b')).toBeNull();
    expect(visibleStatus(message, null)).toBeNull();
  });

  it('shows a workspace message whatever is selected, until a newer one replaces it', () => {
    useStatus.getState().showStatus('Opened 2 rules');
    expect(visibleStatus(useStatus.getState().message, 'rule-b')).toBe('Opened 2 rules');
    useStatus.getState().showStatus('Exported a.toml', 'rule-a');
    expect(visibleStatus(useStatus.getState().message, 'rule-b')).toBeNull();
    expect(visibleStatus(useStatus.getState().message, 'rule-a')).toBe('Exported a.toml');
  });
});
