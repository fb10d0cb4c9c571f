/**
 * The session's fused path: `count` steps of the active algorithm in one kernel call, on the same minibatches,
 * rates and momenta the plain path would use, leaving θ, the optimizer and the sampler exactly where `count`
 * plain steps would (cpuTrainSteps.test.ts and cpuLocoPropSteps.test.ts hold the parity). Which kernel runs an
 * algorithm's steps is the algorithm's own (`Algorithm.fused`, declared in its folder under src/algorithms).
 */
import * as tf from '@tensorflow/tfjs-core';
import type { MinibatchSampler } from '../data/dataset';
import type { LossKind } from '../model/losses';
import type { NetworkLayout } from '../model/mlp';
import type { Regularization } from '../names';
import { scheduleAt, type ScheduleSettings } from '../schedule/schedule';
import type { AlgorithmState, StepSettings } from '../train/algorithm';
import { adaptsLearningRate } from '../names';
import type { FlatOptimizer, OptimizerKind } from '../train/optimizers';

export interface FusedStepsInput {
  theta: tf.Variable<tf.Rank.R1>;
  optimizer: FlatOptimizer;
  layout: NetworkLayout;
  lossKind: LossKind;
  regularization: Regularization;
  regularizationRate: number;
  /**
   * The active algorithm's own settings, the record its step gets as hyper.settings ({} for one without); its
   * fused kernels read them back with its own checked reader (LocoProp's locopropSettingsOf).
   */
  settings: StepSettings;
  /** The run's own state (feedback alignment's B), as its plain step gets it (TrainingContext.state); null without. */
  algorithmState: AlgorithmState | null;
  /** β of SGD-HD and Adam-HD (the run's; OptimizerHyper.hypergradientRate), unused by the other rules. */
  hypergradientRate: number | undefined;
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
export interface StepPlan {
  rows: Int32Array;
  learningRates: Float64Array;
  momenta: Float64Array;
}

/** The kernel's new θ and slots, each step's minibatch loss, and for SGD-HD and Adam-HD each step's adapted α. */
export type KernelResult = { theta: tf.Tensor1D; slots: tf.Tensor1D[]; losses: tf.Tensor1D; rates?: tf.Tensor1D };

export interface FusedStepsKernel {
  /** The TF.js kernel that runs the steps; a backend without it takes the plain path. */
  kernelName: string;
  /** Its implementations, one per backend (all named kernelName), registered from the worker registry's one list. */
  kernels: readonly tf.KernelConfig[];
  run(input: FusedStepsInput, plan: StepPlan): KernelResult;
  /** Leaves the optimizer (slots, counters, an -HD rule's α from `rates`) where the plain path's steps would. */
  advance(input: FusedStepsInput, slots: readonly tf.Tensor1D[], momenta: Float64Array, rates: tf.Tensor1D | null): void;
  /** The backends whose kernel runs SGD-HD and Adam-HD (backprop's and feedback alignment's: CPU and WebGPU); none where absent. */
  hypergradientOn?: readonly string[];
  /**
   * Whether its kernel on the active backend takes this run (feedback alignment's WGSL: one workgroup wide, within
   * the device's storage buffers; backprop's WGSL with an -HD rule: one workgroup wide); every run where absent.
   */
  fits?: (run: { layout: NetworkLayout; optimizer: OptimizerKind; batchSize: number }, backend: string) => boolean;
}

/**
 * Whether these kernels can run the steps on the active backend: the kernel is registered there (every one
 * takes every width; on WebGPU, networks wider than one workgroup as a sequence of dispatches) and has the
 * update rule. SGD-HD and Adam-HD (their learning rate is a running dot product over θ, train/optimizers.ts) only
 * where the kernel declares them (`hypergradientOn`: backprop's and feedback alignment's kernels, on WebGPU up to one
 * workgroup wide by their `fits`); elsewhere those runs take the plain path.
 */
export function fusedStepsAvailable(kernel: FusedStepsKernel | undefined, optimizer: OptimizerKind, layout: NetworkLayout, batchSize: number): kernel is FusedStepsKernel {
  if (adaptsLearningRate(optimizer) && !(kernel?.hypergradientOn ?? []).includes(tf.getBackend())) return false;
  if (kernel?.fits && !kernel.fits({ layout, optimizer, batchSize }, tf.getBackend())) return false;
  return kernel !== undefined && tf.getKernel(kernel.kernelName, tf.getBackend()) !== undefined;
}

/** What every fused kernel takes from the session: θ, the optimizer's slots and counters, the data. */
export function kernelState(input: FusedStepsInput) {
  const { optimizer } = input;
  return { theta: input.theta, slots: optimizer.slots, inputs: input.trainInputs, targets: input.trainTargets, batchSize: input.batchSize, ...optimizer.counters };
}

/**
 * Runs the steps; returns the learning rate and momentum each one used, for the rate log, and an -HD rule's adapted
 * α per step (on the device; the caller owns it), null for the others.
 */
export function runFusedSteps(kernel: FusedStepsKernel, input: FusedStepsInput): { learningRates: Float64Array; momenta: Float64Array; adaptedRates: tf.Tensor1D | null } {
  const { count, batchSize } = input;
  const plan: StepPlan = { rows: new Int32Array(count * batchSize), learningRates: new Float64Array(count), momenta: new Float64Array(count) };
  input.sampler.nextRows(plan.rows);
  for (let s = 0; s < count; s++) {
    const scheduled = scheduleAt(input.firstStep + s, input.schedule, input.stepsPerEpoch);
    plan.learningRates[s] = scheduled.lr;
    plan.momenta[s] = scheduled.momentum;
  }
  const result = kernel.run(input, plan);
  input.theta.assign(result.theta);
  kernel.advance(input, result.slots, plan.momenta, result.rates ?? null);
  result.theta.dispose();
  result.slots.forEach((slot) => slot.dispose());
  result.losses.dispose();
  return { learningRates: plan.learningRates, momenta: plan.momenta, adaptedRates: result.rates ?? null };
}
