/**
 * The runs of the comparison: one row per run (colour, name, live step and losses, steps/s, shown on the
 * charts or not, remove), the selected row being the run the settings panels edit; adding a run copies the
 * selected one with the same seed, so the copy differs only in what the person then changes. Below: how the
 * runs share the device (pacing) and how many seeds the selected run is repeated over; then the scene picker.
 */
import { useRef, type CSSProperties, type KeyboardEvent } from 'react';
import { EXPERIMENT_FIELDS } from '../../config/experiment';
import { paperScene } from '../../config/paperScene';
import { MAX_RUNS, type RunId } from '../../config/runs';
import { interpretTypedNumber } from '../../config/typedNumber';
import { useComparisonView } from '../../state/comparisonView';
import { useRunStore, type RunData } from '../../state/runStore';
import { openScene } from '../../state/urlSync';
import { SelectControl } from '../controls/SelectControl';
import { useDraftInput } from '../controls/useDraftInput';
import { formatLoss, formatStepsPerSecond } from '../format';
import { useConfigValue, useSelectedRunId, useServices, useSetField } from '../services';
import { useThrottledSelector } from '../useThrottled';
import { useRuns, type RunView } from '../useRuns';
import { ScenePicker } from './ScenePicker';
import { TunedNote } from '../sweep/TunedNote';

const PACING_LABELS = { lockstep: 'Lockstep: same steps', time: 'Equal time' };
const selectRunData = (state: { runs: Record<RunId, RunData> }): Record<RunId, RunData> => state.runs;

/** How many seeds the selected run trains: typed, applied on Enter or blur (each change starts the run anew). */
function RepeatSeedsInput({ position }: { position: number }) {
  const field = EXPERIMENT_FIELDS.repeatSeeds;
  const seeds = useConfigValue('repeatSeeds');
  const setField = useSetField();
  const report = useRunStore((s) => s.report);
  const range = `${field.min}–${field.max}`;
  const draftInput = useDraftInput(String(seeds), (draft) => {
    const typed = interpretTypedNumber(draft, field);
    if (typed.kind === 'rejected') {
      report('warning', 'input-repeatSeeds', `${field.label}: "${draft}" is not a whole number from ${range}; kept ${seeds}.`);
      return;
    }
    if (typed.adjusted) report('warning', 'input-repeatSeeds', `${field.label}: ${draft} is outside ${range} or not a whole number; using ${typed.value}.`);
    if (typed.value !== seeds) setField('repeatSeeds', typed.value);
  });
  return (
    <div className="control">
      <div className="control-head">
        <label htmlFor="repeat-seeds">Seeds of run {position}</label>
        <span className="control-kind" title="Starts a new run">
          new run
        </span>
      </div>
      <div className="control-row">
        <input id="repeat-seeds" className="number" type="text" inputMode="numeric" aria-describedby="repeat-seeds-help" data-testid="repeat-seeds-input" {...draftInput} />
        <span className="unit">of {range}</span>
      </div>
      <p className="help" id="repeat-seeds-help">
        {field.help}
      </p>
    </div>
  );
}

interface RowProps {
  run: RunView;
  data: RunData | undefined;
  selected: boolean;
  hidden: boolean;
  playing: boolean;
  onlyRun: boolean;
  onKeyDown: (event: KeyboardEvent<HTMLTableRowElement>) => void;
}

function RunRow({ run, data, selected, hidden, playing, onlyRun, onKeyDown }: RowProps) {
  const { configStore } = useServices();
  const toggleHidden = useComparisonView((s) => s.toggleHidden);
  const latest = data?.latest ?? null;
  const stepsTaken = data?.stepsTaken ?? 0;
  const label = `Run ${run.position}`;
  const seeds = run.config.repeatSeeds;
  return (
    <tr
      className={`run-row${selected ? ' is-selected' : ''}${hidden ? ' is-hidden' : ''}`}
      style={{ '--run-color': run.color } as CSSProperties}
      data-testid="run-row"
      data-run-id={run.id}
      aria-selected={selected}
      tabIndex={selected ? 0 : -1}
      onClick={() => configStore.getState().selectRun(run.id)}
      onKeyDown={onKeyDown}
    >
      <td>
        <span className="run-label">
          <span className="swatch" style={{ background: hidden ? 'transparent' : run.color, borderColor: run.color }} aria-hidden="true" />
          <span>
            <strong>{label}</strong> <span data-testid="run-name">{run.name}</span>
            {seeds > 1 ? <span className="run-seeds"> · {seeds} seeds</span> : null}
          </span>
        </span>
      </td>
      <td className="num" data-testid="run-step-count">
        {stepsTaken}
      </td>
      <td className="num" data-testid="run-train-loss">
        {formatLoss(latest?.trainLoss)}
      </td>
      <td className="num" data-testid="run-test-loss">
        {formatLoss(latest?.testLoss)}
      </td>
      <td className="num" data-testid="run-steps-per-second">
        {formatStepsPerSecond(playing ? (data?.stepsPerSecond ?? 0) : 0)}
      </td>
      <td className="run-actions">
        <input
          type="checkbox"
          checked={!hidden}
          aria-label={`Show ${label} on the charts`}
          title={hidden ? 'Hidden from the charts' : 'Shown on the charts'}
          data-testid="run-visible"
          onClick={(e) => e.stopPropagation()}
          onChange={() => toggleHidden(run.id)}
        />
        <button
          type="button"
          className="icon remove"
          aria-label={`Remove ${label}`}
          title={onlyRun ? 'The only run cannot be removed' : `Remove ${label}`}
          data-testid="remove-run"
          disabled={onlyRun}
          onClick={(e) => {
            e.stopPropagation();
            configStore.getState().removeRun(run.id);
          }}
        >
          ×
        </button>
      </td>
    </tr>
  );
}

