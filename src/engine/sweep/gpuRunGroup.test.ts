import '../../test/setupTf';
import { describe, expect, it } from 'vitest';
import { defaultConfig, type ExperimentConfig } from '../../config/experiment';
import { runSpecOf, trainingSettingsOf } from '../../config/toEngine';
import { sessionOnGeneratedData } from '../session';
import { CpuRun } from './cpuRunGroup';
import { GpuRunPlan, problemOf } from './gpuRunGroup';
import { ALGORITHM_IMPLEMENTATIONS } from '../../algorithms/workerRegistry';

/**
 * The host side of a WebGPU run group (gpuRunGroup.ts), which Node can check without a GPU: each chunk's rows,
 * rates and momenta (float32 for backprop, LocoProp's doubles) are the ones the CPU group (cpuRunGroup.ts, held bit for bit to the lone session) plans, its
 * rows moved into the group's joined training set, and after the chunks its counters and batch order are the
 * lone session's. The GPU steps themselves are checked in a browser (e2e/sweepWebgpuJob.spec.ts).
 */
const config = (overrides: Partial<ExperimentConfig>): ExperimentConfig => ({ ...defaultConfig(), points: 200, ...overrides });

const cases: [string, Partial<ExperimentConfig>, 'float32' | 'float64'][] = [
  ['backprop with Adam', { optimizer: 'adam' }, 'float32'],
  // LocoProp's kernel takes the schedule's doubles, and its inner optimizer counts K updates an outer step.
  ['LocoProp-M with inner Adam kept across outer steps', { algorithm: 'locoprop-m', innerOptimizer: 'adam', innerSteps: 3, innerReset: false }, 'float64'],
  ['LocoProp-S with inner Adam reset every outer step', { algorithm: 'locoprop-s', innerOptimizer: 'adam', innerSteps: 4, innerReset: true }, 'float64'],
];

describe('a WebGPU run group plans each run as the run alone steps', () => {
  it.each(cases)('%s: rows, rates and momenta, Adam counters and batch order follow the session across a cycled-momentum schedule', async (_name, overrides, rates) => {
    const c = config({ ...overrides, schedule: 'one-cycle', totalSteps: 90, batchSize: 16, seed: 3 });
    const [planned, twin, alone] = [0, 1, 2].map(() => sessionOnGeneratedData(runSpecOf(c), trainingSettingsOf(c)));
    expect(planned.kernelPath).toBe('fused');
    const snapshot = await planned.snapshot();
    const offset = 500;
    const batch = ALGORITHM_IMPLEMENTATIONS[c.algorithm].sweepBatch;
    if (!batch) throw new Error(`${c.algorithm} has no batched sweep steps`);
    const plan = new GpuRunPlan(trainingSettingsOf(c), batch, problemOf(batch, planned, trainingSettingsOf(c)), 16, planned.dataset.train.count, offset, {
      sampler: snapshot.sampler,
      stepCount: snapshot.stepCount,
      optimizerSteps: snapshot.optimizer.stepCount,
      beta1Product: snapshot.optimizer.beta1Product,
    });
    const cpu = await CpuRun.of(twin, trainingSettingsOf(c));
    // Uneven chunks crossing the one-cycle schedule's end (90) and an epoch's end (rows are reshuffled).
    let step = 0;
    for (const chunk of [1, 7, 40, 50, 13, 29]) {
      const gpu = plan.plan(chunk);
      const reference = cpu.plan(chunk).schedule;
      expect(Array.from(gpu.rows), `rows after step ${step}`).toEqual(Array.from(reference.rows.subarray(0, chunk * 16), (row) => row + offset));
      expect(gpu.learningRates).toEqual(reference.learningRates.slice(0, chunk));
      expect(gpu.learningRates).toBeInstanceOf(rates === 'float32' ? Float32Array : Float64Array);
      expect(gpu.momenta).toEqual(reference.momenta.slice(0, chunk));
      step += chunk;
      while (alone.stepCount < step) alone.runSteps(step - alone.stepCount);
      const lone = await alone.snapshot();
      expect([plan.stepCount, plan.optimizerSteps, plan.beta1Product], `counters at step ${step}`).toEqual([lone.stepCount, lone.optimizer.stepCount, lone.optimizer.beta1Product]);
      expect(plan.sampled()).toEqual(lone.sampler);
    }
    [planned, twin, alone].forEach((session) => session.dispose());
  });
});
