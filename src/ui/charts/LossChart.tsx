/**
 * Train and test loss of every visible run (Recharts, no animation): each run in its colour, train solid and
 * test dashed, a repeated run as its median in a min–max or interquartile band; smoothed lines bold with the
 * raw ones faint, min/max-decimated to about two points per pixel, redrawn at most 10 times a second. The
 * numbers under the pointer (or the latest ones) are written below, so colour is never the only cue. A recent
 * window and a log x axis are view options (their notes say what they leave off); each run's best test step is
 * ringed, and what a divergence rewound stays on the chart grey and dashed, ✕ at the diverged step, with the
 * divergence message beside the plot. The plot is 250 px tall (charts.css), or the height its row offers beside
 * the plane (layout.css); the tool row is one line, the less-used options behind "Chart options" (ChartOptions).
 */
import { createContext, memo, useCallback, useContext, useMemo, useRef, useState } from 'react';
import { Area, ComposedChart } from 'recharts';
import { seriesLines } from './seriesLines';
import { BAND_KINDS, type BandKind } from '../../engine/seedBand';
import { useComparisonView } from '../../state/comparisonView';
import { useViewStore, X_AXES, type XAxisKind } from '../../state/viewStore';
import { LossLegend } from './ChartLegend';
import { fitTitle, valueAt, yAxisOf, yAxisWidth } from './lineChartModel';
import { xTicks } from './runChartModel';
import { logColumns, lossCsv } from './lossCsv';
import { PROBES } from '../../probes/registry';
import { metricLogOf } from '../../state/runStore';
import { ChartExportButtons } from '../export/ChartExportButtons';
import { RIGHT_GUTTER } from './rateChartModel';
import { legendEntries, LOSS_METRICS, lossChartModel, lossReadout, runLabel, valueExtent, type LossChartModel } from './runChartModel';
import { Readout } from './LossReadout';
import { LossNotes, LossViewControls, markElements } from './lossChartParts';
import { DivergenceNote } from './DivergenceNote';
import { ChartOptions } from './ChartOptions';
import { useOnScreen } from '../useOnScreen';
import { useAfterPaint } from '../stages/afterPaint';
import { useChartRunsAt } from './useChartRuns';
import { useSharedAxisWidth } from './useSharedAxisWidth';
import { useDrawnXDomain } from './useDrawnXDomain';
import { useMeasuredSize } from './useMeasuredSize';
import { AxesLayer, DrawnAxesContext, UNIT_AXES, UNPLACED, unitScale, type DrawnAxes } from './unitAxes';
import { groupedNumber } from '../../text/groupedNumber';
import './charts.css';

/** About one point per pixel of the chart's width (min/max buckets keep the spikes). */
/**
 * Points per line, for about two per pixel in all: Recharts' SVG work grows with the points drawn, and every
 * run adds two lines (four with smoothing), so more runs get fewer points each (a long task while training
 * at full speed is what the page must avoid).
 */
const POINTS_PER_CHART = 600;
const pointsPerLine = (runs: number): number => Math.max(120, Math.floor(POINTS_PER_CHART / Math.max(1, runs)));
const X_LABELS: Record<XAxisKind, string> = { step: 'step', epoch: 'epoch', examples: 'examples seen', time: 'training time (s)' };
const BAND_LABELS: Record<BandKind, string> = { minmax: 'min–max', iqr: 'interquartile' };
/** The right margin leaves room for the rate chart's momentum axis below, so the two charts' x positions line up. */
const MARGIN = { top: 8, right: RIGHT_GUTTER, bottom: 18, left: 8 };
/** The y axis's width before its labels are known. */
const Y_AXIS_WIDTH = 66;
/** Recharts' default x-axis height: the cursor stops at the plot's bottom edge. */
const X_AXIS_HEIGHT = 30;
const formatTick = (v: number): string => String(Number(v.toPrecision(3)));

function formatX(axis: XAxisKind, x: number): string {
  if (axis === 'time') return `${Number(x.toPrecision(4))} s`;
  if (axis === 'examples') return `${groupedNumber(Math.round(x))} examples`;
  return `${axis} ${axis === 'step' ? Math.round(x) : Number(x.toPrecision(4))}`;
}

function downloadCsv(text: string): void {
  const url = URL.createObjectURL(new Blob([text], { type: 'text/csv' }));
  const link = document.createElement('a');
  link.href = url;
  link.download = 'locolab-loss.csv';
  link.click();
  URL.revokeObjectURL(url);
}

