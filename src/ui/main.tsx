import { StrictMode } from 'react';
import { createRoot } from 'react-dom/client';
import { App } from './App.tsx';
import { startLiveAnalysis } from '../state/live-analysis.ts';
import { analysisWorker } from '../state/worker.ts';
import './styles.css';

startLiveAnalysis(analysisWorker());

createRoot(document.getElementById('root')!).render(
  <StrictMode>
    <App />
  </StrictMode>,
);
