/**
 * Starts the application layer, in order, before the first paint: saved drafts come back (a hung
 * storage open must not keep the app from starting), leaving with unexported changes asks first,
 * a served repository replaces the bundled rules, and the analysis and evaluation sessions start.
 */
import { installLeaveGuard } from './leave-guard.ts';
import { startLiveAnalysis } from './live-analysis.ts';
import { startLiveEvaluation } from './live-evaluation.ts';
import { startPersistence } from './persistence.ts';
import { takeTokenFromUrl } from './repository.ts';
import { useApp } from './store.ts';
import { analysisWorker } from './worker.ts';

const RESTORE_TIMEOUT_MS = 3000;

export async function startApplication(): Promise<void> {
  // Served by `rule-studio serve`: the token leaves the address bar before anything else runs.
  const repositoryToken = takeTokenFromUrl();
  // Restore saved drafts before the first paint, so nobody sees (or edits) the wrong rules.
  await Promise.race([startPersistence(), new Promise((resolve) => setTimeout(resolve, RESTORE_TIMEOUT_MS))]);
  installLeaveGuard();
  // The repository's rules replace the bundled ones.
  if (repositoryToken !== null) void useApp.getState().actions.repository.start(repositoryToken);
  startLiveAnalysis(analysisWorker());
  // Events, evaluation, explanations and rule tests run in their own worker (see live-evaluation.ts).
  startLiveEvaluation();
}
