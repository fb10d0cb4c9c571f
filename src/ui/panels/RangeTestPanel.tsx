/**
 * The LR range test: sweep settings, "Find learning rate" with progress and cancel, the loss against the
 * learning rate (raw faint, smoothed bold, log x for exponential sweeps) with the valley, steepest and
 * minimum/10 suggestions, a point to drag along the curve, and one-click use as the learning rate or as the
 * bounds of a cyclical schedule (max at the chosen point, base a quarter of it: Smith 2017, §3.3).
 */
import { memo, useRef, useState } from 'react';
import { CartesianGrid, Line, LineChart, ReferenceDot, ReferenceLine, ResponsiveContainer, Tooltip, XAxis, YAxis } from 'recharts';
import type { RangeTestResult } from '../../engine/lrfinder/rangeTest';
import { ALGORITHM_INFO } from '../../engine/train/algorithmCatalog';
import { useRunStore, type RangeTestState } from '../../state/runStore';
import { LEARNING_RATE_COLOR, TEST_COLOR, TRAIN_COLOR } from '../colors';
import { NumberControl } from '../controls/NumberControl';
import { SelectControl } from '../controls/SelectControl';
import { nearestIndex, valueAt } from '../charts/lineChartModel';
import { formatRate } from '../format';
import { useSelectedRun, useSelectedRunId, useServices } from '../services';

const NO_RANGE_TEST: RangeTestState = { running: false, done: 0, total: 0, curve: null, result: null, algorithm: null, previous: null };

const CYCLICAL_BASE_FRACTION = 1 / 4;
const tick = (v: number): string => (v >= 0.01 && v < 1000 ? String(Number(v.toPrecision(2))) : v.toExponential(0));
const lossTick = (v: number): string => String(Number(v.toPrecision(3)));

interface PlotProps {
  result: RangeTestResult;
  logX: boolean;
  chosen: number;
  previous: { result: RangeTestResult; label: string } | null;
  onChoose: (index: number) => void;
}

/** The plot area's horizontal inset inside the chart: the left margin plus the y axis, and the right margin. */
const PLOT_MARGIN = { left: 8, right: 16, top: 18, bottom: 18 };
const Y_AXIS_WIDTH = 56;

