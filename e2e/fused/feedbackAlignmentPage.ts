/**
 * Feedback alignment on WebGPU (e2e/feedbackAlignmentWebgpu.spec.ts), on the fused test page: the same run as a
 * session on its fused kernel (backprop's one-workgroup WGSL with B as the `feedback` binding) and on plain TF.js
 * ops, both on WebGPU, from the same θ₀ and B on the same batches; θ, the slots and the train loss after `steps`.
 * `kernel: 'backprop'` runs backprop's fused kernel instead (the error sent down through W): the comparison must
 * tell the two apart. Exposes window.feedbackAlignmentWebgpu.
 */
import * as tf from '@tensorflow/tfjs-core';
import { defaultConfig, type ExperimentConfig } from '../../src/config/experiment';
import { runSpecOf, trainingSettingsOf } from '../../src/config/toEngine';
import { sessionOnGeneratedData, type TrainingSession } from '../../src/engine/session';
import { relativeError } from './parityHarness';

export interface FeedbackAlignmentRequest {
  steps: number;
  overrides: Partial<ExperimentConfig>;
  /** The fused run's algorithm: feedback alignment's kernel, or backprop's (the mutant). */
  kernel: 'feedback-alignment' | 'backprop';
}

export interface FeedbackAlignmentOutcome {
  backend: string;
  /** The fused session's kernel path ('fused' where its WGSL took the network). */
  fusedPath: string;
  theta: number;
  slots: number;
  trainLoss: number;
}

declare global {
  interface Window {
    feedbackAlignmentWebgpu?: { run: (request: FeedbackAlignmentRequest) => Promise<FeedbackAlignmentOutcome> };
  }
}

function session(config: ExperimentConfig): TrainingSession {
  return sessionOnGeneratedData(runSpecOf(config), trainingSettingsOf(config));
}

async function run(request: FeedbackAlignmentRequest): Promise<FeedbackAlignmentOutcome> {
  const base: ExperimentConfig = { ...defaultConfig(), algorithm: 'feedback-alignment', points: 200, hidden: [6, 5], activation: ['tanh', 'tanh'], ...request.overrides };
  const fused = session({ ...base, algorithm: request.kernel, kernels: 'fused' });
  const plain = session({ ...base, kernels: 'plain' });
  for (const s of [fused, plain]) s.runSteps(request.steps);
  const [a, b] = [await fused.evaluate(false), await plain.evaluate(false)];
  const slots = Math.max(0, ...b.snapshot.optimizer.slots.map((slot, i) => relativeError(a.snapshot.optimizer.slots[i], slot)));
  const outcome = {
    backend: tf.getBackend(),
    fusedPath: fused.kernelPath,
    theta: relativeError(a.snapshot.theta, b.snapshot.theta),
    slots,
    trainLoss: Math.abs(a.evaluation.trainLoss - b.evaluation.trainLoss) / Math.max(1, Math.abs(b.evaluation.trainLoss)),
  };
  [fused, plain].forEach((s) => s.dispose());
  return outcome;
}

window.feedbackAlignmentWebgpu = { run };
