/**
 * The alignment chart's data (TF.js-free, no React): per run and layer, the angle between the step's update
 * and backprop's gradient over training (probes/alignment), on a fixed 0–180° axis with 90° marked, and the
 * latest angle of each layer for the chart's key.
 */
import type { RunId } from '../../config/runs';
import type { XAxisKind } from '../../state/viewStore';
import { layerDash } from '../../ui/charts/layerStatsModel';
import { prepareLine } from '../../ui/charts/lineChartModel';
import { runsXDomain, stepToAxis, type ChartModel, type ChartRun, type LineSeries, type SeriesStyle } from '../../ui/charts/runChartModel';
import { ALIGNMENT_PROBE } from './declaration';

/**
 * The angle axis: 0–180° with a little room under 0°, so backprop's (and an output layer's) 0° lines are drawn
 * above the x axis, not under it (they were listed in the key and invisible). 6° of 186 is about 5 px of the
 * chart's ~150 px plot, clear of the axis line and of the lines' 1.6 px width.
 */
export const ANGLE_DOMAIN: [number, number] = [-6, 180];

export interface LatestAngle {
  runId: RunId;
  layer: number;
  /** Degrees; NaN when the step did not move the layer. */
  angle: number;
}

export interface AlignmentModel extends ChartModel {
  latest: LatestAngle[];
  layerCount: number;
}

export function alignmentModel(runs: readonly ChartRun[], axis: XAxisKind, maxPoints = 300): AlignmentModel {
  const lines: LineSeries[] = [];
  const styles: Record<string, SeriesStyle> = {};
  const runIds: RunId[] = [];
  const latest: LatestAngle[] = [];
  let layerCount = 0;
  for (const run of runs) {
    const history = run.probes[ALIGNMENT_PROBE.name];
    const byLayer = history?.byQuantity.angle;
    if (!history || !byLayer || history.step.length === 0) continue;
    layerCount = Math.max(layerCount, byLayer.length);
    const xs = history.step.map(stepToAxis(run.history, axis));
    byLayer.forEach((ys, m) => {
      const id = `${run.id}/angle/${m}`;
      lines.push({ id, points: prepareLine(xs, ys, { smoothing: 0, logY: false, maxPoints }).raw });
      styles[id] = { runId: run.id, color: run.color, dash: layerDash(m), width: 1.6, opacity: 1, axis: 'left' };
      latest.push({ runId: run.id, layer: m, angle: ys[ys.length - 1] });
    });
    runIds.push(run.id);
  }
  return { lines, bands: [], styles, runIds, xDomain: lines.length > 0 ? runsXDomain(runs, axis, lines) : null, latest, layerCount };
}
