/**
 * Which test examples make the difference between runs, free of the DOM. Meding, Schulze Buschoff, Geirhos
 * and Wichmann, "Trivial or impossible — dichotomous data difficulty masks model differences (on ImageNet and
 * beyond)", ICLR 2022 (arXiv:2110.05922), compared many models image by image: about half of ImageNet's
 * validation images are right for every model ("trivial"), a seventh wrong for every one ("impossible"), and
 * only the rest can tell two models apart. Here the "models" are the visible runs of a comparison, each
 * judged by its latest readback of which test examples it gets right (worker tick `correct`; a repeated run one
 * seed at a time, `seedCorrect`). Runs are compared only on the same test set: same data set, task, split
 * (training share and seed) and, for the generated sets, points and noise; the others are left out and named.
 */
import type { RunId } from '../../config/runs';
import { isGenerated, type DatasetName } from '../../engine/data/problem';
import type { Rgb } from './classColors';
import { groupedNumber } from '../../text/groupedNumber';

/** What the model needs of one run. */
export interface DifficultyRun {
  id: RunId;
  /** "Run 2" */
  label: string;
  /** The runs list's name ("LocoProp-M, γ = 3"). */
  name: string;
  /** The algorithm's name for people (runs are also grouped by it). */
  algorithm: string;
  /** testSetKey of the run's config. */
  testSet: string;
  /** Per test example, 1 where the run is right; null before its first evaluation with the confusion matrix. */
  correct: Uint8Array | null;
  /** Why the run cannot be compared at all here (it has no such seed), or absent. */
  missing?: string;
}

/** The settings that decide which examples are a run's test set (the validation split is carved from training). */
export interface TestSetSettings {
  dataset: DatasetName;
  task: string;
  points: number;
  noise: number;
  trainPercent: number;
  seed: number;
}

/** Runs with equal keys have the same test examples in the same order. */
export function testSetKey(config: TestSetSettings): string {
  const generated = isGenerated(config.dataset) ? `, ${config.points} points, noise ${config.noise}%` : '';
  return `${config.dataset} (${config.task}${generated}), ${config.trainPercent}% train, seed ${config.seed}`;
}

export interface LeftOutRun {
  id: RunId;
  label: string;
  reason: string;
}

/** A share of the test examples: how many, and that over all compared. */
export interface Part {
  count: number;
  share: number;
}

export interface DifficultyModel {
  /** The runs compared, in the order given; at least one. */
  runs: DifficultyRun[];
  leftOut: LeftOutRun[];
  /** The test set compared (testSetKey) and its examples. */
  testSet: string;
  count: number;
  /** Per example, how many of `runs` get it right, and that as a share. */
  right: Uint8Array;
  share: Float32Array;
  /** Right for every run, for none, for some but not all. */
  all: Part;
  none: Part;
  some: Part;
}

const partOf = (count: number, total: number): Part => ({ count, share: total > 0 ? count / total : 0 });

/**
 * The split over the runs that share a test set with `reference` (the selected run; else the set most runs
 * have, the first of them on a tie). Runs without a readback yet, on another test set, or whose readback covers
 * another number of examples (a heavy run evaluates fewer rows) are left out with the reason. Null when no run
 * has a readback.
 */
export function difficultyModel(runs: readonly DifficultyRun[], reference: RunId | null = null): DifficultyModel | null {
  const read = runs.filter((run) => run.correct !== null);
  if (read.length === 0) return null;
  const anchor = read.find((run) => run.id === reference) ?? mostCommonSet(read);
  const length = anchor.correct?.length ?? 0;
  const compared: DifficultyRun[] = [];
  const leftOut: LeftOutRun[] = [];
  for (const run of runs) {
    const reason =
      run.missing !== undefined
        ? run.missing
        : run.correct === null
          ? 'not evaluated yet'
          : run.testSet !== anchor.testSet
            ? `another test set (${run.testSet})`
            : run.correct.length !== length
              ? `${groupedNumber(run.correct.length)} test examples evaluated, not ${groupedNumber(length)}`
              : null;
    if (reason === null) compared.push(run);
    else leftOut.push({ id: run.id, label: run.label, reason });
  }
  const right = new Uint8Array(length);
  for (const run of compared) for (let i = 0; i < length; i++) right[i] += run.correct?.[i] ?? 0;
  const share = Float32Array.from(right, (r) => r / compared.length);
  let all = 0;
  let none = 0;
  for (const r of right) {
    if (r === compared.length) all++;
    else if (r === 0) none++;
  }
  return {
    runs: compared,
    leftOut,
    testSet: anchor.testSet,
    count: length,
    right,
    share,
    all: partOf(all, length),
    none: partOf(none, length),
    some: partOf(length - all - none, length),
  };
}

