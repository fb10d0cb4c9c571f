/**
 * A sweep's time estimate, before it starts (issue 17 §1: too long a sweep is refused with its computed time):
 * an algorithm with fused CPU kernels is estimated at their rate, as the sweep trains it; plain ops at theirs.
 */
import { describe, expect, it } from 'vitest';
import { defaultConfig } from '../config/experiment';
import { paperScene } from '../config/paperScene';
import { ASSUMED_FLOPS_PER_MS, ASSUMED_FUSED_FLOPS_PER_MS } from '../worker/deviceRate';
import { estimateSweepMsPerStep, STEP_OVERHEAD_MS } from './sweepEstimate';

/** MNIST 14×14 as an autoencoder: 196 inputs and outputs (the counts only weigh the checkpoints' evaluations). */
const mnist14 = { inputSize: 196, outputSize: 196, trainCount: 12_000, testCount: 2_000 };

describe('estimateSweepMsPerStep', () => {
  it('takes the fused rate where the algorithm has fused CPU kernels and the run does not ask for plain ops', () => {
    const [backprop, locoprop] = paperScene({ ...defaultConfig(), kernels: 'auto' });
    const steps = 500;
    for (const config of [backprop, locoprop]) {
      const fused = estimateSweepMsPerStep(config, mnist14, steps);
      const plain = estimateSweepMsPerStep({ ...config, kernels: 'plain' }, mnist14, steps);
      // Same operations, at the two assumed rates: the arithmetic part scales by their ratio.
      expect((plain - STEP_OVERHEAD_MS) / (fused - STEP_OVERHEAD_MS)).toBeCloseTo(ASSUMED_FUSED_FLOPS_PER_MS.cpu / ASSUMED_FLOPS_PER_MS.cpu, 6);
    }
    // The paper scene's own sweep (5 rates × 2 groups × 500 steps) on 2 workers: under the 30-minute limit now;
    // at the plain rate it was refused at 38.9 minutes on a 2-core machine.
    const total = (config: typeof backprop): number => 5 * steps * estimateSweepMsPerStep(config, mnist14, steps);
    expect((total(backprop) + total(locoprop)) / 2).toBeLessThan(30 * 60 * 1000);
  });

});
