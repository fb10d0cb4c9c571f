/**
 * An evaluation in row chunks, so that the worker's messages come in while it runs (issue 21: with MNIST through
 * 512-512 on the CPU backend one evaluation took seconds, and Pause waited for all of it). On the CPU backend an
 * op runs when it is called, so the whole evaluation was one synchronous task; here the network's outputs on the
 * evaluated sets are computed a few rows at a time, with a slice (the host's yield to its message loop) between
 * two chunks, and the evaluation stops there when it is no longer wanted (a command came in).
 *
 * Exactness: a dense layer's forward pass is row-independent (output row i is input row i times the weights, plus
 * the bias, through the activation), so the chunks' outputs, concatenated, are the same numbers as one pass over
 * all the rows; the losses and accuracies are then reduced from them ONCE, by the same ops as before
 * (evaluationTensors.ts measurementTensors), so the evaluation gives the same bits as an unchunked one
 * (evaluationChunks.test.ts checks it bit for bit). Nothing can change θ between two chunks: the host runs its
 * commands and ticks one after another on one promise chain (worker/workQueue.ts), so the chunks see one state.
 * Where the steps are fused on the CPU backend, the fused evaluation (fused/cpuLiveEvaluation.ts) measures instead,
 * cutting the same sets into the same chunks (chunkingPlan's rows) with the slices at the same places.
 */
import * as tf from '@tensorflow/tfjs-core';
import { forward, unpackParameters, type NetworkLayout } from './model/mlp';
import type { EvaluationConstants } from './evaluationTensors';

/**
 * Operations (2 per weight and row) in one chunk: about 0.1 s on the CPU backend at ~1 GFLOP/s, a fifth of one
 * step of MNIST 512-512 at batch 128 (0.51 GFLOP, cost.ts stepFlops), so a pause waits for less than a step.
 */
export const EVALUATION_CHUNK_FLOPS = 1e8;

/** Backends whose ops run as they are called (on a GPU they are only enqueued, and the readback's await yields). */
const SYNCHRONOUS_BACKENDS = new Set(['cpu', 'tensorflow']);

/** Whether the current backend runs ops as they are called (so a call's wall time is its ops' time). */
export function runsOpsAsCalled(): boolean {
  return SYNCHRONOUS_BACKENDS.has(tf.getBackend());
}

/** How an evaluation lets the host's messages in, and learns that it is no longer wanted. */
export interface EvaluationSlices {
  /** Between two chunks: the host's slice (its yield to the message loop). */
  between: () => Promise<void>;
  /** Asked after each slice: true drops the evaluation there (nothing it measured is kept). */
  cancelled: () => boolean;
  /** Rows per chunk; default: EVALUATION_CHUNK_FLOPS' worth for this network (tests ask for fewer). */
  rows?: number;
}

/** Rows of a chunk of `flops` operations for a network of `weights` weights (at least one). */
export function chunkRowsFor(weights: number, flops = EVALUATION_CHUNK_FLOPS): number {
  return Math.max(1, Math.floor(flops / (2 * Math.max(1, weights))));
}

/** Each evaluated set's network outputs, by its inputs tensor: what measurementTensors uses instead of a forward pass. */
export type ChunkedOutputs = Map<tf.Tensor2D, tf.Tensor2D>;

/** Weights of the network (its multiply-adds per row). */
function weightsOf(layout: NetworkLayout): number {
  return layout.layers.reduce((sum, layer) => sum + layer.inputSize * layer.outputSize, 0);
}

/**
 * Whether an evaluation of these sets is worth cutting: on a backend that runs ops as called, more rows than one
 * chunk holds. Otherwise the evaluation runs as one piece, as before.
 */
export function chunkingPlan(layout: NetworkLayout, sets: readonly tf.Tensor2D[], slices: EvaluationSlices | undefined): number | null {
  if (!slices || !runsOpsAsCalled()) return null;
  const rows = slices.rows ?? chunkRowsFor(weightsOf(layout));
  const total = sets.reduce((sum, set) => sum + set.shape[0], 0);
  return total > rows ? rows : null;
}

/**
 * The network's outputs on each of `sets`, `rows` rows at a time, a slice between two chunks. Null when the
 * evaluation was cancelled at a slice: every chunk computed so far is released. The caller disposes the map's
 * tensors.
 */
export async function outputsInChunks(theta: tf.Tensor1D, layout: NetworkLayout, sets: readonly tf.Tensor2D[], rows: number, slices: EvaluationSlices): Promise<ChunkedOutputs | null> {
  const chunks = new Map<tf.Tensor2D, tf.Tensor2D[]>();
  const release = (): void => chunks.forEach((parts) => parts.forEach((part) => part.dispose()));
  let first = true;
  for (const set of sets) {
    const parts: tf.Tensor2D[] = [];
    chunks.set(set, parts);
    const count = set.shape[0];
    for (let start = 0; start < count; start += rows) {
      if (!first) {
        await slices.between();
        if (slices.cancelled()) {
          release();
          return null;
        }
      }
      first = false;
      const size = Math.min(rows, count - start);
      parts.push(tf.tidy(() => forward(unpackParameters(theta, layout), layout, tf.slice(set, [start, 0], [size, set.shape[1]])).output));
    }
  }
  const outputs: ChunkedOutputs = new Map();
  for (const [set, parts] of chunks) {
    if (parts.length === 0) continue;
    outputs.set(set, parts.length === 1 ? parts[0] : tf.concat(parts));
    if (parts.length > 1) parts.forEach((part) => part.dispose());
  }
  return outputs;
}

/** The sets an evaluation runs the network on (measurementTensors' order): the train sample, test, validation, and with the grid the plane and gallery. */
export function evaluatedSets(constants: EvaluationConstants, withGrid: boolean): tf.Tensor2D[] {
  const { evalInputs, testInputs, validationInputs, grid, gallery } = constants;
  const sets = [evalInputs, testInputs, validationInputs, ...(withGrid ? [grid, gallery] : [])];
  return sets.filter((set): set is tf.Tensor2D => set !== null && set.shape[0] > 0);
}
