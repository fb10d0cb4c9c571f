/**
 * The learning rate (and momentum, where it cycles) each step of each visible run actually used, under the
 * loss chart and on its x-axis, in the runs' colours. Log-scaled when the rates span more than two decades
 * (one-cycle, LR decay). The figure's data attributes (range of rates, points drawn) are over every drawn run.
 */
import { createContext, memo, useContext, useLayoutEffect, useMemo, useRef, useState } from 'react';
import { CartesianGrid, LineChart, ResponsiveContainer, XAxis, YAxis } from 'recharts';
import { seriesLines } from './seriesLines';
import { useViewStore, type XAxisKind } from '../../state/viewStore';
import { LineSample, RunKey } from './ChartLegend';
import { compactTick, linearAxis, logAxis, yAxisWidth } from './lineChartModel';
import { momentumAxis, MOMENTUM_DASH, rateChartModel, RIGHT_GUTTER, type RateChartModel } from './rateChartModel';
import { useSharedAxisWidth } from './useSharedAxisWidth';
import { useOnScreen } from '../useOnScreen';
import { gridAt, plainTick } from './plainTick';
import { useChartRunsAt } from './useChartRuns';
import { runLabel, xTicks } from './runChartModel';
import { useDrawnXDomain } from './useDrawnXDomain';
import { ChartExportButtons } from '../export/ChartExportButtons';
import './charts.css';

/** Points per line: fewer per run as runs are added (see LossChart). */
const pointsPerLine = (runs: number): number => Math.max(120, Math.floor(600 / Math.max(1, runs)));
const tick = (v: number): string => String(Number(v.toPrecision(3)));
const rateTick = (v: number): string => compactTick(v);
/** Plain tick labels and grid lines at the axes' own ticks: nothing measured on a redraw (plainTick.tsx, LossChart). Every tick is drawn, so the top margin holds half of the top label. */
const X_TICK = plainTick(tick);
/** The y axis's width before its labels are known. */
const Y_AXIS_WIDTH = 66;
const RATE_TICK = plainTick(rateTick);

/**
 * The rate axis: round ticks either way, decades on a log axis, 1-2-5 steps from 0 on a linear one (its top kept
 * off the frame), reaching below 0 where an adapted (-HD) rate went there.
 */
function rateAxis({ logY, minRate, maxRate, lowestRate }: RateChartModel): ReturnType<typeof logAxis> | null {
  const bottom = Math.min(0, (lowestRate ?? 0) * 1.05);
  return minRate === null || maxRate === null ? null : logY ? logAxis([minRate, maxRate]) : linearAxis([bottom, maxRate * 1.05], 3);
}

type PlotProps = { model: RateChartModel; xDomain: [number, number] | null; xAxis: XAxisKind; logX: boolean; y: ReturnType<typeof rateAxis>; yWidth: number };

/** The lines of the chart being drawn, handed to their layer past Recharts' chart (as the loss chart's, LossPlot). */
const RateLinesContext = createContext<RateChartModel | null>(null);

function RateLines() {
  const model = useContext(RateLinesContext);
  return model ? seriesLines(model.lines, model.styles, { twoAxes: true }) : null;
}

/**
 * The chart, its axes and grid are one element kept while their values stand, and the lines reach their layer by
 * context, as the loss chart's do (LossPlot): new data re-renders the lines alone.
 */