export function RunsPanel() {
  const { configStore } = useServices();
  const runs = useRuns();
  const selectedRunId = useSelectedRunId();
  const hidden = useComparisonView((s) => s.hidden);
  const playing = useRunStore((s) => s.playing);
  // Live numbers at about 10 Hz, however fast the runs tick.
  const runData = useThrottledSelector(useRunStore, selectRunData, 100);
  const table = useRef<HTMLTableElement>(null);
  const selected = runs.find((run) => run.id === selectedRunId) ?? runs[0];
  const full = runs.length >= MAX_RUNS;

  /** Arrow keys, Home and End move the selection (and focus) between rows; Enter and Space select. */
  const onRowKeyDown = (index: number) => (event: KeyboardEvent<HTMLTableRowElement>) => {
    if (event.target !== event.currentTarget) return; // keys typed on the row's checkbox or button
    const moves: Record<string, number> = { ArrowDown: index + 1, ArrowUp: index - 1, Home: 0, End: runs.length - 1, Enter: index, ' ': index };
    if (!(event.key in moves)) return;
    event.preventDefault();
    const target = runs[Math.min(runs.length - 1, Math.max(0, moves[event.key]))];
    configStore.getState().selectRun(target.id);
    table.current?.querySelector<HTMLElement>(`[data-run-id="${target.id}"]`)?.focus();
  };

  return (
    <section className="panel runs-panel" aria-labelledby="runs-heading">
      <div className="panel-head">
        <h2 id="runs-heading">Runs</h2>
        <button
          type="button"
          className="small primary-action"
          data-testid="add-run"
          disabled={full}
          aria-describedby="add-run-help"
          title="A copy of the selected run, same seed"
          onClick={() => configStore.getState().addRun()}
        >
          + Add run
        </button>
      </div>
      <p className="help" id="add-run-help">
        {full
          ? `At most ${MAX_RUNS} runs train at once; remove one to add another.`
          : 'Add run: a copy of the selected run, same seed (same data, initial weights and batches); then change what you want to compare. Click a row to edit that run.'}
      </p>
      <TunedNote />
      <div className="runs-scroll">
        <table className="runs-table" role="grid" aria-label="Runs" aria-describedby="add-run-help" data-testid="runs-list" ref={table}>
          <thead>
            <tr>
              <th scope="col">Run</th>
              <th scope="col" className="num">
                Step
              </th>
              <th scope="col" className="num">
                Train loss
              </th>
              <th scope="col" className="num">
                Test loss
              </th>
              <th scope="col" className="num">
                Steps/s
              </th>
              <th scope="col">
                <span className="sr-only">Shown on the charts, remove</span>
                <span aria-hidden="true">Show</span>
              </th>
            </tr>
          </thead>
          <tbody>
            {runs.map((run, index) => (
              <RunRow
                key={run.id}
                run={run}
                data={runData[run.id]}
                selected={run.id === selectedRunId}
                hidden={hidden.has(run.id)}
                playing={playing}
                onlyRun={runs.length === 1}
                onKeyDown={onRowKeyDown(index)}
              />
            ))}
          </tbody>
        </table>
      </div>
      <div className="runs-settings">
        <SelectControl name="pacing" labels={PACING_LABELS} />
        <RepeatSeedsInput position={selected.position} />
      </div>
      <div className="runs-scene">
        <ScenePicker />
        <button
          type="button"
          className="small"
          data-testid="scene-paper-autoencoder"
          aria-describedby="scene-paper-help"
          onClick={() => {
            // Written in full in the address (not as ?scene=), keeping run 1's seed: no scene layer under it.
            openScene(configStore, null);
            configStore.getState().replaceRuns(paperScene(configStore.getState().runs[0].config));
          }}
        >
          The paper&apos;s scene
        </button>
        <p className="help" id="scene-paper-help">
          Replaces the runs with LocoProp-M (inner RMSProp) against backprop with RMSProp on the MNIST 14×14 deep autoencoder, same
          initial weights, each at its best learning rate from one sweep of both over the same five rates (the scene&apos;s card says which and
          how). Compare per step (lockstep) or per second (equal time, or the loss chart against training time).
        </p>
      </div>
    </section>
  );
}
