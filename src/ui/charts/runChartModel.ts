/**
 * The output charts' series over several runs, apart from the renderer (TensorBoard's line_chart_v2): each
 * chart gets id-keyed series `{id, points}` and a metadata map (run, colour, dash, width, opacity) that says
 * how to draw them. Every run is placed on the chosen x-axis with its own columns (its own epochs, examples
 * and wall time), so runs that trained at different speeds compare honestly on "time".
 */
import type { RunId } from '../../config/runs';
import type { ProblemTask } from '../../engine/data/problem';
import type { BandKind } from '../../engine/seedBand';
import type { RateLog } from '../../engine/session';
import { seedColumn, type MetricHistory, type ProbeHistory } from '../../state/runSeries';
import type { XAxisKind } from '../../state/viewStore';
import { countTicks, extent, nearestPoint, niceTicks, prepareLine, prepareSeedBand, type BandPoint, type Point, type PrepareOptions } from './lineChartModel';
import { interpolate } from './series';

/** What a chart needs of one run: who it is (as the runs list names it) and its histories. */
export interface ChartRun {
  id: RunId;
  position: number;
  name: string;
  color: string;
  task: ProblemTask;
  seeds: readonly number[];
  history: MetricHistory;
  rateHistory: RateLog;
  /** Each probe's history by name (src/probes). */
  probes: Record<string, ProbeHistory>;
}

export interface LineSeries {
  id: string;
  points: Point[];
}

export interface BandSeries {
  id: string;
  points: BandPoint[];
}

/** How one series is drawn; `axis` is the y-axis it belongs to where a chart has two. */
export interface SeriesStyle {
  runId: RunId;
  color: string;
  dash: string | undefined;
  width: number;
  opacity: number;
  axis: 'left' | 'right';
}

export interface ChartModel {
  /** Drawn in order: raw lines first, so the bold ones stay on top. */
  lines: LineSeries[];
  /** Drawn behind every line. */
  bands: BandSeries[];
  styles: Record<string, SeriesStyle>;
  /** The runs with at least one point drawn. */
  runIds: RunId[];
  xDomain: [number, number] | null;
}

interface Runlike {
  id: RunId;
  position: number;
  name: string;
  color: string;
}

/** The runs a chart draws: in the runs list's order, reported by the worker, and not hidden. */
export function visibleChartRuns(
  views: readonly Runlike[],
  data: Readonly<Record<RunId, (Omit<ChartRun, keyof Runlike | 'task'> & { problem: { task: ProblemTask } }) | undefined>>,
  hidden: ReadonlySet<RunId>,
): ChartRun[] {
  const runs: ChartRun[] = [];
  for (const view of views) {
    const run = data[view.id];
    if (run && !hidden.has(view.id)) runs.push({ ...view, task: run.problem.task, seeds: run.seeds, history: run.history, rateHistory: run.rateHistory, probes: run.probes });
  }
  return runs;
}

export const runLabel = (run: Pick<Runlike, 'position' | 'name'>): string => `Run ${run.position} · ${run.name}`;

/** A run's x values on `axis`, one per row of its history; time is the run's own training time in seconds. */
export function axisValues(history: MetricHistory, axis: XAxisKind): number[] {
  if (axis === 'epoch') return history.epoch;
  if (axis === 'examples') return history.examplesSeen;
  if (axis === 'time') return history.wallMs.map((ms) => ms / 1000);
  return history.step;
}

/** Maps a step of a run to `axis` through its metric history (rates and layer statistics have steps only). */
export function stepToAxis(history: MetricHistory, axis: XAxisKind): (step: number) => number {
  if (axis === 'step') return (step) => step;
  const ys = axisValues(history, axis);
  return (step) => interpolate(history.step, ys, step);
}

/**
 * The x range of the runs' metric histories on `axis`, joined with `extra` (say the rates' own x values): the
 * charts under the loss chart span at least what it spans, so their x positions line up with its.
 */
export function runsXDomain(runs: readonly ChartRun[], axis: XAxisKind, extra: readonly LineSeries[] = []): [number, number] | null {
  const xs: number[] = [];
  for (const run of runs) for (const x of axisValues(run.history, axis)) xs.push(x);
  for (const line of extra) for (const p of line.points) if (p.y !== null) xs.push(p.x);
  return extent(xs);
}

const anyFinite = (values: readonly number[]): boolean => values.some(Number.isFinite);

function xDomainOf(lines: readonly LineSeries[]): [number, number] | null {
  return extent(lines.flatMap((line) => line.points.map((p) => (p.y === null ? null : p.x))));
}

export const LOSS_METRICS = [
  { kind: 'train', column: 'trainLoss', dash: undefined, bandOpacity: 0.2 },
  { kind: 'test', column: 'testLoss', dash: '6 3', bandOpacity: 0.1 },
] as const;

