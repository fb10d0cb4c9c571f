/**
 * What every training algorithm (src/algorithms/<name>/) sees and does on one minibatch, and the per-run state
 * it may keep. The worker registry (src/algorithms/workerRegistry.ts) maps each name to one of these.
 */
import type * as tf from '@tensorflow/tfjs-core';
import type { FusedStepsKernel } from '../fused/fusedSteps';
import type { SweepBatch } from '../fused/sweepBatch';
import type { Initializer } from '../names';
import type { LossKind } from '../model/losses';
import type { NetworkLayout } from '../model/mlp';
import type { FlatOptimizer, OptimizerHyper } from './optimizers';
import type { Regularization } from './regularization';

export interface Batch {
  inputs: tf.Tensor2D;
  targets: tf.Tensor2D;
}

export { INNER_OPTIMIZERS, type InnerOptimizer } from '../names';

/** One setting of an algorithm as its step reads it. */
export type SettingValue = number | boolean | string;

/**
 * The active algorithm's own settings as its step reads them (hyper.settings): plain values by name, made from
 * the config by its settings group (src/algorithms/<name>/, SettingsGroup.toStep) and read back, checked, by
 * the algorithm's own reader (src/algorithms/settings.ts). An algorithm without settings gets {}.
 */
export type StepSettings = Readonly<Record<string, SettingValue>>;

export interface StepHyper extends OptimizerHyper {
  regularization: Regularization;
  regularizationRate: number;
  /**
   * γ of the per-layer targets a diagnosed step reports, T = H − γ·δ, whatever the algorithm (the targets view,
   * registry.ts targetFormula); LocoProp also steps its layers toward them with its own γ.
   */
  targetGamma: number;
  /** The active algorithm's own settings (its settings group's toStep), {} for one without. */
  settings: StepSettings;
}

export interface TrainingContext {
  theta: tf.Variable<tf.Rank.R1>;
  layout: NetworkLayout;
  lossKind: LossKind;
  /** The optimizer of the active algorithm: backprop's, or LocoProp's inner one. */
  optimizer: FlatOptimizer;
  /** 1 on weights, 0 on biases. */
  weightMask: tf.Tensor1D;
  /** The algorithm's per-run state (createState), or null for an algorithm without one. */
  state?: AlgorithmState | null;
  /** A diagnosed step also samples this unit's column (the per-unit view's enlarged unit, diagnostics.ts). */
  diagnosticsUnit?: DiagnosticsUnit | null;
}

/** A hidden unit: its layer and its index in it, both from 0. */
export interface DiagnosticsUnit {
  layer: number;
  unit: number;
}

/**
 * Per-run state an algorithm keeps beside θ and the optimizer (feedback alignment's B). Fixed for the run:
 * `values` are its numbers on the CPU, so a snapshot needs no readback; `tensors` are the same on the backend.
 */
export interface AlgorithmState {
  values: Float32Array[];
  tensors: tf.Tensor[];
}

/** What an algorithm's state is drawn from: the network, its initializer, and a seed of the run's own. */
export interface StateSource {
  layout: NetworkLayout;
  init: Initializer;
  /** A seed derived from the run's seed for the algorithm alone (session.ts, SEED_STREAM_ALGORITHM). */
  seed: number;
}

/** Where each layer's numbers sit in a StepDiagnostics vector (see diagnostics.ts). */
export interface DiagnosticsLayout {
  /** `column`: the unit whose column follows the layer's numbers, and its rows (none when it is in the block). */
  layers: { samples: number; localLossLength: number; column?: { unit: number; rows: number } }[];
}

/** Per-layer targets of one step, packed into one vector so it rides along the tick's single readback. */
export interface StepDiagnostics {
  values: tf.Tensor1D;
  layout: DiagnosticsLayout;
}

export interface Algorithm {
  readonly name: string;
  /** Draws the per-run state, or rebuilds it from a snapshot's `values` (a restore, a move to another backend). */
  createState?(source: StateSource, restored?: readonly Float32Array[]): AlgorithmState;
  /**
   * Its fused kernels (engine/fused), where it has them; the session runs them when the backend has the kernel,
   * giving them its settings as its step gets them (FusedStepsInput.settings).
   */
  fused?: FusedStepsKernel;
  /**
   * Its batched sweep steps (engine/fused/sweepBatch.ts), where it has them: many runs of a sweep advanced by
   * one call on the CPU or one dispatch on WebGPU (engine/sweep/cpuRunGroup.ts, gpuRunGroup.ts), when the
   * session runs its fused kernel. Without them its sweep runs train one at a time through their sessions.
   */
  sweepBatch?: SweepBatch;
  /**
   * One optimizer step on the batch; updates context.theta in place. Runs inside the caller's tf.tidy.
   * With `diagnose`, also returns the layers' targets and where they landed.
   */
  step(batch: Batch, context: TrainingContext, hyper: StepHyper, diagnose: boolean): StepDiagnostics | null;
  /**
   * The same step with `diagnose` on, in phases, where a long one can be cut (engine/diagnosedStep.ts runs a
   * diagnosis's phases with the worker's messages let in between): each `next()` runs one phase, outside any
   * caller's tidy, and frees what it made but the later phases need; `return()` frees whatever the phases still
   * hold; the returned diagnostics belong to the caller. Without it, the diagnosis runs `step` as one phase.
   */
  diagnosedPhases?(batch: Batch, context: TrainingContext, hyper: StepHyper): Generator<void, StepDiagnostics | null, void>;
}
