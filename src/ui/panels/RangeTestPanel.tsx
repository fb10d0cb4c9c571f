/**
 * The LR range test: sweep settings, "Find learning rate" with progress and cancel, the loss against the
 * learning rate (raw faint, smoothed bold, log x for exponential sweeps) with the valley, steepest and
 * minimum/10 suggestions, a point to drag along the curve, and one-click use as the learning rate or as the
 * bounds of a cyclical schedule (max at the chosen point, base a quarter of it: Smith 2017, §3.3).
 */
import { memo, useRef, useState } from 'react';
import { CartesianGrid, Line, LineChart, ReferenceLine, ResponsiveContainer, Tooltip, usePlotArea, useXAxisScale, useYAxisScale, XAxis, YAxis } from 'recharts';
import type { RangeTestResult } from '../../engine/lrfinder/rangeTest';
import { ALGORITHM_INFO } from '../../algorithms/registry';
import { useRunStore, type RangeTestState } from '../../state/runStore';
import { LEARNING_RATE_COLOR, TEST_COLOR, TRAIN_COLOR } from '../colors';
import { NumberControl } from '../controls/NumberControl';
import { SelectControl } from '../controls/SelectControl';
import { ExplainButton } from '../explain/ExplainButton';
import { nearestIndex, niceTicks, valueAt } from '../charts/lineChartModel';
import { formatRateTick, labelWidth, placeLabels, rateTicks, suggestionIndex, type Box, type SuggestionName } from '../charts/rangeChartModel';
import { formatRate } from '../format';
import { useSelectedRun, useSelectedRunId, useServices } from '../services';

const NO_RANGE_TEST: RangeTestState = { running: false, done: 0, total: 0, curve: null, result: null, algorithm: null, previous: null };

const CYCLICAL_BASE_FRACTION = 1 / 4;
const lossTick = (v: number): string => String(Number(v.toPrecision(3)));

interface PlotProps {
  result: RangeTestResult;
  logX: boolean;
  chosen: number;
  previous: { result: RangeTestResult; label: string } | null;
  onChoose: (index: number) => void;
}

const MINIMUM_COLOR = '#CC79A7';
const SUGGESTIONS: { name: SuggestionName; label: string; color: string; shape: 'circle' | 'triangle' | 'square' }[] = [
  { name: 'valley', label: 'valley', color: LEARNING_RATE_COLOR, shape: 'circle' },
  { name: 'steep', label: 'steepest', color: TEST_COLOR, shape: 'triangle' },
  { name: 'minimum', label: 'minimum', color: MINIMUM_COLOR, shape: 'square' },
];

const CHOSEN_LABEL = 'chosen';

/**
 * The suggestion markers with labels placed apart (rangeChartModel.placeLabels) and the chosen line's label;
 * a click on a marker selects its suggestion. Drawn from the chart's own scales.
 */
