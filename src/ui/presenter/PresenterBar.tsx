/**
 * The presenter's transport, always on screen (sticky): reset, play/pause, step, the step count, the pace,
 * every run with its colour, name and latest losses, and the views to show. The selected run's numbers carry DESIGN.md
 * §6's test ids (the top bar is not rendered in presenter mode, so each id stays unique).
 */
import { useEffect, useRef, useState } from 'react';
import type { RunId } from '../../config/runs';
import { useRunStore } from '../../state/runStore';
import { formatLoss } from '../format';
import { SpeedSelect } from '../SpeedSelect';
import { Transport } from '../Transport';
import { useSelectedRun, useSelectedRunId, useServices } from '../services';
import { useRuns, type RunView } from '../useRuns';
import { PresenterToggle, ShortcutHelpButton, ThemeToggle } from './DisplayToggles';
import { PRESENTER_VIEWS, usePresenterStore, type PresenterView } from './presenterStore';
import { useSceneStore } from '../../state/urlSync';
import { DivergenceNote } from '../charts/DivergenceNote';
import { useViewStore, X_AXES, type XAxisKind } from '../../state/viewStore';
import { chipLabel } from './chipLabel';

const VIEW_LABELS: Record<PresenterView, string> = {
  scene: 'Scene card',
  output: 'Plane / images',
  loss: 'Loss',
  rate: 'Learning rate',
  range: 'Range test',
  accuracy: 'Accuracy',
  explain: 'Explain',
  targets: 'Targets',
};

const X_AXIS_LABELS: Record<XAxisKind, string> = { step: 'step', epoch: 'epoch', examples: 'examples seen', time: 'training time' };

/** The loss chart's x axis (the page's choice, shared): a scene may ask to switch it to training time. */
function XAxisChoice() {
  const xAxis = useViewStore((s) => s.xAxis);
  const set = useViewStore((s) => s.set);
  return (
    <label className="presenter-view">
      Loss x axis
      <select value={xAxis} data-testid="presenter-x-axis" onChange={(event) => set({ xAxis: event.target.value as XAxisKind })}>
        {X_AXES.map((axis) => (
          <option key={axis} value={axis}>
            {X_AXIS_LABELS[axis]}
          </option>
        ))}
      </select>
    </label>
  );
}

/**
 * The views on the stage, as checkboxes in a panel under a "Views" button: at the presenter's 24 px they do
 * not fit the bar's one row beside the runs. Esc or a click elsewhere closes it (Esc then stays in presenter
 * mode); the checkboxes keep their test ids.
 */
function ViewsMenu() {
  const views = usePresenterStore((s) => s.views);
  const toggleView = usePresenterStore((s) => s.toggleView);
  const scene = useSceneStore((s) => s.scene);
  const [open, setOpen] = useState(false);
  const box = useRef<HTMLDivElement>(null);
  useEffect(() => {
    if (!open) return;
    const away = (event: PointerEvent): void => {
      if (box.current && event.target instanceof Node && !box.current.contains(event.target)) setOpen(false);
    };
    document.addEventListener('pointerdown', away);
    return () => document.removeEventListener('pointerdown', away);
  }, [open]);
  // The scene card is a choice only while a scene is open.
  const choices = PRESENTER_VIEWS.filter((view) => view !== 'scene' || scene !== null);
  return (
    <div
      className="presenter-views-menu"
      ref={box}
      onKeyDown={(event) => {
        if (event.key === 'Escape' && open) {
          event.preventDefault();
          setOpen(false);
          box.current?.querySelector('button')?.focus();
        }
      }}
    >
      <button type="button" className="tool presenter-views-button" data-testid="presenter-views" aria-expanded={open} aria-controls="presenter-views-panel" onClick={() => setOpen(!open)}>
        Views <span aria-hidden="true">▾</span>
      </button>
      <fieldset className="presenter-views" id="presenter-views-panel" hidden={!open}>
        <legend className="sr-only">Views on the stage</legend>
        {choices.map((view) => (
          <label key={view} className="presenter-view">
            <input type="checkbox" checked={views.includes(view)} data-testid={`presenter-view-${view}`} onChange={() => toggleView(view)} /> {VIEW_LABELS[view]}
          </label>
        ))}
        <XAxisChoice />
      </fieldset>
    </div>
  );
}

function RunChip({ run, label, selected, testIds }: { run: RunView; label: string; selected: boolean; testIds: boolean }) {
  const { configStore } = useServices();
  const latest = useRunStore((s) => s.runs[run.id as RunId]?.latest ?? null);
  return (
    <li>
      <button
        type="button"
        className={`presenter-run${selected ? ' is-selected' : ''}`}
        aria-pressed={selected}
        title={`Run ${run.position} · ${run.name} (key ${run.position} selects it)`}
        onClick={() => configStore.getState().selectRun(run.id)}
        style={{ borderColor: run.color }}
      >
        <span className="swatch" style={{ background: run.color }} aria-hidden="true" />
        <span className="presenter-run-name" aria-hidden="true">
          {label}
        </span>
        <span className="sr-only">
          Run {run.position}: {run.name}.
        </span>
        <span className="presenter-run-loss">
          train <b data-testid={testIds ? 'train-loss' : undefined}>{formatLoss(latest?.trainLoss)}</b> · test{' '}
          <b data-testid={testIds ? 'test-loss' : undefined}>{formatLoss(latest?.testLoss)}</b>
        </span>
      </button>
    </li>
  );
}

export function PresenterBar() {
  const step = useSelectedRun((run) => run.stepsTaken, 0);
  const runs = useRuns();
  const selectedId = useSelectedRunId();
  return (
    <header className="presenter-bar">
      <h1 className="sr-only">LocoLab, presenter mode</h1>
      <Transport />
      <div className="presenter-step">
        <span className="stat-label">step</span>
        <span className="presenter-step-value" data-testid="step-count">
          {step}
        </span>
      </div>
      <SpeedSelect />
      <ul className={`presenter-runs${runs.length >= 3 ? ' many' : runs.length === 2 ? ' two' : ''}`} aria-label="Runs">
        {runs.map((run, index) => (
          <RunChip key={run.id} run={run} label={chipLabel(runs, index)} selected={run.id === selectedId} testIds={run.id === selectedId} />
        ))}
      </ul>
      <DivergenceNote compact testId="presenter-divergence" />
      <div className="presenter-tools">
        <ViewsMenu />
        <ThemeToggle />
        <ShortcutHelpButton />
        <PresenterToggle />
      </div>
    </header>
  );
}
