/**
 * A float64 reference of the network's forward pass and losses, written from their definitions (model/mlp.ts:
 * A = X·W + b per layer, θ = [W₁, b₁, W₂, b₂, …] row-major; model/losses.ts: the mean over examples of the
 * per-example loss summed over outputs), for tests that check a float32 measurement against it.
 */
import type { LossKind } from '../engine/model/losses';
import type { NetworkLayout } from '../engine/model/mlp';
import { fromFlat, multiply, type Matrix } from './matrix64';

const ACTIVATE: Record<string, (a: number) => number> = { tanh: Math.tanh, relu: (a) => Math.max(0, a), sigmoid: (a) => 1 / (1 + Math.exp(-a)), linear: (a) => a };

/** The logits of `count` examples (row-major inputs), in float64. */
export function logits64(theta: Float32Array | Float64Array, layout: NetworkLayout, inputs: ArrayLike<number>, count: number): Matrix {
  let y = fromFlat(inputs, count, layout.layers[0].inputSize);
  for (const layer of layout.layers) {
    const w = fromFlat(theta.subarray(layer.weightOffset, layer.biasOffset), layer.inputSize, layer.outputSize);
    const b = Array.from(theta.subarray(layer.biasOffset, layer.biasOffset + layer.outputSize));
    y = multiply(y, w).map((row) => row.map((a, j) => ACTIVATE[layer.activation](a + b[j])));
  }
  return y;
}

/** One example's loss for its logits and targets. */
function exampleLoss(a: number[], t: number[], kind: LossKind): number {
  if (kind === 'squared-error') return a.reduce((s, v, j) => s + 0.5 * (v - t[j]) ** 2, 0);
  if (kind === 'sigmoid-cross-entropy') return a.reduce((s, v, j) => s + Math.max(v, 0) - v * t[j] + Math.log1p(Math.exp(-Math.abs(v))), 0);
  const max = Math.max(...a);
  return max + Math.log(a.reduce((s, v) => s + Math.exp(v - max), 0)) - a.reduce((s, v, j) => s + v * t[j], 0);
}

/**
 * The mean loss over the examples and the share classified right (the largest logit, or logit > 0 for one
 * sigmoid output, against the target's class; NaN for squared error).
 */
export function meanLoss64(logits: Matrix, targets: ArrayLike<number>, kind: LossKind): { loss: number; accuracy: number } {
  const width = logits[0].length;
  const t = fromFlat(targets, logits.length, width);
  let loss = 0;
  let right = 0;
  logits.forEach((a, r) => {
    loss += exampleLoss(a, t[r], kind);
    const predicted = width === 1 ? Number(a[0] > 0) : a.indexOf(Math.max(...a));
    const truth = width === 1 ? Number(t[r][0] > 0.5) : t[r].indexOf(Math.max(...t[r]));
    right += Number(predicted === truth);
  });
  return { loss: loss / logits.length, accuracy: kind === 'squared-error' ? Number.NaN : right / logits.length };
}
