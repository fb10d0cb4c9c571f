/**
 * The learning-rate schedule: kind, its parameters (only the relevant ones), and a live preview of the
 * learning rate (and cycled momentum) over the planned steps, with the current step marked.
 */
import { memo, useMemo } from 'react';
import { CartesianGrid, Line, LineChart, ReferenceLine, Tooltip, XAxis, YAxis } from 'recharts';
import { ALGORITHM_INFO } from '../../algorithms/registry';
import { toEngineSchedule } from '../../config/toEngine';
import { adaptsLearningRate, OPTIMIZER_LABELS } from '../../engine/names';
import { schedulePreview } from '../../engine/schedule/preview';
import { cyclesMomentum } from '../../engine/schedule/schedule';
import type { RunData } from '../../state/runStore';
import { LEARNING_RATE_COLOR, TEST_COLOR } from '../colors';
import { BooleanControl } from '../controls/BooleanControl';
import { NumberControl } from '../controls/NumberControl';
import { SelectControl } from '../controls/SelectControl';
import { ExplainButton } from '../explain/ExplainButton';
import { formatRate } from '../format';
import { formatRateTick } from '../charts/rangeChartModel';
import { PREVIEW_TICK_FONT, previewAxis, previewStepsPerEpoch } from '../charts/schedulePreviewModel';
import { niceTicks } from '../charts/lineChartModel';
import { gridAt, plainTick } from '../charts/plainTick';
import { MeasuredChart } from '../charts/MeasuredChart';
import { useSelectedRun, useServices, useThrottledRun } from '../services';
import { useOnScreen } from '../useOnScreen';

const SCHEDULE_LABELS = {
  constant: 'Constant',
  step: 'Step decay',
  exponential: 'Exponential decay',
  cosine: 'Cosine with warm-up',
  cyclical: 'Cyclical (CLR)',
  'one-cycle': 'One-cycle',
};

const selectStep = (run: RunData): number => run.latest?.step ?? 0;
const stepTick = (v: number): string => String(Number(v.toPrecision(3)));
const TICK_STYLE = { fontSize: PREVIEW_TICK_FONT };
/** The step axis's labels as plain text at ticks of our own (plainTick.tsx): the axis follows the run's step while it trains, and Recharts measured each new label in the DOM. */
const STEP_TICK = plainTick(stepTick, PREVIEW_TICK_FONT);

interface PreviewProps {
  steps: number[];
  learningRates: number[];
  momenta: number[] | null;
  current: number;
  /** False until the preview first comes near the screen: below the fold, Recharts' first draw waits for it. */
  seen: boolean;
}

const PreviewChart = memo(function PreviewChart({ steps, learningRates, momenta, current, seen }: PreviewProps) {
  const rows = steps.map((step, i) => ({ step, lr: learningRates[i], momentum: momenta?.[i] }));
  // Ticks and widths of our own, so every label fits its axis.
  const lrAxis = previewAxis(learningRates, true);
  const momentumAxis = momenta ? previewAxis(momenta, false, 3) : null;
  // The schedule's steps, reaching the current step where training has gone past them.
  const xDomain: [number, number] = [Math.min(steps[0] ?? 0, current), Math.max(steps[steps.length - 1] ?? 0, current)];
  // A label in the last tenth of the axis would run past the chart's right edge (it is centred on its tick).
  const xTickValues = niceTicks(xDomain, false, 4).filter((t, i) => i === 0 || t <= xDomain[0] + 0.9 * (xDomain[1] - xDomain[0]));
  // The lines, the "now" marker and the tooltip join in a task of their own after a paint (linesReady): Recharts'
  // first draw of the preview was one task of about 40-50 ms of CPU at the page's start (issue 20 §7).
  return (
    <MeasuredChart height={160} draw={seen}>
      {(width, height, linesReady) => (
    <LineChart width={width} height={height} data={rows} margin={{ top: 16, right: momenta ? 2 : 10, bottom: 14, left: 2 }}>
      <CartesianGrid stroke="#eee" verticalCoordinatesGenerator={gridAt(xTickValues)} horizontalCoordinatesGenerator={gridAt(lrAxis.ticks)} />
      <XAxis dataKey="step" type="number" domain={xDomain} ticks={xTickValues} interval={0} tick={STEP_TICK} label={{ value: 'step', position: 'insideBottom', offset: -6 }} />
      <YAxis yAxisId="lr" tick={TICK_STYLE} tickFormatter={formatRateTick} width={lrAxis.width} domain={lrAxis.domain} ticks={lrAxis.ticks} interval={0} />
      {momentumAxis ? (
        <YAxis yAxisId="m" orientation="right" tick={TICK_STYLE} tickFormatter={formatRateTick} width={momentumAxis.width} domain={momentumAxis.domain} ticks={momentumAxis.ticks} interval={0} />
      ) : null}
      {linesReady ? <Tooltip formatter={(v) => (typeof v === 'number' ? formatRate(v) : String(v))} labelFormatter={(l) => `step ${l}`} /> : null}
      {linesReady ? <ReferenceLine yAxisId="lr" x={current} stroke="#1d2330" strokeDasharray="3 3" ifOverflow="extendDomain" label={{ value: 'now', position: 'top', fontSize: 10 }} /> : null}
      {linesReady ? <Line yAxisId="lr" dataKey="lr" stroke={LEARNING_RATE_COLOR} strokeWidth={2} dot={false} isAnimationActive={false} name="learning rate" /> : null}
      {linesReady && momenta ? <Line yAxisId="m" dataKey="momentum" stroke={TEST_COLOR} strokeDasharray="4 2" dot={false} isAnimationActive={false} name="momentum" /> : null}
    </LineChart>
      )}
    </MeasuredChart>
  );
});

