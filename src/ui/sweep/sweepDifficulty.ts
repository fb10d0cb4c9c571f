/**
 * Which test examples make the difference across a sweep's runs (issue 17 §6; Meding, Schulze Buschoff, Geirhos and
 * Wichmann, "Trivial or impossible — dichotomous data difficulty masks model differences (on ImageNet and beyond)",
 * ICLR 2022), free of the DOM: the runs of one seed, judged by which test examples their final θ gets right (the
 * sweep job records it, sweepEvaluation.ts testCorrectness), as the comparison's panel judges its live runs
 * (ui/charts/difficultyModel.ts, whose model, groups and filters these reuse). One seed at a time: a seed draws its
 * own train/test split, so runs of different seeds are not judged on the same examples.
 */
import type { SweepPlan } from '../../config/sweep';
import type { GroupBest } from '../../engine/sweep/response';
import type { SweepRunResult } from '../../engine/sweep/types';
import { difficultyGroups, testSetKey, type DifficultyModel, type DifficultyRun, type RunGroup } from '../charts/difficultyModel';

/** Which runs of the seed are compared: each group at its best point, or every run of the sweep. */
export type SweepCompared = 'best' | 'every';

/** The sweep's runs of seed `seedIndex` to compare, labelled by group and swept values (`valueWords`). */
export function sweepDifficultyRuns(
  plan: Pick<SweepPlan, 'runs'>,
  results: readonly SweepRunResult[],
  groupNames: readonly string[],
  best: readonly (GroupBest | null)[],
  compared: SweepCompared,
  seedIndex: number,
  valueWords: (point: readonly number[]) => string,
): DifficultyRun[] {
  const byIndex = new Map(results.map((result) => [result.index, result]));
  const chosen = plan.runs.filter((run) => {
    if (run.seedIndex !== seedIndex) return false;
    if (compared === 'every') return true;
    const pick = best[run.group];
    return pick !== null && pick !== undefined && pick.point.every((v, axis) => v === run.point[axis]);
  });
  return chosen.map((run) => {
    const group = groupNames[run.group] ?? `Group ${run.group + 1}`;
    return {
      id: `sweep-run-${run.index}`,
      label: compared === 'best' ? group : `${group} at ${valueWords(run.point)}`,
      // The seed is the section's (one seed at a time), so a run is named by its group and values alone.
      name: `${group} at ${valueWords(run.point)}`,
      // Runs are grouped by their sweep group, as the comparison's runs are by algorithm.
      algorithm: group,
      testSet: testSetKey(run.config),
      correct: byIndex.get(run.index)?.correct ?? null,
    };
  });
}

/**
 * The groups the filter offers: each run alone where each group is one run (its best), else each sweep group's runs
 * together (every run alone would offer a pair for every two of up to 512 runs).
 */
export function sweepDifficultyGroups(model: DifficultyModel, compared: SweepCompared): RunGroup[] {
  const groups = difficultyGroups(model);
  if (compared === 'every') return groups.filter((group) => group.key.startsWith('algorithm:'));
  // A best run by its name alone ("Backprop, SGD at learning rate 0.1"), not the comparison's "label (name)".
  return groups.filter((group) => group.key.startsWith('run:')).map((group) => ({ ...group, label: model.runs.find((run) => `run:${run.id}` === group.key)?.name ?? group.label }));
}
