/**
 * The page's description says where an algorithm's fused kernels train it (`fusedOn`, which the page's estimates
 * read, state/sweepEstimate.ts); the worker's registry has the kernels. The two must agree.
 */
import '../test/setupTf';
import { describe, expect, it } from 'vitest';
import { ALGORITHM_INFO, ALGORITHMS } from './registry';
import { ALGORITHM_IMPLEMENTATIONS } from './workerRegistry';

describe('batchedOn', () => {
  it('names exactly the backends of the worker registry’s batched sweep steps, for every algorithm', () => {
    for (const name of ALGORITHMS) {
      const batch = ALGORITHM_IMPLEMENTATIONS[name].sweepBatch;
      const backends = [batch?.cpu ? 'cpu' : null, batch?.webgpu ? 'webgpu' : null].filter((b) => b !== null);
      expect({ name, batchedOn: [...ALGORITHM_INFO[name].batchedOn].sort() }).toEqual({ name, batchedOn: backends.sort() });
    }
  });
});

describe('fusedOn', () => {
  it('names exactly the backends of the worker registry’s fused kernels, for every algorithm', () => {
    for (const name of ALGORITHMS) {
      const kernels = new Set((ALGORITHM_IMPLEMENTATIONS[name].fused?.kernels ?? []).map((kernel) => kernel.backendName));
      expect({ name, fusedOn: [...ALGORITHM_INFO[name].fusedOn].sort() }).toEqual({ name, fusedOn: [...kernels].sort() });
    }
  });
});
