/**
 * The difficulty model (difficultyModel.ts) of the visible runs, for the panel, the plane and the gallery. It
 * is recomputed only when some run's correctness readback changes (it comes with the confusion matrix, a few
 * times a second at most), and looked at no more than every 250 ms. A repeated run is compared one seed at a
 * time (the panel's seed select, difficultyView `seedIndex`): seed k of each run, whose split is its own.
 */
import { useEffect, useMemo, useState } from 'react';
import { ALGORITHM_INFO } from '../../algorithms/registry';
import type { RunId } from '../../config/runs';
import { hasClasses } from '../../engine/data/problem';
import { useComparisonView } from '../../state/comparisonView';
import { useDifficultyView } from '../../state/difficultyView';
import { useRunStore } from '../../state/runStore';
import { useSelectedRunId } from '../services';
import { useRuns, type RunView } from '../useRuns';
import { difficultyGroups, difficultyModel, filterMask, testSetKey, type DifficultyModel, type DifficultyRun, type RunGroup } from './difficultyModel';

const INTERVAL_MS = 250;

/** A run's latest readback (every seed's, for a repeated run), the step it was read at, and whether its problem has classes. */
export interface Reading {
  correct: Uint8Array | null;
  seedCorrect: (Uint8Array | null)[] | null;
  step: number | null;
  classes: boolean;
}

export type Readings = Readonly<Record<RunId, Reading>>;

function sameReadings(a: Readings, b: Readings): boolean {
  const keys = Object.keys(a);
  return keys.length === Object.keys(b).length && keys.every((id) => b[id] !== undefined && b[id].correct === a[id].correct && b[id].classes === a[id].classes);
}

/** Every run's reading, a new object only when a readback changed (throttled; held while `paused`). */
function useReadings(paused: boolean): Readings {
  const [readings, setReadings] = useState<Readings>({});
  useEffect(() => {
    if (paused) return;
    let timer: ReturnType<typeof setTimeout> | null = null;
    let shown: Readings = {};
    const read = (): void => {
      timer = null;
      const runs = useRunStore.getState().runs;
      const next: Record<RunId, Reading> = {};
      for (const [id, run] of Object.entries(runs)) {
        const kept = shown[id];
        next[id] = kept && kept.correct === run.correct ? kept : { correct: run.correct, seedCorrect: run.seedCorrect, step: run.correct ? (run.latest?.step ?? null) : null, classes: hasClasses(run.problem) };
      }
      if (sameReadings(shown, next)) return;
      shown = next;
      setReadings(next);
    };
    read();
    const unsubscribe = useRunStore.subscribe(() => {
      if (timer === null) timer = setTimeout(read, INTERVAL_MS);
    });
    return () => {
      unsubscribe();
      if (timer !== null) clearTimeout(timer);
    };
  }, [paused]);
  return readings;
}

/**
 * The visible runs with classes as the model compares them at seed `seedIndex` (0: each run's own seed; k: its
 * (k+1)-th, seed + k, with that seed's split): a run with fewer seeds is left out and says so.
 */
export function comparedRuns(views: readonly RunView[], readings: Readings, hidden: ReadonlySet<RunId>, seedIndex: number): DifficultyRun[] {
  const shown: DifficultyRun[] = [];
  for (const view of views) {
    const reading = readings[view.id];
    if (!reading?.classes || hidden.has(view.id)) continue;
    const seeds = view.config.repeatSeeds;
    const correct = seedIndex === 0 ? reading.correct : (reading.seedCorrect?.[seedIndex] ?? null);
    const run: DifficultyRun = {
      id: view.id,
      label: `Run ${view.position}`,
      name: view.name,
      algorithm: ALGORITHM_INFO[view.config.algorithm].label,
      testSet: testSetKey({ ...view.config, seed: view.config.seed + seedIndex }),
      correct: seedIndex < seeds ? correct : null,
    };
    shown.push(seedIndex < seeds ? run : { ...run, missing: `it trains ${seeds === 1 ? 'one seed' : `${seeds} seeds`}` });
  }
  return shown;
}

export interface Difficulty {
  model: DifficultyModel;
  groups: RunGroup[];
  /** The filter's examples (1 = kept), or null for all of them. */
  mask: Uint8Array | null;
  /** Visible runs of a problem with classes (the panel shows from two). */
  visibleRuns: number;
  /** The steps of the compared runs' readbacks, lowest and highest (equal in lockstep once every run reported). */
  steps: { from: number; to: number } | null;
  /** The seed compared (difficultyView `seedIndex`, kept below the most seeds a visible run trains) and that most. */
  seedIndex: number;
  maxSeeds: number;
}

/** Null until a visible run with classes has read back which examples it gets right. */
export function useDifficulty(paused = false): Difficulty | null {
  const views = useRuns();
  const hidden = useComparisonView((state) => state.hidden);
  const selectedId = useSelectedRunId();
  const filter = useDifficultyView((state) => state.filter);
  const chosenSeed = useDifficultyView((state) => state.seedIndex);
  const readings = useReadings(paused);
  const maxSeeds = Math.max(1, ...views.filter((view) => readings[view.id]?.classes && !hidden.has(view.id)).map((view) => view.config.repeatSeeds));
  // A seed chosen while a run trained more stays chosen; past the seeds there are now, each run's own.
  const seedIndex = chosenSeed < maxSeeds ? chosenSeed : 0;
  const runs = useMemo(() => comparedRuns(views, readings, hidden, seedIndex), [views, readings, hidden, seedIndex]);
  const model = useMemo(() => difficultyModel(runs, selectedId), [runs, selectedId]);
  const groups = useMemo(() => (model ? difficultyGroups(model) : []), [model]);
  const mask = useMemo(() => (model ? filterMask(model, groups, filter) : null), [model, groups, filter]);
  if (!model) return null;
  const steps = model.runs.map((run) => readings[run.id]?.step).filter((step): step is number => typeof step === 'number');
  return { model, groups, mask, visibleRuns: runs.length, steps: steps.length > 0 ? { from: Math.min(...steps), to: Math.max(...steps) } : null, seedIndex, maxSeeds };
}
