/**
 * The response curve's model (issue 17 §3): per group, one point per value of the swept field with the median over
 * seeds and its min–max band, each group's best, and the axes, in fractions of the plot. A diverged run is never
 * dropped: a median at ±∞ sits off the scale (drawn in a strip above or below the plot) and every point counts its
 * diverged seeds. A point no seed has reached yet is "empty": drawn as a mark on the axis, not as a value. Pure.
 */
import type { SweepValue } from '../../config/sweep';
import type { ResponseCell, SweepResponse } from '../../engine/sweep/response';
import { axisUnit, xAxisFor, xFraction, yAxisFor, yPosition, type XAxis, type XScale, type YAxis, type YPos } from './sweepAxes';

export interface ResponsePoint {
  group: number;
  /** The value's index on the swept field. */
  index: number;
  /** The cell's grid point (as ResponseCell.point). */
  point: number[];
  value: SweepValue;
  /** Horizontal position, a fraction of the plot (0 left, 1 right). */
  x: number;
  median: number;
  min: number;
  max: number;
  /** Finished seeds, and how many of them diverged. */
  seeds: number;
  diverged: number;
  y: YPos;
  yMin: YPos;
  yMax: YPos;
}

export interface EmptyPoint {
  group: number;
  index: number;
  value: SweepValue;
  x: number;
  /** Seeds finished (0 when not yet run; more when the metric has no value, e.g. accuracy on a regression). */
  seeds: number;
}

export interface ResponseGroup {
  group: number;
  /** The points with a value (finite or off the scale), by index. */
  points: ResponsePoint[];
  empty: EmptyPoint[];
  /** Runs of neighbouring points with finite medians, each drawn as one line (none on a category axis). */
  lines: ResponsePoint[][];
  /** Runs of neighbouring points with a band, each drawn as one area (none on a category axis). */
  bands: ResponsePoint[][];
  best: ResponsePoint | null;
}

export interface ResponseModel {
  xAxis: XAxis;
  yAxis: YAxis;
  groups: ResponseGroup[];
  /** Whether any point or band reaches off the scale above (+∞) or below (−∞). */
  anyHigh: boolean;
  anyLow: boolean;
  /** Points with at least one diverged seed. */
  divergedPoints: number;
}

export interface ResponseModelOptions {
  /** For a sweep of two fields: the fixed index on each later axis (default 0 on each). */
  slice?: readonly number[];
  /** Groups drawn even when none of their cells is in the response yet. */
  groups?: number;
}

/**
 * On a category axis the groups stand side by side around each slot (dodged), so their points do not hide each
 * other: the offset of `group` of `groups` in index units.
 */
export function dodge(group: number, groups: number): number {
  if (groups <= 1) return 0;
  const step = Math.min(0.6 / groups, 0.15);
  return (group - (groups - 1) / 2) * step;
}

function sameSlice(point: readonly number[], slice: readonly number[]): boolean {
  for (let a = 1; a < point.length; a++) if (point[a] !== (slice[a - 1] ?? 0)) return false;
  return true;
}

/** Consecutive (by index) runs of points for which `keep` holds. */
function runsOf(points: readonly ResponsePoint[], keep: (p: ResponsePoint) => boolean): ResponsePoint[][] {
  const runs: ResponsePoint[][] = [];
  let current: ResponsePoint[] = [];
  let last = Number.NaN;
  for (const p of points) {
    if (!keep(p) || (current.length > 0 && p.index !== last + 1)) {
      if (current.length > 0) runs.push(current);
      current = [];
    }
    if (keep(p)) current.push(p);
    last = p.index;
  }
  if (current.length > 0) runs.push(current);
  return runs;
}

/** The response over the first field of `response`, drawn against `values` (that field's values, in order). */
export function responseChartModel(response: SweepResponse, values: readonly SweepValue[], scale: XScale, options: ResponseModelOptions = {}): ResponseModel {
  const slice = options.slice ?? [];
  const xAxis = xAxisFor(values, scale);
  const cells = response.cells.filter((c) => c.point.length >= 1 && c.point[0] >= 0 && c.point[0] < values.length && sameSlice(c.point, slice));
  const groupCount = Math.max(options.groups ?? 0, response.best.length, ...cells.map((c) => c.group + 1));
  const yAxis = yAxisFor(cells.flatMap((c) => [c.median, c.min, c.max]));
  const byKey = new Map<string, ResponseCell>(cells.map((c) => [`${c.group}:${c.point[0]}`, c]));
  const dodged = xAxis.scale === 'category';
  let anyHigh = false;
  let anyLow = false;
  let divergedPoints = 0;
  const groups: ResponseGroup[] = [];
  for (let group = 0; group < groupCount; group++) {
    const points: ResponsePoint[] = [];
    const empty: EmptyPoint[] = [];
    values.forEach((value, index) => {
      const unit = axisUnit(xAxis, value, index) + (dodged ? dodge(group, groupCount) : 0);
      const x = xFraction(xAxis, unit);
      const cell = byKey.get(`${group}:${index}`);
      const seeds = cell?.values.length ?? 0;
      if (!cell || seeds === 0 || Number.isNaN(cell.median)) {
        empty.push({ group, index, value, x, seeds });
        return;
      }
      const point: ResponsePoint = {
        group,
        index,
        point: [...cell.point],
        value,
        x,
        median: cell.median,
        min: cell.min,
        max: cell.max,
        seeds,
        diverged: cell.diverged,
        y: yPosition(yAxis, cell.median),
        yMin: yPosition(yAxis, cell.min),
        yMax: yPosition(yAxis, cell.max),
      };
      anyHigh ||= point.yMax === 'high' || point.y === 'high';
      anyLow ||= point.yMin === 'low' || point.y === 'low';
      if (point.diverged > 0) divergedPoints += 1;
      points.push(point);
    });
    const best = response.best[group] ?? null;
    const bestPoint = best && sameSlice(best.point, slice) ? (points.find((p) => p.index === best.point[0]) ?? null) : null;
    groups.push({
      group,
      points,
      empty,
      lines: dodged ? [] : runsOf(points, (p) => typeof p.y === 'number'),
      bands: dodged ? [] : runsOf(points, (p) => p.yMin !== null && p.yMax !== null && p.seeds > 1),
      best: bestPoint,
    });
  }
  return { xAxis, yAxis, groups, anyHigh, anyLow, divergedPoints };
}

/**
 * An axis's tick labels in one notation: where any is written with an exponent (1e-4), all are (0.01 → 1e-2),
 * so a reader compares like with like; otherwise they stay as they are.
 */
export function oneNotation<T extends { label: string }>(ticks: readonly T[]): T[] {
  const exponent = /^-?\d+(\.\d+)?e-?\d+$/;
  if (!ticks.some((t) => exponent.test(t.label))) return [...ticks];
  return ticks.map((t) => {
    const value = Number(t.label);
    return Number.isFinite(value) && value !== 0 && !exponent.test(t.label) ? { ...t, label: value.toExponential().replace('e+', 'e') } : t;
  });
}
