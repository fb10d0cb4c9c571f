/**
 * A sweep's response (issue 17 §3): per group and grid point, the median over seeds of a chosen metric with its
 * min/max band, read at a chosen checkpoint ("at step"), and each group's best point by a rule stated in words.
 * A diverged run is never dropped: it counts as the worst value (+∞ for a loss, steps or area; −∞ for an
 * accuracy) and the cell says how many of its seeds diverged. TF.js-free.
 */
import type { SweepRunResult } from './types';
import { groupedNumber } from '../../text/groupedNumber';

/** Validation: the training rows held out of training, the set to select on (issue 17 §4); never the test set. */
export type LossSeries = 'trainLoss' | 'testLoss' | 'validationLoss';
export type AccuracySeries = 'trainAccuracy' | 'testAccuracy' | 'validationAccuracy';
export type MetricSeries = LossSeries | AccuracySeries;

export type SweepMetric =
  | { kind: 'final'; of: MetricSeries }
  | { kind: 'best'; of: MetricSeries }
  /** The first checkpoint step at which the loss is at or below `target` (+∞ if never). */
  | { kind: 'stepsTo'; of: LossSeries; target: number }
  /** Area under the loss curve (trapezoid rule over the checkpoints) divided by the steps it spans: the mean loss. */
  | { kind: 'area'; of: LossSeries };

/** Which run of the plan a result belongs to (config/sweep.ts's SweepRun has these). */
export interface SweepRunRef {
  index: number;
  group: number;
  point: readonly number[];
}

export interface ResponseCell {
  group: number;
  point: number[];
  /** Per finished seed, in run order. */
  values: number[];
  /** NaN when no seed has finished (a cancelled sweep). */
  median: number;
  min: number;
  max: number;
  /** Seeds that diverged at or before the checkpoint read (counted as the worst value). */
  diverged: number;
}

export interface GroupBest {
  group: number;
  point: number[];
  median: number;
}

export interface SweepResponse {
  metric: SweepMetric;
  /** The checkpoint read, and its step. */
  checkpoint: number;
  atStep: number;
  cells: ResponseCell[];
  /** Per group: its best point, or null when none has a finite median. */
  best: (GroupBest | null)[];
  /** The selection rule in words, e.g. "lowest median final test loss at step 2,000". */
  rule: string;
}

/** Each series in words, as the rule and the charts write it. */
export const SERIES_WORDS: Record<MetricSeries, string> = {
  trainLoss: 'train loss',
  testLoss: 'test loss',
  validationLoss: 'validation loss',
  trainAccuracy: 'train accuracy',
  testAccuracy: 'test accuracy',
  validationAccuracy: 'validation accuracy',
};

const ACCURACIES: readonly MetricSeries[] = ['trainAccuracy', 'testAccuracy', 'validationAccuracy'] satisfies AccuracySeries[];

export function higherIsBetter(metric: SweepMetric): boolean {
  return (metric.kind === 'final' || metric.kind === 'best') && ACCURACIES.includes(metric.of);
}

export function describeMetric(metric: SweepMetric): string {
  switch (metric.kind) {
    case 'final':
      return `final ${SERIES_WORDS[metric.of]}`;
    case 'best':
      return `best ${SERIES_WORDS[metric.of]}`;
    case 'stepsTo':
      return `steps to ${SERIES_WORDS[metric.of]} ${metric.target}`;
    case 'area':
      return `mean ${SERIES_WORDS[metric.of]} over training (area under the curve)`;
  }
}

function seriesOf(result: SweepRunResult, of: MetricSeries): number[] {
  return result[of] ?? [];
}

/** The metric of one run read at checkpoint `k` (the run's values up to and including it). */
export function metricOf(result: SweepRunResult, metric: SweepMetric, k: number): number {
  const worst = higherIsBetter(metric) ? Number.NEGATIVE_INFINITY : Number.POSITIVE_INFINITY;
  const steps = result.steps.slice(0, k + 1);
  if (result.diverged !== null && result.diverged.atStep <= steps[steps.length - 1]) return worst;
  const values = seriesOf(result, metric.of).slice(0, k + 1);
  if (values.length === 0) return Number.NaN;
  switch (metric.kind) {
    case 'final':
      return values[values.length - 1];
    case 'best': {
      const finite = values.filter(Number.isFinite);
      if (finite.length === 0) return worst;
      return higherIsBetter(metric) ? Math.max(...finite) : Math.min(...finite);
    }
    case 'stepsTo': {
      const at = values.findIndex((v) => v <= metric.target);
      return at < 0 ? Number.POSITIVE_INFINITY : steps[at];
    }
    case 'area': {
      if (steps.length < 2) return values[0];
      let area = 0;
      for (let i = 1; i < steps.length; i++) area += ((values[i] + values[i - 1]) / 2) * (steps[i] - steps[i - 1]);
      return area / (steps[steps.length - 1] - steps[0]);
    }
  }
}