export interface LossOptions extends PrepareOptions {
  axis: XAxisKind;
  band: BandKind;
}

/**
 * Train (solid) and test (dashed) loss of every run in its colour. A single-seed run is its smoothed line with
 * the raw one faint behind when smoothing is on; a repeated run is the median of its seeds inside a band
 * (min–max or interquartile), without the raw line, whose job the band does.
 */
export function lossChartModel(runs: readonly ChartRun[], options: LossOptions): ChartModel {
  const raw: LineSeries[] = [];
  const main: LineSeries[] = [];
  const bands: BandSeries[] = [];
  const styles: Record<string, SeriesStyle> = {};
  const runIds: RunId[] = [];
  for (const run of runs) {
    const xs = axisValues(run.history, options.axis);
    const style = (dash: string | undefined, width: number, opacity: number): SeriesStyle => ({ runId: run.id, color: run.color, dash, width, opacity, axis: 'left' });
    let drawn = false;
    for (const metric of LOSS_METRICS) {
      const ys = run.history[metric.column];
      if (!anyFinite(ys)) continue; // no test set, or nothing evaluated yet
      drawn = true;
      const id = `${run.id}/${metric.kind}`;
      const perSeed = run.seeds.map((_, s) => run.history[seedColumn(metric.kind, s)]);
      if (run.seeds.length > 1 && perSeed.every((column) => column !== undefined)) {
        const { median, band } = prepareSeedBand(xs, perSeed, options.band, options);
        main.push({ id, points: median });
        bands.push({ id: `${id}/band`, points: band });
        styles[`${id}/band`] = style(undefined, 0, metric.bandOpacity);
      } else {
        const { raw: rawPoints, smoothed } = prepareLine(xs, ys, options);
        if (options.smoothing > 0) {
          raw.push({ id: `${id}/raw`, points: rawPoints });
          styles[`${id}/raw`] = style(metric.dash, 1, 0.25);
        }
        main.push({ id, points: smoothed });
      }
      styles[id] = style(metric.dash, 2, 1);
    }
    if (drawn) runIds.push(run.id);
  }
  const lines = [...raw, ...main];
  return { lines, bands, styles, runIds, xDomain: xDomainOf(lines) };
}

/** The smallest and largest value drawn, bands included (positive only on a log axis); null if none. */
export function valueExtent(model: ChartModel, logY: boolean): [number, number] | null {
  const values: (number | null)[] = [];
  for (const line of model.lines) for (const p of line.points) values.push(p.y);
  for (const band of model.bands) for (const p of band.points) if (p.range) values.push(p.range[0], p.range[1]);
  return extent(values, logY);
}

export interface LegendEntry {
  runId: RunId;
  label: string;
  color: string;
  /** How a repeated run is drawn, or null. */
  note: string | null;
}

const BAND_WORDS: Record<BandKind, string> = { minmax: 'min–max', iqr: 'interquartile' };

/** One entry per run (train and test are told apart by a separate solid/dashed key, not per run). */
export function legendEntries(runs: readonly ChartRun[], band: BandKind): LegendEntry[] {
  return runs.map((run) => ({
    runId: run.id,
    label: runLabel(run),
    color: run.color,
    note: run.seeds.length > 1 ? `median of ${run.seeds.length} seeds, ${BAND_WORDS[band]} band` : null,
  }));
}

export interface ReadoutRow {
  runId: RunId;
  label: string;
  color: string;
  /** Per loss kind: the drawn value nearest the pointer, and the band there for a repeated run. */
  values: { kind: 'train' | 'test'; value: number; range: [number, number] | null }[];
}

/** The numbers under the pointer (at data value `x`), per run, from what is drawn. */
export function lossReadout(model: ChartModel, runs: readonly ChartRun[], x: number): ReadoutRow[] {
  const lines = new Map(model.lines.map((line) => [line.id, line.points]));
  const bands = new Map(model.bands.map((band) => [band.id, band.points]));
  const rows: ReadoutRow[] = [];
  for (const run of runs) {
    const values: ReadoutRow['values'] = [];
    for (const { kind } of LOSS_METRICS) {
      const points = lines.get(`${run.id}/${kind}`) ?? [];
      const i = nearestPoint(points, x);
      const value = i >= 0 ? points[i].y : null;
      if (value !== null) values.push({ kind, value, range: bands.get(`${run.id}/${kind}/band`)?.[i]?.range ?? null });
    }
    if (values.length > 0) rows.push({ runId: run.id, label: runLabel(run), color: run.color, values });
  }
  return rows;
}

/** The x ticks for `axis`: whole numbers on the axes that count (steps, examples), 1-2-5 steps on the others. */
export function xTicks(domain: [number, number], axis: XAxisKind): number[] {
  return axis === 'step' || axis === 'examples' ? countTicks(domain) : niceTicks(domain, false);
}
