/**
 * N whole backprop steps of an MLP as plain typed-array loops: forward, the hand-written backward of
 * train/backprop.ts, the L1/L2 penalty of train/regularization.ts and the update rules of
 * train/optimizers.ts (same formulas, same order, so the plain TF.js path stays the reference it is tested
 * against). No tensor per op: on the CPU a teaching-scale step is a few thousand multiply-adds, and TF.js's
 * per-op overhead (allocation, dispatch, tidy) is what dominated it (issue 13: ~150 vs ~2,800 epochs/s for
 * TensorFlow Playground's engine). Sums run in double precision and are stored as float32, as TF.js's CPU
 * kernels do.
 */
import { outputActivationFor } from '../../engine/model/losses';
import type { NetworkLayout } from '../../engine/model/mlp';
import type { Activation } from '../../engine/names';
import {
  ADAM_BETA2,
  ADAM_EPSILON,
  RMSPROP_DECAY,
  RMSPROP_EPSILON,
  TF1_RMSPROP_DECAY,
  TF1_RMSPROP_EPSILON,
} from '../../engine/train/optimizers';
import { batchLoss, transferInto } from '../../engine/fused/cpuOutputs';
import { layerBackProduct, layerGradient, layerProduct } from '../../engine/fused/cpuMatMul';
import { gatherBatch, type FusedData, type FusedProblem, type FusedSchedule, type FusedState } from '../../engine/fused/fusedProblem';
import type { CpuTrainRun, SweepSchedule } from '../../engine/fused/sweepBatch';

export { activate, elementLoss } from '../../engine/fused/cpuOutputs';

/**
 * below = dY ⊙ f'(A), f'(A) written in terms of Y = f(A) (activations.ts multiplyByDerivative); relu'(0) = 0.
 * One loop per activation, the switch taken once per layer rather than per element; each loop computes
 * dY · f'(Y) with the same expression as before (double precision, stored as float32), so the same bits.
 */
function timesDerivativeInto(dy: Float64Array, y: Float32Array, below: Float32Array, size: number, f: Activation): void {
  switch (f) {
    case 'tanh':
      for (let e = 0; e < size; e++) {
        const v = y[e];
        below[e] = dy[e] * (1 - v * v);
      }
      return;
    case 'sigmoid':
      for (let e = 0; e < size; e++) {
        const v = y[e];
        below[e] = dy[e] * (v * (1 - v));
      }
      return;
    case 'relu':
      for (let e = 0; e < size; e++) below[e] = dy[e] * (y[e] > 0 ? 1 : 0);
      return;
    case 'linear':
      for (let e = 0; e < size; e++) below[e] = dy[e] * 1;
      return;
  }
}

/** Work buffers sized for one layout and batch, reused across steps and calls. */
class Workspace {
  readonly outputs: Float32Array[];
  readonly deltas: Float32Array[];
  readonly gradient: Float32Array;
  readonly batchInputs: Float32Array;
  readonly batchTargets: Float32Array;

  constructor(readonly layout: NetworkLayout, readonly batchSize: number) {
    this.outputs = layout.layers.map((layer) => new Float32Array(batchSize * layer.outputSize));
    this.deltas = layout.layers.map((layer) => new Float32Array(batchSize * layer.outputSize));
    this.gradient = new Float32Array(layout.parameterCount);
    this.batchInputs = new Float32Array(batchSize * layout.layers[0].inputSize);
    this.batchTargets = new Float32Array(batchSize * layout.layers[layout.layers.length - 1].outputSize);
  }
}

const workspaces = new WeakMap<NetworkLayout, Workspace>();
let built = 0;

/** How many workspaces have been built (a call on the same layout and batch size reuses the last). */
export function trainWorkspacesBuilt(): number {
  return built;
}

function workspaceFor(layout: NetworkLayout, batchSize: number): Workspace {
  const existing = workspaces.get(layout);
  if (existing && existing.batchSize === batchSize) return existing;
  built += 1;
  const created = new Workspace(layout, batchSize);
  workspaces.set(layout, created);
  return created;
}

/** Forward pass on the gathered batch; returns the mean minibatch loss and leaves G_M in the last delta. */
function forwardAndLoss(problem: FusedProblem, theta: Float32Array, work: Workspace): number {
  const { layers } = problem.layout;
  const B = work.batchSize;
  const last = layers.length - 1;
  let input = work.batchInputs;
  for (let m = 0; m <= last; m++) {
    const out = work.outputs[m];
    layerProduct(layers[m], input, theta, B, out);
    if (m < last) transferInto(out, out, layers[m].outputSize, layers[m].activation);
    input = out;
  }
  // The last layer's outputs are the logits A_M; G_M = (f_out(A_M) − t)/B for every loss (losses.ts).
  const width = layers[last].outputSize;
  const logits = work.outputs[last];
  const delta = work.deltas[last];
  const targets = work.batchTargets;
  const loss = batchLoss(logits, targets, width, problem.lossKind);
  transferInto(logits, delta, width, outputActivationFor(problem.lossKind));
  for (let e = 0; e < delta.length; e++) delta[e] = (delta[e] - targets[e]) / B;
  return loss / B;
}

