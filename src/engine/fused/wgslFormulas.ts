/**
 * The formulas of the fused WebGPU kernel as WGSL snippets, one per choice of activation, loss, penalty and
 * optimizer: those of algorithms/backprop/cpuTrainSteps.ts and the plain path (activations.ts, losses.ts, regularization.ts,
 * optimizers.ts), written as TF.js's WebGPU kernels write them (unary_op_util.ts: tanh, sigmoid, log1p) so
 * the plain WebGPU path stays the reference to float32 rounding.
 */
import type { LossKind } from '../model/losses';
import type { Activation, Regularization } from '../names';
import { ADAM_BETA2, RMSPROP_DECAY, RMSPROP_EPSILON, TF1_RMSPROP_DECAY, TF1_RMSPROP_EPSILON, type OptimizerKind } from '../train/optimizers';


/** A float32 literal: WGSL's `f` suffix on JavaScript's shortest round-trip form. */
export function f32(x: number): string {
  return `${x}f`;
}

/** Y = f(A): activations.ts; tanh in the overflow-free form of TF.js's WebGPU TANH. */
export function activate(a: string, f: Activation): string {
  switch (f) {
    case 'tanh':
      return `tanhStable(${a})`;
    case 'relu':
      return `max(${a}, 0.0f)`;
    case 'sigmoid':
      return `sigmoid(${a})`;
    case 'linear':
      return a;
  }
}

/** dY ⊙ f'(A) with f' written in terms of Y (activations.ts multiplyByDerivative; relu'(0) = 0 as tf.step). */
export function timesDerivative(dy: string, y: string, f: Activation): string {
  switch (f) {
    case 'tanh':
      return `${dy} * (1.0f - ${y} * ${y})`;
    case 'sigmoid':
      return `${dy} * (${y} * (1.0f - ${y}))`;
    case 'relu':
      return `${dy} * select(0.0f, 1.0f, ${y} > 0.0f)`;
    case 'linear':
      return dy;
  }
}

/**
 * Per-example loss of one output unit and its prediction ŷ (losses.ts, the overflow-free cross-entropy).
 * The softmax output has none: its loss and prediction need the whole row (softmaxRows).
 */
export function lossFunctions(kind: LossKind): string {
  if (kind === 'softmax-cross-entropy') return '';
  if (kind === 'squared-error') {
    return `fn elementLoss(logit: f32, t: f32) -> f32 { return 0.5f * ((logit - t) * (logit - t)); }
fn prediction(logit: f32) -> f32 { return logit; }`;
  }
  return `fn elementLoss(logit: f32, t: f32) -> f32 { return (max(logit, 0.0f) - logit * t) + log(1.0f + exp(-abs(logit))); }
fn prediction(logit: f32) -> f32 { return sigmoid(logit); }`;
}

/** Where a softmax row's logits are read: `logit(j)` indexes element j of row `r`. */
export interface SoftmaxRowSpec {
  batchSize: number;
  width: number;
  workgroupSize: number;
  logit: (j: string) => string;
}

/**
 * A phase over the rows of a B × C softmax output (model/softmax.ts), one invocation per row as TF.js's
 * Softmax and LogSumExp reduce it: the row maximum, Σ_j exp(a_j − max), lse = max + log Σ, then `body` for
 * each element e = (r, j) with its logit `a`, `lse` and the probability `p` = exp(a − max) / Σ in scope.
 * The body may overwrite the logit of its own element (each row belongs to one invocation, and every
 * element's logit is read before its own write and never after).
 */
export function softmaxRows({ batchSize, width, workgroupSize, logit }: SoftmaxRowSpec, body: string): string {
  return `
    for (var r = lid; r < ${batchSize}u; r += ${workgroupSize}u) {
      var top = ${logit('0u')};
      for (var j = 1u; j < ${width}u; j++) {
        top = max(top, ${logit('j')});
      }
      var total = 0.0f;
      for (var j = 0u; j < ${width}u; j++) {
        total = total + exp(${logit('j')} - top);
      }
      let lse = top + log(total);
      for (var j = 0u; j < ${width}u; j++) {
        let e = r * ${width}u + j;
        let a = ${logit('j')};
        let p = exp(a - top) / total;
        ${body}
      }
    }`;
}

