/**
 * Title, transport (reset, play/pause, step: they act on every run) and the live status bar, with DESIGN.md
 * §6's test ids, and the pace (SpeedSelect: steps per second, or full speed). The numbers are the selected
 * run's; with several runs the bar says which run that is. The display tools (presenter mode, theme, shortcut
 * help) sit beside the transport, one Tab stop (RovingToolbar: arrow keys move inside). The bar publishes its height as --topbar-h (the page's layout keeps the plane,
 * the loss chart and the settings' own scroll below it). The backend and its kernels share one stat ("cpu · fused"),
 * so that with two runs (and the run's own stat) the bar is still one row at 1366 px; below 1,600 px the learning
 * rate's label is "lr", and the last stat, the threads (ThreadsStat.tsx), gives way where the numbers need its
 * room. While the backend is `auto`'s measured pick its label says so ("backend · auto") and the item beside it
 * (AutoRatesStat.tsx) shows the measured rates; it gives way after the threads. On a phone the numbers are
 * one row that scrolls sideways (and takes focus, so it scrolls from the keyboard too), keeping the bar within
 * two short rows.
 */
import { calibrationWords } from '../state/calibrationMessages';
import { backendDetailText, fallbackTitleLine } from '../state/backendMessages';
import { useRunStore, type BackendInfo } from '../state/runStore';
import { AutoRatesStat } from './AutoRatesStat';
import { formatAccuracy, formatLoss, formatRate, formatStepsPerSecond } from './format';
import { RovingToolbar } from './RovingToolbar';
import { SpeedSelect } from './SpeedSelect';
import { ThreadsStat } from './ThreadsStat';
import { Transport } from './Transport';
import { PresenterToggle, ShortcutHelpButton, ThemeToggle } from './presenter/DisplayToggles';
import { useSelectedRun, useSelectedRunId } from './services';
import { useRuns } from './useRuns';
import { useCssHeight, useMediaQuery } from './useLayout';

/** The width below which the page is one column and the bar's numbers scroll (layout.css, same query). */
const NARROW = '(max-width: 700px)';

/** `shortLabel`: the label below 1,600 px (layout.css `.stat-narrow`), the whole one staying for screen readers. */
function Stat({ label, shortLabel, testId, value, title }: { label: string; shortLabel?: string; testId: string; value: string; title?: string }) {
  return (
    <div className="stat" title={title}>
      <span className="stat-label">
        {shortLabel ? (
          <>
            <span className="stat-wide">{label}</span>
            <span className="stat-narrow" aria-hidden="true">
              {shortLabel}
            </span>
          </>
        ) : (
          label
        )}
      </span>
      <span className="stat-value" data-testid={testId}>
        {value}
      </span>
    </div>
  );
}

/** The backend's tooltip: `auto`'s measured rates (calibrationMessages.ts) where it is their pick, the adapter, any fallback. */
function backendTitle(backend: BackendInfo | null): string {
  if (!backend) return 'starting';
  const measured = backend.calibration ? `${calibrationWords(backend.calibration).title}\n` : '';
  const fallback = fallbackTitleLine(backend.skipped);
  return `${measured}${backendDetailText(backend.name, backend.detail, backend.cpuKernel ?? null)}${fallback ? `\n${fallback}` : ''}`;
}

/** "Run 2" with its colour, when there are runs to tell apart. */
function SelectedRunStat() {
  const runs = useRuns();
  const selectedRunId = useSelectedRunId();
  const selected = runs.find((run) => run.id === selectedRunId);
  if (runs.length < 2 || !selected) return null;
  return (
    <div className="stat" title={`The numbers are run ${selected.position}'s (${selected.name}); pick another in the Runs list.`}>
      <span className="stat-label">run</span>
      <span className="stat-value">
        <span className="swatch" style={{ background: selected.color }} aria-hidden="true" /> {selected.position} of {runs.length}
      </span>
    </div>
  );
}

export function TopBar() {
  const playing = useRunStore((s) => s.playing);
  const latest = useSelectedRun((run) => run.latest, null);
  const stepsTaken = useSelectedRun((run) => run.stepsTaken, 0);
  // Null until the run's first tick says which kernels it takes: '…', not a guess (new-user walk: 'plain', then 'fused').
  const kernelPath = useSelectedRun((run) => run.kernelPath, null);
  const backend = useRunStore((s) => s.backend);
  const stepsPerSecond = useSelectedRun((run) => run.stepsPerSecond, 0);
  const barRef = useCssHeight<HTMLElement>('--topbar-h');
  const narrow = useMediaQuery(NARROW);
  return (
    <header className="topbar" ref={barRef}>
      <div className="brand">
        <h1>LocoLab</h1>
        <span className="tagline">neural-network playground</span>
      </div>
      <Transport />
      <SpeedSelect />
      <RovingToolbar label="Display" className="topbar-tools">
        <PresenterToggle />
        <ThemeToggle />
        <ShortcutHelpButton />
      </RovingToolbar>
      <div className="statusbar" role="group" aria-label="Run status" tabIndex={narrow ? 0 : undefined}>
        <SelectedRunStat />
        <div className="stat">
          <span className="stat-label">
            backend
            {backend?.calibration ? (
              <span data-testid="auto-choice" title="Picked by auto: the fastest path it measured (the rates beside it)">
                {' · auto'}
              </span>
            ) : null}
          </span>
          <span className="stat-value">
            <span data-testid="backend" title={backendTitle(backend)}>
              {backend?.name ?? '…'}
            </span>
            <span className="stat-sep" aria-hidden="true">
              {' · '}
            </span>
            <span className="sr-only">, kernels </span>
            <span data-testid="kernel-path" title={kernelPath === null ? 'Kernels: not known until the run has started' : kernelPath === 'fused' ? 'Kernels: fused, many training steps per kernel call (Kernels setting under Training)' : 'Kernels: plain, one TF.js op per operation, the reference path'}>
              {kernelPath ?? '…'}
            </span>
          </span>
        </div>
        <AutoRatesStat />
        <Stat label="step" testId="step-count" value={String(stepsTaken)} />
        <Stat label="epoch" testId="epoch" value={String(Math.floor(latest?.epoch ?? 0))} title={latest ? `${latest.epoch.toFixed(2)} epochs` : undefined} />
        <Stat label="steps/s" testId="steps-per-second" value={formatStepsPerSecond(playing ? stepsPerSecond : 0)} />
        <Stat label="train loss" testId="train-loss" value={formatLoss(latest?.trainLoss)} />
        <Stat label="test loss" testId="test-loss" value={formatLoss(latest?.testLoss)} />
        <Stat label="train acc" testId="train-accuracy" value={formatAccuracy(latest?.trainAccuracy)} title="Share of training points classified right (— for regression)" />
        <Stat label="test acc" testId="test-accuracy" value={formatAccuracy(latest?.testAccuracy)} title="Share of test points classified right (— for regression)" />
        <Stat label="learning rate" shortLabel="lr" testId="learning-rate" value={formatRate(latest?.learningRate)} title="Learning rate used on the latest step" />
        <ThreadsStat />
      </div>
    </header>
  );
}
