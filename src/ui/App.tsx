/** The page: top bar, status area, and three columns (data, network and training, output). */
import { DecisionBoundary } from './charts/DecisionBoundary';
import { LossChart } from './charts/LossChart';
import { RateChart } from './charts/RateChart';
import { DataPanel } from './panels/DataPanel';
import { NetworkPanel } from './panels/NetworkPanel';
import { RangeTestPanel } from './panels/RangeTestPanel';
import { SchedulePanel } from './panels/SchedulePanel';
import { TrainingPanel } from './panels/TrainingPanel';
import { StatusMessages } from './StatusMessages';
import { TargetsPanel } from './targets/TargetsPanel';
import { TopBar } from './TopBar';

export function App() {
  return (
    <div className="app">
      <TopBar />
      <StatusMessages />
      <main className="columns">
        <div className="column">
          <DataPanel />
          <SchedulePanel />
        </div>
        <div className="column">
          <NetworkPanel />
          <TrainingPanel />
        </div>
        <div className="column output">
          <section className="panel" aria-labelledby="output-heading">
            <h2 id="output-heading">Output</h2>
            <DecisionBoundary />
            <LossChart />
            <RateChart />
          </section>
          <RangeTestPanel />
          <TargetsPanel />
        </div>
      </main>
    </div>
  );
}
