/**
 * The page, one screen at a laptop size as in TF Playground (data | network | output): a skip link, the top
 * bar, the status area, then the settings and the output side by side. The settings (the learning parameters
 * across the top, as TF Playground's top row has them, then data | network and schedule) keep their own scroll
 * beside the output on a wide screen, so the left half never empties while the output column scrolls; the
 * output column starts with the plane (or the images) and the loss chart side by side, then the runs of the
 * comparison and the less-used panels (summary, share, range test, sweep, layer targets) below the first screen.
 * On a phone the output comes first. In presenter mode the stage (presenter/PresenterStage.tsx) takes the page's
 * place; the keyboard shortcuts (shortcuts/) and the theme act in both.
 */
import { EditingBanner } from './EditingBanner';
import { DataPanel } from './panels/DataPanel';
import { NetworkPanel } from './panels/NetworkPanel';
import { OutputPanel } from './panels/OutputPanel';
import { RangeTestPanel } from './panels/RangeTestPanel';
import { RunsPanel } from './panels/RunsPanel';
import { SceneCard } from './panels/SceneCard';
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
import { SkipLink } from './SkipLink';
import { StatusMessages } from './StatusMessages';
import { TargetsPanel } from './targets/TargetsPanel';
import { TopBar } from './TopBar';
import { useClampedTitles } from './useClampedTitles';
import { useStagedMount } from './useStagedMount';

/** The id the skip link moves focus to. */
const CONTROLS_ID = 'controls';

export function App() {
  const presenter = usePresenterStore((s) => s.on);
  useShortcuts();
  useThemeAttribute();
  usePresenterFullscreen();
  usePresenterScroll();
  const stripRef = useClampedTitles<HTMLDivElement>(!presenter);
  // The controls first, then the schedule and the scene's card, the output's first screen, and the panels below
  // it: one task each.
  const stage = useStagedMount(4);
  return (
    <div className="app" data-presenter={presenter ? 'on' : 'off'}>
      {presenter ? (
        <PresenterStage />
      ) : (
        <>
          <SkipLink target={CONTROLS_ID}>Skip to controls</SkipLink>
          <TopBar />
          <StatusMessages />
          <main className="columns">
            <section className="settings" id={CONTROLS_ID} tabIndex={-1} aria-label="Controls" data-testid="controls">
              <EditingBanner />
              <div className="training-strip" ref={stripRef}>
                <TrainingPanel />
              </div>
              <div className="column">
                <DataPanel />
              </div>
              <div className="column">
                <NetworkPanel />
                {stage >= 2 && <SchedulePanel />}
              </div>
            </section>
            <div className="column output">
              {stage >= 2 && <SceneCard />}
              {stage >= 3 && <OutputPanel />}
              {stage >= 4 && (
                <>
                  <RunsPanel />
                  <SummaryTable />
                  <SharePanel />
                  <RangeTestPanel />
                  <SweepPanel />
                  <TargetsPanel />
                </>
              )}
            </div>
          </main>
        </>
      )}
      <ShortcutHelp />
    </div>
  );
}
