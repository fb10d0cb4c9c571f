/**
 * A run's histories as bounded series (boundedSeries.ts): the metrics of every tick (with each seed's losses
 * for a repeated run), the rates of every (sampled) step, and per diagnosed tick the layers' target shifts and
 * statistics. `appendTick` applies one tick of the worker; the stores hand the series' columns to the charts.
 */
import type { RateLog } from '../engine/session';
import { ALGORITHMS } from '../algorithms/registry';
import type { WorkerEvent } from '../worker/protocol';
import { BoundedSeries } from './boundedSeries';

/** The rate series' columns, in the order appendTick gives their values. */
const RATE_COLUMNS = ['steps', 'learningRates', 'momenta'] as const;
const METRIC_KEYS = ['step', 'epoch', 'examplesSeen', 'wallMs', 'trainLoss', 'testLoss', 'trainAccuracy', 'testAccuracy', 'learningRate', 'validationLoss'] as const;
type MetricKey = (typeof METRIC_KEYS)[number];

/** The metric columns, plus `train@s` / `test@s` per seed index s of a repeated run. */
export type MetricHistory = Record<MetricKey, number[]> & Record<string, number[]>;

/** The relative target shift ‖T − H‖/‖H‖ of every layer, one entry per diagnosed tick. */
export interface ShiftHistory {
  step: number[];
  /** Index into ALGORITHMS of the algorithm diagnosed: a number, so it compacts with the other columns. */
  algorithm: number[];
  byLayer: number[][];
}

/** One probe's history (src/probes): per diagnosed tick, each quantity per layer. */
export interface ProbeHistory {
  step: number[];
  /** Index into ALGORITHMS of the algorithm diagnosed. */
  algorithm: number[];
  /** quantity → layer → values (one per diagnosed tick). */
  byQuantity: Record<string, number[][]>;
}

/**
 * How many points each history of a run holds at most, and how many of the newest at full resolution, so a
 * run of a million steps takes the memory of one of ten thousand (issue 9: the page's heap grew ~23 bytes a
 * step, mostly the per-step rates). The charts draw about 600 points; compaction leaves the older part at
 * least 2,688 points evenly along the steps, 4 or more per drawn point, so spikes survive the charts' own
 * decimation too. 512 recent ticks are the last ~25 s at 20 ticks a second, and 512 rates 2 ticks of 256
 * samples (or the last 512 steps of a slower run). Together about 0.4 MB of numbers per run.
 */
export const HISTORY_LIMITS = {
  metrics: { capacity: 4096, recent: 512 },
  rates: { capacity: 4096, recent: 512 },
  /** Diagnosed ticks come at most 4 a second: 256 recent ones are the last minute or so. */
  shifts: { capacity: 2048, recent: 256 },
} as const;

export interface RunSeries {
  metrics: BoundedSeries<string>;
  rates: BoundedSeries<keyof RateLog>;
  /** Created at the first diagnosed tick, when the number of layers is known. */
  shifts: BoundedSeries<string> | null;
  /** Per probe, made at its first reading, when the number of layers is known. */
  probes: Record<string, BoundedSeries<string>>;
  /** The stretches divergences took back (oldest first, at most MAX_DIVERGED_SEGMENTS): see recordDivergence. */
  diverged: DivergedSegment[];
}

/**
 * What one divergence took off the chart: the run's line from the step it was put back to, through the steps
 * the restore undid, to the diverged evaluation. The columns hold one entry per point; the first is the last
 * charted point at or before the restored step (where the line goes on), the last the diverged one.
 */
export interface DivergedSegment {
  step: number[];
  epoch: number[];
  examplesSeen: number[];
  wallMs: number[];
  trainLoss: number[];
  /** The diverged evaluation: its step and train loss (one seed's, `seed`, for a repeated run; null for a single seed). */
  atStep: number;
  loss: number;
  seed: number | null;
  restoredStep: number;
}

/** A run that diverges again and again keeps its latest segments only. */
export const MAX_DIVERGED_SEGMENTS = 8;

type DivergedFact = Pick<Extract<WorkerEvent, { type: 'diverged' }>, 'atStep' | 'trainLoss' | 'restoredStep' | 'seed'>;

export const seedColumn = (kind: 'train' | 'test', seedIndex: number): string => `${kind}@${seedIndex}`;

export function newRunSeries(seedCount: number): RunSeries {
  const seedColumns = seedCount > 1 ? Array.from({ length: seedCount }, (_, s) => [seedColumn('train', s), seedColumn('test', s)]).flat() : [];
  return {
    metrics: new BoundedSeries({ columns: [...METRIC_KEYS, ...seedColumns], x: 'step', extremes: ['trainLoss', 'testLoss'], ...HISTORY_LIMITS.metrics }),
    rates: new BoundedSeries({ columns: RATE_COLUMNS, x: 'steps', extremes: ['learningRates', 'momenta'], ...HISTORY_LIMITS.rates }),
    shifts: null,
    probes: {},
    diverged: [],
  };
}

/**
 * Keeps what a divergence is about to take off the chart (call it on the `diverged` event, before the tick of
 * the restored state pops those rows): the rows after `restoredStep`, the row the line goes on from, and the
 * diverged evaluation itself, which never reaches the metric series. The worker reports the diverged point's
 * step alone: its epoch, examples and training time are carried on in proportion to the step from the last
 * row (all three grow with the steps), NaN when no row has a step above 0.
 */