/** ∇θ into work.gradient from the deltas (backprop.ts), plus the penalty on the weights. */
/**
 * `feedback` is what carries the error down a layer: null for backprop (W_m itself), feedback alignment's fixed
 * B_m in W_m's layout (Lillicrap et al. 2016: δ_{m−1} = (δ_m B_m) ⊙ f'(A_{m−1}); algorithms/feedback-alignment).
 */
function backward(problem: FusedProblem, theta: Float32Array, feedback: Float32Array | null, work: Workspace): void {
  const { layers } = problem.layout;
  const B = work.batchSize;
  const gradient = work.gradient;
  for (let m = layers.length - 1; m >= 0; m--) {
    const n = layers[m].inputSize;
    const input = m === 0 ? work.batchInputs : work.outputs[m - 1];
    const delta = work.deltas[m];
    layerGradient(layers[m], input, delta, B, gradient);
    if (m === 0) continue;
    const below = work.deltas[m - 1];
    const activation = layers[m - 1].activation;
    const dy = layerBackProduct(layers[m], delta, feedback ?? theta, B, false);
    timesDerivativeInto(dy, input, below, B * n, activation);
  }
  const { regularization, regularizationRate: rate } = problem;
  if (regularization === 'none' || rate === 0) return;
  const l2 = regularization === 'l2';
  for (const { inputSize, outputSize, weightOffset } of layers) {
    const end = weightOffset + inputSize * outputSize;
    if (l2) for (let p = weightOffset; p < end; p++) gradient[p] += rate * theta[p];
    else for (let p = weightOffset; p < end; p++) gradient[p] += rate * Math.sign(theta[p]);
  }
}

/**
 * SGD-HD's and Adam-HD's α for this step (Baydin, Cornish, Martínez Rubio, Schmidt & Wood, ICLR 2018, Algorithms 2
 * and 3; optimizers.ts FlatOptimizer.adaptRate): the scheduled rate at the first update (h₁ = 0), else
 * α_{t−1} + β·g_t·(−∇_α u_{t−1}), the dot product given by `negatedHypergradient`; kept as a float32, as the
 * plain path keeps it on the device. Call after stepCount has counted this step.
 */
function adaptedRate(problem: FusedProblem, state: FusedState, lr: number, negatedHypergradient: () => number): number {
  const beta = problem.hypergradientRate;
  if (beta === undefined || !Number.isFinite(beta)) throw new Error(`${problem.optimizer} needs a hypergradient rate β, got ${beta}`);
  if (state.stepCount === 1 || state.rate === undefined) state.rate = Math.fround(lr);
  // β = 0 holds α exactly (the range test), even where a diverging step's hypergradient is not finite.
  else if (beta !== 0) state.rate = Math.fround(state.rate + Math.fround(Math.fround(beta) * Math.fround(negatedHypergradient())));
  return state.rate;
}

/** Σ_p a[p]·b[p], in double. */
function dot(a: Float32Array, b: Float32Array): number {
  let sum = 0;
  for (let p = 0; p < a.length; p++) sum += a[p] * b[p];
  return sum;
}

