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
import { seedColumn, type DivergedSegment, type MetricHistory, type ProbeHistory } from '../../state/runSeries';
import type { XAxisKind } from '../../state/viewStore';
import { countTicks, extent, logTicks, nearestPoint, niceTicks, prepareLine, prepareSeedBand, type BandPoint, type Point, type PrepareOptions } from './lineChartModel';
import { interpolate } from './series';
import { bestTestMark, DIVERGED_AXIS_REACH, divergedMarks, type BestMark, type DivergedMark } from './lossMarks';

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
  /** The stretches divergences took back (runSeries.recordDivergence); absent or empty when none. */
  diverged?: readonly DivergedSegment[];
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
  data: Readonly<Record<RunId, (Omit<ChartRun, keyof Runlike | 'task' | 'diverged'> & { problem: { task: ProblemTask }; series?: { diverged: readonly DivergedSegment[] } }) | undefined>>,
  hidden: ReadonlySet<RunId>,
): ChartRun[] {
  const runs: ChartRun[] = [];
  for (const view of views) {
    const run = data[view.id];
    if (run && !hidden.has(view.id)) {
      runs.push({ ...view, task: run.problem.task, seeds: run.seeds, history: run.history, rateHistory: run.rateHistory, probes: run.probes, diverged: run.series?.diverged ?? [] });
    }
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
export function runsXDomain(runs: readonly ChartRun[], axis: XAxisKind, extra: readonly LineSeries[] = [], shown: (step: number, x: number) => boolean = () => true): [number, number] | null {
  const xs: number[] = [];
  for (const run of runs) axisValues(run.history, axis).forEach((x, i) => shown(run.history.step[i], x) && xs.push(x));
  for (const line of extra) for (const p of line.points) if (p.y !== null) xs.push(p.x);
  return extent(xs);
}

const anyFinite = (values: readonly number[]): boolean => values.some(Number.isFinite);

const anyPoint = (lines: readonly LineSeries[]): boolean => lines.some((line) => line.points.some((p) => p.y !== null));

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
  /** Show only the last this many steps (of the furthest run); 0 for all. */
  windowSteps?: number;
  /** A logarithmic x axis: points at x ≤ 0 (step 0, the untrained network) cannot be placed and are left out. */
  logX?: boolean;
}

export interface LossChartModel extends ChartModel {
  /** Each run's lowest test loss, on the chart or (inView false) said to be off it. */
  best: BestMark[];
  /** The stretches divergences took back, grey, after the runs' own lines. */
  diverged: DivergedMark[];
  /** The steps shown when a recent window leaves earlier ones off the chart; null when nothing is left off. */
  window: { from: number; to: number } | null;
  /** Whether a log x axis left out points at x ≤ 0. */
  leftOutAtZero: boolean;
}

/**
 * What the loss chart's view keeps of the runs' points (the charts under it keep the same, so their x positions
 * line up): steps from the furthest run's last step less `windowSteps` on (−∞ for all), and on a log x axis
 * only x > 0.
 */
export function lossView(runs: readonly ChartRun[], options: Pick<LossOptions, 'windowSteps' | 'logX'>): LossView {
  const last = extent(runs.flatMap((run) => run.history.step.slice(-1)));
  const windowSteps = options.windowSteps ?? 0;
  const windowStart = windowSteps > 0 && last ? last[1] - windowSteps : -Infinity;
  const logX = options.logX ?? false;
  const cut = runs.some((run) => run.history.step.some((step) => step < windowStart));
  return {
    windowStart,
    lastStep: last ? last[1] : null,
    shown: (step, x) => step >= windowStart && (!logX || x > 0),
    stepSpan: cut && last ? [windowStart, last[1]] : null,
  };
}

export interface LossView {
  windowStart: number;
  lastStep: number | null;
  shown: (step: number, x: number) => boolean;
  /**
   * The window's steps when it leaves some off: a step axis spans them even where few points fall in the window (at
   * full speed a point per tick), so the last 500 steps read as 500 steps, not as the one point at the end.
   */
  stepSpan: [number, number] | null;
}

/** The first index at or after which `keep` holds (the columns ascend), or the length. */
function firstKept(steps: readonly number[], xs: readonly number[], keep: (step: number, x: number) => boolean): number {
  let i = 0;
  while (i < steps.length && !keep(steps[i], xs[i])) i++;
  return i;
}

/**
 * Train (solid) and test (dashed) loss of every run in its colour. A single-seed run is its smoothed line with
 * the raw one faint behind when smoothing is on; a repeated run is the median of its seeds inside a band
 * (min–max or interquartile), without the raw line, whose job the band does. A recent window keeps the steps
 * from the furthest run's last step less `windowSteps` on, each line decimated within it; a log x axis
 * leaves out x ≤ 0. Each run's best test step and its diverged stretches come as marks.
 */
export function lossChartModel(runs: readonly ChartRun[], options: LossOptions): LossChartModel {
  const raw: LineSeries[] = [];
  const main: LineSeries[] = [];
  const bands: BandSeries[] = [];
  const styles: Record<string, SeriesStyle> = {};
  const runIds: RunId[] = [];
  const best: BestMark[] = [];
  const diverged: DivergedMark[] = [];
  const logX = options.logX ?? false;
  const { windowStart, lastStep, shown, stepSpan } = lossView(runs, options);
  const inWindow = (step: number): boolean => step >= windowStart;
  let cut = false;
  let leftOutAtZero = false;
  for (const run of runs) {
    const xs = axisValues(run.history, options.axis);
    const from = firstKept(run.history.step, xs, shown);
    if (run.history.step.some((step) => !inWindow(step))) cut = true;
    if (logX && run.history.step.some((step, i) => inWindow(step) && !(xs[i] > 0))) leftOutAtZero = true;
    const style = (dash: string | undefined, width: number, opacity: number): SeriesStyle => ({ runId: run.id, color: run.color, dash, width, opacity, axis: 'left' });
    let drawn = false;
    for (const metric of LOSS_METRICS) {
      const ys = run.history[metric.column];
      if (!anyFinite(ys.slice(from))) continue; // no test set, nothing evaluated yet, or nothing in the window
      drawn = true;
      const id = `${run.id}/${metric.kind}`;
      const perSeed = run.seeds.map((_, s) => run.history[seedColumn(metric.kind, s)]);
      if (run.seeds.length > 1 && perSeed.every((column) => column !== undefined)) {
        const { median, band } = prepareSeedBand(xs, perSeed, options.band, options, from);
        main.push({ id, points: median });
        bands.push({ id: `${id}/band`, points: band });
        styles[`${id}/band`] = style(undefined, 0, metric.bandOpacity);
      } else {
        const { raw: rawPoints, smoothed } = prepareLine(xs, ys, options, from);
        if (options.smoothing > 0) {
          raw.push({ id: `${id}/raw`, points: rawPoints });
          styles[`${id}/raw`] = style(metric.dash, 1, 0.25);
        }
        main.push({ id, points: smoothed });
      }
      styles[id] = style(metric.dash, 2, 1);
    }
    const marks = divergedMarks(run.id, run.diverged ?? [], options.axis, shown);
    diverged.push(...marks);
    if (drawn || marks.length > 0) runIds.push(run.id);
    const mark = bestTestMark(run, xs, shown);
    if (mark) best.push(mark);
  }
  const lines = [...raw, ...main];
  // On a log axis a point at x ≤ 0 cannot be placed: never drawn, even where the columns do not ascend.
  if (logX) for (const line of lines) line.points = line.points.map((p) => (p.x > 0 ? p : { x: p.x, y: null }));
  const window = cut && lastStep !== null ? { from: windowStart, to: lastStep } : null;
  const spanned = options.axis === 'step' && anyPoint(lines) ? stepSpan : null;
  return { lines, bands, styles, runIds, xDomain: spanned ?? xDomainOf([...lines, ...diverged]), best, diverged, window, leftOutAtZero };
}

/**
 * The smallest and largest value drawn, bands included (positive only on a log axis); null if none. A diverged
 * stretch takes the axis up to DIVERGED_AXIS_REACH times the highest value of the runs' own lines and no further
 * (lossMarks.ts): its points above that are clipped at the top edge.
 */
export function valueExtent(model: ChartModel & { diverged?: readonly DivergedMark[] }, logY: boolean): [number, number] | null {
  // Loops over the points into a typed array, no array of their values (the loss chart asks at each redraw,
  // issue 20 §7): range[0] the lowest value so far, range[1] the highest.
  const range = new Float64Array([Infinity, -Infinity]);
  for (const line of model.lines) for (const p of line.points) widen(range, p.y, logY);
  for (const band of model.bands) {
    for (const p of band.points) {
      if (!p.range) continue;
      widen(range, p.range[0], logY);
      widen(range, p.range[1], logY);
    }
  }
  const reach = range[0] <= range[1] ? Math.abs(range[1]) * DIVERGED_AXIS_REACH : Infinity;
  for (const mark of model.diverged ?? []) for (const p of mark.points) if (p.y !== null) widen(range, Math.min(p.y, reach), logY);
  return range[0] <= range[1] ? [range[0], range[1]] : null;
}

/** Widens `range` (lowest, highest) to take `v`, where `v` can be drawn (finite; above 0 on a log axis). */
function widen(range: Float64Array, v: number | null, logY: boolean): void {
  if (v === null || !Number.isFinite(v) || (logY && v <= 0)) return;
  if (v < range[0]) range[0] = v;
  if (v > range[1]) range[1] = v;
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
  /** Per loss kind: the drawn value nearest the pointer, where it was measured (`x`), and the band there for a repeated run. */
  values: { kind: 'train' | 'test'; value: number; x: number; range: [number, number] | null }[];
}

/** The x every value of the readout was measured at, or null when they were measured at different x. */
export function readoutX(rows: readonly ReadoutRow[]): number | null {
  const xs = new Set(rows.flatMap((row) => row.values.map((v) => v.x)));
  return xs.size === 1 ? [...xs][0] : null;
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
      if (value !== null) values.push({ kind, value, x: points[i].x, range: bands.get(`${run.id}/${kind}/band`)?.[i]?.range ?? null });
    }
    if (values.length > 0) rows.push({ runId: run.id, label: runLabel(run), color: run.color, values });
  }
  return rows;
}

/**
 * The x ticks for `axis`: whole numbers on the axes that count (steps, examples), 1-2-5 steps on the others;
 * on a log x axis decades, or the span's own 1-2-5 steps where it is too narrow for three decade ticks (logTicks).
 */
export function xTicks(domain: [number, number], axis: XAxisKind, logX = false): number[] {
  const counts = axis === 'step' || axis === 'examples';
  if (logX) return logTicks(domain, counts);
  return counts ? countTicks(domain) : niceTicks(domain, false);
}

