/** The page's sweep store: sweeps run in a pool of sweep workers, one per logical core (issue 17 §2). */
import { createSweepStore } from '../../state/sweepStore';
import { startSweepPool } from '../../worker/sweepPool';

export const useSweepStore = createSweepStore(startSweepPool, () => (typeof navigator === 'undefined' ? undefined : navigator.hardwareConcurrency));