export interface PlotProps {
  /** The plot box's measured size (useMeasuredSize): the chart renders once, at this size, with no ResponsiveContainer. */
  width: number;
  height: number;
  model: LossChartModel;
  /** The x range drawn (drawnXRange.ts): the data's, out to one of its ticks; null when nothing is drawn. */
  xDomain: [number, number] | null;
  xAxis: XAxisKind;
  logY: boolean;
  logX: boolean;
  /** The y axis (lineChartModel.yAxisOf) and its width from its labels (yAxisWidth); null when nothing is drawn. */
  y: (ReturnType<typeof yAxisOf> & { width: number }) | null;
  yTitle: string;
}

/** What the series layer draws: the model and the domains the marks are placed in. */
interface SeriesLayerProps {
  model: LossChartModel;
  xDomain: [number, number] | null;
  yDomain: [number, number] | null;
  logX: boolean;
  logY: boolean;
}

/** The series of the chart being drawn, handed to the series layer past Recharts' chart (LossPlot says why). */
const SeriesLayerContext = createContext<SeriesLayerProps | null>(null);

/**
 * The bands, lines and marks, inside the Recharts chart, placed in its unit square (unitAxes.tsx). The series
 * join in a task after the next paint, so Recharts' first draw is two tasks: the frame (axes, grid), then the
 * series (issue 20 §7; stages/afterPaint.ts). Later redraws render them at once.
 */
function SeriesLayer() {
  const props = useContext(SeriesLayerContext);
  const seriesReady = useAfterPaint();
  const { model, xDomain, yDomain, logX, logY } = props ?? {};
  const unit = useMemo(() => (xDomain && yDomain ? { x: unitScale(xDomain, logX ?? false), y: unitScale(yDomain, logY ?? false) } : null), [xDomain, yDomain, logX, logY]);
  if (!model || !unit || !seriesReady) return null;
  return (
    <>
      {model.bands.map((band) => {
        const style = model.styles[band.id];
        return (
          <Area
            key={band.id}
            data={band.points.map((p) => ({ x: unit.x(p.x), range: p.range ? [unit.y(p.range[0]), unit.y(p.range[1])] : null }))}
            dataKey="range"
            type="linear"
            stroke="none"
            fill={style.color}
            fillOpacity={style.opacity}
            activeDot={false}
            isAnimationActive={false}
            legendType="none"
          />
        );
      })}
      {seriesLines(model.lines, model.styles, { place: unit })}
      {markElements(model, xDomain ?? null, yDomain ?? null, logX ?? false, logY ?? false, unit)}
    </>
  );
}

/**
 * The Recharts tree: its axes hold the unit square still (hidden, made once) and the page draws the axes, the
 * grid and their labels (unitAxes.tsx), so a new x or y range, several a second while the loss falls after Play,
 * re-renders those lines and the series, never Recharts' store and every part of the chart (issue 20 §7). The
 * ticks are already chosen to fit (xTicks, yAxisOf), every one drawn, as plain text.
 *
 * The chart element stands while the size and the y axis's width do (the margins hold the axes); the axes and the
 * series reach their layers inside it by context, so new data re-renders them alone. Every render of the chart
 * itself re-dispatched its options to its store (ReportChartProps), which re-ran the selectors of every part of it.
 */
export const LossPlot = memo(function LossPlot({ width, height, model, xDomain, xAxis, logY, logX, y, yTitle }: PlotProps) {
  const [xLow, xHigh] = xDomain ?? [0, 1];
  const drawn = xDomain !== null;
  const ticks = useMemo(() => (drawn ? xTicks([xLow, xHigh], xAxis, logX) : []), [drawn, xLow, xHigh, xAxis, logX]);
  const yWidth = y?.width ?? Y_AXIS_WIDTH;
  const chart = useMemo(
    () => (
      <ComposedChart width={width} height={height} margin={{ ...MARGIN, bottom: MARGIN.bottom + X_AXIS_HEIGHT, left: MARGIN.left + yWidth }} accessibilityLayer={false}>
        {UNIT_AXES}
        <AxesLayer />
        <SeriesLayer />
      </ComposedChart>
    ),
    [width, height, yWidth],
  );
  const yDomain = y ? y.domain : null;
  const [yLow, yHigh] = yDomain ?? [0, 1];
  const yTicks = y?.ticks;
  const yFormat = y?.format ?? formatTick;
  const axes = useMemo<DrawnAxes>(
    () => ({
      x: { ticks, format: formatTick, place: drawn ? unitScale([xLow, xHigh], logX) : UNPLACED, title: `${X_LABELS[xAxis]}${logX ? ' (log)' : ''}` },
      y: { ticks: yTicks ?? [], format: yFormat, place: yTicks ? unitScale([yLow, yHigh], logY) : UNPLACED, title: yTitle },
      xAxisHeight: X_AXIS_HEIGHT,
      xTitleBelow: 10,
      yTitleAt: MARGIN.left + 4,
    }),
    [ticks, drawn, xLow, xHigh, logX, xAxis, yTicks, yFormat, yLow, yHigh, logY, yTitle],
  );
  const series = useMemo(() => ({ model, xDomain, yDomain, logX, logY }), [model, xDomain, yDomain, logX, logY]);
  return (
    <DrawnAxesContext.Provider value={axes}>
      <SeriesLayerContext.Provider value={series}>{chart}</SeriesLayerContext.Provider>
    </DrawnAxesContext.Provider>
  );
});

