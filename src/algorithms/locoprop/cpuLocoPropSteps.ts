/**
 * N whole LocoProp outer steps (S and M) as typed-array loops, the formulas of train/locoprop.ts in the same
 * order (Amid, Anil & Warmuth, AISTATS 2022, arXiv:2106.06199, as the authors' notebook runs it:
 * locoprop/locoprop_training.ipynb in github.com/google-research/google-research, "the notebook" below):
 *  1. forward pass keeping X_m, A_m and Y_m (the last layer's Y is the loss's prediction ŷ);
 *  2. G_m = ∂L/∂A_m by the hand-written backprop, G_M = (ŷ − t)/B (the loss is a mean over the batch, so G
 *     carries the 1/B, as in the notebook's `compute_cross_entropy_loss`);
 *  3. targets T_m = A_m − γG_m (S) or Y_m − γG_m (M), from this one forward/backward pass (the paper's
 *     targets, chosen so that one inner gradient step from θ is a backprop step with rate ργ);
 *  4. K inner iterations on every layer's local loss with X_m and T_m frozen (the notebook feeds each layer
 *     the inputs and targets of the one forward/backward pass, so the layers' problems are independent):
 *     δ = Ã − T (S) or f(Ã) − T (M, the gradient of the matched Bregman loss Σ F(Ã) − T⊙Ã with ∇F = f,
 *     which has no f' factor), Ã = X_m W̃ + b̃;
 *     ∇W̃ = X_mᵀδ, ∇b̃ = 1ᵀδ (batch sums), + (θ̃ − θ)/η with the paper's proximal regulariser
 *     (1/2η)‖θ̃ − θ‖² (the notebook leaves it out), + the L1/L2 penalty,
 *     then the inner optimizer at lr · max(1 − k/K, 0.25) when decay is on (the notebook's `_learning_fn`);
 *  5. the last inner iterate is the new θ; the optimizer's slots persist unless reset each outer step (the
 *     notebook keeps them: it runs its `reset_optimizer_loco_prop` ops only if `reset_optimizers`, set False).
 * Given the targets every layer's inner problem is independent, so all layers run in one loop nest per inner
 * iteration and the elementwise optimizer takes one pass over the flat θ, as the plain path's one update does.
 *
 * Rounding: unlike cpuTrainSteps.ts, every value TF.js's CPU kernels store as float32 between two ops is
 * rounded here too (Math.fround), and products are summed in TF.js's blocks, so the result is the plain
 * path's bit for bit. That matters: a thousand inner updates over 100 outer steps drive ReLU units onto their
 * kink and residuals to cancellation (M's δ = Y − (Y − γG) at k = 0), where one ulp decides a branch.
 */
import type { LayerLayout, NetworkLayout } from '../../engine/model/mlp';
import { outputActivationFor } from '../../engine/model/losses';
import type { Activation } from '../../engine/names';
import type { LocoPropSettings } from './settings';
import { innerRateFactor, type LocoPropVariant } from './step';
import { batchLoss, transferInto, type CpuTransfer } from '../../engine/fused/cpuOutputs';
import { applyInnerUpdate, resetInnerOptimizer } from './cpuInnerOptimizers';
import { layerBackProduct, layerGradient, layerProduct } from '../../engine/fused/cpuMatMul';
import { gatherBatch, type FusedData, type FusedProblem, type FusedState } from '../../engine/fused/fusedProblem';
import type { CpuTrainRun } from '../../engine/fused/sweepBatch';

export interface LocoPropProblem extends FusedProblem {
  variant: LocoPropVariant;
  locoprop: LocoPropSettings;
}

/** The problem as a LocoProp kernel takes it (a sweep's run's: sweepBatch.ts), checked. */
export function asLocoPropProblem(problem: FusedProblem): LocoPropProblem {
  if (!('locoprop' in problem) || !('variant' in problem)) throw new Error('LocoProp sweep steps: the run\'s problem has no LocoProp settings');
  return problem as LocoPropProblem;
}

/** Per outer step: the batch's rows, the inner learning rate ρ and the momentum, as the session's doubles. */
export interface LocoPropSchedule {
  batchSize: number;
  rows: Int32Array;
  learningRates: ArrayLike<number>;
  momenta: ArrayLike<number>;
}

const f32 = Math.fround;

/** Buffers for one layout and batch size, reused across outer steps and calls. */
class LocoPropWorkspace {
  readonly batchInputs: Float32Array;
  readonly batchTargets: Float32Array;
  /** A_m and Y_m of the outer forward pass (Y_{m−1} is X_m, frozen through the inner loop). */
  readonly preActivations: Float32Array[];
  readonly outputs: Float32Array[];
  /** G_m, then the inner residuals δ_m. */
  readonly deltas: Float32Array[];
  readonly targets: Float32Array[];
  readonly gradient: Float32Array;
  /** θ at the start of the outer step, for the proximal term. */
  readonly start: Float32Array;

