/**
 * Train and test loss over the run (Recharts, no animation): raw lines faint, debiased-EMA smoothed lines
 * bold, min/max-decimated to about two points per pixel, redrawn at most 10 times a second.
 */
import { memo, useMemo } from 'react';
import { CartesianGrid, Legend, Line, LineChart, ResponsiveContainer, Tooltip, XAxis, YAxis } from 'recharts';
import type { MetricHistory, RunData } from '../../state/runStore';
import { newRunSeries } from '../../state/runSeries';
import { useSelectedRun, useThrottledRun } from '../services';
import { useViewStore, X_AXES, type XAxisKind } from '../../state/viewStore';
import { TEST_COLOR, TRAIN_COLOR } from '../colors';
import { formatLoss } from '../format';
import { decimateMinMax, smoothDebiased } from './series';

/** About one point per pixel of the chart's width (min/max buckets keep the spikes). */
const MAX_POINTS = 600;
const X_LABELS: Record<XAxisKind, string> = { step: 'step', epoch: 'epoch', examples: 'examples seen', time: 'training time (s)' };

interface Row {
  x: number;
  trainRaw: number | null;
  train: number | null;
  testRaw: number | null;
  test: number | null;
}

function xValues(history: MetricHistory, axis: XAxisKind): number[] {
  if (axis === 'epoch') return history.epoch;
  if (axis === 'examples') return history.examplesSeen;
  if (axis === 'time') return history.wallMs.map((ms) => ms / 1000);
  return history.step;
}

export function buildRows(history: MetricHistory, axis: XAxisKind, smoothing: number, logY: boolean): Row[] {
  const xs = xValues(history, axis);
  const train = smoothDebiased(history.trainLoss, smoothing);
  const test = smoothDebiased(history.testLoss, smoothing);
  const usable = (v: number): number | null => (Number.isFinite(v) && (!logY || v > 0) ? v : null);
  return decimateMinMax(history.trainLoss, MAX_POINTS).map((i) => ({
    x: xs[i],
    trainRaw: usable(history.trainLoss[i]),
    train: usable(train[i]),
    testRaw: usable(history.testLoss[i]),
    test: usable(test[i]),
  }));
}

function downloadCsv(history: MetricHistory): void {
  const header = 'step,epoch,examples_seen,training_ms,train_loss,test_loss,learning_rate';
  const lines = history.step.map((_, i) =>
    [history.step[i], history.epoch[i], history.examplesSeen[i], history.wallMs[i].toFixed(1), history.trainLoss[i], history.testLoss[i], history.learningRate[i]].join(','),
  );
  const url = URL.createObjectURL(new Blob([[header, ...lines].join('\n')], { type: 'text/csv' }));
  const link = document.createElement('a');
  link.href = url;
  link.download = 'locolab-loss.csv';
  link.click();
  URL.revokeObjectURL(url);
}

const selectVersion = (run: RunData): number => run.historyVersion;
const EMPTY_HISTORY = newRunSeries(1).metrics.columns as MetricHistory;
const formatTick = (v: number): string => String(Number(v.toPrecision(3)));
const formatLossTick = (v: number): string => String(Number(v.toPrecision(4)));
const formatTooltipValue = (value: unknown): string => formatLoss(typeof value === 'number' ? value : undefined);

interface PlotProps {
  rows: Row[];
  xAxis: XAxisKind;
  logY: boolean;
  showRaw: boolean;
  lossName: string;
}

/** The Recharts tree, redrawn only when its rows or options change. */
const LossPlot = memo(function LossPlot({ rows, xAxis, logY, showRaw, lossName }: PlotProps) {
  return (
    <ResponsiveContainer width="100%" height={250}>
      <LineChart data={rows} margin={{ top: 8, right: 16, bottom: 18, left: 8 }}>
        <CartesianGrid stroke="#e5e5e5" />
        <XAxis
          dataKey="x"
          type="number"
          domain={['dataMin', 'dataMax']}
          tickFormatter={formatTick}
          label={{ value: X_LABELS[xAxis], position: 'insideBottom', offset: -10 }}
        />
        <YAxis
          scale={logY ? 'log' : 'linear'}
          domain={['auto', 'auto']}
          allowDataOverflow
          width={66}
          tickFormatter={formatLossTick}
          label={{ value: lossName, angle: -90, position: 'insideLeft', offset: 4, style: { textAnchor: 'middle' } }}
        />
        <Tooltip formatter={formatTooltipValue} labelFormatter={(label) => `${X_LABELS[xAxis]} ${label}`} />
        <Legend verticalAlign="top" height={24} />
        {showRaw ? (
          <Line dataKey="trainRaw" stroke={TRAIN_COLOR} strokeOpacity={0.25} dot={false} isAnimationActive={false} legendType="none" name="train (raw)" />
        ) : null}
        {showRaw ? (
          <Line dataKey="testRaw" stroke={TEST_COLOR} strokeOpacity={0.25} dot={false} isAnimationActive={false} legendType="none" name="test (raw)" />
        ) : null}
        <Line dataKey="train" stroke={TRAIN_COLOR} strokeWidth={2} dot={false} isAnimationActive={false} name="train" />
        <Line dataKey="test" stroke={TEST_COLOR} strokeWidth={2} strokeDasharray="6 3" dot={false} isAnimationActive={false} name="test" />
      </LineChart>
    </ResponsiveContainer>
  );
});

export function LossChart() {
  const version = useThrottledRun(selectVersion, 0, 100);
  const task = useSelectedRun((run) => run.task, null);
  const { smoothing, logY, xAxis, set } = useViewStore();
  const history = useSelectedRun((run) => run.history, EMPTY_HISTORY);
  // `version` changes whenever the (mutated-in-place) history grows.
  // eslint-disable-next-line react-hooks/exhaustive-deps
  const rows = useMemo(() => buildRows(history, xAxis, smoothing, logY), [version, history, xAxis, smoothing, logY]);
  const lossName = task === 'regression' ? 'loss (½·squared error)' : 'loss (cross-entropy)';

  return (
    <figure className="chart" data-testid="loss-chart">
      <div className="chart-controls">
        <label className="inline">
          smoothing
          <input
            type="range"
            min={0}
            max={0.99}
            step={0.01}
            value={smoothing}
            data-testid="smoothing-slider"
            onChange={(e) => set({ smoothing: Number(e.target.value) })}
          />
          <output>{smoothing.toFixed(2)}</output>
        </label>
        <label className="inline">
          <input type="checkbox" checked={logY} data-testid="log-y" onChange={(e) => set({ logY: e.target.checked })} /> log y
        </label>
        <label className="inline">
          x
          <select value={xAxis} data-testid="x-axis" onChange={(e) => set({ xAxis: e.target.value as XAxisKind })}>
            {X_AXES.map((a) => (
              <option key={a} value={a}>
                {X_LABELS[a]}
              </option>
            ))}
          </select>
        </label>
        <button type="button" className="small" onClick={() => downloadCsv(history)} disabled={history.step.length === 0}>
          CSV
        </button>
      </div>
      <div className="chart-body">
        <LossPlot rows={rows} xAxis={xAxis} logY={logY} showRaw={smoothing > 0} lossName={lossName} />
      </div>
    </figure>
  );
}