/** One update of θ with work.gradient (optimizers.ts FlatOptimizer.apply, formula for formula); returns the rate it used. */
function update(problem: FusedProblem, state: FusedState, gradient: Float32Array, lr: number, mu: number): number {
  const { theta, slots } = state;
  const size = theta.length;
  state.stepCount += 1;
  switch (problem.optimizer) {
    case 'sgd':
      for (let p = 0; p < size; p++) theta[p] -= lr * gradient[p];
      return lr;
    case 'sgd-hd': {
      // ∇_α u_{t−1} = −g_{t−1}: the previous gradient, kept in the slot.
      const [previous] = slots;
      const alpha = adaptedRate(problem, state, lr, () => dot(gradient, previous));
      for (let p = 0; p < size; p++) {
        previous[p] = gradient[p];
        theta[p] -= alpha * gradient[p];
      }
      return alpha;
    }
    case 'momentum':
    case 'nesterov': {
      const [velocity] = slots;
      if (problem.optimizer === 'nesterov') {
        for (let p = 0; p < size; p++) {
          velocity[p] = mu * velocity[p] + gradient[p];
          theta[p] -= lr * (gradient[p] + mu * velocity[p]);
        }
      } else {
        for (let p = 0; p < size; p++) {
          velocity[p] = mu * velocity[p] + gradient[p];
          theta[p] -= lr * velocity[p];
        }
      }
      return lr;
    }
    case 'rmsprop': {
      const [meanSquare] = slots;
      for (let p = 0; p < size; p++) {
        meanSquare[p] = RMSPROP_DECAY * meanSquare[p] + (1 - RMSPROP_DECAY) * gradient[p] * gradient[p];
        theta[p] -= (lr * gradient[p]) / (Math.sqrt(meanSquare[p]) + RMSPROP_EPSILON);
      }
      return lr;
    }
    case 'rmsprop-tf1': {
      const [meanSquare, mom] = slots;
      for (let p = 0; p < size; p++) {
        meanSquare[p] = TF1_RMSPROP_DECAY * meanSquare[p] + (1 - TF1_RMSPROP_DECAY) * gradient[p] * gradient[p];
        mom[p] = mu * mom[p] + (lr * gradient[p]) / Math.sqrt(meanSquare[p] + TF1_RMSPROP_EPSILON);
        theta[p] -= mom[p];
      }
      return lr;
    }
    case 'adam':
    case 'adam-hd': {
      const [first, second] = slots;
      // Adam-HD: ∇_α u_{t−1} = −m̂_{t−1}/(√v̂_{t−1} + ε), from the moments before this step's update, in the ε̂ form.
      const alpha =
        problem.optimizer === 'adam'
          ? lr
          : adaptedRate(problem, state, lr, () => {
              const c2 = Math.sqrt(1 - ADAM_BETA2 ** (state.stepCount - 1));
              const epsilon = ADAM_EPSILON * c2;
              let sum = 0;
              for (let p = 0; p < size; p++) sum += gradient[p] * (first[p] / (Math.sqrt(second[p]) + epsilon));
              return (sum * c2) / (1 - state.beta1Product);
            });
      state.beta1Product *= mu;
      const secondCorrection = Math.sqrt(1 - ADAM_BETA2 ** state.stepCount);
      const stepSize = (alpha * secondCorrection) / (1 - state.beta1Product);
      const epsilonHat = ADAM_EPSILON * secondCorrection;
      for (let p = 0; p < size; p++) {
        first[p] = mu * first[p] + (1 - mu) * gradient[p];
        second[p] = ADAM_BETA2 * second[p] + (1 - ADAM_BETA2) * gradient[p] * gradient[p];
        theta[p] -= (stepSize * first[p]) / (Math.sqrt(second[p]) + epsilonHat);
      }
      return alpha;
    }
  }
}

/**
 * Runs every step of `schedule` on `state` in place and returns each step's minibatch loss before its update
 * (what the LR range test records, fastai's convention).
 */
export function trainStepsCpu(problem: FusedProblem, state: FusedState, data: FusedData, schedule: FusedSchedule, feedback: Float32Array | null = null, rates: Float32Array | null = null): Float32Array {
  const losses = new Float32Array(schedule.learningRates.length);
  trainStepsInPlace(problem, state, data, schedule, schedule.learningRates.length, losses, feedback, rates);
  return losses;
}

/**
 * The first `steps` steps of `schedule` on `state`, in place; each step's loss into `losses` where given; the error
 * sent down through `feedback` where given (feedback alignment's B), else through W (backward); each step's rate
 * into `rates` where given (SGD-HD's and Adam-HD's adapted α, the schedule's rate for the others).
 */
export function trainStepsInPlace(
  problem: FusedProblem,
  state: FusedState,
  data: FusedData,
  schedule: SweepSchedule,
  steps: number,
  losses: Float32Array | null,
  feedback: Float32Array | null = null,
  rates: Float32Array | null = null,
): void {
  const B = schedule.batchSize;
  const work = workspaceFor(problem.layout, B);
  for (let s = 0; s < steps; s++) {
    gatherBatch(problem.layout, data, schedule.rows.subarray(s * B, (s + 1) * B), work.batchInputs, work.batchTargets);
    const loss = forwardAndLoss(problem, state.theta, work);
    if (losses) losses[s] = loss;
    backward(problem, state.theta, feedback, work);
    const rate = update(problem, state, work.gradient, schedule.learningRates[s], schedule.momenta[s]);
    if (rates) rates[s] = rate;
  }
}

/**
 * The sweep's entry point (issue 17 §8, "one fused kernel call advances many runs"; backprop's sweepBatch.cpu,
 * sweepBatch.ts): each run's steps on its own typed arrays, with no TF.js tensor made, read or copied, and no
 * losses kept. Runs whose problems share one layout object share one workspace. Each run's arithmetic is trainStepsCpu's, step for step, so a run advanced
 * here is bit for bit the same run trained alone through the kernel (engine/sweep/cpuRunGroup.test.ts).
 */
export function trainStepsCpuRuns(runs: readonly CpuTrainRun[]): void {
  for (const run of runs) trainStepsInPlace(run.problem, run.state, run.data, run.schedule, run.steps, null);
}
