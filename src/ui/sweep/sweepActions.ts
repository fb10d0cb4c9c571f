/**
 * What the sweep's results open (issue 17 §3–4), as configs: one point of the grid and one seed (the sweep's
 * run exactly: same config, same seed, so the same data, initial weights and batches), and each group at its
 * best point with the sweep's seeds, with the rule that chose it in words. Pure.
 */
import type { ExperimentConfig } from '../../config/experiment';
import { budgetWords, inSentence, sweepAxisLabel } from '../../config/sweep';
import type { SelectedResponse, SweepMetric, TestAtBest } from '../../engine/sweep/response';
import type { SweepRecord } from '../../state/sweepStore';
import { formatMetricValue, formatSweepValue } from './sweepAxes';

const samePoint = (a: readonly number[], b: readonly number[]): boolean => a.length === b.length && a.every((v, i) => v === b[i]);

/** The config of the sweep's run of `group` at `point` with its `seedIndex`-th seed, or null if there is none. */
export function pointConfig(record: SweepRecord, group: number, point: readonly number[], seedIndex = 0): ExperimentConfig | null {
  return record.plan.runs.find((run) => run.group === group && run.seedIndex === seedIndex && samePoint(run.point, point))?.config ?? null;
}

/** What opening a point adds: the sweep's run as a config, named by its group, value and seed, and where it is in words. */
export interface OpenedPoint {
  config: ExperimentConfig;
  /** The run's name in the runs list and legends: "Backprop, Adam at learning rate 0.01, seed 5". */
  label: string;
  /** The point's values: "learning rate 0.01". */
  where: string;
}

/** The sweep's run of `group` at `point` with its `seedIndex`-th seed, to open as a run; null if there is none. */
export function openedPoint(record: SweepRecord, group: number, point: readonly number[], seedIndex = 0): OpenedPoint | null {
  const config = pointConfig(record, group, point, seedIndex);
  if (!config) return null;
  const where = pointWords(record, point);
  return { config, label: `${groupName(record, group)} at ${where}, seed ${config.seed}`, where };
}

function groupName(record: SweepRecord, group: number): string {
  return record.groupNames[group] ?? `group ${group + 1}`;
}

/** A point's values in words, as the results panel writes them: "learning rate 0.01, batch size 32". */
function pointWords(record: SweepRecord, point: readonly number[]): string {
  return record.plan.fields.map((field, axis) => `${inSentence(sweepAxisLabel(field))} ${formatSweepValue(record.plan.axisValues[axis][point[axis]])}`).join(', ');
}

export interface TunedComparison {
  /** One config per group that has a best point, repeated over the sweep's seeds. */
  configs: ExperimentConfig[];
  /** Which groups they are, in order. */
  groups: number[];
  /** How the values were chosen, in words, for the page and the card. */
  statement: string;
}

/**
 * The sweep's budget carried to the comparison, so it trains as the sweep measured: the same stop for steps and
 * for whole epochs (the training budget, engine/budget.ts); for a budget of time, equal-time pacing (the live
 * budget counts steps or epochs only).
 */
function comparisonBudget(plan: SweepRecord['plan']): { fields: Partial<ExperimentConfig>; words: string } {
  if (plan.budgetUnit === 'seconds') {
    return { fields: { pacing: 'time', budget: 0 }, words: `They train at equal time, as the sweep gave each run ${budgetWords(plan)}; pause them when you like.` };
  }
  if (plan.budgetUnit === 'epochs' && !Number.isInteger(plan.budget)) {
    return { fields: {}, words: `The sweep's ${budgetWords(plan)} are not a whole number, so no stop is set: set "Stop at" yourself.` };
  }
  return { fields: { budget: plan.budget, budgetUnit: plan.budgetUnit }, words: `They stop at ${budgetWords(plan)}, as the sweep's runs did.` };
}

const TEST_LOSS: SweepMetric = { kind: 'final', of: 'testLoss' };
const TEST_ACCURACY: SweepMetric = { kind: 'final', of: 'testAccuracy' };

/**
 * A best's test figures in words (issue 17 §4: "the test metric is reported at the chosen value"): "median final
 * test loss 0.3000 and final test accuracy 70.0%"; `shown`, the metric the words beside already give, is left out
 * ('' when nothing is left). Read by engine/sweep/response.ts selectedResponse; never used to choose.
 */
export function testWords(test: TestAtBest, shown?: SweepMetric): string {
  const same = (of: 'testLoss' | 'testAccuracy'): boolean => shown?.kind === 'final' && shown.of === of;
  const parts = [
    same('testLoss') ? null : `final test loss ${formatMetricValue(TEST_LOSS, test.loss)}`,
    test.accuracy === null || same('testAccuracy') ? null : `final test accuracy ${formatMetricValue(TEST_ACCURACY, test.accuracy)}`,
  ].filter((part): part is string => part !== null);
  return parts.length > 0 ? `median ${parts.join(' and ')}` : '';
}

/**
 * Each group at its best point (by the response's rule), over the sweep's seeds, and the statement of how, with
 * each best's test figures (reported there, never chosen on).
 */
export function compareAtBest(record: SweepRecord, response: SelectedResponse): TunedComparison | null {
  const configs: ExperimentConfig[] = [];
  const groups: number[] = [];
  const chosen: string[] = [];
  const budget = comparisonBudget(record.plan);
  response.best.forEach((best, group) => {
    if (!best) return;
    const config = pointConfig(record, group, best.point, 0);
    if (!config) return;
    configs.push({ ...config, repeatSeeds: record.plan.seeds, ...budget.fields });
    groups.push(group);
    const test = response.test[group];
    chosen.push(`${groupName(record, group)} at ${pointWords(record, best.point)}${test ? ` (${testWords(test)})` : ''}`);
  });
  if (configs.length === 0) return null;
  const grid = record.plan.fields.map((field, axis) => `${record.plan.axisValues[axis].length} values of ${inSentence(sweepAxisLabel(field))}`).join(' × ');
  const seeds = `${record.plan.seeds} seed${record.plan.seeds === 1 ? '' : 's'}`;
  const statement = `Each run at its best value from a sweep of ${grid}, ${seeds}, ${budgetWords(record.plan)} a run: ${response.rule}. ${chosen.join('; ')}. The test figures are medians over the seeds at the chosen values, reported, never used to choose. ${budget.words}`;
  return { configs, groups, statement };
}
