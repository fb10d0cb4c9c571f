/**
 * The numbers of the comparison's summary table, computed from a run's bounded metric history (runSeries.ts):
 * final and best losses, accuracy, when the run first reached a target loss, time per step, and for a run
 * repeated over seeds each seed's final loss (for its band). Framework-free, so Node tests hold it, and the
 * CSV export is the same numbers as text.
 */
import { bandOf, bandsOverlap, type Band, type BandKind } from '../../engine/seedBand';
import { newRunSeries, seedColumn, type MetricHistory } from '../../state/runSeries';

/** The columns of a run's metric history that the summary reads (plus `train@s` for a repeated run). */
export interface SummaryHistory {
  step: readonly number[];
  wallMs: readonly number[];
  trainLoss: readonly number[];
  testLoss: readonly number[];
  trainAccuracy: readonly number[];
  testAccuracy: readonly number[];
  [column: string]: readonly number[];
}

/** What a run shows before the worker has reported it. */
export const EMPTY_SUMMARY_HISTORY: SummaryHistory = newRunSeries(1).metrics.columns as MetricHistory;

export interface TargetReached {
  step: number;
  /** Training time of the run at that tick (its own ticks only, paused time excluded). */
  wallMs: number;
}

export interface RunSummary {
  steps: number;
  finalTrainLoss: number;
  bestTrainLoss: number;
  finalTestLoss: number;
  bestTestLoss: number;
  /** NaN for regression (no classes to count). */
  trainAccuracy: number;
  testAccuracy: number;
  /** The first reported tick whose train loss is at or below the target; null while none is. */
  target: TargetReached | null;
  msPerStep: number;
  seedCount: number;
  /** Each seed's latest train loss, for a repeated run; empty for a single seed. */
  seedFinalTrainLosses: number[];
}

/** The newest value of a column, NaN when it is empty. */
export function lastOf(column: readonly number[] | undefined): number {
  return column && column.length > 0 ? column[column.length - 1] : Number.NaN;
}

/** The lowest finite value (a diverged tick's NaN or Infinity is no one's best), NaN when there is none. */
export function bestOf(column: readonly number[]): number {
  let best = Number.POSITIVE_INFINITY;
  for (const value of column) if (Number.isFinite(value) && value < best) best = value;
  return best === Number.POSITIVE_INFINITY ? Number.NaN : best;
}

/**
 * The first tick at or below `target`. Losses are reported once per tick, so a crossing between two ticks
 * counts at the later one: the step is an upper bound by at most a tick's steps. Compacted history keeps
 * each span's minimum, so a crossing in the older part is found at most one span late.
 */
export function firstReaching(history: Pick<SummaryHistory, 'step' | 'wallMs' | 'trainLoss'>, target: number): TargetReached | null {
  if (Number.isNaN(target)) return null;
  const index = history.trainLoss.findIndex((loss) => loss <= target);
  return index < 0 ? null : { step: history.step[index], wallMs: history.wallMs[index] };
}

/**
 * The target the summary times: the one the person typed, or else (null) the loss every run has reached, the
 * highest of the runs' best train losses. So every run has a time, whatever the loss's scale (0.69 at the
 * start of a 2-class problem, about 30 for the MNIST autoencoder), and the column reads "how soon did each
 * run get where the slowest one got". NaN while no run has a finite loss.
 */
export function effectiveTargetLoss(chosen: number | null, histories: readonly Pick<SummaryHistory, 'trainLoss'>[]): number {
  if (chosen !== null) return chosen;
  const bests = histories.map((history) => bestOf(history.trainLoss)).filter(Number.isFinite);
  return bests.length > 0 ? Math.max(...bests) : Number.NaN;
}

/** Training time per step so far, evaluation included (the same clock as the time to the target). */
export function msPerStepOf(history: Pick<SummaryHistory, 'step' | 'wallMs'>): number {
  const steps = lastOf(history.step);
  return steps > 0 ? lastOf(history.wallMs) / steps : Number.NaN;
}