  constructor(readonly layout: NetworkLayout, readonly batchSize: number) {
    const perLayer = (): Float32Array[] => layout.layers.map((layer) => new Float32Array(batchSize * layer.outputSize));
    this.batchInputs = new Float32Array(batchSize * layout.layers[0].inputSize);
    this.batchTargets = new Float32Array(batchSize * layout.layers[layout.layers.length - 1].outputSize);
    this.preActivations = perLayer();
    this.outputs = perLayer();
    this.deltas = perLayer();
    this.targets = perLayer();
    this.gradient = new Float32Array(layout.parameterCount);
    this.start = new Float32Array(layout.parameterCount);
  }

  input(m: number): Float32Array {
    return m === 0 ? this.batchInputs : this.outputs[m - 1];
  }
}

const workspaces = new WeakMap<NetworkLayout, LocoPropWorkspace>();
let built = 0;

/** How many workspaces have been built (a call on the same layout and batch size reuses the last). */
export function locopropWorkspacesBuilt(): number {
  return built;
}

function workspaceFor(layout: NetworkLayout, batchSize: number): LocoPropWorkspace {
  const existing = workspaces.get(layout);
  if (existing && existing.batchSize === batchSize) return existing;
  built += 1;
  const created = new LocoPropWorkspace(layout, batchSize);
  workspaces.set(layout, created);
  return created;
}

/**
 * G_{m−1} = (G_m W_mᵀ) ⊙ f'(A_{m−1}) (backprop.ts), f' from Y and rounded as activations.ts
 * multiplyByDerivative's ops round it. One loop per activation (the switch taken once per layer, not per
 * element), each with the same expression and Math.fround points as before, so the same bits.
 */
function propagate(layer: LayerLayout, belowActivation: Activation, input: Float32Array, delta: Float32Array, theta: Float32Array, below: Float32Array, batchSize: number): void {
  // Each entry as TF.js's CPU matMul computes it: a double sum per block of MATMUL_BLOCK terms, added into a float32.
  const dy = layerBackProduct(layer, delta, theta, batchSize, true);
  const size = batchSize * layer.inputSize;
  switch (belowActivation) {
    case 'tanh':
      for (let e = 0; e < size; e++) {
        const y = input[e];
        below[e] = dy[e] * f32(1 - f32(y * y));
      }
      return;
    case 'sigmoid':
      for (let e = 0; e < size; e++) {
        const y = input[e];
        below[e] = dy[e] * f32(y * f32(1 - y));
      }
      return;
    case 'relu':
      for (let e = 0; e < size; e++) below[e] = input[e] > 0 ? dy[e] : 0;
      return;
    case 'linear':
      for (let e = 0; e < size; e++) below[e] = dy[e];
      return;
  }
}

/** Steps 1–3: taps, G_m and the targets; returns the minibatch loss before the update. */
function forwardBackwardTargets(problem: LocoPropProblem, transfer: readonly CpuTransfer[], theta: Float32Array, work: LocoPropWorkspace): number {
  const { layers } = problem.layout;
  const B = work.batchSize;
  const last = layers.length - 1;
  for (let m = 0; m <= last; m++) {
    const a = work.preActivations[m];
    layerProduct(layers[m], work.input(m), theta, B, a);
    transferInto(a, work.outputs[m], layers[m].outputSize, transfer[m]);
  }
  const logits = work.preActivations[last];
  const predictions = work.outputs[last];
  const loss = batchLoss(logits, work.batchTargets, layers[last].outputSize, problem.lossKind);
  for (let e = 0; e < logits.length; e++) work.deltas[last][e] = f32(predictions[e] - work.batchTargets[e]) / B;
  for (let m = last; m > 0; m--) propagate(layers[m], layers[m - 1].activation, work.input(m), work.deltas[m], theta, work.deltas[m - 1], B);
  const gamma = f32(problem.locoprop.gamma);
  for (let m = 0; m <= last; m++) {
    const current = problem.variant === 'S' ? work.preActivations[m] : work.outputs[m];
    const g = work.deltas[m];
    const t = work.targets[m];
    for (let e = 0; e < t.length; e++) t[e] = current[e] - f32(gamma * g[e]);
  }
  return loss / B;
}

/**
 * One inner iteration's gradient into work.gradient: every layer's local-loss gradient (§2 step 4), then the
 * proximal term, then the penalty. At k = 0 θ̃ = θ, so Ã is the outer pass's A (and f(Ã) its Y): one product
 * per layer saved (§5.4's "minus 1").
 */
