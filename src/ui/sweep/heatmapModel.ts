/**
 * The heatmap's model (issue 17 §3): a sweep of two fields, one grid per group, each cell coloured by its median
 * on one scale shared by all groups (so the small multiples compare), better always darker. The colours are
 * viridis (van der Walt and Smith, matplotlib's default colour map, 2015), a perceptually uniform sequential scale
 * whose lightness rises monotonically from dark purple to yellow and reads in the common colour-vision
 * deficiencies and in grey. The stops are viridis(9) as R's viridisLite package gives them. Pure.
 */
import type { SweepValue } from '../../config/sweep';
import { higherIsBetter, type ResponseCell, type SweepResponse } from '../../engine/sweep/response';
import { oneNotation } from './responseChartModel';
import { formatCompact, formatSweepValue } from './sweepAxes';

export type RGB = [number, number, number];

const VIRIDIS: readonly RGB[] = [
  [0x44, 0x01, 0x54],
  [0x47, 0x2d, 0x7b],
  [0x3b, 0x52, 0x8b],
  [0x2c, 0x72, 0x8e],
  [0x21, 0x90, 0x8c],
  [0x27, 0xad, 0x81],
  [0x5d, 0xc8, 0x63],
  [0xaa, 0xdc, 0x32],
  [0xfd, 0xe7, 0x25],
];

/** The sequential colour at `t` in [0, 1] (clamped): 0 darkest, 1 lightest. */
export function sequentialColor(t: number): RGB {
  const f = Math.min(1, Math.max(0, Number.isFinite(t) ? t : 0)) * (VIRIDIS.length - 1);
  const i = Math.min(VIRIDIS.length - 2, Math.floor(f));
  const s = f - i;
  return [0, 1, 2].map((c) => Math.round(VIRIDIS[i][c] + (VIRIDIS[i + 1][c] - VIRIDIS[i][c]) * s)) as RGB;
}

/** WCAG 2.x relative luminance of an sRGB colour (0 black … 1 white). */
export function relativeLuminance([r, g, b]: RGB): number {
  const lin = (v: number): number => {
    const c = v / 255;
    return c <= 0.04045 ? c / 12.92 : ((c + 0.055) / 1.055) ** 2.4;
  };
  return 0.2126 * lin(r) + 0.7152 * lin(g) + 0.0722 * lin(b);
}

export const rgb = ([r, g, b]: RGB): string => `rgb(${r}, ${g}, ${b})`;

export type CellState = 'empty' | 'value' | 'off' | 'missing';

export interface HeatCell {
  group: number;
  /** Index on the first field (column) and on the second (row). */
  i: number;
  j: number;
  /** The point's index in the plan's grid order (first field outermost): i × (values of the second) + j. */
  pointIndex: number;
  value: [SweepValue, SweepValue];
  median: number;
  seeds: number;
  diverged: number;
  /** empty: not yet run; value: a finite median; off: a median at ±∞ (diverged); missing: run, but the metric has no value. */
  state: CellState;
  /** The cell's colour (null unless state is 'value'), and whether text on it should be light. */
  fill: RGB | null;
  lightText: boolean;
}

export interface HeatGrid {
  group: number;
  /** Column-major: cells[i * rows + j]. */
  cells: HeatCell[];
  best: HeatCell | null;
}

export interface ColourScale {
  /** The finite medians' range, and whether it is mapped on a log scale (positive values spanning over two decades). */
  low: number;
  high: number;
  log: boolean;
  /** Whether the lower end is the better one (losses, steps) or the higher (accuracies). */
  lowerIsBetter: boolean;
  /** Legend ticks inside [low, high]. */
  ticks: number[];
}

export interface HeatmapModel {
  columns: string[];
  rows: string[];
  grids: HeatGrid[];
  scale: ColourScale;
}