const RatePlot = memo(function RatePlot({ model, xDomain, xAxis, logX, y, yWidth }: PlotProps) {
  const { logY, showMomentum } = model;
  // The momentum axis stands while its range does (the model's range is a new array with each redraw).
  const momentumKey = JSON.stringify(model.momentumRange);
  const momentum = useMemo(() => {
    const range = JSON.parse(momentumKey) as [number, number] | null;
    return range ? { ...momentumAxis(range), domain: range } : null;
  }, [momentumKey]);
  const momentumTick = useMemo(() => (momentum ? plainTick(momentum.format) : X_TICK), [momentum]);
  const [xLow, xHigh] = xDomain ?? [0, 1];
  const drawn = xDomain !== null;
  const ticks = useMemo(() => (drawn ? xTicks([xLow, xHigh], xAxis, logX) : undefined), [drawn, xLow, xHigh, xAxis, logX]);
  const xAxisElement = useMemo(
    () => <XAxis interval={0} dataKey="x" type="number" scale={logX ? 'log' : 'linear'} domain={[xLow, xHigh]} ticks={ticks} niceTicks="none" allowDataOverflow tick={X_TICK} />,
    [xLow, xHigh, ticks, logX],
  );
  const yKey = JSON.stringify([y?.domain, y?.ticks, yWidth, logY]);
  const yAxisElement = useMemo(
    () => (
      <YAxis
        interval={0}
        yAxisId="left"
        scale={logY ? 'log' : 'linear'}
        domain={y ? y.domain : [0, 'auto']}
        ticks={y ? y.ticks : undefined}
        niceTicks={y ? 'none' : 'auto'}
        allowDataOverflow
        width={yWidth}
        tick={RATE_TICK}
        label={{ value: 'learning rate', angle: -90, position: 'insideLeft', offset: 4, style: { textAnchor: 'middle' } }}
      />
    ),
    // eslint-disable-next-line react-hooks/exhaustive-deps -- yKey names every value the element reads
    [yKey],
  );
  const yTicks = y?.ticks;
  // eslint-disable-next-line react-hooks/exhaustive-deps -- yKey names the y ticks
  const grid = useMemo(() => <CartesianGrid stroke="#e5e5e5" verticalCoordinatesGenerator={gridAt(ticks)} horizontalCoordinatesGenerator={gridAt(yTicks)} />, [ticks, yKey]);
  const chart = useMemo(
    () => (
      <ResponsiveContainer width="100%" height={150}>
        <LineChart margin={{ top: 8, right: showMomentum ? 0 : RIGHT_GUTTER, bottom: 4, left: 8 }} accessibilityLayer={false}>
          {grid}
          {xAxisElement}
          {yAxisElement}
          {showMomentum && momentum ? (
            <YAxis interval={0} yAxisId="right" orientation="right" domain={momentum.domain} allowDataOverflow ticks={momentum.ticks} niceTicks="none" width={RIGHT_GUTTER} tick={momentumTick} />
          ) : null}
          <RateLines />
        </LineChart>
      </ResponsiveContainer>
    ),
    [showMomentum, momentum, momentumTick, grid, xAxisElement, yAxisElement],
  );
  return <RateLinesContext.Provider value={model}>{chart}</RateLinesContext.Provider>;
});

export function RateChart() {
  // 4 Hz: a schedule changes slowly next to the loss, and every redraw of a Recharts chart costs the page.
  const [figureRef, onScreen] = useOnScreen<HTMLElement>();
  const { runs, at, playing } = useChartRunsAt(500, !onScreen);
  const xAxis = useViewStore((s) => s.xAxis);
  // The loss chart's recent window and log x: the two charts share their x positions.
  const windowSteps = useViewStore((s) => s.lossWindow);
  const logX = useViewStore((s) => s.logX);
  const model = useMemo(() => rateChartModel(runs, xAxis, pointsPerLine(runs.length), { windowSteps, logX }), [runs, xAxis, windowSteps, logX]);
  // The loss chart's range where it covers this chart's runs (useDrawnXDomain), so a step sits at the same x in both.
  const xDomain = useDrawnXDomain('follow', model.xDomain, { axis: xAxis, logX, windowed: windowSteps > 0 }, { at, playing }, onScreen);
  const drawn = runs.filter((run) => model.runIds.includes(run.id));
  const plotRef = useRef<HTMLDivElement>(null);
  // The axis width its labels need at the plot's font size (as the loss chart sizes its own), shared with the
  // loss chart above so that both plots start at the same x.
  const [fontPx, setFontPx] = useState(16);
  const plotted = model.points > 0;
  useLayoutEffect(() => {
    if (plotted && plotRef.current) setFontPx(Number.parseFloat(getComputedStyle(plotRef.current).fontSize) || 16);
  }, [plotted]);
  const y = useMemo(() => rateAxis(model), [model]);
  const yWidth = useSharedAxisWidth('rate', model.points === 0 ? null : yAxisWidth((y?.ticks ?? []).map(rateTick), fontPx)) ?? Y_AXIS_WIDTH;
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
            <span className="export-caption" data-testid="rate-export-caption">
              Learning-rate chart:
            </span>
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
            <RatePlot model={model} xDomain={xDomain} xAxis={xAxis} logX={logX} y={y} yWidth={yWidth} />
          </div>
        </>
      )}
    </figure>
  );
}
