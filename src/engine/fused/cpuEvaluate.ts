/**
 * A fused CPU evaluation: the loss and accuracy of evaluationTensors.ts `measurementTensors` (the train sample,
 * the test set, the validation set) as typed-array loops, equal to the plain TF.js CPU path BIT FOR BIT. The plain
 * path runs about 85 kernels per evaluation (forward per set, the loss op by op, argMax, mean); on a teaching-scale
 * network their dispatch, not the arithmetic, is the cost. Every value here is rounded where a TF.js CPU kernel
 * writes a float32 tensor (tfjs-backend-cpu 4.22, src/kernels): element-wise kernels compute in double and store
 * float32; Sum adds in double in row-major order and stores float32; Max and ArgMax keep the first largest value
 * (Max lets NaN through); Mean divides each element by n, then sums; logSumExp is the core op's max, sub, exp, sum,
 * log, add (tfjs-core/src/ops/log_sum_exp.ts). The products are cpuMatMul.ts's layerProduct (matMul's rounding,
 * then the bias added in float32), the hidden activations cpuOutputs.ts's `activate` (Math.tanh — as cpuTanh.ts's
 * tanhF32, the same bits — and the logistic,
 * the CPU kernels' formulas; ReLU as Math.max(0, a), the kernel's, which keeps a NaN). The losses are not
 * cpuOutputs.ts's: those sum in double for the fused training step, where the plain evaluation rounds each op.
 *
 * The accuracy's share per example is Mean's f32(1/n), added in double, as Mean's Sum does; the loss is the
 * per-example losses summed in double over the whole set, stored float32, divided by n (losses.ts lossValue).
 *
 * layerProduct skips zero inputs, exact only while θ is finite (0·∞ is NaN); a θ with a non-finite entry is
 * refused (null), and the caller takes the plain path. Rows are measured in chunks of CHUNK_ROWS into reused
 * buffers; the running sums carry across chunks in the same order, so chunking changes no bit. A live run's
 * evaluation (cpuLiveEvaluation.ts) also takes each test row's predicted class (the confusion matrix's) and the
 * predictions f_out(logits) of the plane's grid and the gallery (predictRows).
 */
import { outputActivationFor, type LossKind } from '../model/losses';
import type { NetworkLayout } from '../model/mlp';
import { layerProduct } from './cpuMatMul';
import { activate, transferInto } from './cpuOutputs';
import { tanhF32 } from './cpuTanh';
import type { RunMetrics } from '../sweep/types';

const f32 = Math.fround;
/** Rows per forward pass: the buffers hold CHUNK_ROWS × the widest layer. */
export const CHUNK_ROWS = 256;

/** The network an evaluation measures (evaluationTensors.ts MeasuredNetwork, θ flat). */
export interface CpuNetwork {
  layout: NetworkLayout;
  lossKind: LossKind;
  /** Classes of the problem (2 for one sigmoid output), for accuracy; 0: none (accuracy NaN). */
  classCount: number;
}

/** Rows of one evaluated set, row-major: inputs rows × inputSize, targets rows × outputSize. */
export interface CpuRows {
  inputs: Float32Array;
  targets: Float32Array;
  rows: number;
}

export interface CpuSetMeasurement {
  loss: number;
  accuracy: number;
}

/** The losses and accuracies a sweep records (NaN validation figures without a validation set). */
export type CpuMeasurements = RunMetrics;

/** The first index of the largest value in row[at, at + width) (ArgMax: strictly greater replaces). */
function argMax(values: Float32Array, at: number, width: number): number {
  let top = values[at];
  let index = 0;
  for (let j = 1; j < width; j++) {
    if (values[at + j] > top) {
      top = values[at + j];
      index = j;
    }
  }
  return index;
}

/**
 * The per-example losses of one chunk of logits, each rounded as losses.ts's ops round it, added in row-major
 * order to `total` (a double, as TF.js's Sum); returns the new total.
 */