/** The colour position of a value in [low, high]: 0 for the better end (darkest), 1 for the worse. */
export function colourPosition(v: number, scale: Pick<ColourScale, 'low' | 'high' | 'log' | 'lowerIsBetter'>): number {
  const f = (x: number): number => (scale.log ? Math.log10(x) : x);
  const t = scale.high > scale.low ? (f(v) - f(scale.low)) / (f(scale.high) - f(scale.low)) : 0.5;
  const clamped = Math.min(1, Math.max(0, t));
  return scale.lowerIsBetter ? clamped : 1 - clamped;
}

function legendTicks(low: number, high: number, log: boolean): number[] {
  if (!(high > low)) return [low];
  if (log) {
    const ticks: number[] = [];
    for (let e = Math.ceil(Math.log10(low) - 1e-9); e <= Math.floor(Math.log10(high) + 1e-9); e++) ticks.push(Number((10 ** e).toPrecision(12)));
    return [low, ...ticks.filter((t) => t > low * 1.3 && t < high / 1.3), high];
  }
  return [low, (low + high) / 2, high];
}

/** The heatmap of `response` over the two fields' values (`columns` the first field's, `rows` the second's). */
export function heatmapModel(response: SweepResponse, columns: readonly SweepValue[], rows: readonly SweepValue[], options: { groups?: number } = {}): HeatmapModel {
  const inGrid = (c: ResponseCell): boolean => c.point.length === 2 && c.point[0] >= 0 && c.point[0] < columns.length && c.point[1] >= 0 && c.point[1] < rows.length;
  const cells = response.cells.filter(inGrid);
  const finite = cells.map((c) => c.median).filter(Number.isFinite);
  const low = finite.length ? Math.min(...finite) : 0;
  const high = finite.length ? Math.max(...finite) : 1;
  const log = low > 0 && high / low > 100;
  const scale: ColourScale = { low, high, log, lowerIsBetter: !higherIsBetter(response.metric), ticks: legendTicks(low, high, log) };
  const byKey = new Map(cells.map((c) => [`${c.group}:${c.point[0]}:${c.point[1]}`, c]));
  const groupCount = Math.max(options.groups ?? 0, response.best.length, ...cells.map((c) => c.group + 1));
  const grids: HeatGrid[] = [];
  for (let group = 0; group < groupCount; group++) {
    const gridCells: HeatCell[] = [];
    columns.forEach((column, i) =>
      rows.forEach((row, j) => {
        const cell = byKey.get(`${group}:${i}:${j}`);
        const seeds = cell?.values.length ?? 0;
        const median = cell && seeds > 0 ? cell.median : Number.NaN;
        const state: CellState = seeds === 0 ? 'empty' : Number.isFinite(median) ? 'value' : Number.isNaN(median) ? 'missing' : 'off';
        const fill = state === 'value' ? sequentialColor(colourPosition(median, scale)) : null;
        gridCells.push({
          group,
          i,
          j,
          pointIndex: i * rows.length + j,
          value: [column, row],
          median,
          seeds,
          diverged: cell?.diverged ?? 0,
          state,
          fill,
          lightText: fill !== null && relativeLuminance(fill) < 0.2,
        });
      }),
    );
    const best = response.best[group];
    const bestCell = best && best.point.length === 2 ? (gridCells.find((c) => c.i === best.point[0] && c.j === best.point[1]) ?? null) : null;
    grids.push({ group, cells: gridCells, best: bestCell && bestCell.state === 'value' ? bestCell : null });
  }
  return { columns: formatAxisValues(columns), rows: formatAxisValues(rows), grids, scale };
}

/** A heatmap axis's ticks: numbers compact (1e-3, 0.03) and in one notation for the axis, as the response chart's (oneNotation); choices as themselves. */
export function formatAxisValues(values: readonly SweepValue[]): string[] {
  return oneNotation(values.map((v) => ({ label: typeof v === 'number' ? formatCompact(v) : formatSweepValue(v) }))).map((t) => t.label);
}
