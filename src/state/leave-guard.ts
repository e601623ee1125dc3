import { useApp } from './store.ts';
import { hasUnexportedChanges } from './rule-entry.ts';

/**
 * Leaving the page with changes that were never exported asks first. Drafts survive in
 * IndexedDB anyway, but storage may be unavailable, and the file on disk is what counts.
 */
export function installLeaveGuard(): void {
  window.addEventListener('beforeunload', (event) => {
    if (!useApp.getState().rules.some(hasUnexportedChanges)) return;
    event.preventDefault();
    // Older browsers show the prompt only when returnValue is set.
    event.returnValue = '';
  });
}