function addLosses(logits: Float32Array, targets: Float32Array, targetAt: number, rows: number, width: number, kind: LossKind, total: number): number {
  let sum = total;
  if (kind === 'sigmoid-cross-entropy') {
    // relu(a) − a·t + log1p(exp(−|a|)), op by op.
    for (let e = 0; e < rows * width; e++) {
      const a = logits[e];
      const kept = f32(Math.max(0, a) - f32(a * targets[targetAt + e]));
      sum += f32(kept + f32(Math.log1p(f32(Math.exp(-Math.abs(a))))));
    }
    return sum;
  }
  if (kind === 'squared-error') {
    // 0.5 · squaredDifference(a, t); the kernel squares the difference in double.
    for (let e = 0; e < rows * width; e++) {
      const d = logits[e] - targets[targetAt + e];
      sum += f32(0.5 * f32(d * d));
    }
    return sum;
  }
  // logSumExp(a) − Σ a·t per row (softmax.ts softmaxCrossEntropyRows).
  for (let r = 0; r < rows; r++) {
    const at = r * width;
    let top = logits[at];
    for (let j = 0; j < width; j++) if (Number.isNaN(logits[at + j]) || logits[at + j] > top) top = logits[at + j];
    let exps = 0;
    let dot = 0;
    for (let j = 0; j < width; j++) {
      exps += f32(Math.exp(f32(logits[at + j] - top)));
      dot += f32(logits[at + j] * targets[targetAt + at + j]);
    }
    const logSumExp = f32(top + f32(Math.log(f32(exps))));
    sum += f32(logSumExp - f32(dot));
  }
  return sum;
}

/** Reused layer outputs for CHUNK_ROWS rows of one layout. */
const buffers = new WeakMap<NetworkLayout, Float32Array[]>();

function layerBuffers(layout: NetworkLayout): Float32Array[] {
  let made = buffers.get(layout);
  if (!made) {
    made = layout.layers.map((layer) => new Float32Array(CHUNK_ROWS * layer.outputSize));
    buffers.set(layout, made);
  }
  return made;
}

/** Whether every entry of θ is finite (the zero-skipping products are exact then). */
export function finiteTheta(theta: Float32Array): boolean {
  for (let p = 0; p < theta.length; p++) if (!Number.isFinite(theta[p])) return false;
  return true;
}

/**
 * The logits of `count` ≤ CHUNK_ROWS rows of `inputs` from row `first`: forward() on the CPU backend, in a reused
 * buffer (valid until the next call).
 */
function logitsOf(layout: NetworkLayout, theta: Float32Array, inputs: Float32Array, first: number, count: number): Float32Array {
  const { layers } = layout;
  const last = layers.length - 1;
  const inputSize = layers[0].inputSize;
  const outputs = layerBuffers(layout);
  let input = inputs.subarray(first * inputSize, (first + count) * inputSize);
  for (let m = 0; m <= last; m++) {
    const out = outputs[m];
    layerProduct(layers[m], input, theta, count, out);
    const f = layers[m].activation;
    // ReLU as its kernel has it, max(0, a), which keeps a NaN (activate's a > 0 ? a : 0 would not).
    const size = count * layers[m].outputSize;
    if (m < last && f === 'relu') for (let e = 0; e < size; e++) out[e] = Math.max(0, out[e]);
    // tanh inline, not through activate's switch, and as cpuTanh.ts's tanhF32: Math.tanh's bits stored as float32,
    // about half the time (Math.tanh was ~80 % of a 2-8-8-1 evaluation, issue 17 §8).
    else if (m < last && f === 'tanh') for (let e = 0; e < size; e++) out[e] = tanhF32(out[e]);
    else if (m < last && f !== 'linear') for (let e = 0; e < size; e++) out[e] = activate(out[e], f);
    input = out;
  }
  return outputs[last];
}

/**
 * One set's running sums, carried across row ranges in row order (so cutting the rows changes no bit): the
 * per-example losses in double, the accuracy's shares in double, and each row's predicted class when asked (the
 * confusion matrix's).
 */
export interface SetTally {
  lossSum: number;
  accuracySum: number;
  predicted: Int32Array | null;
  /** Per row, 1 where the predicted class is the target's, when asked (a sweep run's final test set). */
  correct: Uint8Array | null;
}

export function newTally(rows: number, keepPredicted: boolean, keepCorrect = false): SetTally {
  return { lossSum: 0, accuracySum: 0, predicted: keepPredicted ? new Int32Array(rows) : null, correct: keepCorrect ? new Uint8Array(rows) : null };
}

