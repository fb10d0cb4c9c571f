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
import { useCallback, useEffect, useLayoutEffect, useMemo, useState } from 'react';
import type { ConfigStore } from '../state/configStore';
import { useRunStore } from '../state/runStore';
import { EditingBanner } from './EditingBanner';
import { DataPanel } from './panels/DataPanel';
import { NetworkPanel } from './panels/NetworkPanel';
import { TrainingPanel } from './panels/TrainingPanel';
import { usePresenterFullscreen, usePresenterScroll, usePresenterStore } from './presenter/presenterStore';
import { useThemeAttribute } from './presenter/theme';
import { ShortcutHelp } from './shortcuts/ShortcutHelp';
import { useShortcuts } from './shortcuts/useShortcuts';
import { useServices } from './services';
import { SkipLink } from './SkipLink';
import { whenReady } from './stages/firstReport';
import { lazyModule, type LazyModule } from './stages/lazyModule';
import { StatusMessages } from './StatusMessages';
import { TopBar } from './TopBar';
import { useClampedTitles } from './useClampedTitles';
import { useStagedMount } from './useStagedMount';
import { PROBE_CHARTS } from './panels/probeCharts';

// Out of the entry module (issue 20 §7): its evaluation is one task before the first paint. Recharts and the
// panels after the controls load in chunks of their own, each evaluated in a task of its own.
const firstScreen = lazyModule(() => import('./stages/firstScreen'));
const belowTheFold = lazyModule(() => import('./stages/belowTheFold'));
const presenterStage = lazyModule(() => import('./presenter/PresenterStage'));

const PARTS = new Map<LazyModule<unknown>, string>([
  [firstScreen, 'schedule and output panels'],
  [belowTheFold, 'panels below the output'],
  [presenterStage, 'presenter mode'],
  [PROBE_CHARTS, 'probes’ charts'],
]);

/** Loads a part of the page; a failure is said in the status area (the part stays away). */
function load<T>(part: LazyModule<T>): Promise<T> {
  return part.load().catch((error: unknown) => {
    const why = error instanceof Error ? error.message : String(error);
    useRunStore.getState().report('error', 'page-part', `The ${PARTS.get(part) ?? 'page part'} did not load (${why}). Reload the page to try again.`);
    throw error;
  });
}

/**
 * The page mounts in stages, one task each (useStagedMount), so that no task of the start is long (issue 20 §7):
 * 1 the top bar and the controls; 2 the scene's card and the output's picture (the plane or the images); 3 the
 * loss chart and the rate chart beside it; 4 the output's views under its first row; 5 the schedule (its preview
 * chart is below the first screen); 6 the panels below the output. Stages 2–5 wait for the first screen's chunk, 6
 * for its own. Stage 2 also waits for the runs' first reports (stages/firstReport.ts), which decide the first
 * row's layout, so that no view moves once it is on screen (e2e/mountStability.spec.ts); stage 4 for the probes'
 * charts. The picture and the charts are two stages (with 8 runs, together one task of 25–31 ms of CPU, 37–88 ms
 * of wall time): the charts' column is the grid's second, of its own width, and the picture spans its rows from
 * their top, so it does not move when the charts come.
 */
const STAGES = 6;
const CHARTS_STAGE = 3;
const BELOW_FIRST_ROW_STAGE = 4;

/**
 * The longest stage 2 waits for the runs' first reports. On the CPU one spiral run reports 1.2–1.5 s after the
 * start (at 1366×768 and 1920×1080, 100–400 ms after stage 2 was ready), the paper's two MNIST autoencoders some
 * 2 s later; runs slower than this (WebGPU compiling its programs, a busy machine) show the output's first row
 * without their reports and let it move once.
 */
const FIRST_REPORT_WAIT_MS = 3000;

/**
 * Starts fetching the first screen's chunk (boot.tsx calls it as it renders the page), so that stage 2 seldom
 * waits for the network; the chunk is evaluated in a task of its own when it arrives.
 */
export function preloadFirstScreen(): void {
  firstScreen.load().catch(() => undefined);
  // The probes' charts, which the views under the first row draw (stage 4): in the first screen's chunk in the
  // build (scripts/firstScreenChunk.ts), asked for now rather than after it (a waterfall since 924510c; DESIGN §7).
  PROBE_CHARTS.load().catch(() => undefined);
}

/**
 * Whether every run of the comparison has reported: its problem (the `run` event) and its step-0 losses. The first
 * row shows them all (the other runs' small planes or image rows, the loss chart's key and readout lines).
 */
