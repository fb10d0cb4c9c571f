/**
 * The page's sweep store: sweeps run in a pool of sweep workers, one per logical core (issue 17 §2), taken from
 * the workers started ahead of the sweep where some wait (warmSweepWorkers.ts).
 */
import { createSweepStore, type PoolStarter } from '../../state/sweepStore';
import { startSweepPool } from '../../worker/sweepPool';
import { takeSweepWorker } from './warmSweepWorkers';

const startPool: PoolStarter = (runs, options, listener) => startSweepPool(runs, { createWorker: takeSweepWorker, ...options }, listener);

export const useSweepStore = createSweepStore(startPool, () => (typeof navigator === 'undefined' ? undefined : navigator.hardwareConcurrency));
