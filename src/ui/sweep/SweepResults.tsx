/**
 * A sweep's results (issue 17 §3–4): the metric picker and the "at step" slider, the response curve (one field)
 * or heatmap (two), the rule that picks each group's best, the learning curves of a chosen point, and the
 * actions: open a point as a run, compare each group at its best, save and load the results.
 */
import { memo, useCallback, useRef, useState } from 'react';
import { axisValueOf, inSentence, sweepAxisLabel } from '../../config/sweep';
import { describeMetric, higherIsBetter, SERIES_WORDS, selectedResponse, type SelectedResponse, type SweepMetric } from '../../engine/sweep/response';
import type { SweepRunResult } from '../../engine/sweep/types';
import { useRunStore } from '../../state/runStore';
import { useDraftInput } from '../controls/useDraftInput';
import { typedNumber } from './sweepForm';
import { ChartExportButtons } from '../export/ChartExportButtons';
import { downloadText } from '../export/download';
import { exportOptunaScript } from '../export/optunaExport';
import { useServices } from '../services';
import { RUN_COLORS } from '../useRuns';
import { ResponseChart } from './ResponseChart';
import { SweepCurves } from './SweepCurves';
import { SweepDifficulty } from './SweepDifficulty';
import { SweepHeatmap } from './SweepHeatmap';
import { compareAtBest, testWords } from './sweepActions';
import { compareEachAtBest, openSweepPoint } from './sweepOpen';
import { formatMetricValue, formatSweepValue } from './sweepAxes';
import { sweepCsv, sweepJson } from './sweepFile';
import { metricKey, metricOptions } from './metricOptions';
import { useSweepStore } from './sweepStoreInstance';
import type { SweepRecord } from '../../state/sweepStore';
import { groupedNumber } from '../../text/groupedNumber';

const DEFAULT_TARGET = 0.1;


function fileStamp(record: SweepRecord): string {
  return `locolab-sweep-${record.plan.fields.join('-')}`;
}

function hasSeries(results: readonly SweepRunResult[], key: 'validationLoss' | 'trainAccuracy'): boolean {
  return results.some((r) => {
    const series = (r as unknown as Record<string, unknown>)[key];
    return Array.isArray(series) && (series as number[]).some((v) => !Number.isNaN(v));
  });
}

/**
 * The target loss of "steps to": typed as a draft and taken on Enter or leaving the box (typing 0.05 passes through
 * "0", which a box read per keystroke turned back into the default); a value that is not a number above 0 is
 * refused and said beside the box, which goes back to the last good target; as in NumberControl, the box stays
 * aria-invalid and described by the note until the next good target (WAI-ARIA 1.2 "aria-describedby").
 */
function TargetInput({ target, onCommit }: { target: number; onCommit: (target: number) => void }) {
  const [refused, setRefused] = useState<string | null>(null);
  const input = useDraftInput(String(target), (text) => {
    const value = typedNumber(text);
    if (value > 0 && Number.isFinite(value)) {
      setRefused(null);
      onCommit(value);
    } else setRefused(text);
  });
  return (
    <label className="sweep-input">
      <span>target loss</span>
      <input type="text" inputMode="decimal" data-testid="sweep-target" aria-invalid={refused !== null} aria-describedby={refused !== null ? 'sweep-target-error' : undefined} {...input} />
      {refused !== null ? <span className="sweep-target-error" id="sweep-target-error" role="alert" data-testid="sweep-target-error">“{refused.slice(0, 40)}” is not a loss above 0; still {target}</span> : null}
    </label>
  );
}

/** Whether any run of `group` has finished (a cancelled sweep keeps only finished groups). */
function groupFinishedAny(runs: readonly { index: number; group: number }[], results: readonly SweepRunResult[], group: number): boolean {
  const finished = new Set(results.map((result) => result.index));
  return runs.some((run) => run.group === group && finished.has(run.index));
}

/** A metric's value as the list states it: steps as whole steps, an accuracy as a percentage (as the test figures beside it), a loss to 4 significant digits. */
function metricValueWords(metric: SweepMetric, value: number | null): string {
  if (value === null || !Number.isFinite(value)) return metric.kind === 'stepsTo' ? 'never reached' : String(value);
  if (higherIsBetter(metric)) return formatMetricValue(metric, value);
  return metric.kind === 'stepsTo' ? `${groupedNumber(Math.round(value))} steps` : value.toPrecision(4);
}

