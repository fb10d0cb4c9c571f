/**
 * The learning curves of one grid point (issue 17 §3, "Curves"): per group, each seed's metric over the checkpoint
 * steps, all groups on one pair of axes so the small multiples compare. A diverged seed's curve stops at its last
 * finite value and is marked there; the value it blew up to does not stretch the axis. Pure.
 */
import { countTicks } from '../charts/lineChartModel';
import { yAxisFor, type YAxis } from './sweepAxes';

export interface SeedCurve {
  steps: readonly number[];
  values: readonly number[];
  diverged: boolean;
}

export interface CurvePoint {
  /** Fractions of the plot: x from the first step to the last, y from the bottom. Above the axis: clamped to 1. */
  x: number;
  y: number;
}

export interface CurveLine {
  points: CurvePoint[];
  diverged: boolean;
  /** Where a diverged seed is marked: its last finite point (null when it has none, or did not diverge). */
  end: CurvePoint | null;
}

export interface CurvesModel {
  xDomain: [number, number];
  xTicks: number[];
  yAxis: YAxis;
  /** Per group, per seed. */
  groups: CurveLine[][];
}

/** Values that set the metric axis: every finite value, but a diverged seed's last one (the blow-up) left out. */
function scaleValues(curve: SeedCurve): number[] {
  const finite = curve.values.filter(Number.isFinite);
  return curve.diverged ? finite.slice(0, -1) : finite;
}

export function curvesModel(curves: readonly (readonly SeedCurve[])[]): CurvesModel {
  const all = curves.flat();
  const steps = all.flatMap((c) => [...c.steps]).filter(Number.isFinite);
  const xDomain: [number, number] = steps.length ? [Math.min(0, ...steps), Math.max(1, ...steps)] : [0, 1];
  let yValues = all.flatMap(scaleValues);
  // A diverged seed with only its blow-up: its values still need an axis.
  if (yValues.length === 0) yValues = all.flatMap((c) => c.values.filter(Number.isFinite));
  const yAxis = yAxisFor(yValues);
  const [x0, x1] = xDomain;
  const [y0, y1] = yAxis.domain;
  const yOf = (v: number): number => {
    const t = yAxis.log ? (v > 0 ? (Math.log(v) - Math.log(y0)) / (Math.log(y1) - Math.log(y0)) : 0) : (v - y0) / (y1 - y0);
    return Math.min(1, Math.max(0, t));
  };
  const groups = curves.map((seeds) =>
    seeds.map((curve): CurveLine => {
      const points: CurvePoint[] = [];
      const n = Math.min(curve.steps.length, curve.values.length);
      for (let k = 0; k < n; k++) {
        const v = curve.values[k];
        if (!Number.isFinite(v) || !Number.isFinite(curve.steps[k])) break;
        points.push({ x: (curve.steps[k] - x0) / (x1 - x0), y: yOf(v) });
      }
      return { points, diverged: curve.diverged, end: curve.diverged ? (points[points.length - 1] ?? null) : null };
    }),
  );
  return { xDomain, xTicks: countTicks(xDomain), yAxis, groups };
}
