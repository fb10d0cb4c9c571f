/**
 * What one run of the exported Optuna script says about the check (scripts/verify-optuna.ts, issue 17 §7): with
 * torch and optuna present (the check has already imported both), a script that exits non-zero or is killed has
 * FAILED verification, not "could not run"; only a Python that cannot be started, or a module the script imports
 * that is not installed (Python's "ModuleNotFoundError: No module named …": The Python Standard Library, "Built-in
 * Exceptions", ModuleNotFoundError), leaves the check not run. Neither is ever a pass. Pure, so it is tested
 * without Python (optunaVerdict.test.ts).
 */

/** The parts of `spawnSync`'s result the verdict reads (node:child_process SpawnSyncReturns). */
export interface ScriptRun {
  status: number | null;
  signal: NodeJS.Signals | null;
  stderr: string;
  /** Set when the process could not be started, or was killed at `timeout` (code ETIMEDOUT). */
  error?: Error & { code?: string };
}

export type ScriptVerdict =
  | { kind: 'ran' }
  /** The check could not run here: exit 2, never a pass. */
  | { kind: 'could-not-run'; exitCode: 2; why: string }
  /** The script ran and failed: exit 1, a verification failure, with the tail of its stderr. */
  | { kind: 'failed'; exitCode: 1; why: string; stderrTail: string };

/** How much of the script's stderr the verdict keeps: enough for a Python traceback's last frames. */
export const STDERR_TAIL = 3000;

const MISSING_MODULE = /ModuleNotFoundError: No module named '([^']+)'/;

/** The verdict of one run of the script with `args` ('float32' when none). */
export function scriptVerdict(run: ScriptRun, args: readonly string[]): ScriptVerdict {
  const what = args.join(' ') || 'float32';
  const timedOut = run.error?.code === 'ETIMEDOUT';
  if (run.error && !timedOut) return { kind: 'could-not-run', exitCode: 2, why: `the script could not be started (${what}): ${run.error.message}` };
  if (run.status === 0 && !timedOut) return { kind: 'ran' };
  const missing = MISSING_MODULE.exec(run.stderr);
  if (missing) return { kind: 'could-not-run', exitCode: 2, why: `the script needs the Python module ${missing[1]}, not installed here (${what})` };
  const how = timedOut ? 'did not finish in time and was stopped' : run.status !== null ? `exited with ${run.status}` : `was killed by ${run.signal ?? 'a signal'}`;
  return { kind: 'failed', exitCode: 1, why: `the exported script ${how} (${what}) with torch and optuna present`, stderrTail: run.stderr.slice(-STDERR_TAIL) };
}
