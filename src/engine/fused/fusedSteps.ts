/**
 * The session's fused path: `count` backprop steps in one kernel call, on the same minibatches, rates and
 * momenta the plain path would use, leaving θ, the optimizer and the sampler exactly where `count` plain
 * steps would (to float32 rounding; cpuTrainSteps.test.ts holds the parity).
 */
import * as tf from '@tensorflow/tfjs-core';
import type { MinibatchSampler } from '../data/dataset';
import type { LossKind } from '../model/losses';
import type { NetworkLayout } from '../model/mlp';
import type { Regularization } from '../names';
import { scheduleAt, type ScheduleSettings } from '../schedule/schedule';
import type { FlatOptimizer } from '../train/optimizers';
import { fusedTrainSteps } from './kernel';

export interface FusedStepsInput {
  theta: tf.Variable<tf.Rank.R1>;
  optimizer: FlatOptimizer;
  layout: NetworkLayout;
  lossKind: LossKind;
  regularization: Regularization;
  regularizationRate: number;
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

/** Runs the steps; returns the learning rate and momentum each one used, for the rate log. */
export function runFusedSteps(input: FusedStepsInput): { learningRates: Float64Array; momenta: Float64Array } {
  const { count, batchSize, optimizer } = input;
  const rows = new Int32Array(count * batchSize);
  input.sampler.nextRows(rows);
  // Doubles, as the plain path's schedule gives them (the kernel reads them as float32).
  const learningRates = new Float64Array(count);
  const momenta = new Float64Array(count);
  for (let s = 0; s < count; s++) {
    const scheduled = scheduleAt(input.firstStep + s, input.schedule, input.stepsPerEpoch);
    learningRates[s] = scheduled.lr;
    momenta[s] = scheduled.momentum;
  }
  const result = fusedTrainSteps({
    problem: { layout: input.layout, lossKind: input.lossKind, regularization: input.regularization, regularizationRate: input.regularizationRate, optimizer: optimizer.kind },
    theta: input.theta,
    slots: optimizer.stateTensors(),
    inputs: input.trainInputs,
    targets: input.trainTargets,
    batchSize,
    rows,
    learningRates,
    momenta,
    ...optimizer.counters,
  });
  input.theta.assign(result.theta);
  optimizer.advance(result.slots, momenta);
  result.theta.dispose();
  result.slots.forEach((slot) => slot.dispose());
  result.losses.dispose();
  return { learningRates, momenta };
}
