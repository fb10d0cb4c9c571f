/**
 * The plain path's runs kept on the test page, so that a later run of the same case reuses them: a mutant's
 * check reuses the exact kernel's reference and rounding patterns (sensitivity.ts), and pays only for its fused
 * runs. Only the plain path is kept (the fused kernel under test is swapped between runs, the plain path never
 * is), keyed by everything it depends on; the oldest go first.
 */
const KEPT = 12;
const kept = new Map<string, Promise<unknown>>();

/** `compute()`, or what it gave for the same `key` before on this page. */
export function keptRun<T>(key: unknown, compute: () => Promise<T>): Promise<T> {
  const text = JSON.stringify(key);
  const found = kept.get(text) as Promise<T> | undefined;
  if (found) return found;
  const run = compute();
  kept.set(text, run);
  // A run that fails is not kept.
  run.catch(() => kept.delete(text));
  while (kept.size > KEPT) kept.delete(kept.keys().next().value as string);
  return run;
}
