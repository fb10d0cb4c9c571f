/**
 * The session's fused path: `count` steps of the active algorithm in one kernel call, on the same minibatches,
 * rates and momenta the plain path would use, leaving θ, the optimizer and the sampler exactly where `count`
 * plain steps would (cpuTrainSteps.test.ts and cpuLocoPropSteps.test.ts hold the parity). Which kernel runs an
 * algorithm's steps is a table keyed by the algorithm registry (train/algorithmCatalog.ts), as the plain
 * implementations are in session.ts; the registry's `fused` flag says where parity holds.
 */
import * as tf from '@tensorflow/tfjs-core';
import type { MinibatchSampler } from '../data/dataset';
import type { LossKind } from '../model/losses';
import type { NetworkLayout } from '../model/mlp';
import type { Regularization } from '../names';
import { scheduleAt, type ScheduleSettings } from '../schedule/schedule';
import type { LocoPropSettings } from '../train/algorithm';
import { ALGORITHM_INFO, type AlgorithmName } from '../train/algorithmCatalog';
import type { LocoPropVariant } from '../train/locoprop';
import type { FlatOptimizer } from '../train/optimizers';
import { FUSED_TRAIN_STEPS, fusedTrainSteps } from './kernel';
import { FUSED_LOCOPROP_STEPS, fusedLocoPropSteps } from './locopropKernel';
import { fusedKernelFits } from './webgpuKernel';
import './webgpuLocoPropKernel';

export interface FusedStepsInput {
  algorithm: AlgorithmName;
  theta: tf.Variable<tf.Rank.R1>;
  optimizer: FlatOptimizer;
  layout: NetworkLayout;
  lossKind: LossKind;
  regularization: Regularization;
  regularizationRate: number;
  /** LocoProp's γ, K, decay, proximal term and reset (unused by backprop). */
  locoprop: LocoPropSettings;
  schedule: ScheduleSettings;
  trainInputs: tf.Tensor2D;
  trainTargets: tf.Tensor2D;
  sampler: MinibatchSampler;
  batchSize: number;
  stepsPerEpoch: number;
  /** The step counter before the first of these steps (schedules are functions of it). */
  firstStep: number;
  count: number;
}

/** The steps' rows, learning rates and momenta (doubles, as the plain path's schedule gives them). */
interface StepPlan {
  rows: Int32Array;
  learningRates: Float64Array;
  momenta: Float64Array;
}

type KernelResult = { theta: tf.Tensor1D; slots: tf.Tensor1D[]; losses: tf.Tensor1D };

interface FusedStepsKernel {
  /** The TF.js kernel that runs the steps; a backend without it takes the plain path. */
  kernelName: string;
  run(input: FusedStepsInput, plan: StepPlan): KernelResult;
  /** Leaves the optimizer (slots and counters) where the plain path's steps would. */
  advance(input: FusedStepsInput, slots: readonly tf.Tensor1D[], momenta: Float64Array): void;
}

function kernelState(input: FusedStepsInput) {
  const { optimizer } = input;
  return { theta: input.theta, slots: optimizer.stateTensors(), inputs: input.trainInputs, targets: input.trainTargets, batchSize: input.batchSize, ...optimizer.counters };
}

/** Backprop: one optimizer update per step (kernel.ts). */
const backpropSteps: FusedStepsKernel = {
  kernelName: FUSED_TRAIN_STEPS,
  run: (input, plan) => {
    const problem = { layout: input.layout, lossKind: input.lossKind, regularization: input.regularization, regularizationRate: input.regularizationRate, optimizer: input.optimizer.kind };
    return fusedTrainSteps({ ...kernelState(input), problem, ...plan });
  },
  advance: (input, slots, momenta) => input.optimizer.advance(slots, momenta),
};

/** LocoProp: K inner updates per outer step, all at that step's momentum (locopropKernel.ts). */
function locopropSteps(variant: LocoPropVariant): FusedStepsKernel {
  return {
    kernelName: FUSED_LOCOPROP_STEPS,
    run: (input, plan) => {
      const { layout, lossKind, regularization, regularizationRate, locoprop } = input;
      const problem = { layout, lossKind, regularization, regularizationRate, optimizer: input.optimizer.kind, variant, locoprop };
      return fusedLocoPropSteps({ ...kernelState(input), problem, ...plan });
    },
    advance: (input, slots, momenta) => {
      const { innerSteps, resetInner } = input.locoprop;
      // With the reset, only the last outer step's K updates count (research/locoprop.md §6.7).
      const counted = resetInner ? momenta.subarray(momenta.length - 1) : momenta;
      if (resetInner) input.optimizer.reset();
      input.optimizer.advance(slots, Float64Array.from({ length: counted.length * innerSteps }, (_, u) => counted[Math.floor(u / innerSteps)]));
    },
  };
}

const FUSED_STEPS: Record<AlgorithmName, FusedStepsKernel> = {
  backprop: backpropSteps,
  'locoprop-s': locopropSteps('S'),
  'locoprop-m': locopropSteps('M'),
};

/**
 * Whether the algorithm's steps run fused on the active backend: the registry allows it, the kernel is
 * there and takes this network (the WebGPU kernel: one workgroup wide).
 */
export function fusedStepsAvailable(algorithm: AlgorithmName, layout: NetworkLayout): boolean {
  return ALGORITHM_INFO[algorithm].fused && tf.getKernel(FUSED_STEPS[algorithm].kernelName, tf.getBackend()) !== undefined && fusedKernelFits(layout);
}

/** Runs the steps; returns the learning rate and momentum each one used, for the rate log. */
export function runFusedSteps(input: FusedStepsInput): { learningRates: Float64Array; momenta: Float64Array } {
  const { count, batchSize } = input;
  const kernel = FUSED_STEPS[input.algorithm];
  const plan: StepPlan = { rows: new Int32Array(count * batchSize), learningRates: new Float64Array(count), momenta: new Float64Array(count) };
  input.sampler.nextRows(plan.rows);
  for (let s = 0; s < count; s++) {
    const scheduled = scheduleAt(input.firstStep + s, input.schedule, input.stepsPerEpoch);
    plan.learningRates[s] = scheduled.lr;
    plan.momenta[s] = scheduled.momentum;
  }
  const result = kernel.run(input, plan);
  input.theta.assign(result.theta);
  kernel.advance(input, result.slots, plan.momenta);
  result.theta.dispose();
  result.slots.forEach((slot) => slot.dispose());
  result.losses.dispose();
  return { learningRates: plan.learningRates, momenta: plan.momenta };
}
