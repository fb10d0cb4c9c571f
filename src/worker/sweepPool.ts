/**
 * The page's side of a sweep (issue 17 §2): a pool of sweep workers, one per core (at most one per run), each
 * given its next run as soon as it reports the last, so the workers share the runs however long each takes.
 * Progress counts every worker's steps; the time left extrapolates the steps done so far. A cancel stops the
 * runs in progress and keeps every finished result; the workers are ended once the sweep is over.
 */
import type { ExperimentConfig } from '../config/experiment';
import type { SweepRunResult } from '../engine/sweep/types';
import type { SweepCsvFile, SweepRunFailure, SweepWorkerCommand, SweepWorkerEvent } from './sweepProtocol';

export interface SweepWorkerLike {
  postMessage(command: SweepWorkerCommand): void;
  onmessage: ((event: MessageEvent<SweepWorkerEvent>) => void) | null;
  onerror: ((event: ErrorEvent) => void) | null;
  terminate(): void;
}

export interface PoolRun {
  index: number;
  config: ExperimentConfig;
}

export interface PoolProgress {
  runsDone: number;
  runsFailed: number;
  runsTotal: number;
  /** Steps trained so far over all runs (finished runs count their budget), and in all. */
  stepsDone: number;
  stepsTotal: number;
  elapsedMs: number;
  /** Estimated from the steps done so far; null until a step is done. */
  remainingMs: number | null;
  workers: number;
}

export interface PoolListener {
  onResult(result: SweepRunResult, wallMs: number): void;
  /** Why, as facts (state/dataMessages.ts words them). */
  onFailed(index: number, failure: SweepRunFailure): void;
  onProgress(progress: PoolProgress): void;
  /** Once, when every run is done, failed or cancelled. */
  onDone(outcome: { cancelled: boolean }): void;
}

export interface PoolOptions {
  /** Steps a run trains (with `budgetEpochs`: the page's estimate, for the progress and the time left). */
  budgetSteps: number;
  checkpoints: number[];
  /** A budget in epochs of each run's own data, resolved in the worker (sweepJob.ts). */
  budgetEpochs?: number;
  /** A budget of training time per run, on each worker's own clock (sweepJob.ts). */
  budgetSeconds?: number;
  /** The session's CSV file, sent to every worker before its first run, for runs on `dataset=custom`. */
  csv?: SweepCsvFile;
  workers: number;
  createWorker?: () => SweepWorkerLike;
  now?: () => number;
}

export interface SweepPoolHandle {
  cancel(): void;
}

const newSweepWorker = (): SweepWorkerLike => new Worker(new URL('./sweepWorker.ts', import.meta.url), { type: 'module', name: 'locolab-sweep' });

/** Workers for `runs` runs on a device with `cores` logical cores: one per core, at least one, at most one per run. */
export function sweepWorkerCount(runs: number, cores: number | undefined): number {
  const available = Number.isInteger(cores) && (cores as number) > 0 ? (cores as number) : 1;
  return Math.max(1, Math.min(runs, available));
}

export function startSweepPool(runs: readonly PoolRun[], options: PoolOptions, listener: PoolListener): SweepPoolHandle {
  const now = options.now ?? (() => performance.now());
  const createWorker = options.createWorker ?? newSweepWorker;
  const started = now();
  const queue = [...runs];
  const stepsTotal = runs.length * options.budgetSteps;
  let finishedSteps = 0;
  let runsDone = 0;
  let runsFailed = 0;
  let cancelled = false;
  let over = false;
  /** Per worker: the run it trains and the steps it has reported for it. */
  const active = new Map<SweepWorkerLike, { index: number; step: number }>();

  const progress = (): void => {
    const inFlight = [...active.values()].reduce((sum, run) => sum + run.step, 0);
    const stepsDone = finishedSteps + inFlight;
    const elapsedMs = now() - started;
    // An epoch budget's total is an estimate: a run may take more steps than it said.
    const remainingMs = stepsDone > 0 ? (elapsedMs / stepsDone) * Math.max(0, stepsTotal - stepsDone) : null;
    listener.onProgress({ runsDone, runsFailed, runsTotal: runs.length, stepsDone, stepsTotal, elapsedMs, remainingMs, workers: workers.length });
  };

  const finishIfOver = (): void => {
    if (over || active.size > 0 || (queue.length > 0 && !cancelled)) return;
    over = true;
    workers.forEach((worker) => worker.terminate());
    progress();
    listener.onDone({ cancelled });
  };

  const next = (worker: SweepWorkerLike): void => {
    active.delete(worker);
    const run = cancelled ? undefined : queue.shift();
    if (run) {
      active.set(worker, { index: run.index, step: 0 });
      const { budgetEpochs, budgetSeconds } = options;
      const budget = { ...(budgetEpochs === undefined ? {} : { budgetEpochs }), ...(budgetSeconds === undefined ? {} : { budgetSeconds }) };
      worker.postMessage({ type: 'run', index: run.index, config: run.config, budgetSteps: options.budgetSteps, checkpoints: options.checkpoints, ...budget });
    }
    finishIfOver();
  };

  const received = (worker: SweepWorkerLike, event: SweepWorkerEvent): void => {
    const run = active.get(worker);
    if (!run || run.index !== ('result' in event ? event.result.index : event.index)) return;
    switch (event.type) {
      case 'progress':
        run.step = event.step;
        progress();
        return;
      case 'result':
        runsDone++;
        finishedSteps += options.budgetSteps;
        listener.onResult(event.result, event.wallMs);
        break;
      case 'failed':
        runsFailed++;
        finishedSteps += options.budgetSteps;
        listener.onFailed(event.index, event.failure);
        break;
      case 'cancelled':
        break;
    }
    next(worker);
    progress();
  };

  const workers = Array.from({ length: sweepWorkerCount(runs.length, options.workers) }, () => createWorker());
  for (const worker of workers) {
    worker.onmessage = (event) => received(worker, event.data);
    if (options.csv) worker.postMessage({ type: 'csv', file: options.csv });
    worker.onerror = (event) => {
      // A worker that failed to load or threw outside a run: its run fails by name and the worker is ended.
      event.preventDefault?.();
      const run = active.get(worker);
      active.delete(worker);
      worker.terminate();
      const remaining = workers.filter((w) => w !== worker);
      workers.splice(0, workers.length, ...remaining);
      if (run) {
        runsFailed++;
        finishedSteps += options.budgetSteps;
        listener.onFailed(run.index, { code: 'worker-stopped', message: event.message ?? '' });
      }
      if (workers.length === 0) {
        for (const queued of queue.splice(0)) {
          runsFailed++;
          listener.onFailed(queued.index, { code: 'no-worker' });
        }
      }
      finishIfOver();
      progress();
    };
  }
  if (runs.length === 0) finishIfOver();
  else workers.forEach(next);

  return {
    cancel(): void {
      if (over || cancelled) return;
      cancelled = true;
      queue.length = 0;
      for (const worker of active.keys()) worker.postMessage({ type: 'cancel' });
      finishIfOver();
    },
  };
}
