/**
 * The learning rate (and momentum, when it changes) each step actually used, under the loss chart and on
 * its x-axis. Log-scaled when the rate spans more than two decades (one-cycle, LR decay).
 */
import { memo, useMemo } from 'react';
import { CartesianGrid, Legend, Line, LineChart, ResponsiveContainer, Tooltip, XAxis, YAxis } from 'recharts';
import type { MetricHistory, RunData } from '../../state/runStore';
import { newRunSeries } from '../../state/runSeries';
import { useSelectedRun, useThrottledRun } from '../services';
import { useViewStore, type XAxisKind } from '../../state/viewStore';
import type { RateLog } from '../../engine/session';
import { LEARNING_RATE_COLOR, TEST_COLOR } from '../colors';
import { formatRate } from '../format';
import { decimateMinMax, interpolate } from './series';

const MAX_POINTS = 600;
const selectVersion = (run: RunData): number => run.historyVersion;
const EMPTY = newRunSeries(1);
const tick = (v: number): string => String(Number(v.toPrecision(3)));
const formatValue = (v: unknown): string => (typeof v === 'number' ? formatRate(v) : String(v));

function stepToAxis(history: MetricHistory, axis: XAxisKind): (step: number) => number {
  if (axis === 'step') return (step) => step;
  const ys = axis === 'epoch' ? history.epoch : axis === 'examples' ? history.examplesSeen : history.wallMs.map((ms) => ms / 1000);
  return (step) => interpolate(history.step, ys, step);
}

export function rateRows(rates: RateLog, history: MetricHistory, axis: XAxisKind) {
  const toX = stepToAxis(history, axis);
  return decimateMinMax(rates.learningRates, MAX_POINTS).map((i) => ({
    x: toX(rates.steps[i]),
    lr: rates.learningRates[i],
    momentum: rates.momenta[i],
  }));
}

const RatePlot = memo(function RatePlot({ rows, logY, showMomentum }: { rows: ReturnType<typeof rateRows>; logY: boolean; showMomentum: boolean }) {
  return (
    <ResponsiveContainer width="100%" height={150}>
      <LineChart data={rows} margin={{ top: 4, right: showMomentum ? 0 : 16, bottom: 4, left: 8 }}>
        <CartesianGrid stroke="#e5e5e5" />
        <XAxis dataKey="x" type="number" domain={['dataMin', 'dataMax']} tickFormatter={tick} />
        <YAxis
          yAxisId="lr"
          scale={logY ? 'log' : 'linear'}
          domain={logY ? ['auto', 'auto'] : [0, 'auto']}
          allowDataOverflow
          width={66}
          tickFormatter={tick}
          label={{ value: 'learning rate', angle: -90, position: 'insideLeft', offset: 4, style: { textAnchor: 'middle' } }}
        />
        {showMomentum ? <YAxis yAxisId="m" orientation="right" domain={['auto', 'auto']} width={40} tickFormatter={tick} /> : null}
        <Tooltip formatter={formatValue} />
        <Legend verticalAlign="top" height={22} />
        <Line yAxisId="lr" dataKey="lr" stroke={LEARNING_RATE_COLOR} strokeWidth={2} dot={false} isAnimationActive={false} name="learning rate used" />
        {showMomentum ? (
          <Line yAxisId="m" dataKey="momentum" stroke={TEST_COLOR} strokeDasharray="4 2" dot={false} isAnimationActive={false} name="momentum used" />
        ) : null}
      </LineChart>
    </ResponsiveContainer>
  );
});

export function RateChart() {
  // 4 Hz: a schedule changes slowly next to the loss, and every redraw of a Recharts chart costs the page.
  const version = useThrottledRun(selectVersion, 0, 250);
  const xAxis = useViewStore((s) => s.xAxis);
  const rateHistory = useSelectedRun((run) => run.rateHistory, EMPTY.rates.columns);
  const history = useSelectedRun((run) => run.history, EMPTY.metrics.columns as MetricHistory);
  // `version` changes whenever the (mutated-in-place) histories grow.
  // eslint-disable-next-line react-hooks/exhaustive-deps
  const rows = useMemo(() => rateRows(rateHistory, history, xAxis), [version, rateHistory, history, xAxis]);
  const rates = rows.map((r) => r.lr).filter((v) => v > 0);
  const logY = rates.length > 1 && Math.max(...rates) / Math.min(...rates) > 100;
  const momenta = rows.map((r) => r.momentum);
  const showMomentum = momenta.length > 1 && Math.max(...momenta) - Math.min(...momenta) > 1e-9;
  return (
    <figure
      className="chart rate-chart"
      data-testid="rate-chart"
      aria-label="Learning rate used at each step"
      data-points={rows.length}
      data-min-lr={rates.length > 0 ? Math.min(...rates) : undefined}
      data-max-lr={rates.length > 0 ? Math.max(...rates) : undefined}
    >
      {rows.length === 0 ? <p className="muted">The learning rate of each step appears here once training starts.</p> : <RatePlot rows={rows} logY={logY} showMomentum={showMomentum} />}
    </figure>
  );
}