/** Adds rows [first, first + count) of `set` to `tally`; θ must be finite (finiteTheta). */
export function tallyRows(network: CpuNetwork, theta: Float32Array, set: CpuRows, first: number, count: number, tally: SetTally): void {
  const { layout, lossKind, classCount } = network;
  const width = layout.layers[layout.layers.length - 1].outputSize;
  /** Each example's share of the accuracy: Mean divides by n before it sums. */
  const share = f32(1 / f32(set.rows));
  for (let at = first; at < first + count; at += CHUNK_ROWS) {
    const rows = Math.min(CHUNK_ROWS, first + count - at);
    const logits = logitsOf(layout, theta, set.inputs, at, rows);
    const targetAt = at * width;
    tally.lossSum = addLosses(logits, set.targets, targetAt, rows, width, lossKind, tally.lossSum);
    if (classCount === 0) continue;
    for (let r = 0; r < rows; r++) {
      const predicted = width === 1 ? (logits[r] > 0 ? 1 : 0) : argMax(logits, r * width, width);
      const truth = width === 1 ? (f32(set.targets[targetAt + r] - 0.5) > 0 ? 1 : 0) : argMax(set.targets, targetAt + r * width, width);
      tally.accuracySum += predicted === truth ? share : 0;
      if (tally.predicted) tally.predicted[at + r] = predicted;
      if (tally.correct) tally.correct[at + r] = predicted === truth ? 1 : 0;
    }
  }
}

/** The set's loss and accuracy from its finished tally (NaN for an empty set; NaN accuracy without classes). */
export function tallied(network: CpuNetwork, rows: number, tally: SetTally): CpuSetMeasurement {
  if (rows === 0) return { loss: Number.NaN, accuracy: Number.NaN };
  return { loss: f32(f32(tally.lossSum) / rows), accuracy: network.classCount === 0 ? Number.NaN : f32(tally.accuracySum) };
}

/**
 * The predictions ŷ = f_out(logits) of rows [first, first + count) of `inputs` into `out` (row-major, from row
 * `first`): applyOutput on the CPU backend. The sigmoid is its kernel's 1 / (1 + exp(−a)); softmax its kernel's
 * max, sub, exp, sum, div, each stored float32 (cpuOutputs.ts transferInto); squared error's identity the logits.
 */
export function predictRows(network: CpuNetwork, theta: Float32Array, inputs: Float32Array, first: number, count: number, out: Float32Array): void {
  const { layout, lossKind } = network;
  const width = layout.layers[layout.layers.length - 1].outputSize;
  const f = outputActivationFor(lossKind);
  for (let at = first; at < first + count; at += CHUNK_ROWS) {
    const rows = Math.min(CHUNK_ROWS, first + count - at);
    const logits = logitsOf(layout, theta, inputs, at, rows).subarray(0, rows * width);
    const into = out.subarray(at * width, (at + rows) * width);
    if (f === 'linear') into.set(logits);
    else transferInto(logits, into, width, f);
  }
}

/**
 * Per row of `set`, 1 where the network's predicted class is the target's: the rows its accuracy counts, by the same
 * loop (so their mean is cpuMeasureSet's accuracy); null without classes or where θ has a non-finite entry.
 */
export function cpuCorrectRows(network: CpuNetwork, theta: Float32Array, set: CpuRows): Uint8Array | null {
  if (network.classCount === 0 || !finiteTheta(theta)) return null;
  const tally = newTally(set.rows, false, true);
  tallyRows(network, theta, set, 0, set.rows, tally);
  return tally.correct;
}

/** One set's loss and accuracy, as measurementTensors' `measure` gives them; θ must be finite (finiteTheta). */
export function cpuMeasureSet(network: CpuNetwork, theta: Float32Array, set: CpuRows): CpuSetMeasurement {
  const tally = newTally(set.rows, false);
  tallyRows(network, theta, set, 0, set.rows, tally);
  return tallied(network, set.rows, tally);
}

/**
 * measurementTensors' [train loss, test loss, train accuracy, test accuracy, validation loss, validation accuracy]
 * (NaN validation without a set), or null when θ has a non-finite entry (then the plain path measures it).
 */
export function cpuMeasurements(network: CpuNetwork, theta: Float32Array, sets: { train: CpuRows; test: CpuRows; validation: CpuRows | null }): CpuMeasurements | null {
  if (!finiteTheta(theta)) return null;
  const train = cpuMeasureSet(network, theta, sets.train);
  const test = cpuMeasureSet(network, theta, sets.test);
  const validation = sets.validation ? cpuMeasureSet(network, theta, sets.validation) : { loss: Number.NaN, accuracy: Number.NaN };
  return {
    trainLoss: train.loss,
    testLoss: test.loss,
    trainAccuracy: train.accuracy,
    testAccuracy: test.accuracy,
    validationLoss: validation.loss,
    validationAccuracy: validation.accuracy,
  };
}
