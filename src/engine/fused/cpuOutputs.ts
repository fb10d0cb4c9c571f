/**
 * Transfer functions and output losses for the fused CPU kernels: the element-wise activations
 * (activations.ts) and the row-wise softmax (softmax.ts), with the losses of losses.ts in the same
 * overflow-free forms.
 */
import type { LossKind } from '../model/losses';
import type { Activation } from '../names';
import { tanhF32 } from './cpuTanh';

const f32 = Math.fround;

/** A layer's transfer: an element-wise activation, or softmax over each row (the classes output). */
export type CpuTransfer = Activation | 'softmax';

export function activate(a: number, f: Activation): number {
  switch (f) {
    case 'tanh':
      return Math.tanh(a);
    case 'relu':
      return a > 0 ? a : 0;
    case 'sigmoid':
      return 1 / (1 + Math.exp(-a));
    case 'linear':
      return a;
  }
}

/** y = f(a) for a batch of rows `width` wide (y may be a); softmax subtracts each row's maximum first. */
export function transferInto(a: Float32Array, y: Float32Array, width: number, f: CpuTransfer): void {
  // One loop per activation, each applying activate's own expression for that case (the same function, so the
  // same bits): chosen once per call, not by activate's switch per element. With the derivative loops of
  // cpuTrainSteps.ts done the same way, 96,000 steps of 2-8-8-1 tanh went from 1.82 to 1.46 s of CPU time
  // (medians of 6, 2026-12-05; cf. cpuEvaluate.ts, where the same change took a quarter of an evaluation).
  const size = a.length;
  switch (f) {
    case 'tanh':
      // y is float32, so tanhF32 (cpuTanh.ts): Math.tanh's bits as float32, checked over every float32 by
      // bench/verify-tanh.ts, in about half of Math.tanh's time.
      for (let e = 0; e < size; e++) y[e] = tanhF32(a[e]);
      return;
    case 'relu':
      for (let e = 0; e < size; e++) {
        const v = a[e];
        y[e] = v > 0 ? v : 0;
      }
      return;
    case 'sigmoid':
      for (let e = 0; e < size; e++) y[e] = 1 / (1 + Math.exp(-a[e]));
      return;
    case 'linear':
      if (y !== a) y.set(a);
      return;
    case 'softmax':
      break;
  }
  // As TF.js's CPU softmax rounds it, op by op in float32: e = exp(a − max), then e / Σe (the sum in double).
  for (let at = 0; at < a.length; at += width) {
    let top = -Infinity;
    for (let j = 0; j < width; j++) top = Math.max(top, a[at + j]);
    let total = 0;
    for (let j = 0; j < width; j++) {
      const e = f32(Math.exp(f32(a[at + j] - top)));
      y[at + j] = e;
      total += e;
    }
    const sum = f32(total);
    for (let j = 0; j < width; j++) y[at + j] = f32(y[at + j] / sum);
  }
}

/** Per-example loss of one output unit from its logit (sigmoid cross-entropy or half squared error). */
export function elementLoss(logit: number, target: number, kind: Exclude<LossKind, 'softmax-cross-entropy'>): number {
  if (kind === 'squared-error') return 0.5 * (logit - target) * (logit - target);
  return Math.max(logit, 0) - logit * target + Math.log1p(Math.exp(-Math.abs(logit)));
}

/** The loss summed over a batch of logits (rows `width` wide): element-wise, or logsumexp(a) − t·a per row. */
export function batchLoss(logits: Float32Array, targets: Float32Array, width: number, kind: LossKind): number {
  let loss = 0;
  // elementLoss's two expressions, the kind chosen once per batch rather than per element (the same bits).
  if (kind === 'squared-error') {
    for (let e = 0; e < logits.length; e++) {
      const logit = logits[e];
      const target = targets[e];
      loss += 0.5 * (logit - target) * (logit - target);
    }
    return loss;
  }
  if (kind !== 'softmax-cross-entropy') {
    for (let e = 0; e < logits.length; e++) {
      const logit = logits[e];
      loss += Math.max(logit, 0) - logit * targets[e] + Math.log1p(Math.exp(-Math.abs(logit)));
    }
    return loss;
  }
  for (let at = 0; at < logits.length; at += width) {
    let top = -Infinity;
    for (let j = 0; j < width; j++) top = Math.max(top, logits[at + j]);
    let total = 0;
    let dot = 0;
    for (let j = 0; j < width; j++) {
      total += Math.exp(logits[at + j] - top);
      dot += targets[at + j] * logits[at + j];
    }
    loss += top + Math.log(total) - dot;
  }
  return loss;
}