export function recordDivergence(series: RunSeries, fact: DivergedFact, seedCount: number): DivergedSegment {
  const { step, epoch, examplesSeen, wallMs, trainLoss } = series.metrics.columns;
  let first = step.length;
  while (first > 0 && step[first - 1] > fact.restoredStep) first -= 1;
  const from = Math.max(0, first - 1);
  const rows = (column: number[]): number[] => column.slice(from).filter((_, i) => step[from + i] < fact.atStep);
  const segment: DivergedSegment = {
    step: rows(step),
    epoch: rows(epoch),
    examplesSeen: rows(examplesSeen),
    wallMs: rows(wallMs),
    trainLoss: rows(trainLoss),
    atStep: fact.atStep,
    loss: fact.trainLoss,
    seed: seedCount > 1 ? fact.seed : null,
    restoredStep: fact.restoredStep,
  };
  const last = segment.step.length - 1;
  const perStep = (column: number[]): number => (last >= 0 && segment.step[last] > 0 ? (column[last] * fact.atStep) / segment.step[last] : Number.NaN);
  const carried = [perStep(segment.epoch), perStep(segment.examplesSeen), perStep(segment.wallMs)];
  segment.step.push(fact.atStep);
  segment.epoch.push(carried[0]);
  segment.examplesSeen.push(carried[1]);
  segment.wallMs.push(carried[2]);
  segment.trainLoss.push(fact.trainLoss);
  series.diverged = [...series.diverged, segment].slice(-MAX_DIVERGED_SEGMENTS);
  return segment;
}

const layerColumn = (name: string, m: number): string => `${name}@${m}`;

function perLayerSeries(names: string[], layers: number): BoundedSeries<string> {
  const columns = names.flatMap((name) => Array.from({ length: layers }, (_, m) => layerColumn(name, m)));
  return new BoundedSeries({ columns: ['step', 'algorithm', ...columns], x: 'step', extremes: columns, ...HISTORY_LIMITS.shifts });
}

const byLayer = (series: BoundedSeries<string>, name: string, layers: number): number[][] => Array.from({ length: layers }, (_, m) => series.columns[layerColumn(name, m)]);

type Tick = Omit<Extract<WorkerEvent, { type: 'tick' }>, 'type'>;

/**
 * Appends one tick to the series (mutating them) and returns the views that changed identity: a series made
 * at this tick (the first diagnosed one) has new columns to hand out.
 */
export function appendTick(series: RunSeries, tick: Tick): { shiftHistory?: ShiftHistory; probes?: Record<string, ProbeHistory> } {
  const { metric, rates, diagnostics, probes, seedLosses, algorithm } = tick;
  const { metrics } = series;
  // Every step the page shows after a restore (divergence: the counter went back) or a re-evaluation
  // (moving backend) replaces what was charted at that step and later: the chart never runs backwards.
  while (metrics.length > 0 && (metrics.last('step') ?? -Infinity) >= metric.step) metrics.pop();
  const point: Record<string, number> = { ...metric };
  seedLosses?.train.forEach((loss, s) => (point[seedColumn('train', s)] = loss));
  seedLosses?.test.forEach((loss, s) => (point[seedColumn('test', s)] = loss));
  metrics.push(point);
  // Compaction keeps the step order, so popping from the end still finds every undone step, compacted or not.
  while (rates.steps.length > 0 && (series.rates.last('steps') ?? -Infinity) >= rates.steps[0]) series.rates.pop();
  const rate = new Float64Array(RATE_COLUMNS.length);
  for (let i = 0; i < rates.steps.length; i++) {
    rate[0] = rates.steps[i];
    rate[1] = rates.learningRates[i];
    rate[2] = rates.momenta[i];
    series.rates.pushValues(rate);
  }

  const views: { shiftHistory?: ShiftHistory; probes?: Record<string, ProbeHistory> } = {};
  const algorithmIndex = ALGORITHMS.indexOf(algorithm);
  if (diagnostics && diagnostics.length > 0) {
    const layers = diagnostics.length;
    // The layer count is fixed within a run; if it differs anyway, the old columns no longer name these layers.
    if (!series.shifts || !(layerColumn('shift', layers - 1) in series.shifts.columns) || layerColumn('shift', layers) in series.shifts.columns) {
      series.shifts = perLayerSeries(['shift'], layers);
      views.shiftHistory = { step: series.shifts.columns.step, algorithm: series.shifts.columns.algorithm, byLayer: byLayer(series.shifts, 'shift', layers) };
    }
    const shift: Record<string, number> = { step: metric.step, algorithm: algorithmIndex };
    diagnostics.forEach((layer, m) => (shift[layerColumn('shift', m)] = layer.shift));
    series.shifts.push(shift);
  }
  for (const [name, reading] of Object.entries(probes ?? {})) {
    const quantities = Object.keys(reading);
    const layers = reading[quantities[0]]?.length ?? 0;
    if (layers === 0) continue;
    let probeSeries = series.probes[name];
    if (!probeSeries || !quantities.every((q) => layerColumn(q, layers - 1) in probeSeries.columns && !(layerColumn(q, layers) in probeSeries.columns))) {
      probeSeries = perLayerSeries(quantities, layers);
      series.probes[name] = probeSeries;
      const created = probeSeries;
      views.probes = { ...views.probes, [name]: { step: created.columns.step, algorithm: created.columns.algorithm, byQuantity: Object.fromEntries(quantities.map((q) => [q, byLayer(created, q, layers)])) } };
    }
    const row: Record<string, number> = { step: metric.step, algorithm: algorithmIndex };
    quantities.forEach((q) => reading[q].forEach((value, m) => (row[layerColumn(q, m)] = value)));
    probeSeries.push(row);
  }
  return views;
}