export function seedFinalLosses(history: SummaryHistory, seedCount: number): number[] {
  if (seedCount <= 1) return [];
  return Array.from({ length: seedCount }, (_, s) => lastOf(history[seedColumn('train', s)]));
}

export function summarizeRun(history: SummaryHistory, seedCount: number, targetLoss: number): RunSummary {
  return {
    steps: history.step.length > 0 ? lastOf(history.step) : 0,
    finalTrainLoss: lastOf(history.trainLoss),
    bestTrainLoss: bestOf(history.trainLoss),
    finalTestLoss: lastOf(history.testLoss),
    bestTestLoss: bestOf(history.testLoss),
    trainAccuracy: lastOf(history.trainAccuracy),
    testAccuracy: lastOf(history.testAccuracy),
    target: firstReaching(history, targetLoss),
    msPerStep: msPerStepOf(history),
    seedCount,
    seedFinalTrainLosses: seedFinalLosses(history, seedCount),
  };
}

export interface SummaryRow {
  position: number;
  name: string;
  summary: RunSummary;
}

export interface BandComparison {
  /** Positions ("Run 1") of the two runs, the first the lower median. */
  lower: number;
  higher: number;
  lowerBand: Band;
  higherBand: Band;
  overlap: boolean;
}

/**
 * Every pair of repeated runs, by their seeds' final train losses: overlapping bands mean the difference
 * between the runs is within seed-to-seed noise. Runs whose seeds all diverged (a NaN band) are left out.
 */
export function compareFinalBands(rows: readonly SummaryRow[], kind: BandKind): BandComparison[] {
  const repeated = rows
    .filter((row) => row.summary.seedCount > 1)
    .map((row) => ({ position: row.position, band: bandOf(row.summary.seedFinalTrainLosses, kind) }))
    .filter((run) => Number.isFinite(run.band.median));
  const pairs: BandComparison[] = [];
  repeated.forEach((a, i) =>
    repeated.slice(i + 1).forEach((b) => {
      const [lower, higher] = a.band.median <= b.band.median ? [a, b] : [b, a];
      pairs.push({ lower: lower.position, higher: higher.position, lowerBand: lower.band, higherBand: higher.band, overlap: bandsOverlap(a.band, b.band) });
    }),
  );
  return pairs;
}

/** One CSV field (RFC 4180): quoted when it holds a comma, quote or line break; a non-finite number is empty. */
export function csvField(value: string | number): string {
  if (typeof value === 'number') return Number.isFinite(value) ? String(value) : '';
  return /[",\r\n]/.test(value) ? `"${value.replace(/"/g, '""')}"` : value;
}

export const SUMMARY_CSV_HEADER = [
  'run',
  'name',
  'seeds',
  'steps',
  'final_train_loss',
  'best_train_loss',
  'final_test_loss',
  'best_test_loss',
  'train_accuracy',
  'test_accuracy',
  'target_train_loss',
  'steps_to_target',
  'training_ms_to_target',
  'ms_per_step',
  'seed_min_final_train_loss',
  'seed_max_final_train_loss',
] as const;

/** The summary as CSV: one row per run, with its name and every number (empty where there is none). */
export function summaryCsv(rows: readonly SummaryRow[], targetLoss: number): string {
  const lines = rows.map(({ position, name, summary: s }) => {
    const seeds = bandOf(s.seedFinalTrainLosses, 'minmax');
    return [
      position,
      name,
      s.seedCount,
      s.steps,
      s.finalTrainLoss,
      s.bestTrainLoss,
      s.finalTestLoss,
      s.bestTestLoss,
      s.trainAccuracy,
      s.testAccuracy,
      targetLoss,
      s.target?.step ?? Number.NaN,
      s.target?.wallMs ?? Number.NaN,
      s.msPerStep,
      seeds.low,
      seeds.high,
    ]
      .map(csvField)
      .join(',');
  });
  return [SUMMARY_CSV_HEADER.join(','), ...lines].join('\n') + '\n';
}
