/**
 * The plain path's runs kept on the test page, so that a later run of the same case reuses them: a mutant's
 * check reuses the exact kernel's reference and rounding patterns (sensitivity.ts), and pays only for its fused
 * runs; a run to fewer steps reuses one that recorded the state at every step count it asks for (the plain path
 * is the same steps from the same θ₀ whatever its length: a run to 3 steps holds the state a run to 1 step
 * ends in). Only the plain path is kept (the fused kernel under test is swapped between runs, the plain path
 * never is), keyed by everything it depends on but its step counts; the oldest go first.
 */
const KEPT = 12;

interface Kept {
  key: string;
  /** The step counts whose states the run recorded. */
  at: readonly number[];
  run: Promise<Map<number, unknown>>;
}

const kept: Kept[] = [];

/**
 * `compute()`: the states after each of the step counts `at`, or those of a run kept for the same `key` that
 * recorded every one of them.
 */
export function keptRun<T>(key: unknown, at: readonly number[], compute: () => Promise<Map<number, T>>): Promise<Map<number, T>> {
  const text = JSON.stringify(key);
  const found = kept.find((entry) => entry.key === text && at.every((steps) => entry.at.includes(steps)));
  if (found) return found.run as Promise<Map<number, T>>;
  const run = compute();
  const entry: Kept = { key: text, at: [...at], run };
  kept.push(entry);
  // A run that fails is not kept.
  run.catch(() => {
    const index = kept.indexOf(entry);
    if (index >= 0) kept.splice(index, 1);
  });
  while (kept.length > KEPT) kept.shift();
  return run;
}