function mostCommonSet(runs: readonly DifficultyRun[]): DifficultyRun {
  const counts = new Map<string, number>();
  for (const run of runs) counts.set(run.testSet, (counts.get(run.testSet) ?? 0) + 1);
  const best = Math.max(...counts.values());
  return runs.find((run) => counts.get(run.testSet) === best) ?? runs[0];
}

/** Runs judged together: one run, or every compared run of one algorithm. */
export interface RunGroup {
  key: string;
  label: string;
  runIds: RunId[];
}

/**
 * Each compared run on its own, and, where the runs use two algorithms or more and one of them has several
 * runs, each algorithm's runs together ("the runs of one algorithm against another's").
 */
export function difficultyGroups(model: DifficultyModel): RunGroup[] {
  const single = model.runs.map((run) => ({ key: `run:${run.id}`, label: `${run.label} (${run.name})`, runIds: [run.id] }));
  const byAlgorithm = new Map<string, RunId[]>();
  for (const run of model.runs) byAlgorithm.set(run.algorithm, [...(byAlgorithm.get(run.algorithm) ?? []), run.id]);
  const together = byAlgorithm.size >= 2 && [...byAlgorithm.values()].some((ids) => ids.length > 1);
  if (!together) return single;
  return [...single, ...[...byAlgorithm].map(([algorithm, runIds]) => ({ key: `algorithm:${algorithm}`, label: `every ${algorithm} run (${runIds.length})`, runIds }))];
}

/** Per example, 1 where every run of `a` is right and every run of `b` wrong. */
export function rightAndWrong(model: DifficultyModel, a: RunGroup, b: RunGroup): Uint8Array {
  const byId = new Map(model.runs.map((run) => [run.id, run.correct ?? new Uint8Array(model.count)]));
  const rightIn = a.runIds.map((id) => byId.get(id)).filter((c): c is Uint8Array => c !== undefined);
  const wrongIn = b.runIds.map((id) => byId.get(id)).filter((c): c is Uint8Array => c !== undefined);
  return Uint8Array.from({ length: model.count }, (_, i) => Number(rightIn.every((c) => c[i] === 1) && wrongIn.every((c) => c[i] === 0)));
}

export const FILTER_ALL = 'all';
export const FILTER_DIFFER = 'differ';

export interface FilterOption {
  value: string;
  label: string;
}

const pairValue = (a: RunGroup, b: RunGroup): string => `${a.key}>${b.key}`;

/** "all examples", "where runs differ", then "where A is right and B wrong" for each ordered pair of groups that share no run. */
export function filterOptions(groups: readonly RunGroup[]): FilterOption[] {
  const options: FilterOption[] = [
    { value: FILTER_ALL, label: 'all examples' },
    { value: FILTER_DIFFER, label: 'where runs differ' },
  ];
  for (const a of groups) {
    for (const b of groups) {
      if (a === b || a.runIds.some((id) => b.runIds.includes(id))) continue;
      options.push({ value: pairValue(a, b), label: `where ${a.label} is right and ${b.label} wrong` });
    }
  }
  return options;
}

/** The two groups a pair filter names, or null for another value. */
export function filterPair(value: string, groups: readonly RunGroup[]): [RunGroup, RunGroup] | null {
  const [aKey, bKey] = value.split('>');
  const a = groups.find((g) => g.key === aKey);
  const b = groups.find((g) => g.key === bKey);
  return a && b && value === pairValue(a, b) ? [a, b] : null;
}

/** Per example, 1 where the filter keeps it; null for "all examples" or a filter these groups no longer have. */
export function filterMask(model: DifficultyModel, groups: readonly RunGroup[], value: string): Uint8Array | null {
  if (value === FILTER_DIFFER) return Uint8Array.from(model.right, (r) => Number(r > 0 && r < model.runs.length));
  const pair = filterPair(value, groups);
  return pair ? rightAndWrong(model, pair[0], pair[1]) : null;
}

const AGREEMENT_STOPS: readonly Rgb[] = [
  [0, 0, 0], // right for no run: black
  [204, 121, 167], // right for half: Okabe–Ito reddish purple #CC79A7
  [255, 255, 255], // right for every run: white
];

/**
 * The colour of a share of runs right: black (none) through reddish purple to white (all), lightness rising
 * with the share so it reads without hue too; distinct from the class colours under the points.
 */
export function agreementColor(share: number): Rgb {
  const t = Math.min(1, Math.max(0, Number.isFinite(share) ? share : 0));
  const [from, to, s] = t < 0.5 ? [AGREEMENT_STOPS[0], AGREEMENT_STOPS[1], t * 2] : [AGREEMENT_STOPS[1], AGREEMENT_STOPS[2], t * 2 - 1];
  return [0, 1, 2].map((i) => Math.round(from[i] + (to[i] - from[i]) * s)) as Rgb;
}
