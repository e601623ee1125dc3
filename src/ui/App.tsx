import { RuleList } from './rules/RuleList.tsx';
import { Toolbar } from './toolbar/Toolbar.tsx';
import { QueryPanel } from './query/QueryPanel.tsx';
import { RuleEditor } from './form/RuleEditor.tsx';
import { EventsPanel } from './events/EventsPanel.tsx';
import { MatchesPanel } from './results/MatchesPanel.tsx';
import { WhyPanel } from './results/WhyPanel.tsx';
import { InsightsPanel } from './results/InsightsPanel.tsx';
import { TestsPanel } from './tests/TestsPanel.tsx';
import { ProblemsPanel } from './problems/ProblemsPanel.tsx';
import { OpenProblem } from './toolbar/OpenProblem.tsx';
import { StatusBar } from './toolbar/StatusBar.tsx';
import { DropZone } from './workspace/DropZone.tsx';
import { StorageWarning } from './workspace/StorageWarning.tsx';
import { HeldDrafts } from './workspace/HeldDrafts.tsx';
import { useApp } from '../state/store.ts';
import { selectedEntry } from '../state/studio.ts';

export function App() {
  const hasRule = useApp((s) => selectedEntry(s) !== undefined);
  return (
    <DropZone>
      <div className="app">
        <header className="app-header">
          <h1 className="app-title">Rule Studio</h1>
          <Toolbar />
        </header>
        <StorageWarning />
        <HeldDrafts />
        <OpenProblem />
        <div className="app-body">
          <RuleList />
          {hasRule ? (
            <main className="workspace">
              <section className="column column-rule">
                <QueryPanel />
                <RuleEditor />
              </section>
              <section className="column column-test">
                <EventsPanel />
                <MatchesPanel />
                <WhyPanel />
                <InsightsPanel />
                <TestsPanel />
                <ProblemsPanel />
              </section>
            </main>
          ) : (
            <main className="workspace empty">Open a rule file or create a new rule to begin.</main>
          )}
        </div>
        <StatusBar />
      </div>
    </DropZone>
  );
}