const runsReported = (configStore: ConfigStore) => (state: ReturnType<typeof useRunStore.getState>): boolean =>
  configStore.getState().runs.every((run) => (state.runs[run.id]?.latest ?? null) !== null);

function prepareStage(stage: number, configStore: ConfigStore): Promise<unknown> {
  if (stage === 2) {
    // Fetched early, evaluated in a task of its own; a failure is said when the last stage waits for it.
    belowTheFold.load().catch(() => undefined);
    return Promise.all([load(firstScreen), whenReady(useRunStore, runsReported(configStore), FIRST_REPORT_WAIT_MS)]);
  }
  // The views under the first row draw the probes' charts (panels/probeCharts.ts).
  if (stage === BELOW_FIRST_ROW_STAGE) return Promise.all([load(firstScreen), load(PROBE_CHARTS)]);
  if (stage < STAGES) return load(firstScreen);
  // Presenter mode's stage is there before the page has finished mounting, so that P shows it at once, as when it
  // was in the entry (a key pressed on it before it mounted went to no stage); if it fails, P loads it again.
  return Promise.all([load(belowTheFold), presenterStage.load().catch(() => undefined)]);
}

/** A part of the page loaded while `wanted` (presenter mode's stage), null until it is there. */
function usePart<T>(part: LazyModule<T>, wanted: boolean): T | null {
  const [, setLoaded] = useState(false);
  useEffect(() => {
    if (!wanted || part.current !== null) return;
    let live = true;
    load(part).then(
      () => live && setLoaded(true),
      () => undefined,
    );
    return () => {
      live = false;
    };
  }, [part, wanted]);
  return wanted ? part.current : null;
}

/** The id the skip link moves focus to. */
const CONTROLS_ID = 'controls';

export function App() {
  const presenterOn = usePresenterStore((s) => s.on);
  useShortcuts();
  useThemeAttribute();
  usePresenterFullscreen();
  usePresenterScroll();
  // The page stays until presenter mode's stage has loaded (loaded with the last stage, or on P if that failed).
  const stageModule = usePart(presenterStage, presenterOn);
  const presenter = stageModule !== null;
  // The root says it too, for its scroll padding under the sticky bar (layout.css: a rule on html:has(.app…)
  // restyled the whole page whenever the charts added or removed a node, issue 20 §7).
  useLayoutEffect(() => {
    const root = document.documentElement;
    root.dataset.presenter = presenter ? 'on' : 'off';
    return () => {
      delete root.dataset.presenter;
    };
  }, [presenter]);
  const stripRef = useClampedTitles<HTMLDivElement>(!presenter);
  // The controls first, then one task per later stage (STAGES).
  const { configStore } = useServices();
  const prepare = useCallback((n: number) => prepareStage(n, configStore), [configStore]);
  const stage = useStagedMount(STAGES, prepare);
  const first = stage >= 2 ? firstScreen.current : null;
  const below = stage >= STAGES ? belowTheFold.current : null;
  // The first stage's elements, made once: a later stage re-renders App, and React passes over an element it has
  // seen before instead of rendering the controls again in that stage's task.
  const bar = useMemo(
    () => (
      <>
        <SkipLink target={CONTROLS_ID}>Skip to controls</SkipLink>
        <TopBar />
        <StatusMessages />
      </>
    ),
    [],
  );
  const controls = useMemo(
    () => (
      <>
        <EditingBanner />
        <div className="training-strip" ref={stripRef}>
          <TrainingPanel />
        </div>
        <div className="column">
          <DataPanel />
        </div>
      </>
    ),
    [stripRef],
  );
  const network = useMemo(() => <NetworkPanel />, []);
  const help = useMemo(() => <ShortcutHelp />, []);
  return (
    <div className="app" data-presenter={presenter ? 'on' : 'off'}>
      {stageModule !== null ? (
        <stageModule.PresenterStage />
      ) : (
        <>
          {bar}
          <main className="columns">
            <section className="settings" id={CONTROLS_ID} tabIndex={-1} aria-label="Controls" data-testid="controls">
              {controls}
              <div className="column">
                {network}
                {first && stage >= STAGES - 1 && <first.SchedulePanel />}
              </div>
            </section>
            <div className="column output">
              {first && <first.SceneCard />}
              {first && <first.OutputPanel charts={stage >= CHARTS_STAGE} belowFirstRow={stage >= BELOW_FIRST_ROW_STAGE} />}
              {below && (
                <>
                  <below.RunsPanel />
                  <below.SummaryTable />
                  <below.SharePanel />
                  <below.RangeTestPanel />
                  <below.SweepPanel />
                  <below.TargetsPanel />
                </>
              )}
            </div>
          </main>
        </>
      )}
      {help}
    </div>
  );
}
