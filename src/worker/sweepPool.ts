/**
 * The page's side of a sweep (issue 17 §2): a pool of sweep workers, one per core (at most one per run), each
 * given its next runs as soon as it reports the last, so the workers share the runs however long each takes. On
 * the CPU a worker takes a batch of runs at a time (cpuBatchSize), which it trains as one job, many runs a kernel
 * call; the batches shrink as the queue does, so the workers still finish together.
 * Where the comparison trains on WebGPU (issue 17 §8), one worker instead, given up to WEBGPU_GROUP_RUNS runs at a
 * time, which it trains on WebGPU many runs a dispatch; such a group's runs finish together.
 * Progress counts every worker's steps; the time left extrapolates the steps done so far. A cancel stops the
 * runs in progress and keeps every finished result (a worker that does not answer it within CANCEL_GRACE_MS is
 * ended); the workers are ended once the sweep is over.
 */
import type { ExperimentConfig } from '../config/experiment';
import type { SweepRunResult } from '../engine/sweep/types';
import { CPU_GROUP_RUNS, WEBGPU_GROUP_RUNS, type SweepBackendStart, type SweepCsvFile, type SweepRunFailure, type SweepWorkerCommand, type SweepWorkerEvent } from './sweepProtocol';

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
  /**
   * Estimated from the steps done so far (null until a step is done); for a budget of time, the runs left times
   * their seconds over the workers (the runs in progress counted whole).
   */
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
  /**
   * Where a sweep on WebGPU trains, once, from its worker: WebGPU, or the CPU and why not, as facts
   * (state/backendMessages.ts words them).
   */
  onBackend?(started: SweepBackendStart): void;
  /**
   * Its WebGPU device was lost mid-sweep (`message`: the browser's message or reason, as given): the runs it had
   * not finished train again on `workers` CPU workers.
   */
  onDeviceLost?(message: string, workers: number): void;
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
  /**
   * `webgpu`: one worker trains the runs on WebGPU, WEBGPU_GROUP_RUNS at a time, many runs a dispatch (the
   * comparison trains on WebGPU), and `workers` take over on the CPU if its device is lost; otherwise `workers`
   * workers on the CPU, a batch of runs at a time each (cpuBatchSize).
   */
  backend?: 'cpu' | 'webgpu';
  createWorker?: () => SweepWorkerLike;
  now?: () => number;
  /** Runs `run` once after `ms` (default setTimeout; tests give their own). */
  setTimer?: (run: () => void, ms: number) => void;
}

/**
 * How long a cancel waits for each worker to say its runs stopped before ending the worker: a worker stuck in a
 * step (a hung GPU dispatch, a step of a huge network) would otherwise hold the sweep "running" for good.
 */
export const CANCEL_GRACE_MS = 3000;

export interface SweepPoolHandle {
  cancel(): void;
  /** Destroys the WebGPU device of a sweep on WebGPU (automation: e2e tests; DESIGN §6). */
  simulateDeviceLoss(): void;
}

const newSweepWorker = (): SweepWorkerLike => new Worker(new URL('./sweepWorker.ts', import.meta.url), { type: 'module', name: 'locolab-sweep' });

/** Workers for `runs` runs on a device with `cores` logical cores: one per core, at least one, at most one per run. */
export function sweepWorkerCount(runs: number, cores: number | undefined): number {
  const available = Number.isInteger(cores) && (cores as number) > 0 ? (cores as number) : 1;
  return Math.max(1, Math.min(runs, available));
}

/**
 * Runs a CPU worker takes at once from `queued` runs shared by `workers` workers: half of a worker's share, at least
 * 1, at most CPU_GROUP_RUNS ("guided" scheduling, as OpenMP's `schedule(guided)`: large batches first, single runs
 * at the end). A batch trains as one
 * job, its runs advanced together by one multi-run kernel call (engine/sweep/cpuRunGroup.ts), which costs less per
 * run than runs one at a time (the 48-run bench sweep: bench/sweep-bench.ts); the shrinking batches keep the last
 * runs short, so no worker waits long for another at the end.
 */
