/**
 * A run's learning-rate log between two evaluations: each step's rate and momentum, as the page's rate chart
 * draws them. SGD-HD's and Adam-HD's rates live on the device (train/optimizers.ts, Baydin et al. 2018 §3): each
 * such step's α is cloned here and read back with the next evaluation's one readback, NaN standing in until then.
 */
import * as tf from '@tensorflow/tfjs-core';
import { decimateMinMax } from './decimate';
import type { RateLog } from './sessionTypes';

/** At most this many (step, rate) samples per evaluation. */
export const MAX_RATE_SAMPLES = 256;

/** The -HD rates cloned since the last readback: where each run of them starts in the log, how many, and their tensor. */
export type PendingRates = readonly { index: number; count: number; rate: tf.Tensor1D }[];

export class RateRecorder {
  private log: RateLog = { steps: [], learningRates: [], momenta: [] };
  private pending: { index: number; count: number; rate: tf.Tensor1D }[] = [];

  /**
   * Logs a step taken at `scheduled` (the schedule's rate), or at the optimizer's own α where `adapted` is given
   * (read back later). Returns the rate logged now.
   */
  logStep(step: number, scheduled: number, momentum: number, adapted: tf.Tensor1D | null): number {
    if (adapted) this.pending.push({ index: this.log.learningRates.length, count: 1, rate: tf.clone(adapted) });
    const logged = adapted ? Number.NaN : scheduled;
    this.log.steps.push(step);
    this.log.learningRates.push(logged);
    this.log.momenta.push(momentum);
    return logged;
  }

  /** Logs fused steps from `firstStep` on, whose rates the fused kernels report (fused/fusedSteps.ts). */
  logSteps(firstStep: number, learningRates: ArrayLike<number>, momenta: ArrayLike<number>): void {
    for (let s = 0; s < learningRates.length; s++) {
      this.log.steps.push(firstStep + s);
      this.log.learningRates.push(learningRates[s]);
      this.log.momenta.push(momenta[s]);
    }
  }

  /**
   * Logs fused -HD steps from `firstStep` on, whose α the kernel returned (`adapted`, one a step, on the device: the
   * recorder takes it and disposes it after the readback), NaN standing in until then.
   */
  logAdaptedSteps(firstStep: number, adapted: tf.Tensor1D, momenta: ArrayLike<number>): void {
    if (adapted.size !== momenta.length) throw new Error(`rate log: ${adapted.size} adapted rates for ${momenta.length} steps`);
    this.pending.push({ index: this.log.learningRates.length, count: momenta.length, rate: adapted });
    this.logSteps(firstStep, Array.from({ length: momenta.length }, () => Number.NaN), momenta);
  }

  /** The -HD rates owed a readback, as tensors to pack into it. */
  get pendingTensors(): tf.Tensor1D[] {
    return this.pending.map((p) => p.rate);
  }

  /** How many values the pending tensors hold together. */
  static pendingLength(pending: PendingRates): number {
    return pending.reduce((total, p) => total + p.count, 0);
  }

  /** Hands over the pending rates (their tensors disposed: pack them first) for `fill` after the readback. */
  takePending(): PendingRates {
    const taken = this.pending;
    this.pending = [];
    taken.forEach((p) => p.rate.dispose());
    return taken;
  }

  /** Writes the -HD rates read back into the log; returns the latest step's, or null when none was pending. */
  fill(pending: PendingRates, values: Float32Array): number | null {
    let at = 0;
    for (const { index, count } of pending) for (let k = 0; k < count; k++) this.log.learningRates[index + k] = values[at++];
    return at === 0 ? null : values[at - 1];
  }

  /** The rates logged since the last call, min/max-decimated to MAX_RATE_SAMPLES. */
  drain(): RateLog {
    const log = this.log;
    this.log = { steps: [], learningRates: [], momenta: [] };
    if (log.steps.length <= MAX_RATE_SAMPLES) return log;
    const kept = decimateMinMax(log.learningRates, MAX_RATE_SAMPLES);
    return {
      steps: kept.map((i) => log.steps[i]),
      learningRates: kept.map((i) => log.learningRates[i]),
      momenta: kept.map((i) => log.momenta[i]),
    };
  }

  dispose(): void {
    this.takePending();
  }
}
