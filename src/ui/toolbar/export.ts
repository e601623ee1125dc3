/**
 * Temporary alias: the export helpers moved to the application layer (src/state/export.ts).
 * Kept only because src/ui/repository/RepositoryActions.tsx (another helper's file this round)
 * still imports them from here; delete once it imports `state/export.ts` (or a state action).
 */
export { exportedText, withUpdatedDate } from '../../state/export.ts';