export function cpuBatchSize(queued: number, workers: number): number {
  return Math.max(1, Math.min(CPU_GROUP_RUNS, Math.floor(queued / (2 * Math.max(1, workers)))));
}

export function startSweepPool(runs: readonly PoolRun[], options: PoolOptions, listener: PoolListener): SweepPoolHandle {
  const now = options.now ?? (() => performance.now());
  const setTimer = options.setTimer ?? ((run: () => void, ms: number) => void setTimeout(run, ms));
  const createWorker = options.createWorker ?? newSweepWorker;
  const started = now();
  const queue = [...runs];
  const stepsTotal = runs.length * options.budgetSteps;
  let finishedSteps = 0;
  let runsDone = 0;
  let runsFailed = 0;
  let cancelled = false;
  let over = false;
  let onWebGpu = options.backend === 'webgpu';
  /** The CPU workers the runs are shared by (their batches are sized by it). */
  let cpuWorkers = onWebGpu ? 0 : sweepWorkerCount(runs.length, options.workers);
  const runOf = new Map(runs.map((run) => [run.index, run]));
  /** Per worker: the runs it trains (one, or a group on WebGPU) not yet finished, and the steps it has reported for them. */
  const active = new Map<SweepWorkerLike, { indices: Set<number>; steps: number }>();

  const progress = (): void => {
    const inFlight = [...active.values()].reduce((sum, run) => sum + run.steps, 0);
    const stepsDone = finishedSteps + inFlight;
    const elapsedMs = now() - started;
    // An epoch budget's total is an estimate: a run may take more steps than it said. A budget of time is known in
    // time: each run left trains its seconds, the workers side by side (its steps are only the page's guess).
    const runsLeft = runs.length - runsDone - runsFailed;
    const remainingMs =
      options.budgetSeconds !== undefined
        ? (runsLeft * options.budgetSeconds * 1000) / Math.max(1, workers.length)
        : stepsDone > 0
          ? (elapsedMs / stepsDone) * Math.max(0, stepsTotal - stepsDone)
          : null;
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
    const taken = cancelled ? [] : queue.splice(0, onWebGpu ? WEBGPU_GROUP_RUNS : cpuBatchSize(queue.length, cpuWorkers));
    if (taken.length > 0) {
      active.set(worker, { indices: new Set(taken.map((run) => run.index)), steps: 0 });
      const { budgetEpochs, budgetSeconds } = options;
      const budget = { budgetSteps: options.budgetSteps, checkpoints: options.checkpoints, ...(budgetEpochs === undefined ? {} : { budgetEpochs }), ...(budgetSeconds === undefined ? {} : { budgetSeconds }) };
      if (onWebGpu || taken.length > 1) worker.postMessage({ type: 'runGroup', runs: taken.map(({ index, config }) => ({ index, config })), backend: onWebGpu ? 'webgpu' : 'cpu', ...budget });
      else worker.postMessage({ type: 'run', index: taken[0].index, config: taken[0].config, ...budget });
    }
    finishIfOver();
  };

  const received = (worker: SweepWorkerLike, event: SweepWorkerEvent): void => {
    const run = active.get(worker);
    if (!run) return;
    if (event.type === 'backend') {
      listener.onBackend?.(event.backend === 'webgpu' ? { backend: 'webgpu' } : { backend: 'cpu', skipped: event.skipped });
      return;
    }
    if (event.type === 'deviceLost') {
      moveToCpu(worker, run.indices, event.message);
      return;
    }
    if (event.type === 'groupProgress') {
      run.steps = event.steps;
      progress();
      return;
    }
    const index = event.type === 'result' ? event.result.index : event.index;
    if (!run.indices.has(index)) return;
    switch (event.type) {
      case 'progress':
        run.steps = event.step;
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
    run.indices.delete(index);
    if (run.indices.size === 0) next(worker);
    progress();
  };

  const workers: SweepWorkerLike[] = [];
  /** A worker of this pool, with the CSV file, its messages and its failure wired. */
  const spawn = (): SweepWorkerLike => {
    const worker = createWorker();
    workers.push(worker);
    worker.onmessage = (event) => received(worker, event.data);
    if (options.csv) worker.postMessage({ type: 'csv', file: options.csv });
    worker.onerror = (event) => {
      // A worker that failed to load or threw outside a run: its runs fail by name and the worker is ended.
      event.preventDefault?.();
      const run = active.get(worker);
      active.delete(worker);
      worker.terminate();
      const remaining = workers.filter((w) => w !== worker);
      workers.splice(0, workers.length, ...remaining);
      for (const index of run?.indices ?? []) {
        runsFailed++;
        finishedSteps += options.budgetSteps;
        listener.onFailed(index, { code: 'worker-stopped', message: event.message ?? '' });
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
    return worker;
  };

  /**
   * The WebGPU worker's device was lost: the worker is ended, the runs it had not finished go back to the front of
   * the queue, and the rest of the sweep trains on the CPU, a worker per core, as a sweep there does. What
   * finished is kept.
   */
  const moveToCpu = (worker: SweepWorkerLike, unfinished: ReadonlySet<number>, message: string): void => {
    active.delete(worker);
    worker.terminate();
    workers.splice(workers.indexOf(worker), 1);
    queue.unshift(...[...unfinished].map((index) => runOf.get(index) as PoolRun));
    onWebGpu = false;
    const count = cancelled ? 0 : sweepWorkerCount(queue.length, options.workers);
    cpuWorkers = count;
    listener.onDeviceLost?.(message, count);
    for (let i = 0; i < count; i++) next(spawn());
    finishIfOver();
    progress();
  };

  for (let i = 0; i < (onWebGpu ? 1 : sweepWorkerCount(runs.length, options.workers)); i++) spawn();
  if (runs.length === 0) finishIfOver();
  else workers.forEach(next);

  return {
    cancel(): void {
      if (over || cancelled) return;
      cancelled = true;
      queue.length = 0;
      for (const worker of active.keys()) worker.postMessage({ type: 'cancel' });
      finishIfOver();
      // A worker that has not answered by then is ended; its runs count as cancelled, what finished stays.
      setTimer(() => {
        if (over) return;
        for (const worker of [...active.keys()]) {
          active.delete(worker);
          worker.terminate();
          workers.splice(workers.indexOf(worker), 1);
        }
        finishIfOver();
      }, CANCEL_GRACE_MS);
    },
    simulateDeviceLoss(): void {
      if (onWebGpu) workers.forEach((worker) => worker.postMessage({ type: 'simulateDeviceLoss' }));
    },
  };
}

/**
 * Starts a pool in a task after this one (issue 20 §7): a pool's workers begin training at once and take every
 * core, and the task that plans a sweep (its runs and the panel's first render of them) should have a core to
 * itself. `later` runs its callback in a later task (a MessageChannel message in the page). Until then the handle
 * keeps what it is asked: a cancel (the pool never starts, and reports done, cancelled, from that later task, as a
 * started one would) or a device loss (passed on once the pool has started). A pool that fails to start reports
 * done, cancelled, so that the sweep does not stay running, and the error goes on to the page's error handler.
 */
export function startSweepPoolLater(start: () => SweepPoolHandle, listener: Pick<PoolListener, 'onDone'>, later: (run: () => void) => void): SweepPoolHandle {
  let pool: SweepPoolHandle | null = null;
  let cancelled = false;
  let deviceLost = false;
  later(() => {
    if (cancelled) {
      listener.onDone({ cancelled: true });
      return;
    }
    try {
      pool = start();
    } catch (error) {
      listener.onDone({ cancelled: true });
      throw error;
    }
    if (deviceLost) pool.simulateDeviceLoss();
  });
  return {
    cancel: () => (pool ? pool.cancel() : (cancelled = true)),
    simulateDeviceLoss: () => (pool ? pool.simulateDeviceLoss() : (deviceLost = true)),
  };
}
