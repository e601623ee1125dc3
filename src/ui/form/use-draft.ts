import { useEffect, useRef, useState } from 'react';
import { useApp } from '../../state/store.ts';

/**
 * Local text for a control whose stored value is parsed from it (numbers, lists). What is typed
 * stays as typed while it means the same as the stored value, so the caret never jumps and a
 * half-typed line is not thrown away; an outside change (another rule, the TOML view) replaces it.
 */
export function useDraft<T>(stored: T, format: (value: T) => string, same: (text: string, value: T) => boolean) {
  const ruleId = useApp((s) => s.selectedId);
  const shownRuleId = useRef(ruleId);
  const [draft, setDraft] = useState(() => format(stored));
  // biome-ignore lint/correctness/useExhaustiveDependencies: format and same are pure helpers: only the value and the rule matter
  useEffect(() => {
    // Another rule never inherits this one's half-typed text, even when their values are equal.
    const switched = shownRuleId.current !== ruleId;
    shownRuleId.current = ruleId;
    setDraft((current) => (!switched && same(current, stored) ? current : format(stored)));
  }, [stored, ruleId]);
  return [draft, setDraft] as const;
}