export function SchedulePanel() {
  const { configStore } = useServices();
  const config = configStore((s) => s.config);
  // The "now" marker moves once a second: every move redraws the whole preview chart, so not while it is off
  // screen (below the fold it cost the page a Recharts redraw a second, in two frames; issue 20 §7).
  // The preview is far below the fold at the page's start (1,700 px down at 1366×768 and 1920×1080): its chart,
  // two tasks of 15-30 ms of CPU, mounts when it first comes near the screen (issue 20 §7).
  const [figureRef, onScreen, seen] = useOnScreen<HTMLElement>();
  const current = useThrottledRun(selectStep, 0, 1000, !onScreen);
  // The rows the run trains on as its worker reported them (a loaded file's, not the built-in set's).
  const trainCount = useSelectedRun((run) => run.problem.trainCount, 0);
  const stepsPerEpoch = previewStepsPerEpoch({ problem: { trainCount } }, config);
  const schedule = useMemo(() => toEngineSchedule(config), [config]);
  const preview = useMemo(() => schedulePreview(schedule, stepsPerEpoch, current), [schedule, stepsPerEpoch, current]);
  const kind = config.schedule;
  const unit = config.scheduleUnit === 'epochs' ? 'epochs' : 'steps';
  const withMomentum = cyclesMomentum(schedule);
  // SGD-HD and Adam-HD set their own rate after the first step: the preview is then only where they start.
  const hypergradient = ALGORITHM_INFO[config.algorithm].optimizerField === 'optimizer' && adaptsLearningRate(config.optimizer);

  return (
    <section className="panel" aria-labelledby="schedule-heading">
      <h2 id="schedule-heading">Learning-rate schedule</h2>
      <div className="explain-row">
        <SelectControl name="schedule" labels={SCHEDULE_LABELS} />
        <ExplainButton concept="schedules" />
      </div>
      <figure ref={figureRef} className="schedule-preview" data-testid="schedule-preview" aria-label="Preview of the learning rate over the planned steps">
        <PreviewChart steps={preview.steps} learningRates={preview.learningRates} momenta={withMomentum ? preview.momenta : null} current={current} seen={seen} />
        <figcaption className="card-caption">
          <span className="key" style={{ background: LEARNING_RATE_COLOR }} /> learning rate
          {withMomentum ? (
            <>
              {' '}
              <span className="key" style={{ background: TEST_COLOR }} /> momentum
            </>
          ) : null}
          ; dashed line: step {current}. One epoch = {stepsPerEpoch.toFixed(1)} steps.
        </figcaption>
      </figure>
      {hypergradient ? (
        <p className="help" data-testid="schedule-hypergradient-note">
          {OPTIMIZER_LABELS[config.optimizer]} adapts the learning rate itself: it starts from the schedule&apos;s rate at its first step and
          sets every later one by hypergradient descent, so the rates after that are not this preview&apos;s
          {withMomentum ? ' (the momentum still follows it)' : ''}. The learning-rate chart shows the rates used.
        </p>
      ) : kind === 'constant' ? (
        <p className="help">The learning rate set under Training, every step.</p>
      ) : null}
      {kind !== 'constant' ? <SelectControl name="scheduleUnit" labels={{ steps: 'steps', epochs: 'epochs' }} /> : null}
      {kind === 'step' || kind === 'exponential' ? (
        <>
          <NumberControl name="stepSize" label={`Period (${unit})`} note="The rate is multiplied by γ once per period." />
          <NumberControl name="decayFactor" />
        </>
      ) : null}
      {kind === 'cosine' ? (
        <>
          <NumberControl name="warmupSteps" label={`Warm-up (${unit})`} />
          <NumberControl name="totalSteps" label={`Length (${unit})`} />
          <NumberControl name="minLearningRate" />
        </>
      ) : null}
      {kind === 'cyclical' ? (
        <>
          <NumberControl name="maxLearningRate" />
          <NumberControl name="stepSize" label={`Rising half (${unit})`} note="Smith (2017): 2–10 epochs; stop training at the end of a cycle." />
          <NumberControl name="stepSizeDown" label={`Falling half (${unit})`} />
          <SelectControl name="cyclicalMode" />
          {config.cyclicalMode === 'exp_range' ? <NumberControl name="cyclicalGamma" /> : null}
        </>
      ) : null}
      {kind === 'one-cycle' ? (
        <>
          <NumberControl name="maxLearningRate" />
          <NumberControl name="totalSteps" label={`Length (${unit})`} />
          <NumberControl name="pctStart" />
          <SelectControl name="anneal" />
          <NumberControl name="divFactor" />
          <NumberControl name="finalDivFactor" />
          <BooleanControl name="threePhase" />
          <SelectControl name="oneCycleStyle" labels={{ pytorch: 'PyTorch OneCycleLR', fastai: 'fastai fit_one_cycle' }} />
        </>
      ) : null}
      {kind === 'cyclical' || kind === 'one-cycle' ? (
        <>
          <BooleanControl name="cycleMomentum" />
          {config.cycleMomentum ? (
            <>
              <NumberControl name="baseMomentum" />
              <NumberControl name="maxMomentum" />
            </>
          ) : null}
        </>
      ) : null}
    </section>
  );
}
