/**
 * Sweep workers started before the sweep (issue 17 §8): a sweep worker loads TF.js and its CPU backend when it
 * starts, and a sweep that starts its workers with it waits that long before its first step. The panel starts
 * them when a pointer or the focus comes into it (prewarmSweepWorkers), so they load while the sweep is being
 * set up, each training a few throwaway runs of the sweep's first group meanwhile (its JIT warm by the first run);
 * the pool (worker/sweepPool.ts) takes them through `takeSweepWorker`, a fresh one where none waits.
 * A worker the pool ends after its runs finished (none in flight, no error) goes back to wait for the next sweep
 * instead; waiting workers end after IDLE_MS, so an idle page does not hold TF.js in memory for long.
 */
import type { ExperimentConfig } from '../../config/experiment';
import type { SweepWorkerLike } from '../../worker/sweepPool';
import type { SweepWorkerCommand, SweepWorkerEvent } from '../../worker/sweepProtocol';

/** At most this many workers wait: each holds TF.js (and the data of its last run) in memory. */
export const MAX_WAITING = 4;
/** A waiting worker is ended after this long without a sweep. */
export const IDLE_MS = 120_000;

export interface WarmWorkerEnvironment {
  create: () => SweepWorkerLike;
  setTimer: (run: () => void, ms: number) => number;
  clearTimer: (id: number) => void;
}

const browser: WarmWorkerEnvironment = {
  create: () => new Worker(new URL('../../worker/sweepWorker.ts', import.meta.url), { type: 'module', name: 'locolab-sweep' }),
  setTimer: (run, ms) => window.setTimeout(run, ms),
  clearTimer: (id) => window.clearTimeout(id),
};

interface Waiting {
  worker: SweepWorkerLike;
  timer: number;
}

/** The waiting workers of one environment (the page's, or a test's). */
export function warmSweepWorkers(env: WarmWorkerEnvironment = browser) {
  const waiting: Waiting[] = [];

  const park = (worker: SweepWorkerLike): void => {
    if (waiting.length >= MAX_WAITING) return worker.terminate();
    worker.onmessage = null;
    worker.onerror = null;
    const entry: Waiting = { worker, timer: 0 };
    entry.timer = env.setTimer(() => {
      const at = waiting.indexOf(entry);
      if (at >= 0) waiting.splice(at, 1);
      worker.terminate();
    }, IDLE_MS);
    waiting.push(entry);
  };

  /**
   * The pool's view of a worker: its terminate() parks it when no run is in flight, it never failed, and it is
   * still on the CPU (a worker given a group on WebGPU has left the CPU backend, so it is ended).
   */
  const lend = (worker: SweepWorkerLike): SweepWorkerLike => {
    let inFlight = 0;
    let failed = false;
    let onWebGpu = false;
    const lent: SweepWorkerLike = {
      onmessage: null,
      onerror: null,
      postMessage(command: SweepWorkerCommand): void {
        if (command.type === 'run') inFlight += 1;
        if (command.type === 'runGroup') {
          inFlight += command.runs.length;
          onWebGpu = true;
        }
        worker.postMessage(command);
      },
      terminate(): void {
        if (inFlight > 0 || failed || onWebGpu) worker.terminate();
        else park(worker);
      },
    };
    worker.onmessage = (event: MessageEvent<SweepWorkerEvent>) => {
      const { type } = event.data;
      if (type === 'result' || type === 'failed' || type === 'cancelled') inFlight = Math.max(0, inFlight - 1);
      lent.onmessage?.(event);
    };
    worker.onerror = (event: ErrorEvent) => {
      failed = true;
      lent.onerror?.(event);
    };
    return lent;
  };

  return {
    /**
     * Starts workers until `count` wait (at most MAX_WAITING); each new one trains a few throwaway runs of `config`
     * (the sweep's first group) while it waits, so its JIT has compiled the kernels (sweepRunner.ts warmUp).
     */
    prewarm(count: number, config?: ExperimentConfig): void {
      const wanted = Math.min(MAX_WAITING, Math.max(0, Math.floor(count)));
      while (waiting.length < wanted) {
        const worker = env.create();
        if (config) worker.postMessage({ type: 'warmUp', config });
        park(worker);
      }
    },
    /** A waiting worker (the one waiting longest), or a fresh one. */
    take(): SweepWorkerLike {
      const entry = waiting.shift();
      if (entry) env.clearTimer(entry.timer);
      return lend(entry?.worker ?? env.create());
    },
    get waitingCount(): number {
      return waiting.length;
    },
  };
}

const pageWorkers = typeof window === 'undefined' ? null : warmSweepWorkers();

/** Starts the sweep workers a sweep on this device would use (one per core), to wait for it, warmed on `config`. */
export function prewarmSweepWorkers(cores: number | undefined, config?: ExperimentConfig): void {
  pageWorkers?.prewarm(Number.isInteger(cores) && (cores as number) > 0 ? (cores as number) : 1, config);
}

/** The pool's createWorker: a waiting worker, or a fresh one. */
export function takeSweepWorker(): SweepWorkerLike {
  return pageWorkers ? pageWorkers.take() : browser.create();
}