export function median(values: readonly number[]): number {
  if (values.length === 0) return Number.NaN;
  const sorted = [...values].sort((a, b) => a - b);
  const mid = Math.floor(sorted.length / 2);
  if (sorted.length % 2 === 1) return sorted[mid];
  // A metric's worst value has one sign (+∞ for losses, −∞ for accuracies), so the middle two never sum to NaN.
  return (sorted[mid - 1] + sorted[mid]) / 2;
}

/**
 * Where the rule reads the runs: "at step 2,000"; before any result "at each run's last checkpoint" (not "at step
 * 0", which no run has reached); where the runs' steps differ there (a budget in epochs) the range of steps.
 */
function checkpointWords(results: readonly SweepRunResult[], k: number, longest: number): string {
  // At the last checkpoint a run that finished with fewer checkpoints (a budget of time can pass two twentieths
  // in one chunk) counts at its own last one; a diverged run stopped early and does not count.
  const last = k === longest - 1;
  const steps = [...new Set(results.flatMap((r) => (r.steps.length > k ? [r.steps[k]] : last && r.diverged === null ? [r.steps[r.steps.length - 1]] : [])))];
  if (steps.length === 0) return 'at each run\'s last checkpoint';
  const format = (n: number): string => groupedNumber(n);
  if (steps.length === 1) return `at step ${format(steps[0])}`;
  const where = k === longest - 1 ? 'at each run\'s last checkpoint' : `at checkpoint ${k} of ${longest - 1}`;
  return `${where} (steps ${format(Math.min(...steps))}–${format(Math.max(...steps))})`;
}

const pointKey = (group: number, point: readonly number[]): string => `${group}:${point.join(',')}`;

/**
 * The response of a sweep at checkpoint `checkpoint` (default: the last). `runs` are the plan's runs; `results`
 * the finished ones (any order, matched by index). Cells follow the plan's order (group, then grid point).
 */
export function sweepResponse(runs: readonly SweepRunRef[], results: readonly SweepRunResult[], metric: SweepMetric, checkpoint?: number): SweepResponse {
  const byIndex = new Map(results.map((r) => [r.index, r]));
  const longest = results.reduce((n, r) => Math.max(n, r.steps.length), 0);
  const k = Math.max(0, Math.min(checkpoint ?? longest - 1, longest - 1));
  const atStep = results.find((r) => r.steps.length > k)?.steps[k] ?? 0;
  const cells = new Map<string, ResponseCell>();
  let groups = 0;
  for (const run of runs) {
    groups = Math.max(groups, run.group + 1);
    const key = pointKey(run.group, run.point);
    const cell = cells.get(key) ?? { group: run.group, point: [...run.point], values: [], median: Number.NaN, min: Number.NaN, max: Number.NaN, diverged: 0 };
    cells.set(key, cell);
    const result = byIndex.get(run.index);
    if (!result) continue;
    cell.values.push(metricOf(result, metric, k));
    if (result.diverged !== null && result.diverged.atStep <= atStep) cell.diverged += 1;
  }
  const higher = higherIsBetter(metric);
  const best: (GroupBest | null)[] = Array.from({ length: groups }, () => null);
  for (const cell of cells.values()) {
    if (cell.values.length === 0) continue;
    cell.median = median(cell.values);
    cell.min = Math.min(...cell.values);
    cell.max = Math.max(...cell.values);
    const current = best[cell.group];
    if (!Number.isFinite(cell.median)) continue;
    if (current === null || (higher ? cell.median > current.median : cell.median < current.median)) {
      best[cell.group] = { group: cell.group, point: cell.point, median: cell.median };
    }
  }
  const rule = `${higher ? 'highest' : 'lowest'} median ${describeMetric(metric)} ${checkpointWords(results, k, longest)}`;
  return { metric, checkpoint: k, atStep, cells: [...cells.values()], best, rule };
}

