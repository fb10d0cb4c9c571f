/**
 * Per-layer statistics over steps, for every run: the gradient norm ‖∂L/∂W‖ and the update ratio ‖ΔW‖/‖W‖
 * (of the lead seed, for a repeated run), on log axes. Runs are told apart by colour, layers by dash pattern,
 * or one layer is picked to declutter a chart of many runs.
 */
import type { RunId } from '../../config/runs';
import type { XAxisKind } from '../../state/viewStore';
import { LAYER_STATISTICS_PROBE } from '../../probes/layer-statistics/declaration';
import { extent, logAxis, prepareLine } from './lineChartModel';
import { runsXDomain, stepToAxis, type ChartModel, type ChartRun, type LineSeries, type SeriesStyle } from './runChartModel';

export const LAYER_STATISTICS = LAYER_STATISTICS_PROBE.quantities;
export type LayerStatistic = (typeof LAYER_STATISTICS)[number];

/**
 * Solid, dashed, dotted, dash-dot…: layer m's pattern. Dots come third so the first two layers (what most
 * networks here have, plus the output) read as clearly as possible.
 */
export const LAYER_DASHES: readonly (string | undefined)[] = [undefined, '7 3', '1.5 2.5', '9 3 2 3', '3 3'];

export const layerDash = (layer: number): string | undefined => LAYER_DASHES[layer % LAYER_DASHES.length];

/** "layer 1" … with the last named as the output layer. */
export function layerName(layer: number, layerCount: number): string {
  return layer === layerCount - 1 && layerCount > 1 ? `layer ${layer + 1} (output)` : `layer ${layer + 1}`;
}

export interface LayerStatsModel {
  charts: Record<LayerStatistic, ChartModel & { y: { domain: [number, number]; ticks: number[] } | null }>;
  /** The most layers any drawn run has (the picker offers them). */
  layerCount: number;
}

/** Where an update ratio is usually healthy (Karpathy, CS231n notes: "somewhere around 1e-3"). */
export const UPDATE_RATIO_RULE = 1e-3;

/**
 * `layer` null draws every layer; a number draws that one only (runs without it draw nothing). The update
 * ratio's axis always reaches the 1e-3 rule of thumb, so its reference line is never off the chart.
 */
export function layerStatsModel(runs: readonly ChartRun[], axis: XAxisKind, layer: number | null, maxPoints = 300): LayerStatsModel {
  const historyOf = (run: ChartRun) => run.probes[LAYER_STATISTICS_PROBE.name];
  const layerCount = Math.max(0, ...runs.map((run) => historyOf(run)?.byQuantity.gradientNorm?.length ?? 0));
  const build = (statistic: LayerStatistic): LayerStatsModel['charts'][LayerStatistic] => {
    const lines: LineSeries[] = [];
    const styles: Record<string, SeriesStyle> = {};
    const runIds: RunId[] = [];
    for (const run of runs) {
      const history = historyOf(run);
      if (!history) continue;
      const byLayer = history.byQuantity[statistic] ?? [];
      const toX = stepToAxis(run.history, axis);
      const xs = history.step.map(toX);
      let drawn = false;
      byLayer.forEach((ys, m) => {
        if (layer !== null && m !== layer) return;
        const points = prepareLine(xs, ys, { smoothing: 0, logY: true, maxPoints }).raw;
        if (!points.some((p) => p.y !== null)) return;
        drawn = true;
        const id = `${run.id}/${statistic}/${m}`;
        lines.push({ id, points });
        styles[id] = { runId: run.id, color: run.color, dash: layer === null ? layerDash(m) : undefined, width: 1.6, opacity: 1, axis: 'left' };
      });
      if (drawn) runIds.push(run.id);
    }
    const ys = lines.flatMap((line) => line.points.map((p) => p.y));
    const span = extent(statistic === 'updateRatio' && ys.length > 0 ? [...ys, UPDATE_RATIO_RULE] : ys, true);
    return {
      lines,
      bands: [],
      styles,
      runIds,
      xDomain: lines.length > 0 ? runsXDomain(runs, axis, lines) : null,
      y: span ? logAxis(span) : null,
    };
  };
  return { charts: { gradientNorm: build('gradientNorm'), updateRatio: build('updateRatio') }, layerCount };
}
