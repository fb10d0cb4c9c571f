/**
 * The learning rate (and momentum, where it cycles) each step of each visible run actually used, under the
 * loss chart and on its x-axis, in the runs' colours. Log-scaled when the rates span more than two decades
 * (one-cycle, LR decay). The figure's data attributes (range of rates, points drawn) are over every drawn run.
 */
import { createContext, memo, useContext, useLayoutEffect, useMemo, useRef, useState } from 'react';
import { LineChart, ResponsiveContainer } from 'recharts';
import { seriesLines, type UnitPlace } from './seriesLines';
import { AxesLayer, DrawnAxesContext, UNIT_AXES_TWO_Y, UNPLACED, unitScale, type DrawnAxes } from './unitAxes';
import { useViewStore, type XAxisKind } from '../../state/viewStore';
import { LineSample, RunKey } from './ChartLegend';
import { compactTick, linearAxis, logAxis, yAxisWidth } from './lineChartModel';
import { momentumAxis, MOMENTUM_DASH, rateChartModel, RIGHT_GUTTER, type RateChartModel } from './rateChartModel';
import { useSharedAxisWidth } from './useSharedAxisWidth';
import { useOnScreen } from '../useOnScreen';
import { useChartRunsAt } from './useChartRuns';
import { runLabel, xTicks } from './runChartModel';
import { useDrawnXDomain } from './useDrawnXDomain';
import { ChartExportButtons } from '../export/ChartExportButtons';
import './charts.css';

/** Points per line: fewer per run as runs are added (see LossChart). */
const pointsPerLine = (runs: number): number => Math.max(120, Math.floor(600 / Math.max(1, runs)));
const tick = (v: number): string => String(Number(v.toPrecision(3)));
const rateTick = (v: number): string => compactTick(v);
/** The y axis's width before its labels are known. */
const Y_AXIS_WIDTH = 66;

/**
 * The rate axis: round ticks either way, decades on a log axis, 1-2-5 steps from 0 on a linear one (its top kept
 * off the frame), reaching below 0 where an adapted (-HD) rate went there.
 */
function rateAxis({ logY, minRate, maxRate, lowestRate }: RateChartModel): ReturnType<typeof logAxis> | null {
  const bottom = Math.min(0, (lowestRate ?? 0) * 1.05);
  return minRate === null || maxRate === null ? null : logY ? logAxis([minRate, maxRate]) : linearAxis([bottom, maxRate * 1.05], 3);
}

type PlotProps = { model: RateChartModel; xDomain: [number, number] | null; xAxis: XAxisKind; logX: boolean; y: ReturnType<typeof rateAxis>; yWidth: number };

/** The lines of the chart being drawn and their places in its unit square, handed to their layer past Recharts' chart (as the loss chart's, LossPlot). */
const RateLinesContext = createContext<{ model: RateChartModel; place: UnitPlace | null } | null>(null);

function RateLines() {
  const lines = useContext(RateLinesContext);
  return lines?.place ? seriesLines(lines.model.lines, lines.model.styles, { twoAxes: true, place: lines.place }) : null;
}

const MARGIN = { top: 8, bottom: 4, left: 8 };
/** Recharts' default x-axis height, kept under the plot for the x axis the page draws. */
const X_AXIS_HEIGHT = 30;

/**
 * The chart with its Recharts axes holding the unit square still (hidden, made once) and the axes, grid and labels
 * drawn by the page (unitAxes.tsx), as the loss chart's (LossPlot): the x range moves with the loss chart's, and a
 * move re-rendered Recharts' store and the whole chart in the next frame (issue 20 §7). The chart element stands
 * while the y axis's width does; the lines and the axes reach their layers by context.
 */
const RatePlot = memo(function RatePlot({ model, xDomain, xAxis, logX, y, yWidth }: PlotProps) {
  const { logY, showMomentum } = model;
  // The momentum axis stands while its range does (the model's range is a new array with each redraw).
  const momentumKey = JSON.stringify(model.momentumRange);
  const momentum = useMemo(() => {
    const range = JSON.parse(momentumKey) as [number, number] | null;
    return range ? { ...momentumAxis(range), domain: range } : null;
  }, [momentumKey]);
  const [xLow, xHigh] = xDomain ?? [0, 1];
  const drawn = xDomain !== null;
  const ticks = useMemo(() => (drawn ? xTicks([xLow, xHigh], xAxis, logX) : []), [drawn, xLow, xHigh, xAxis, logX]);
  const [yLow, yHigh] = y?.domain ?? [0, 1];
  const yTicks = y?.ticks;
  const chart = useMemo(
    () => (
      <ResponsiveContainer width="100%" height={150}>
        <LineChart margin={{ ...MARGIN, right: RIGHT_GUTTER, bottom: MARGIN.bottom + X_AXIS_HEIGHT, left: MARGIN.left + yWidth }} accessibilityLayer={false}>
          {UNIT_AXES_TWO_Y}
          <AxesLayer />
          <RateLines />
        </LineChart>
      </ResponsiveContainer>
    ),
    [yWidth],
  );
  const right = showMomentum && momentum ? momentum : null;
  const axes = useMemo<DrawnAxes>(
    () => ({
      x: { ticks, format: tick, place: drawn ? unitScale([xLow, xHigh], logX) : UNPLACED, title: '' },
      y: { ticks: yTicks ?? [], format: rateTick, place: yTicks ? unitScale([yLow, yHigh], logY) : UNPLACED, title: 'learning rate' },
      right: right ? { ticks: right.ticks, format: right.format, place: unitScale(right.domain, false), title: '' } : null,
      xAxisHeight: X_AXIS_HEIGHT,
      xTitleBelow: 0,
      yTitleAt: MARGIN.left + 4,
    }),
    [ticks, drawn, xLow, xHigh, logX, yTicks, yLow, yHigh, logY, right],
  );
  const place = useMemo<UnitPlace | null>(
    () =>
      drawn && yTicks
        ? { x: unitScale([xLow, xHigh], logX), y: unitScale([yLow, yHigh], logY), yRight: right ? unitScale(right.domain, false) : undefined }
        : null,
    [drawn, xLow, xHigh, logX, yTicks, yLow, yHigh, logY, right],
  );
  const lines = useMemo(() => ({ model, place }), [model, place]);
  return (
    <DrawnAxesContext.Provider value={axes}>
      <RateLinesContext.Provider value={lines}>{chart}</RateLinesContext.Provider>
    </DrawnAxesContext.Provider>
  );
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