function innerGradient(problem: LocoPropProblem, transfer: readonly CpuTransfer[], theta: Float32Array, k: number, work: LocoPropWorkspace): void {
  const { layers } = problem.layout;
  const B = work.batchSize;
  const squared = problem.variant === 'S';
  for (let m = 0; m < layers.length; m++) {
    const delta = work.deltas[m];
    const target = work.targets[m];
    if (k === 0) {
      const current = squared ? work.preActivations[m] : work.outputs[m];
      for (let e = 0; e < delta.length; e++) delta[e] = current[e] - target[e];
    } else {
      layerProduct(layers[m], work.input(m), theta, B, delta);
      const f = transfer[m];
      if (squared) for (let e = 0; e < delta.length; e++) delta[e] -= target[e];
      else {
        transferInto(delta, delta, layers[m].outputSize, f);
        for (let e = 0; e < delta.length; e++) delta[e] -= target[e];
      }
    }
    layerGradient(layers[m], work.input(m), delta, B, work.gradient);
  }
  const { gradient, start } = work;
  const proximalWeight = f32(problem.locoprop.proximalWeight);
  if (proximalWeight > 0) for (let p = 0; p < gradient.length; p++) gradient[p] += f32(f32(theta[p] - start[p]) * proximalWeight);
  const { regularization, regularizationRate } = problem;
  if (regularization === 'none' || regularizationRate === 0) return;
  const rate = f32(regularizationRate);
  const l2 = regularization === 'l2';
  for (const { inputSize, outputSize, weightOffset } of layers) {
    const end = weightOffset + inputSize * outputSize;
    if (l2) for (let p = weightOffset; p < end; p++) gradient[p] += f32(theta[p] * rate);
    else for (let p = weightOffset; p < end; p++) gradient[p] += f32(Math.sign(theta[p]) * rate);
  }
}

/** Each layer's transfer function; the last layer's is the loss's output function (σ or identity, §4). */
function transferFunctions(problem: LocoPropProblem): CpuTransfer[] {
  const last = problem.layout.layers.length - 1;
  const output = outputActivationFor(problem.lossKind);
  return problem.layout.layers.map((layer, m) => (m === last ? output : layer.activation));
}

/**
 * Runs every outer step of `schedule` on `state` in place (K inner optimizer updates each) and returns each
 * outer step's minibatch loss before its update.
 */
export function locopropStepsCpu(problem: LocoPropProblem, state: FusedState, data: FusedData, schedule: LocoPropSchedule): Float32Array {
  const losses = new Float32Array(schedule.learningRates.length);
  stepsInPlace(problem, state, data, schedule, schedule.learningRates.length, losses);
  return losses;
}

/** The first `steps` outer steps of `schedule` on `state`, in place; each step's loss into `losses` where given. */
function stepsInPlace(problem: LocoPropProblem, state: FusedState, data: FusedData, schedule: LocoPropSchedule, steps: number, losses: Float32Array | null): void {
  const B = schedule.batchSize;
  const { innerSteps, innerDecay, resetInner, proximalWeight } = problem.locoprop;
  const work = workspaceFor(problem.layout, B);
  const transfer = transferFunctions(problem);
  const rateFactors = Array.from({ length: innerSteps }, (_, k) => innerRateFactor(k, innerSteps, innerDecay));
  for (let s = 0; s < steps; s++) {
    gatherBatch(problem.layout, data, schedule.rows.subarray(s * B, (s + 1) * B), work.batchInputs, work.batchTargets);
    const loss = forwardBackwardTargets(problem, transfer, state.theta, work);
    if (losses) losses[s] = loss;
    if (proximalWeight > 0) work.start.set(state.theta);
    if (resetInner) resetInnerOptimizer(problem.optimizer, state);
    for (let k = 0; k < innerSteps; k++) {
      innerGradient(problem, transfer, state.theta, k, work);
      applyInnerUpdate(problem.optimizer, state, work.gradient, schedule.learningRates[s] * rateFactors[k], schedule.momenta[s]);
    }
  }
}

/**
 * LocoProp's batched sweep steps on the CPU (sweepBatch.ts; issue 17 §8, "one fused kernel call advances many
 * runs"): each run's outer steps on its own typed arrays, counters included, with no TF.js tensor made, read or
 * copied and no losses kept. Runs whose problems share one layout object share one workspace. Each run's
 * arithmetic is locopropStepsCpu's, so it is bit for bit the run trained alone (engine/sweep/cpuRunGroup.test.ts).
 */
export function locopropStepsCpuRuns(runs: readonly CpuTrainRun[]): void {
  for (const run of runs) stepsInPlace(asLocoPropProblem(run.problem), run.state, run.data, run.schedule, run.steps, null);
}
