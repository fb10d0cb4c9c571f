/**
 * A sweep job on WebGPU on the fused test page (e2e/fused/index.html; e2e/sweepWebgpuJob.spec.ts): issue 17 §8's
 * open-a-point contract where the sweep trains on WebGPU. `run` trains a few runs of 2-8-8-1 tanh on the circle with
 * the app's sweep job (engine/sweep/sweepJob.ts, which groups them on WebGPU: engine/sweep/gpuRunGroup.ts, one
 * batched dispatch a chunk) and each run alone as the page opens a point (a TrainingSession on WebGPU, stepped to
 * each checkpoint and evaluated), and returns both; backprop with Adam, or LocoProp-M (inner Adam, K = 3, the inner
 * optimizer reset or kept), feedback alignment with Adam (each run's B its own), or backprop with Adam-HD (each
 * run's α its own). Exposes window.sweepJobWebgpu.
 */
import * as tf from '@tensorflow/tfjs-core';
import { defaultConfig, type ExperimentConfig } from '../../src/config/experiment';
import { runSpecOf, trainingSettingsOf } from '../../src/config/toEngine';
import { sessionOnGeneratedData } from '../../src/engine/session';
import { runSweepJob } from '../../src/engine/sweep/sweepJob';

export interface SweepJobRequest {
  steps: number;
  /** Backprop with Adam where absent. */
  algorithm?: 'backprop' | 'locoprop-m' | 'feedback-alignment' | 'adam-hd';
}

export interface SweepJobRecord {
  name: string;
  /** The sweep's checkpoints and the lone run's at the same steps: [step, train loss, test loss, train accuracy, test accuracy]. */
  sweep: number[][];
  alone: number[][];
}

export interface SweepJobOutcome {
  backend: string;
  /** Calls that advanced a group of runs together (0: every run trained through its session, one by one). */
  groupCalls: number;
  runs: SweepJobRecord[];
}

declare global {
  interface Window {
    sweepJobWebgpu?: { run: (request: SweepJobRequest) => Promise<SweepJobOutcome> };
  }
}

const BASE: ExperimentConfig = { ...defaultConfig(), dataset: 'circle', hidden: [8, 8], activation: ['tanh', 'tanh'], batchSize: 16, optimizer: 'adam' };
const LOCOPROP_M: ExperimentConfig = { ...BASE, algorithm: 'locoprop-m', innerOptimizer: 'adam', innerSteps: 3 };
/**
 * 2 rates × 2 seeds: the seeds' data sets are joined in one training set, so each run's rows are offset. LocoProp-M's
 * runs differ in the inner optimizer's reset too, so they form two groups (one dispatch takes one problem).
 */
const CONFIGS_OF: Record<NonNullable<SweepJobRequest['algorithm']>, ExperimentConfig[]> = {
  backprop: [0.003, 0.03].flatMap((learningRate) => [1, 2].map((seed) => ({ ...BASE, learningRate, seed }))),
  'locoprop-m': [false, true].flatMap((innerReset) => [1, 2].map((seed) => ({ ...LOCOPROP_M, learningRate: innerReset ? 0.01 : 0.003, innerReset, seed }))),
  // Each seed draws its own B (the session's algorithm state), which the group stacks beside θ.
  'feedback-alignment': [0.003, 0.03].flatMap((learningRate) => [1, 2].map((seed) => ({ ...BASE, algorithm: 'feedback-alignment' as const, learningRate, seed }))),
  // Each run's α adapts on its own and is carried from chunk to chunk on the device.
  'adam-hd': [0.003, 0.03].flatMap((learningRate) => [1, 2].map((seed) => ({ ...BASE, optimizer: 'adam-hd' as const, hypergradientRate: 0.0001, learningRate, seed }))),
};

async function run(request: SweepJobRequest): Promise<SweepJobOutcome> {
  const CONFIGS = CONFIGS_OF[request.algorithm ?? 'backprop'];
  let groupCalls = 0;
  const job = await runSweepJob(
    CONFIGS.map((c) => ({ spec: runSpecOf(c), settings: trainingSettingsOf(c) })),
    {
      budgetSteps: request.steps,
      timePart: (part, work) => {
        if (part === 'steps') groupCalls++;
        return work();
      },
    },
  );
  const runs: SweepJobRecord[] = [];
  for (const [i, c] of CONFIGS.entries()) {
    const result = job.results.find((r) => r.index === i);
    if (!result) throw new Error(`run ${i} has no result`);
    const session = sessionOnGeneratedData(runSpecOf(c), trainingSettingsOf(c));
    const alone: number[][] = [];
    for (const step of result.steps) {
      while (session.stepCount < step) session.runSteps(step - session.stepCount);
      const { evaluation: e } = await session.evaluate(false);
      alone.push([e.step, e.trainLoss, e.testLoss, e.trainAccuracy, e.testAccuracy]);
    }
    session.dispose();
    const sweep = result.steps.map((step, k) => [step, result.trainLoss[k], result.testLoss[k], result.trainAccuracy?.[k] ?? Number.NaN, result.testAccuracy?.[k] ?? Number.NaN]);
    runs.push({ name: `${c.algorithm} ${c.optimizer} lr ${c.learningRate}${c.innerReset ? ' reset' : ''} · seed ${c.seed}`, sweep, alone });
  }
  return { backend: tf.getBackend(), groupCalls, runs };
}

window.sweepJobWebgpu = { run };
