/**
 * Per-layer gradient norm ‖∂L/∂W‖ and update ratio ‖ΔW‖/‖W‖ over training, log-scaled, every visible run in
 * its colour and every layer in its dash pattern (or one layer picked, when many runs make nine lines too
 * many). The update ratio's rule of thumb (about 1e-3) is drawn as a reference line.
 */
import { memo, useMemo, useRef, useState } from 'react';
import { CartesianGrid, LineChart, ReferenceLine, ResponsiveContainer, XAxis, YAxis } from 'recharts';
import { seriesLines } from './seriesLines';
import { gridAt, plainTick } from './plainTick';
import { useViewStore } from '../../state/viewStore';
import { LineSample, RunKey } from './ChartLegend';
import { layerDash, layerName, layerStatsModel, UPDATE_RATIO_RULE, type LayerStatistic, type LayerStatsModel } from './layerStatsModel';
import { niceTicks } from './lineChartModel';
import { useOnScreen } from '../useOnScreen';
import { useChartRuns } from './useChartRuns';
import { runLabel } from './runChartModel';
import { ChartExportButtons } from '../export/ChartExportButtons';
import './charts.css';

/** Fewer points than this on a line are drawn as dots too. */
const SPARSE_POINTS = 12;
const TITLES: Record<LayerStatistic, string> = { gradientNorm: 'gradient norm ‖∂L/∂W‖', updateRatio: 'update ratio ‖ΔW‖/‖W‖' };
const tick = (v: number): string => (v >= 0.01 && v < 1000 ? String(Number(v.toPrecision(2))) : v.toExponential(0));
const xTick = (v: number): string => String(Number(v.toPrecision(3)));
/** Plain tick labels and grid lines at the axes' own ticks: nothing measured on a redraw (plainTick.tsx, LossChart). */
const X_TICK = plainTick(xTick);
const Y_TICK = plainTick(tick);

const StatPlot = memo(function StatPlot({ chart, statistic }: { chart: LayerStatsModel['charts'][LayerStatistic]; statistic: LayerStatistic }) {
  const ticks = chart.xDomain ? niceTicks(chart.xDomain, false, 4) : undefined;
  return (
    <div>
      <h4>{TITLES[statistic]}</h4>
      <div role="img" aria-label={`${TITLES[statistic]} per layer over training, log scale, ${chart.lines.length} lines`}>
      <ResponsiveContainer width="100%" height={170}>
        <LineChart margin={{ top: 6, right: 12, bottom: 4, left: 4 }} accessibilityLayer={false}>
          <CartesianGrid stroke="#e5e5e5" verticalCoordinatesGenerator={gridAt(ticks)} horizontalCoordinatesGenerator={gridAt(chart.y?.ticks)} />
          <XAxis interval={0} dataKey="x" type="number" domain={chart.xDomain ?? [0, 1]} ticks={ticks} allowDataOverflow tick={X_TICK} />
          <YAxis interval={0} scale="log" domain={chart.y?.domain ?? [1e-4, 1]} ticks={chart.y?.ticks} allowDataOverflow width={48} tick={Y_TICK} />
          {statistic === 'updateRatio' ? (
            <ReferenceLine y={UPDATE_RATIO_RULE} stroke="#5d6677" strokeDasharray="2 4" label={{ value: '≈ 1e-3', position: 'insideTopRight', fontSize: 10, fill: '#5d6677' }} />
          ) : null}
          {seriesLines(chart.lines, chart.styles, { dotsBelow: SPARSE_POINTS })}
        </LineChart>
      </ResponsiveContainer>
      </div>
    </div>
  );
});

export function LayerStatsChart() {
  const [figureRef, onScreen] = useOnScreen<HTMLElement>();
  const runs = useChartRuns(500, !onScreen);
  const xAxis = useViewStore((s) => s.xAxis);
  // null: every layer, told apart by dash pattern.
  const [layer, setLayer] = useState<number | null>(null);
  const model = useMemo(() => layerStatsModel(runs, xAxis, layer), [runs, xAxis, layer]);
  const { gradientNorm, updateRatio } = model.charts;
  const drawnIds = new Set([...gradientNorm.runIds, ...updateRatio.runIds]);
  const drawn = runs.filter((run) => drawnIds.has(run.id));
  const layers = Array.from({ length: model.layerCount }, (_, m) => m);
  const plotsRef = useRef<HTMLDivElement>(null);
  return (
    <figure
      ref={figureRef}
      className="chart chart-section"
      data-testid="layer-stats-chart"
      aria-label="Per-layer gradient norm and update ratio over training"
      data-series-count={drawn.length}
      data-lines={gradientNorm.lines.length + updateRatio.lines.length}
    >
      <div className="chart-head">
        <h3>Layer statistics</h3>
        <ChartExportButtons
          target={plotsRef}
          name="layer-statistics"
          title={`Gradient norm (left), update ratio (right)${layer === null ? '; layers by dash' : `: ${layerName(layer, model.layerCount)}`}`}
          runKey={drawn.map((run) => ({ label: runLabel(run), color: run.color }))}
          pngTestId="layer-stats-png"
          svgTestId="layer-stats-svg"
          disabled={drawn.length === 0}
        />
        {model.layerCount > 1 ? (
          <label className="inline">
            layers
            <select value={layer ?? 'all'} data-testid="layer-stats-layer" onChange={(e) => setLayer(e.target.value === 'all' ? null : Number(e.target.value))}>
              <option value="all">all</option>
              {layers.map((m) => (
                <option key={m} value={m}>
                  {layerName(m, model.layerCount)}
                </option>
              ))}
            </select>
          </label>
        ) : null}
      </div>
      <p className="chart-explain">
        How strongly each layer&apos;s weights are pushed and moved, per step (log scale; a repeated run shows its first seed). An update ratio near 1e-3 is
        the usual rule of thumb: far below, the layer barely learns; far above, training may be unstable (Karpathy, CS231n notes).
      </p>
      {drawn.length === 0 ? (
        <p className="muted">The layer statistics appear a few steps after training starts.</p>
      ) : (
        <>
          <RunKey runs={drawn}>
            {layer === null
              ? layers.map((m) => (
                  <span key={m} className="run-legend-key">
                    <LineSample color="#5d6677" dash={layerDash(m)} width={1.6} /> {layerName(m, model.layerCount)}
                  </span>
                ))
              : null}
          </RunKey>
          <div className="layer-stats-grid" ref={plotsRef}>
            <StatPlot chart={gradientNorm} statistic="gradientNorm" />
            <StatPlot chart={updateRatio} statistic="updateRatio" />
          </div>
        </>
      )}
    </figure>
  );
}
