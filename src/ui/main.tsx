import { StrictMode } from 'react';
import { createRoot } from 'react-dom/client';
import { App } from './App.tsx';
import { startLiveAnalysis } from '../state/live-analysis.ts';
import { analysisWorker } from '../state/worker.ts';
import { startLiveEvaluation } from '../state/live-evaluation.ts';
import { startPersistence } from '../state/persistence.ts';
import { installLeaveGuard } from './workspace/leave-guard.ts';
import { startRepository, takeTokenFromUrl } from '../state/repository.ts';
import './styles.css';

/** A hung storage open must not keep the app from starting. */
const RESTORE_TIMEOUT_MS = 3000;

async function start(): Promise<void> {
  // Served by `rule-studio serve`: the token leaves the address bar before anything else runs.
  const repositoryToken = takeTokenFromUrl();
  // Restore saved drafts before the first paint, so nobody sees (or edits) the wrong rules.
  await Promise.race([startPersistence(), new Promise((resolve) => setTimeout(resolve, RESTORE_TIMEOUT_MS))]);
  installLeaveGuard();
  // The repository's rules replace the bundled ones.
  if (repositoryToken !== null) void startRepository(repositoryToken);
  startLiveAnalysis(analysisWorker());
  // Events, evaluation, explanations and rule tests run in their own worker (see live-evaluation.ts).
  startLiveEvaluation();

  createRoot(document.getElementById('root')!).render(
    <StrictMode>
      <App />
    </StrictMode>,
  );
}

void start();
