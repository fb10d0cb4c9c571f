/**
 * Accuracy over training for the stage's accuracy view: train (solid) and test (dashed) share of examples
 * classified right, in percent, every run in its colour on the loss chart's x-axis. Runs without accuracy
 * (regression, autoencoders: the worker reports NaN) are left out and counted, so the chart can say why.
 */
import type { XAxisKind } from '../../state/viewStore';
import { extent, linearAxis, prepareLine } from '../charts/lineChartModel';
import { axisValues, type ChartModel, type ChartRun, type LineSeries, type SeriesStyle } from '../charts/runChartModel';

export const ACCURACY_METRICS = [
  { kind: 'train', column: 'trainAccuracy', dash: undefined },
  { kind: 'test', column: 'testAccuracy', dash: '6 3' },
] as const;

export interface AccuracyModel extends ChartModel {
  /** Visible runs with no accuracy to draw. */
  without: number;
  /** The y-axis in percent: a 1-2-5 range around the values, within 0–100. */
  y: { domain: [number, number]; ticks: number[] } | null;
}

export function accuracyChartModel(runs: readonly ChartRun[], axis: XAxisKind, maxPoints: number): AccuracyModel {
  const lines: LineSeries[] = [];
  const styles: Record<string, SeriesStyle> = {};
  const runIds: ChartModel['runIds'] = [];
  let low = Infinity;
  let high = -Infinity;
  let without = 0;
  for (const run of runs) {
    const xs = axisValues(run.history, axis);
    let drawn = false;
    for (const metric of ACCURACY_METRICS) {
      const percent = (run.history[metric.column] ?? []).map((v) => v * 100);
      // A loop, not Math.min(...values): a long history would overflow the call's argument list.
      let any = false;
      for (const v of percent) {
        if (!Number.isFinite(v)) continue;
        any = true;
        low = Math.min(low, v);
        high = Math.max(high, v);
      }
      if (!any) continue;
      drawn = true;
      const id = `${run.id}/${metric.kind}`;
      lines.push({ id, points: prepareLine(xs, percent, { smoothing: 0, logY: false, maxPoints }).raw });
      styles[id] = { runId: run.id, color: run.color, dash: metric.dash, width: 2, opacity: 1, axis: 'left' };
    }
    if (drawn) runIds.push(run.id);
    else without++;
  }
  const xDomain = extent(lines.flatMap((line) => line.points.map((p) => (p.y === null ? null : p.x))));
  let y: AccuracyModel['y'] = null;
  if (Number.isFinite(low)) {
    const axisRange = linearAxis([Math.max(0, low - 2), Math.min(100, high + 2)], 4);
    const domain: [number, number] = [Math.max(0, axisRange.domain[0]), Math.min(100, axisRange.domain[1])];
    y = { domain, ticks: axisRange.ticks.filter((t) => t >= domain[0] && t <= domain[1]) };
  }
  return { lines, bands: [], styles, runIds, xDomain, without, y };
}
