/**
 * The learning rate (and momentum, where it cycles) each step of each visible run actually used, under the
 * loss chart and on its x-axis, in the runs' colours. Log-scaled when the rates span more than two decades
 * (one-cycle, LR decay). The figure's data attributes (range of rates, points drawn) are over every drawn run.
 */
import { memo, useMemo, useRef } from 'react';
import { CartesianGrid, LineChart, ResponsiveContainer, XAxis, YAxis } from 'recharts';
import { seriesLines } from './seriesLines';
import { useViewStore, type XAxisKind } from '../../state/viewStore';
import { LineSample, RunKey } from './ChartLegend';
import { compactTick, linearAxis, logAxis, niceTicks } from './lineChartModel';
import { MOMENTUM_DASH, rateChartModel, RIGHT_GUTTER, type RateChartModel } from './rateChartModel';
import { useOnScreen } from '../useOnScreen';
import { gridAt, plainTick } from './plainTick';
import { useChartRuns } from './useChartRuns';
import { runLabel, xTicks } from './runChartModel';
import { ChartExportButtons } from '../export/ChartExportButtons';
import './charts.css';

/** Points per line: fewer per run as runs are added (see LossChart). */
const pointsPerLine = (runs: number): number => Math.max(120, Math.floor(600 / Math.max(1, runs)));
const tick = (v: number): string => String(Number(v.toPrecision(3)));
const rateTick = (v: number): string => compactTick(v);
/** Plain tick labels and grid lines at the axes' own ticks: nothing measured on a redraw (plainTick.tsx, LossChart). Every tick is drawn, so the top margin holds half of the top label. */
const X_TICK = plainTick(tick);
const RATE_TICK = plainTick(rateTick);

const RatePlot = memo(function RatePlot({ model, xAxis, logX }: { model: RateChartModel; xAxis: XAxisKind; logX: boolean }) {
  const { logY, showMomentum, minRate, maxRate, lowestRate } = model;
  // Round ticks either way: decades on a log axis, 1-2-5 steps from 0 on a linear one (its top kept off the frame),
  // reaching below 0 where an adapted (-HD) rate went there.
  const bottom = Math.min(0, (lowestRate ?? 0) * 1.05);
  const y = minRate === null || maxRate === null ? null : logY ? logAxis([minRate, maxRate]) : linearAxis([bottom, maxRate * 1.05], 3);
  const ticks = model.xDomain ? xTicks(model.xDomain, xAxis, logX) : undefined;
  return (
    <ResponsiveContainer width="100%" height={150}>
      <LineChart margin={{ top: 8, right: showMomentum ? 0 : RIGHT_GUTTER, bottom: 4, left: 8 }} accessibilityLayer={false}>
        <CartesianGrid stroke="#e5e5e5" verticalCoordinatesGenerator={gridAt(ticks)} horizontalCoordinatesGenerator={gridAt(y?.ticks)} />
        <XAxis
          interval={0}
          dataKey="x"
          type="number"
          scale={logX ? 'log' : 'linear'}
          domain={model.xDomain ?? [0, 1]}
          ticks={ticks}
          allowDataOverflow
          tick={X_TICK}
        />
        <YAxis
          interval={0}
          yAxisId="left"
          scale={logY ? 'log' : 'linear'}
          domain={y ? y.domain : [0, 'auto']}
          ticks={y ? y.ticks : undefined}
          allowDataOverflow
          width={66}
          tick={RATE_TICK}
          label={{ value: 'learning rate', angle: -90, position: 'insideLeft', offset: 4, style: { textAnchor: 'middle' } }}
        />
        {showMomentum && model.momentumRange ? (
          <YAxis interval={0} yAxisId="right" orientation="right" domain={model.momentumRange} allowDataOverflow ticks={niceTicks(model.momentumRange, false, 3)} width={RIGHT_GUTTER} tick={X_TICK} />
        ) : null}
        {seriesLines(model.lines, model.styles, { twoAxes: true })}
      </LineChart>
    </ResponsiveContainer>
  );
});

export function RateChart() {
  // 4 Hz: a schedule changes slowly next to the loss, and every redraw of a Recharts chart costs the page.
  const [figureRef, onScreen] = useOnScreen<HTMLElement>();
  const runs = useChartRuns(500, !onScreen);
  const xAxis = useViewStore((s) => s.xAxis);
  // The loss chart's recent window and log x: the two charts share their x positions.
  const windowSteps = useViewStore((s) => s.lossWindow);
  const logX = useViewStore((s) => s.logX);
  const model = useMemo(() => rateChartModel(runs, xAxis, pointsPerLine(runs.length), { windowSteps, logX }), [runs, xAxis, windowSteps, logX]);
  const drawn = runs.filter((run) => model.runIds.includes(run.id));
  const plotRef = useRef<HTMLDivElement>(null);
  const described = `Learning rate${model.showMomentum ? ' (solid) and momentum (dashed, right axis)' : ''} each step used, ${drawn.length === 1 ? 'one run' : `${drawn.length} runs`}${model.logY ? ', log scale' : ''}${
    model.minRate !== null && model.maxRate !== null ? `, from ${Number(model.minRate.toPrecision(3))} to ${Number(model.maxRate.toPrecision(3))}` : ''
  }`;
  return (
    <figure
      ref={figureRef}
      className="chart rate-chart"
      data-testid="rate-chart"
      aria-label="Learning rate used at each step"
      data-points={model.points}
      data-series-count={model.runIds.length}
      data-min-lr={model.minRate ?? undefined}
      data-max-lr={model.maxRate ?? undefined}
    >
      {model.points === 0 ? (
        <p className="muted">The learning rate of each step appears here once training starts.</p>
      ) : (
        <>
          <div className="chart-toolbar">
            <ChartExportButtons
              target={plotRef}
              name="learning-rate"
              title={model.showMomentum ? 'Learning rate and momentum (dashed) used' : 'Learning rate used'}
              runKey={drawn.map((run) => ({ label: runLabel(run), color: run.color }))}
              pngTestId="rate-chart-png"
              svgTestId="rate-chart-svg"
            />
          </div>
          <RunKey runs={drawn}>
            <LineSample color="#5d6677" /> learning rate used
            {model.showMomentum ? (
              <>
                <LineSample color="#5d6677" dash={MOMENTUM_DASH} width={1.2} /> momentum (right axis)
              </>
            ) : null}
          </RunKey>
          <div ref={plotRef} role="img" aria-label={described}>
            <RatePlot model={model} xAxis={xAxis} logX={logX} />
          </div>
        </>
      )}
    </figure>
  );
}
