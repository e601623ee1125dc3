import { useEffect, useState } from 'react';

/**
 * Local text for a control whose stored value is parsed from it (numbers, lists). What is typed
 * stays as typed while it means the same as the stored value, so the caret never jumps and a
 * half-typed line is not thrown away; an outside change (another rule, the TOML view) replaces it.
 */
export function useDraft<T>(stored: T, format: (value: T) => string, same: (text: string, value: T) => boolean) {
  const [draft, setDraft] = useState(() => format(stored));
  useEffect(() => {
    setDraft((current) => (same(current, stored) ? current : format(stored)));
  }, [stored]); // format and same are pure helpers; only the stored value matters
  return [draft, setDraft] as const;
}