const RangePlot = memo(function RangePlot({ result, logX, chosen, previous, onChoose }: PlotProps) {
  const dragging = useRef(false);
  const domain: [number, number] = [result.learningRates[0], result.learningRates[result.learningRates.length - 1]];
  const rows = result.learningRates.map((lr, i) => ({ lr, raw: Number.isFinite(result.losses[i]) ? result.losses[i] : null, smoothed: result.smoothed[i] }));
  const previousRows = previous?.result.learningRates.map((lr, i) => ({ lr, previous: previous.result.smoothed[i] })) ?? [];
  // Dragging works from pointer positions (not Recharts' tooltip state, which lags under load).
  const chooseAt = (event: React.PointerEvent<HTMLDivElement>): void => {
    const rect = event.currentTarget.getBoundingClientRect();
    const left = PLOT_MARGIN.left + Y_AXIS_WIDTH;
    const fraction = (event.clientX - rect.left - left) / (rect.width - left - PLOT_MARGIN.right);
    onChoose(nearestIndex(result.learningRates, valueAt(fraction, domain, logX), logX));
  };
  const marker = (index: number, color: string, name: string, shape: 'circle' | 'triangle' | 'square', position: 'top' | 'bottom' | 'left') =>
    index >= 0 && index < rows.length ? (
      <ReferenceDot
        x={rows[index].lr}
        y={rows[index].smoothed}
        r={6}
        fill={color}
        stroke="#fff"
        shape={shape === 'circle' ? undefined : (props: { cx?: number; cy?: number }) => (
          <path
            d={shape === 'triangle' ? `M${props.cx} ${(props.cy ?? 0) - 7} l7 12 h-14 z` : `M${(props.cx ?? 0) - 5} ${(props.cy ?? 0) - 5} h10 v10 h-10 z`}
            fill={color}
            stroke="#fff"
          />
        )}
        label={{ value: name, position, fontSize: 10 }}
      />
    ) : null;
  const s = result.suggestions;
  // The smoothed curve sets the scale; single raw spikes above it are clipped rather than flattening it.
  const finite = result.smoothed.filter(Number.isFinite);
  const yDomain: [number, number] = [Math.min(...finite) * 0.95, Math.max(...finite) * 1.3];
  return (
    <div
      className="range-drag"
      onPointerDown={(event) => {
        dragging.current = true;
        event.currentTarget.setPointerCapture(event.pointerId);
        chooseAt(event);
      }}
      onPointerMove={(event) => dragging.current && chooseAt(event)}
      onPointerUp={(event) => {
        if (dragging.current) chooseAt(event);
        dragging.current = false;
      }}
      onPointerCancel={() => (dragging.current = false)}
    >
    <ResponsiveContainer width="100%" height={240}>
      <LineChart data={rows} margin={PLOT_MARGIN}>
        <CartesianGrid stroke="#e5e5e5" />
        <XAxis
          dataKey="lr"
          type="number"
          scale={logX ? 'log' : 'linear'}
          domain={domain}
          allowDataOverflow
          tickFormatter={tick}
          label={{ value: 'learning rate', position: 'insideBottom', offset: -10 }}
        />
        <YAxis domain={finite.length > 0 ? yDomain : ['auto', 'auto']} width={Y_AXIS_WIDTH} tickFormatter={lossTick} allowDataOverflow label={{ value: 'minibatch loss', angle: -90, position: 'insideLeft', style: { textAnchor: 'middle' } }} />
        <Tooltip formatter={(v) => (typeof v === 'number' ? v.toPrecision(4) : String(v))} labelFormatter={(l) => `learning rate ${formatRate(Number(l))}`} />
        <Line dataKey="raw" stroke={TRAIN_COLOR} strokeOpacity={0.25} dot={false} isAnimationActive={false} name="raw loss" />
        {previous ? (
          <Line data={previousRows} dataKey="previous" stroke="#8a94a6" strokeDasharray="5 3" dot={false} isAnimationActive={false} name={previous.label} />
        ) : null}
        <Line dataKey="smoothed" stroke={TRAIN_COLOR} strokeWidth={2.2} dot={false} isAnimationActive={false} name="smoothed loss" />
        {s ? marker(s.valley.index, LEARNING_RATE_COLOR, 'valley', 'circle', 'top') : null}
        {s ? marker(s.steep.index, TEST_COLOR, 'steepest', 'triangle', 'bottom') : null}
        {s ? marker(s.minimum.index, '#CC79A7', 'minimum', 'square', 'left') : null}
        {chosen < rows.length ? <ReferenceLine x={rows[chosen].lr} stroke="#1d2330" strokeDasharray="3 3" label={{ value: 'chosen', position: 'insideTopRight', fontSize: 10 }} /> : null}
      </LineChart>
    </ResponsiveContainer>
    </div>
  );
});

