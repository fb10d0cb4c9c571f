/**
 * A sweep scene opened by its address starts its sweep, as picking it in the scene picker does (ScenePicker.tsx,
 * README: "a scene with a sweep starts it when picked"): the address names the scene, and the scene is the ask.
 * Without this the card said "a sweep, not a run" beside a panel that only held its set-up (new-user walk,
 * 2026-12-07). It starts once every run has shown its first evaluation, so the estimate has their data's shape
 * (startSweep.ts), and is loaded then, off the entry's start-up (issue 20 §7).
 */
import type { ConfigStore } from '../../state/configStore';
import { useRunStore } from '../../state/runStore';

/** Starts the sweep written in the panel once the runs are shown; returns the function that gives up waiting. */
export function startSweepOnceShown(configStore: ConfigStore): () => void {
  const shown = (): boolean => {
    const reported = useRunStore.getState().runs;
    const runs = configStore.getState().runs;
    return runs.length > 0 && runs.every((run) => reported[run.id]?.latest);
  };
  let started = false;
  const start = (): void => {
    if (started || !shown()) return;
    started = true;
    unsubscribe();
    void import('./startSweep').then(({ startSweep }) => startSweep(configStore));
  };
  const unsubscribe = useRunStore.subscribe(start);
  start();
  return unsubscribe;
}