/**
 * A best's medians: the one it was chosen on, the shown metric's there where the two differ, and the test figures
 * there (issue 17 §4: reported at the chosen value, never chosen on; sweepActions.ts testWords).
 */
function bestWords(response: SelectedResponse, group: number, shownMedian: number, at: string | null): string {
  const { selection, metric } = response;
  const chosen = selection
    ? `median ${describeMetric(selection.metric)} ${metricValueWords(selection.metric, selection.medians[group])}; ${describeMetric(metric)} there ${metricValueWords(metric, shownMedian)}`
    : `median ${metricValueWords(metric, shownMedian)}`;
  const test = response.test[group];
  const tested = test ? testWords(test, metric) : '';
  // At an earlier checkpoint ("at step" slider) the figures are that checkpoint's, as the rule says.
  return tested ? `${chosen}; there ${tested}${at ? ` at ${at}` : ''}, reported, never chosen on` : chosen;
}

/** Memoised: the panel around it re-renders on every progress report, the results only when theirs change. */
export const SweepResults = memo(function SweepResults({ record }: { record: SweepRecord }) {
  const { configStore, client } = useServices();
  const results = useSweepStore((s) => s.results);
  const status = useSweepStore((s) => s.status);
  const failures = useSweepStore((s) => s.failures);
  const metric = useSweepStore((s) => s.metric);
  const checkpoint = useSweepStore((s) => s.checkpoint);
  const selectedPoint = useSweepStore((s) => s.selectedPoint);
  const tuned = useSweepStore((s) => s.tuned);
  const { setMetric, setCheckpoint, selectPoint, setTuned } = useSweepStore.getState();
  const [target, setTarget] = useState(DEFAULT_TARGET);
  const { plan, groupNames } = record;
  const firstField = plan.fields[0];
  const marker = configStore((s) => axisValueOf(s.config, firstField));

  const validation = hasSeries(results, 'validationLoss') || record.groups.some((g) => g.validationPercent > 0);
  const classes = hasSeries(results, 'trainAccuracy');
  const options = metricOptions(classes, validation, target);
  // A metric the results cannot give (validation loss of a sweep without a split) falls back to the first option.
  const shownMetric: SweepMetric = options.find((o) => o.key === metricKey(metric))?.metric ?? options[0].metric;
  // Cheap (512 runs × 21 checkpoints at most), so read afresh on each render.
  // Each group's best is chosen on the validation split (else the training set), never on the test set, whatever
  // metric the chart shows (engine/sweep/response.ts selectedResponse).
  const response = selectedResponse(plan.runs, results, shownMetric, validation, checkpoint ?? undefined);
  const checkpoints = results.reduce((n, r) => Math.max(n, r.steps.length), 0);
  // In epochs or seconds the runs' steps differ at a checkpoint; its share of the budget is the same for all.
  const share = Number(((plan.budget * response.checkpoint) / Math.max(1, checkpoints - 1)).toPrecision(3));
  const atValue = { steps: groupedNumber(response.atStep), epochs: `${share} epochs`, seconds: `${share} s` }[plan.budgetUnit];
  const atText = plan.budgetUnit === 'steps' ? `step ${atValue}` : atValue;
  const groups = groupNames.map((name, i) => ({ name, color: RUN_COLORS[i % RUN_COLORS.length] }));
  const fieldLabel = sweepAxisLabel;
  const valueWords = useCallback(
    (point: readonly number[]): string => plan.fields.map((field, axis) => `${inSentence(sweepAxisLabel(field))} ${formatSweepValue(plan.axisValues[axis][point[axis]])}`).join(', '),
    [plan],
  );
  const report = useRunStore.getState().report;

  const openPoint = (group: number, point: readonly number[], seedIndex = 0): void => {
    openSweepPoint(configStore, record, group, point, seedIndex);
  };

  const [optunaBusy, setOptunaBusy] = useState(false);
  const chartRef = useRef<HTMLDivElement | null>(null);
  const saveOptuna = async (): Promise<void> => {
    setOptunaBusy(true);
    try {
      const script = await exportOptunaScript(plan, client, { groupNames });
      downloadText(script, `${fileStamp(record)}-optuna.py`, 'text/x-python');
      report('info', 'export-optuna', `Saved ${fileStamp(record)}-optuna.py: ${plan.runs.length} runs as Optuna trials (median final ${plan.runs.every((run) => run.config.validationPercent > 0) ? 'validation' : 'train'} loss over seeds per grid point).`);
    } catch (error) {
      report('error', 'export-optuna', `No Optuna script: ${error instanceof Error ? error.message : String(error)}`);
    } finally {
      setOptunaBusy(false);
    }
  };

  // Focusing a point (Tab, the arrow keys, or the press before a click) shows its learning curves (issue 17 §3,
  // "Curves") and opens nothing; a click, Enter or Space also opens it as a run.
  const showCurves = (_group: number, _index: number, point: number[]): void => {
    if (!selectedPoint || selectedPoint.length !== point.length || selectedPoint.some((v, i) => v !== point[i])) selectPoint(point);
  };

  const tunedNow = compareAtBest(record, response);
  const compare = (): void => {
    if (!tunedNow) return;
    compareEachAtBest(configStore, tunedNow, setTuned);
  };

  const selectedCurves = selectedPoint
    ? groups.map((_, group) =>
        plan.runs
          .filter((run) => run.group === group && run.point.every((v, i) => v === selectedPoint[i]))
          .map((run) => {
            const result = results.find((r) => r.index === run.index);
            const of = shownMetric.of;
            const series = result ? ((result as unknown as Record<string, number[] | null>)[of] ?? []) : [];
            return { seed: run.config.seed, steps: result?.steps ?? [], values: series, diverged: result?.diverged?.atStep ?? null };
          }),
      )
    : null;

  return (
    <div className="sweep-results">
      <div className="sweep-read">
        <label className="sweep-input wide">
          <span>Metric</span>
          <select data-testid="sweep-metric" value={metricKey(shownMetric)} onChange={(e) => setMetric(options.find((o) => o.key === e.target.value)?.metric ?? shownMetric)}>
            {options.map((o) => (
              <option key={o.key} value={o.key}>
                {o.label}
              </option>
            ))}
          </select>
        </label>
        {shownMetric.kind === 'stepsTo' ? (
          <TargetInput target={target} onCommit={setTarget} />
        ) : null}
        <label className="sweep-input wide sweep-at-step">
          <span>{plan.budgetUnit === 'steps' ? 'At step' : 'At'}</span>
          <input
            type="range"
            min={0}
            max={Math.max(0, checkpoints - 1)}
            value={checkpoint ?? Math.max(0, checkpoints - 1)}
            data-testid="sweep-at-step"
            aria-valuetext={atText}
            onChange={(e) => setCheckpoint(Number(e.target.value) >= checkpoints - 1 ? null : Number(e.target.value))}
          />
          <output data-testid="sweep-at-step-value">{atValue}</output>
        </label>
      </div>
      <p className="help" data-testid="sweep-rule">
        Best of each group: {response.rule}.{' '}
        {plan.seeds === 1 ? 'One seed a point' : `Median over ${plan.seeds} seeds${plan.fields.length === 1 ? ', band from lowest to highest' : ''}`}; a diverged seed counts as the worst value.
        {results.length > 0 && response.best.every((best) => best === null) ? ' No point has a finite median by this rule, so no group has a best.' : ''}
      </p>
      <div ref={chartRef}>
      {plan.fields.length === 1 ? (
        <ResponseChart
          response={response}
          values={plan.axisValues[0]}
          fieldLabel={fieldLabel(firstField)}
          scale={record.spec.axes[0].values.kind === 'range' ? record.spec.axes[0].values.scale : 'category'}
          metricLabel={describeMetric(shownMetric)}
          groups={groups}
          marker={typeof marker === 'number' ? marker : null}
          onOpenPoint={(group, _index, point) => {
            selectPoint(point);
            openPoint(group, point);
          }}
          onSelectPoint={showCurves}
        />
      ) : (
        <SweepHeatmap
          response={response}
          columns={plan.axisValues[0]}
          rows={plan.axisValues[1]}
          columnLabel={fieldLabel(firstField)}
          rowLabel={fieldLabel(plan.fields[1])}
          metricLabel={describeMetric(shownMetric)}
          groups={groups}
          onOpenPoint={(group, _index, point) => {
            selectPoint(point);
            openPoint(group, point);
          }}
          onSelectPoint={showCurves}
        />
      )}
      </div>
      <ul className="sweep-best-list" data-testid="sweep-best-list">
        {response.best.map((best, group) => (
          <li key={group}>
            <span className="key" style={{ background: groups[group]?.color }} /> {groupNames[group]}:{' '}
            {best
              ? `best at ${plan.fields.map((field, axis) => `${inSentence(fieldLabel(field))} ${formatSweepValue(plan.axisValues[axis][best.point[axis]])}`).join(', ')} (${bestWords(response, group, best.median, checkpoint === null ? null : atText)})`
              : !groupFinishedAny(plan.runs, results, group)
                ? status === 'cancelled'
                  ? 'not run: the sweep was cancelled before this group finished (a group\'s runs finish together)'
                  : 'no finished point yet'
                : 'no point with a finite median (its target never reached, or its runs diverged)'}
          </li>
        ))}
      </ul>
      {classes ? <SweepDifficulty plan={plan} results={results} groupNames={groupNames} best={response.best} valueWords={valueWords} /> : null}
      <div className="sweep-actions">
        <button type="button" className="small primary-action" data-testid="sweep-compare-best" disabled={!tunedNow} onClick={compare} title="Replace the comparison with one run per group at its best value, over the sweep's seeds">
          Compare each at its best
        </button>
        <ChartExportButtons
          target={chartRef}
          name={plan.fields.length === 1 ? 'sweep-response' : 'sweep-heatmap'}
          title={`Sweep: median ${describeMetric(shownMetric)} against ${plan.fields.map((f) => inSentence(fieldLabel(f))).join(' and ')} (${plan.seeds} seed${plan.seeds === 1 ? '' : 's'}; ${response.rule})`}
          runKey={groups.map((g) => ({ label: g.name, color: g.color }))}
          pngTestId="sweep-chart-png"
          svgTestId="sweep-chart-svg"
          selector="svg.sweep-svg"
          inlineStyles
        />
        <button type="button" className="small" data-testid="export-sweep-csv" onClick={() => downloadText(sweepCsv(record, results), `${fileStamp(record)}.csv`, 'text/csv')}>
          Results CSV
        </button>
        <button type="button" className="small" data-testid="export-optuna" disabled={optunaBusy} onClick={() => void saveOptuna()} title="A self-contained PyTorch + Optuna script: the same grid, seeds, initial weights and batches, to run the sweep on other machines">
          {optunaBusy ? 'Writing Optuna script…' : 'Optuna script'}
        </button>
        <button type="button" className="small" data-testid="export-sweep-json" onClick={() => downloadText(sweepJson(record, results, failures), `${fileStamp(record)}.json`, 'application/json')}>
          Sweep JSON
        </button>
      </div>
      {tuned ? (
        <p className="sweep-tuned" data-testid="sweep-tuned">
          {tuned.statement}
        </p>
      ) : null}
      {selectedCurves && selectedPoint ? (
        <SweepCurves
          curves={selectedCurves}
          groups={groups}
          title={`Learning curves at ${plan.fields.map((field, axis) => `${inSentence(fieldLabel(field))} ${formatSweepValue(plan.axisValues[axis][selectedPoint[axis]])}`).join(', ')}`}
          metricLabel={SERIES_WORDS[shownMetric.of]}
          onOpenSeed={(group, seedIndex) => openPoint(group, selectedPoint, seedIndex)}
        />
      ) : null}
      {failures.length > 0 ? (
        <div className="sweep-failures" role="alert" data-testid="sweep-failures">
          {failures.length} run{failures.length === 1 ? '' : 's'} could not be trained: {failures.slice(0, 3).map((f) => `run ${f.index + 1}: ${f.message}`).join('; ')}
          {failures.length > 3 ? '…' : ''}
        </div>
      ) : null}
    </div>
  );
});