/**
 * The metric a group's best is chosen on for a shown one (issue 17 §4): the same reading of the validation split
 * where the runs hold one out, else of the training set; never of the test set, which is only reported at the
 * chosen value. Accuracies are chosen on an accuracy, losses on a loss.
 */
export function selectionMetric(shown: SweepMetric, validation: boolean): SweepMetric {
  const loss: LossSeries = validation ? 'validationLoss' : 'trainLoss';
  switch (shown.kind) {
    case 'final':
    case 'best': {
      const accuracy = ACCURACIES.includes(shown.of);
      if (shown.of === 'validationLoss' || shown.of === 'validationAccuracy') return shown;
      return { kind: shown.kind, of: accuracy ? (validation ? 'validationAccuracy' : 'trainAccuracy') : loss };
    }
    case 'stepsTo':
    case 'area':
      return shown.of === 'validationLoss' ? shown : { ...shown, of: loss };
  }
}

/** How a response's bests were chosen, where not on the metric it shows. */
export interface Selection {
  metric: SweepMetric;
  /** Per group: the chosen point's median of the selection metric. */
  medians: (number | null)[];
}

/**
 * A group's test figures at its chosen point (issue 17 §4: "the test metric is reported at the chosen value"): the
 * median over seeds of the final test loss, and of the final test accuracy where the task has classes (else null),
 * read at the response's checkpoint. Reported only; never used to choose.
 */
export interface TestAtBest {
  loss: number;
  accuracy: number | null;
}

/** A response whose bests were chosen by selectionMetric, with what chose them and the test figures there. */
export interface SelectedResponse extends SweepResponse {
  selection: Selection | null;
  /** Per group: the test figures at its best point, or null where it has none. */
  test: (TestAtBest | null)[];
}

/** The median at one group's point of a response (NaN where the point has no cell or no finished seed). */
function medianAt(response: SweepResponse, pick: Pick<GroupBest, 'group' | 'point'>): number {
  const cell = response.cells.find((c) => c.group === pick.group && c.point.length === pick.point.length && c.point.every((v, i) => v === pick.point[i]));
  return cell?.median ?? Number.NaN;
}

/**
 * The test figures at each best: the final test loss (and accuracy, where any run has one) read through
 * sweepResponse at the same checkpoint as the chart, so a diverged seed counts as the worst value there too.
 */
function testAtBest(runs: readonly SweepRunRef[], results: readonly SweepRunResult[], best: readonly (GroupBest | null)[], checkpoint?: number): (TestAtBest | null)[] {
  const loss = sweepResponse(runs, results, { kind: 'final', of: 'testLoss' }, checkpoint);
  const classes = results.some((r) => r.testAccuracy?.some(Number.isFinite) ?? false);
  const accuracy = classes ? sweepResponse(runs, results, { kind: 'final', of: 'testAccuracy' }, checkpoint) : null;
  return best.map((pick) => (pick ? { loss: medianAt(loss, pick), accuracy: accuracy ? medianAt(accuracy, pick) : null } : null));
}

/**
 * The response of `shown`, each group's best chosen by selectionMetric (validation, else train; never test): the
 * best's `median` is the shown metric's at that point, `selection` says what chose it (null where the shown
 * metric is the selection metric), and `test` gives the test figures at each best (reported, not chosen on). The
 * rule states the selection.
 */
export function selectedResponse(runs: readonly SweepRunRef[], results: readonly SweepRunResult[], shown: SweepMetric, validation: boolean, checkpoint?: number): SelectedResponse {
  const response = sweepResponse(runs, results, shown, checkpoint);
  const metric = selectionMetric(shown, validation);
  const where = validation ? 'on the validation split (never the test set)' : 'on the training set (no validation split; never the test set)';
  if (metric.of === shown.of) {
    const rule = metric.of === 'validationLoss' || metric.of === 'validationAccuracy' ? `${response.rule}, ${where}` : response.rule;
    return { ...response, rule, selection: null, test: testAtBest(runs, results, response.best, checkpoint) };
  }
  const chosen = sweepResponse(runs, results, metric, checkpoint);
  const best = chosen.best.map((pick): GroupBest | null => (pick ? { group: pick.group, point: pick.point, median: medianAt(response, pick) } : null));
  const rule = `${chosen.rule}, ${where}; the chart shows ${describeMetric(shown)}`;
  return { ...response, best, rule, selection: { metric, medians: chosen.best.map((pick) => pick?.median ?? null) }, test: testAtBest(runs, results, best, checkpoint) };
}
