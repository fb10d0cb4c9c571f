/** The page: top bar, status area, and three columns (data, network and training, output). */
import { DataPanel } from './panels/DataPanel';
import { NetworkPanel } from './panels/NetworkPanel';
import { OutputPanel } from './panels/OutputPanel';
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
          <OutputPanel />
          <RangeTestPanel />
          <TargetsPanel />
        </div>
      </main>
    </div>
  );
}
