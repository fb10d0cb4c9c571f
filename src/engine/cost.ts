/**
 * What a run will cost before it starts (issue 20 §7, issue 21 item 3): its parameters, the floating-point
 * operations of one training step and of one evaluation, and, at a device's measured rate, their time. A
 * dense layer of n inputs and k outputs costs 2·n·k operations per example forward (a multiply and an add per
 * weight) and 4·n·k backward (∂L/∂X and ∂L/∂W, each one more product of the same size): the usual 6 × weights ×
 * examples of a training step (Kaplan et al. 2020, "Scaling Laws for Neural Language Models", §2.1, C ≈ 6N per
 * token). Biases, activations and the optimizer's elementwise update are O(parameters), not O(parameters ×
 * batch), and are left out. Pure: the page may use it as well as the worker.
 */

/** Weights (not biases) of a dense network of these layer sizes (inputs, hidden…, outputs): its multiply-adds per example forward. */
export function weightCount(sizes: readonly number[]): number {
  let sum = 0;
  for (let i = 1; i < sizes.length; i++) sum += sizes[i - 1] * sizes[i];
  return sum;
}

/**
 * Operations of one training step on `batchSize` examples: forward and backward (6 per weight and example).
 * An algorithm with an inner loop of K iterations (LocoProp, Amid et al. 2022, Algorithm 1) runs the forward
 * pass (2), carries δ back through every layer for the targets (δ·Wᵀ, 2; no ∂L/∂W), then per iteration every
 * layer's local forward pass and its weight gradient (2 + 2), less the first iteration's forward pass, which is
 * the outer one (§3: the first inner step is backprop's): 2 + 4K per weight and example, (2K + 1)/3 backprop
 * steps, the ratio the cost row states.
 */
export function stepFlops(weights: number, batchSize: number, innerIterations = 0): number {
  const perWeightAndExample = innerIterations > 0 ? 2 + 4 * innerIterations : 6;
  return perWeightAndExample * batchSize * weights;
}

/** Operations of one evaluation over `rows` examples (train sample and test set together): forward only. */
export function evaluationFlops(weights: number, rows: number): number {
  return 2 * rows * weights;
}

/**
 * The operations one evaluation may take before its sets are cut to fewer rows (both sets together): about a
 * second on the CPU backend of a 2020s laptop, milliseconds on a GPU. A fixed count, not a time, so the same
 * link measures its losses on the same examples on every device.
 */
export const EVALUATION_FLOP_BUDGET = 2e9;
/** The fewest rows a cut set keeps (each of the train sample, the validation set and the test set). */
export const MIN_EVALUATION_ROWS = 64;

/**
 * Rows of each evaluated set (the train sample and the test set, and the validation set when a run has one:
 * `sets` of them) for this network: `wanted` (what the session would take) while an evaluation of all of them
 * fits EVALUATION_FLOP_BUDGET, else as many as fit, at least MIN_EVALUATION_ROWS (never more than wanted).
 */
export function evaluationRowsFor(weights: number, wanted: number, sets = 2): number {
  const fitting = Math.floor(EVALUATION_FLOP_BUDGET / evaluationFlops(weights, sets));
  return Math.min(wanted, Math.max(MIN_EVALUATION_ROWS, fitting));
}

/** A step slower than this is said before it starts (issue 20 §7: "when a step will take more than a second"). */
export const SLOW_STEP_MS = 1000;
/** The smaller variant offered aims at steps at most this long. */
export const SUGGESTED_STEP_MS = 100;
/** The narrowest layer a smaller variant keeps. */
export const MIN_SUGGESTED_UNITS = 8;

/** A network's shape and step as the estimate needs them. */
export interface StepShape {
  inputSize: number;
  hidden: readonly number[];
  outputSize: number;
  batchSize: number;
  innerIterations: number;
}

/** Operations of one training step of this shape. */
export function shapeStepFlops(shape: StepShape): number {
  return stepFlops(weightCount([shape.inputSize, ...shape.hidden, shape.outputSize]), shape.batchSize, shape.innerIterations);
}

/**
 * Operations of the longest piece of a diagnosed step's diagnosis (engine/diagnosedStep.ts), which runs on TF.js's
 * plain kernels whatever path the steps take: one forward and backward pass over the batch (backprop's side step
 * and the probes' minibatch gradient, LocoProp's targets; its inner iterations are smaller pieces).
 */
export function diagnosisPieceFlops(shape: StepShape): number {
  return shapeStepFlops({ ...shape, innerIterations: 0 });
}

/**
 * Smaller hidden layers whose step is estimated at SUGGESTED_STEP_MS or less at `flopsPerMs`: every layer
 * halved (at least MIN_SUGGESTED_UNITS) until it fits, then, if still too slow, the deepest layers dropped one
 * by one. Null when even one narrowest layer is too slow (the data, not the network, is what costs) or when
 * the network already fits.
 */
export function smallerHidden(shape: StepShape, flopsPerMs: number): number[] | null {
  const { hidden } = shape;
  const fits = (candidate: readonly number[]): boolean => shapeStepFlops({ ...shape, hidden: candidate }) / flopsPerMs <= SUGGESTED_STEP_MS;
  let candidate = [...hidden];
  while (!fits(candidate) && candidate.some((units) => units > MIN_SUGGESTED_UNITS)) {
    candidate = candidate.map((units) => Math.max(MIN_SUGGESTED_UNITS, Math.floor(units / 2)));
  }
  while (!fits(candidate) && candidate.length > 1) candidate = candidate.slice(0, -1);
  if (!fits(candidate)) return null;
  return candidate.length === hidden.length && candidate.every((units, i) => units === hidden[i]) ? null : candidate;
}