export function LossChart() {
  const [figureRef, onScreen] = useOnScreen<HTMLElement>();
  const { runs, at, playing } = useChartRunsAt(100, !onScreen);
  const { smoothing, logY, xAxis, lossWindow, logX, set } = useViewStore();
  const band = useComparisonView((s) => s.band);
  const setBand = useComparisonView((s) => s.setBand);
  const model = useMemo(
    () => lossChartModel(runs, { axis: xAxis, band, smoothing, logY, logX, windowSteps: lossWindow, maxPoints: pointsPerLine(runs.length) }),
    [runs, xAxis, band, smoothing, logY, logX, lossWindow],
  );
  const xDomain = useDrawnXDomain('lead', model.xDomain, { axis: xAxis, logX, windowed: lossWindow > 0 }, { at, playing }, onScreen);
  const legend = useMemo(() => legendEntries(runs.filter((run) => model.runIds.includes(run.id)), band), [runs, model, band]);
  const tasks = new Set(runs.map((run) => run.task));
  const task = tasks.size === 1 ? [...tasks][0] : null;
  const lossName = task === 'regression' ? 'loss (½·squared error)' : task === null ? 'loss' : 'loss (cross-entropy)';
  const repeated = runs.some((run) => run.seeds.length > 1);
  const repeatedRuns = useMemo(() => new Set(runs.filter((run) => run.seeds.length > 1).map((run) => run.id)), [runs]);

  // The pointer's x as a data value, worked out from its position (not Recharts' tooltip state, which reads
  // chart-level data this chart does not have). Moving it re-renders the readout, never the plot.
  const plotRef = useRef<HTMLDivElement | null>(null);
  // The plot's size, from its ResizeObserver's first report (no layout read mid-commit); its font size (larger on
  // the stage) and height size the y axis to its labels and pick a title that fits. Recharts renders once measured.
  const [measureRef, size] = useMeasuredSize<HTMLDivElement>();
  const setPlotRef = useCallback(
    (element: HTMLDivElement | null) => {
      plotRef.current = element;
      measureRef(element);
    },
    [measureRef],
  );
  const text = { fontPx: size?.fontPx ?? 16, height: size?.height ?? 0 };
  const [hover, setHover] = useState<{ px: number; x: number } | null>(null);
  // The plot (Recharts: its store, selectors and SVG) renders after the chart's first paint and its box's first
  // measurement, in a task of its own; its box has its size already, so nothing moves (stages/afterPaint.ts).
  const plotReady = useAfterPaint();
  const ownY = useMemo(() => {
    const span = valueExtent(model, logY);
    if (!span) return null;
    const axis = yAxisOf(span, logY);
    return { ...axis, width: yAxisWidth(axis.ticks.map(axis.format), text.fontPx) };
  }, [model, logY, text.fontPx]);
  // The rate chart under this one draws with the same y-axis width, so a step sits at the same x in both.
  const sharedWidth = useSharedAxisWidth('loss', ownY?.width ?? null);
  const y = useMemo(() => (ownY && sharedWidth !== null ? { ...ownY, width: sharedWidth } : ownY), [ownY, sharedWidth]);
  const yTitle = fitTitle(lossName, 'loss', text.height - MARGIN.top - MARGIN.bottom - X_AXIS_HEIGHT, text.fontPx);
  const onMove = (event: React.PointerEvent<HTMLDivElement>): void => {
    if (!xDomain) return;
    const rect = event.currentTarget.getBoundingClientRect();
    const left = MARGIN.left + (y?.width ?? Y_AXIS_WIDTH);
    const px = event.clientX - rect.left;
    const fraction = (px - left) / (rect.width - left - MARGIN.right);
    setHover(fraction < 0 || fraction > 1 ? null : { px, x: valueAt(fraction, xDomain, logX) });
  };
  const drawnRuns = runs.filter((run) => model.runIds.includes(run.id));
  const runKey = drawnRuns.map((run) => ({ label: runLabel(run), color: run.color }));
  // The whole history of each drawn run (the run store's full log), not the compacted series the chart draws.
  const fullCsv = (): string => lossCsv(drawnRuns.map((run) => ({ ...run, history: logColumns(metricLogOf(run.id)) })), PROBES.map((probe) => probe.declaration));
  const runName = (runId: string): string => `Run ${runs.find((run) => run.id === runId)?.position ?? '?'}`;
  // The picture's title says what it shows: the axis, and the window or log axis where one is on.
  const shown = `${X_LABELS[xAxis]}${logX ? ' (log x)' : ''}${model.window ? `, steps ${groupedNumber(Math.max(0, Math.ceil(model.window.from)))}–${groupedNumber(model.window.to)}` : ''}`;
  const keyText = `train solid, test dashed${model.best.some((b) => b.inView) ? ', ◯ best test step' : ''}${model.diverged.length > 0 ? ', grey ✕: diverged and rewound' : ''}`;
  const readX = hover?.x ?? model.xDomain?.[1] ?? 0;
  const rows = lossReadout(model, runs, readX);

  return (
    <figure ref={figureRef} className="chart" data-testid="loss-chart" data-series-count={model.runIds.length}>
      <ChartOptions
        testId="loss-chart-options"
        main={
          <>
            <label className="inline">
              smoothing
              <input type="range" min={0} max={0.99} step={0.01} value={smoothing} data-testid="smoothing-slider" onChange={(e) => set({ smoothing: Number(e.target.value) })} />
              <output>{smoothing.toFixed(2)}</output>
            </label>
            <label className="inline">
              <input type="checkbox" checked={logY} data-testid="log-y" onChange={(e) => set({ logY: e.target.checked })} /> log y
            </label>
          </>
        }
      >
        <LossViewControls />
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
        {repeated ? (
          <label className="inline" title="How the spread over a repeated run's seeds is drawn around their median">
            seed band
            <select value={band} data-testid="band-kind" onChange={(e) => setBand(e.target.value as BandKind)}>
              {BAND_KINDS.map((kind) => (
                <option key={kind} value={kind}>
                  {BAND_LABELS[kind]}
                </option>
              ))}
            </select>
          </label>
        ) : null}
        <span className="export-caption" data-testid="loss-export-caption">
          Loss chart:
        </span>
        <button type="button" className="small" data-testid="loss-csv" onClick={() => downloadCsv(fullCsv())} disabled={model.runIds.length === 0} title="The visible runs' metrics at every reported step, whatever the window (at full speed a run reports some steps, not each one), one row per run, step and metric, with what a divergence rewound">
          CSV
        </button>
        <ChartExportButtons
          target={plotRef}
          name="loss"
          title={`${lossName[0].toUpperCase()}${lossName.slice(1)} by ${shown}: ${keyText}`}
          runKey={runKey}
          pngTestId="export-png"
          svgTestId="loss-chart-svg"
          disabled={model.runIds.length === 0}
        />
      </ChartOptions>
      <LossLegend entries={legend} testDash={LOSS_METRICS[1].dash} />
      <DivergenceNote testId="loss-divergence" />
      <div
        ref={setPlotRef}
        className="chart-body chart-plot loss-plot"
        role="img"
        aria-label={`Train (solid) and test (dashed) loss of ${model.runIds.length === 1 ? 'the run' : `${model.runIds.length} runs`} by ${shown}${logY ? ', log scale' : ''}; the numbers are listed below the chart`}
        onPointerMove={onMove}
        onPointerLeave={() => setHover(null)}
      >
        {plotReady && size && size.width > 0 && size.height > 0 ? <LossPlot width={size.width} height={size.height} model={model} xDomain={xDomain} xAxis={xAxis} logY={logY} logX={logX} y={y} yTitle={yTitle} /> : null}
        {hover ? <div className="chart-cursor" style={{ left: hover.px, top: MARGIN.top, bottom: MARGIN.bottom + X_AXIS_HEIGHT }} /> : null}
      </div>
      <Readout rows={rows} hovering={hover !== null} repeated={repeatedRuns} smoothed={smoothing > 0} formatAt={(x) => formatX(xAxis, x)} />
      <LossNotes model={model} xAxis={xAxis} logX={logX} runName={runName} />
    </figure>
  );
}
