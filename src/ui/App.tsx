/**
 * The page: top bar, status area, the settings (data and schedule, network and training, under a line naming
 * the run they edit when there are several) and the output column, which starts with the runs of the
 * comparison so that what is compared is the first thing read there (and comes first on a narrow screen).
 * In presenter mode the stage (presenter/PresenterStage.tsx) takes the page's place; the keyboard shortcuts
 * (shortcuts/) and the theme act in both.
 */
import { EditingBanner } from './EditingBanner';
import { DataPanel } from './panels/DataPanel';
import { NetworkPanel } from './panels/NetworkPanel';
import { OutputPanel } from './panels/OutputPanel';
import { RangeTestPanel } from './panels/RangeTestPanel';
import { RunsPanel } from './panels/RunsPanel';
import { SchedulePanel } from './panels/SchedulePanel';
import { SharePanel } from './panels/SharePanel';
import { SummaryTable } from './panels/SummaryTable';
import { SweepPanel } from './sweep/SweepPanel';
import { TrainingPanel } from './panels/TrainingPanel';
import { PresenterStage } from './presenter/PresenterStage';
import { usePresenterFullscreen, usePresenterScroll, usePresenterStore } from './presenter/presenterStore';
import { useThemeAttribute } from './presenter/theme';
import { ShortcutHelp } from './shortcuts/ShortcutHelp';
import { useShortcuts } from './shortcuts/useShortcuts';
import { StatusMessages } from './StatusMessages';
import { TargetsPanel } from './targets/TargetsPanel';
import { TopBar } from './TopBar';

export function App() {
  const presenter = usePresenterStore((s) => s.on);
  useShortcuts();
  useThemeAttribute();
  usePresenterFullscreen();
  usePresenterScroll();
  return (
    <div className="app" data-presenter={presenter ? 'on' : 'off'}>
      {presenter ? (
        <PresenterStage />
      ) : (
        <>
          <TopBar />
          <StatusMessages />
          <main className="columns">
            <div className="settings">
              <EditingBanner />
              <div className="column">
                <DataPanel />
                <SchedulePanel />
              </div>
              <div className="column">
                <NetworkPanel />
                <TrainingPanel />
              </div>
            </div>
            <div className="column output">
              <RunsPanel />
              <OutputPanel />
              <SummaryTable />
              <SharePanel />
              <RangeTestPanel />
              <SweepPanel />
              <TargetsPanel />
            </div>
          </main>
        </>
      )}
      <ShortcutHelp />
    </div>
  );
}