function SuggestionMarkers({ result, logX, chosen, onChoose }: { result: RangeTestResult; logX: boolean; chosen: number; onChoose: (index: number) => void }) {
  const xScale = useXAxisScale();
  const yScale = useYAxisScale();
  const plot = usePlotArea();
  const s = result.suggestions;
  if (!xScale || !yScale || !plot) return null;
  const chosenX = chosen < result.learningRates.length ? xScale(result.learningRates[chosen]) : undefined;
  const chosenWidth = labelWidth(CHOSEN_LABEL);
  const chosenBox: Box | null =
    chosenX === undefined ? null : { x: chosenX + chosenWidth + 8 > plot.x + plot.width ? chosenX - 4 - chosenWidth : chosenX + 4, y: plot.y + 2, width: chosenWidth, height: 13 };
  const markers = s
    ? SUGGESTIONS.flatMap((m) => {
        const index = s[m.name].index;
        const cx = xScale(result.learningRates[index]);
        const cy = yScale(result.smoothed[index]);
        return cx === undefined || cy === undefined || !Number.isFinite(cy) ? [] : [{ ...m, cx, cy, labelWidth: labelWidth(m.label), select: suggestionIndex(result, m.name, logX) }];
      })
    : [];
  const placements = placeLabels(markers, plot, chosenBox ? [chosenBox] : []);
  return (
    <g className="range-markers">
      {chosenBox ? (
        <text x={chosenBox.x} y={chosenBox.y + 10} fontSize={10} fill="#1d2330" className="range-chosen-label" data-testid="range-chosen-label">
          {CHOSEN_LABEL}
        </text>
      ) : null}
      {markers.map((m, i) => {
        const box = placements[i].box;
        const selected = chosen === m.select;
        return (
          <g
            key={m.name}
            className="range-marker"
            data-testid={`range-marker-${m.name}`}
            data-selected={selected}
            onPointerDown={(event) => event.stopPropagation()}
            onClick={() => onChoose(m.select)}
          >
            <title>{`${m.label}: choose ${formatRate(m.name === 'minimum' ? (s?.minimum.learningRate ?? 0) : result.learningRates[m.select])}`}</title>
            {selected ? <circle cx={m.cx} cy={m.cy} r={10} fill="none" stroke="#1d2330" strokeWidth={1.5} className="range-marker-ring" /> : null}
            {m.shape === 'circle' ? (
              <circle cx={m.cx} cy={m.cy} r={6} fill={m.color} stroke="#fff" />
            ) : m.shape === 'triangle' ? (
              <path d={`M${m.cx} ${m.cy - 7} l7 12 h-14 z`} fill={m.color} stroke="#fff" />
            ) : (
              <path d={`M${m.cx - 5} ${m.cy - 5} h10 v10 h-10 z`} fill={m.color} stroke="#fff" />
            )}
            {/* A larger transparent target, so the marker is easy to hit. */}
            <circle cx={m.cx} cy={m.cy} r={11} fill="transparent" />
            <text x={box.x + box.width / 2} y={box.y + 10} textAnchor="middle" fontSize={10} fill="#1d2330" className="range-marker-label">
              {m.label}
            </text>
          </g>
        );
      })}
    </g>
  );
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
  // The smoothed curve sets the scale; single raw spikes above it are clipped rather than flattening it.
  const finite = result.smoothed.filter(Number.isFinite);
  const yDomain: [number, number] = [Math.min(...finite) * 0.95, Math.max(...finite) * 1.3];
  const yTicks = finite.length > 0 ? niceTicks(yDomain, false, 6) : undefined;
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
          ticks={rateTicks(domain, logX)}
          interval={0}
          tickFormatter={formatRateTick}
          label={{ value: 'learning rate', position: 'insideBottom', offset: -10 }}
        />
        <YAxis domain={finite.length > 0 ? yDomain : ['auto', 'auto']} ticks={yTicks} interval={0} width={Y_AXIS_WIDTH} tickFormatter={lossTick} allowDataOverflow label={{ value: 'minibatch loss', angle: -90, position: 'insideLeft', style: { textAnchor: 'middle' } }} />
        <Tooltip formatter={(v) => (typeof v === 'number' ? v.toPrecision(4) : String(v))} labelFormatter={(l) => `learning rate ${formatRate(Number(l))}`} />
        <Line dataKey="raw" stroke={TRAIN_COLOR} strokeOpacity={0.25} dot={false} isAnimationActive={false} name="raw loss" />
        {previous ? (
          <Line data={previousRows} dataKey="previous" stroke="#8a94a6" strokeDasharray="5 3" dot={false} isAnimationActive={false} name={previous.label} />
        ) : null}
        <Line dataKey="smoothed" stroke={TRAIN_COLOR} strokeWidth={2.2} dot={false} isAnimationActive={false} name="smoothed loss" />
        {chosen < rows.length ? <ReferenceLine x={rows[chosen].lr} stroke="#1d2330" strokeDasharray="3 3" /> : null}
        <SuggestionMarkers result={result} logX={logX} chosen={chosen} onChoose={onChoose} />
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
        <ExplainButton concept="range-test" />
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
              {SUGGESTIONS.map((m, i) => {
                const index = suggestionIndex(result, m.name, rangeMode === 'exponential');
                return (
                  <span key={m.name}>
                    {i > 0 ? ' · ' : null}
                    <span className="key" style={{ background: m.color, borderRadius: m.shape === 'circle' ? '50%' : undefined }} /> {m.name === 'minimum' ? 'minimum/10' : m.label}{' '}
                    <button
                      type="button"
                      className={index === chosen ? 'range-suggestion is-chosen' : 'range-suggestion'}
                      data-testid={`range-${m.name}`}
                      aria-pressed={index === chosen}
                      title={`Choose the ${m.label} suggestion`}
                      onClick={() => setChosen(index)}
                    >
                      {formatRate(s[m.name].learningRate)}
                    </button>
                  </span>
                );
              })}
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
            <span className="muted">smoothed loss {result.smoothed[chosen]?.toPrecision(3) ?? '—'} (drag on the chart, or click a suggestion)</span>
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
