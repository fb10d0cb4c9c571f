/**
 * The page's sweep store: sweeps run in a pool of sweep workers, one per logical core (issue 17 §2), taken from
 * the workers started ahead of the sweep where some wait (warmSweepWorkers.ts).
 */
import { createSweepStore, type PoolStarter } from '../../state/sweepStore';
import { startSweepPool, startSweepPoolLater } from '../../worker/sweepPool';
import { yieldToMessages } from '../../engine/yieldToMessages';
import { takeSweepWorker } from './warmSweepWorkers';

/** The pool starts in a task after the sweep's planning, so that the planning task keeps a core (startSweepPoolLater). */
const startPool: PoolStarter = (runs, options, listener) =>
  startSweepPoolLater(() => startSweepPool(runs, { createWorker: takeSweepWorker, ...options }, listener), listener, (run) => void yieldToMessages().then(run));

export const useSweepStore = createSweepStore(startPool, () => (typeof navigator === 'undefined' ? undefined : navigator.hardwareConcurrency));