export function RangeTestPanel() {
  const { client, configStore } = useServices();
  const runId = useSelectedRunId();
  const test = useSelectedRun((run) => run.rangeTest, NO_RANGE_TEST);
  const startRangeTest = useRunStore((s) => s.startRangeTest);
  const rangeMode = configStore((s) => s.config.rangeMode);
  const rangeSteps = configStore((s) => s.config.rangeSteps);
  const result = test.result;
  // The chosen point belongs to one result; a new result starts at its valley (or its last point).
  const [choice, setChoice] = useState<{ result: RangeTestResult | null; index: number }>({ result: null, index: 0 });
  const chosen =
    choice.result === result ? choice.index : (result?.suggestions?.valley.index ?? Math.max(0, (result?.learningRates.length ?? 1) - 1));
  const setChosen = (index: number): void => setChoice({ result, index });

  const run = (): void => {
    startRangeTest(runId, rangeSteps);
    client.send({ type: 'rangeTest', runId });
  };
  const chosenRate = result && chosen < result.learningRates.length ? result.learningRates[chosen] : null;
  const apply = (cyclical: boolean): void => {
    if (chosenRate === null) return;
    const { config, replace } = configStore.getState();
    replace(
      cyclical
        ? { ...config, schedule: 'cyclical', maxLearningRate: chosenRate, learningRate: chosenRate * CYCLICAL_BASE_FRACTION }
        : { ...config, schedule: 'constant', learningRate: chosenRate },
    );
  };
  const shown = test.running && test.curve ? { ...analysedPlaceholder(test.curve.learningRates.length), ...test.curve } : result;
  const s = result?.suggestions;

  return (
    <section className="panel" aria-labelledby="range-heading">
      <h2 id="range-heading">Learning-rate range test</h2>
      <p className="help">
        Sweeps the learning rate of the current algorithm ({test.algorithm ? ALGORITHM_INFO[test.algorithm].inSentence : 'backprop or LocoProp’s ρ'}) one minibatch per
        step on a copy of the run, then puts the run back exactly as it was. Suggestions are heuristics: read the curve.
      </p>
      <div className="range-controls">
        <SelectControl name="rangeMode" />
        <NumberControl name="rangeStart" />
        <NumberControl name="rangeEnd" />
        <NumberControl name="rangeSteps" />
      </div>
      <div className="range-actions">
        {test.running ? (
          <>
            <progress max={test.total} value={test.done} data-testid="range-progress" aria-label="Range test progress" />
            <span className="muted">
              {test.done} / {test.total}
            </span>
            <button type="button" className="small" data-testid="cancel-range" onClick={() => client.send({ type: 'cancelRangeTest' })}>
              Cancel
            </button>
          </>
        ) : (
          <button type="button" className="small primary-action" data-testid="find-lr" onClick={run}>
            Find learning rate
          </button>
        )}
      </div>
      {shown ? (
        <figure className="chart" data-testid="range-chart" data-points={shown.learningRates.length}>
          <RangePlot
            result={shown}
            logX={rangeMode === 'exponential'}
            chosen={chosen}
            previous={test.previous && !test.running ? { result: test.previous.result, label: `${ALGORITHM_INFO[test.previous.algorithm].inSentence} (previous test)` } : null}
            onChoose={setChosen}
          />
        </figure>
      ) : null}
      {result && !test.running ? (
        <>
          {s ? (
            <p className="range-numbers" data-testid="range-suggestions">
              <span className="key" style={{ background: LEARNING_RATE_COLOR, borderRadius: '50%' }} /> valley <b data-testid="range-valley">{formatRate(s.valley.learningRate)}</b> ·{' '}
              <span className="key landed" /> steepest <b data-testid="range-steep">{formatRate(s.steep.learningRate)}</b> · <span className="key" style={{ background: '#CC79A7' }} /> minimum/10{' '}
              <b data-testid="range-minimum">{formatRate(s.minimum.learningRate)}</b>
            </p>
          ) : (
            <p className="range-numbers muted">No suggestion: {result.problem}</p>
          )}
          <label className="inline range-choice">
            chosen
            <input
              type="range"
              min={0}
              max={Math.max(0, result.learningRates.length - 1)}
              value={chosen}
              data-testid="range-choice"
              aria-valuetext={chosenRate === null ? '' : `learning rate ${formatRate(chosenRate)}`}
              onChange={(e) => setChosen(Number(e.target.value))}
            />
            <output data-testid="range-chosen">{chosenRate === null ? '—' : formatRate(chosenRate)}</output>
            <span className="muted">smoothed loss {result.smoothed[chosen]?.toPrecision(3) ?? '—'} (drag on the chart too)</span>
          </label>
          <div className="range-actions">
            <button type="button" className="small" data-testid="use-lr" disabled={chosenRate === null} onClick={() => apply(false)}>
              Use as learning rate
            </button>
            <button type="button" className="small" data-testid="use-clr" disabled={chosenRate === null} onClick={() => apply(true)}>
              Use as cyclical bounds (max {chosenRate === null ? '—' : formatRate(chosenRate)}, base {chosenRate === null ? '—' : formatRate(chosenRate * CYCLICAL_BASE_FRACTION)})
            </button>
          </div>
        </>
      ) : null}
    </section>
  );
}

/** While the sweep runs, the curve so far is drawn without suggestions. */
function analysedPlaceholder(planned: number): Omit<RangeTestResult, 'learningRates' | 'losses' | 'smoothed'> {
  return { outcome: 'finished', plannedSteps: planned, trimStart: 0, suggestions: null, problem: null };
}
