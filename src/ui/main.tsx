import { StrictMode } from 'react';
import { createRoot } from 'react-dom/client';
import { App } from './App.tsx';
import { createAnalysisWorker, startLiveAnalysis } from '../state/live-analysis.ts';
import './styles.css';

startLiveAnalysis(createAnalysisWorker());

createRoot(document.getElementById('root')!).render(
  <StrictMode>
    <App />
  </StrictMode>,
);