/**
 * Softmax cross-entropy's terms for element e: the row's loss logsumexp(a) − t·a (softmax.ts) spread over
 * its elements (lse on the first, −t_j a_j on each), so the step's loss is the same sum of terms as for the
 * element-wise losses.
 */
export const SOFTMAX_LOSS_TERM = 'select(0.0f, lse, j == 0u) - t * a';

/** The gradient's penalty term on a weight w (regularization.ts: λw for L2, λ·sign(w) for L1). */
export function penalty(kind: Regularization): string {
  if (kind === 'none') return '';
  return `g = g + (${kind === 'l2' ? 'theta[p]' : 'sign(theta[p])'}) * params.regularizationRate;`;
}

/** One element's update with gradient g (optimizers.ts FlatOptimizer.apply, formula for formula). */
export function optimizerUpdate(kind: OptimizerKind): string {
  switch (kind) {
    case 'sgd-hd':
    case 'adam-hd':
      // Their update waits for α_t, a dot product over all of θ: hypergradientUpdate, in a phase of its own.
      throw new Error(`${kind}: the update with an adapted rate is hypergradientUpdate`);
    case 'sgd':
      return 'theta[p] = theta[p] - lr * g;';
    case 'momentum':
    case 'nesterov':
      return `let v = mu * slot0[p] + g;
      slot0[p] = v;
      theta[p] = theta[p] - lr * ${kind === 'momentum' ? 'v' : '(g + mu * v)'};`;
    case 'rmsprop':
      return `let ms = ${f32(RMSPROP_DECAY)} * slot0[p] + ${f32(1 - RMSPROP_DECAY)} * (g * g);
      slot0[p] = ms;
      theta[p] = theta[p] - (lr * g) / (sqrt(ms) + ${f32(RMSPROP_EPSILON)});`;
    case 'rmsprop-tf1':
      return `let ms = ${f32(TF1_RMSPROP_DECAY)} * slot0[p] + ${f32(1 - TF1_RMSPROP_DECAY)} * (g * g);
      let m = mu * slot1[p] + (lr * g) / sqrt(ms + ${f32(TF1_RMSPROP_EPSILON)});
      slot0[p] = ms;
      slot1[p] = m;
      theta[p] = theta[p] - m;`;
    case 'adam': {
      // ε̂ form of Kingma & Ba §2: θ ← θ − α_t m / (√v + ε̂), α_t = η√(1−β₂ᵗ)/(1−Πβ₁), ε̂ = ε√(1−β₂ᵗ).
      return `let m = mu * slot0[p] + (1.0f - mu) * g;
      let v = ${f32(ADAM_BETA2)} * slot1[p] + ${f32(1 - ADAM_BETA2)} * (g * g);
      slot0[p] = m;
      slot1[p] = v;
      theta[p] = theta[p] - (stepSize * m) / (sqrt(v) + epsilonHat);`;
    }
  }
}

export const HELPERS = `fn sync() {
  storageBarrier();
  workgroupBarrier();
}
fn tanhStable(a: f32) -> f32 {
  let e2x = exp(-2.0f * abs(a));
  return sign(a) * (1.0f - e2x) / (1.0f + e2x);
}
fn sigmoid(a: f32) -> f32 { return 1.0f / (1.0f + exp(-1.0f * a)); }`;

/**
 * SGD-HD's and Adam-HD's update of one element with gradient g and the adapted α_t (`alpha`), the plain path's
 * formulas (optimizers.ts FlatOptimizer.apply): SGD-HD keeps g for the next hypergradient; Adam-HD's step size is
 * α_t times the step table's √(1−β₂ᵗ)/(1−Πβ₁) (`stepSize`), a float32 product as the plain path forms it.
 */
export function hypergradientUpdate(kind: OptimizerKind): string {
  if (kind === 'sgd-hd') {
    return `slot0[p] = g;
      theta[p] = theta[p] - alpha * g;`;
  }
  if (kind !== 'adam-hd') throw new Error(`${kind} does not adapt its rate`);
  return `let m = mu * slot0[p] + (1.0f - mu) * g;
      let v = ${f32(ADAM_BETA2)} * slot1[p] + ${f32(1 - ADAM_BETA2)} * (g * g);
      slot0[p] = m;
      slot1[p] = v;
      theta[p] = theta[p] - ((alpha * stepSize) * m) / (sqrt(v) + epsilonHat);`;
}
