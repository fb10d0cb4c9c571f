/**
 * The per-layer picture of one step for the targets panel: for a sample of (example, unit) pairs, the
 * layer's activation H (A_m for LocoProp-S and backprop, Y_m for LocoProp-M), its target T = H − γG_m, and
 * where the layer's activation lands after the step (same frozen input X_m, new weights); the relative
 * size of the target shift ‖T − H‖/‖H‖; and for LocoProp the local loss after each inner iteration,
 * relative to its value before the first.
 */
import * as tf from '@tensorflow/tfjs-core';
import type { DiagnosticsLayout, DiagnosticsUnit, StepDiagnostics } from './algorithm';

/** At most this many (example, unit) pairs per layer are plotted. */
export const SAMPLE_PAIRS = 64;
const MAX_SAMPLE_UNITS = 8;

export interface LayerDiagnostics {
  activation: Float32Array;
  target: Float32Array;
  landed: Float32Array;
  /** ‖T − H‖_F / ‖H‖_F over the whole batch. */
  shift: number;
  /** ℓ_k − ℓ_0 for k = 0…K (LocoProp), empty for backprop. */
  localLoss: Float32Array;
  /** The asked-for unit's column on the block's rows, when it is outside the block (packDiagnostics' `unit`). */
  column?: { unit: number; activation: Float32Array; target: Float32Array; landed: Float32Array };
}

/** The rows and columns of a B×d matrix's sampled block: at most SAMPLE_PAIRS entries, at most 8 units. */
function blockShape([rows, cols]: [number, number]): { r: number; c: number } {
  const c = Math.min(cols, MAX_SAMPLE_UNITS);
  return { r: Math.min(rows, Math.max(1, Math.floor(SAMPLE_PAIRS / c))), c };
}

/** The top-left block of a B×d matrix with at most SAMPLE_PAIRS entries, flattened row by row. */
export function sampleBlock(t: tf.Tensor2D): tf.Tensor1D {
  const { r, c } = blockShape(t.shape);
  return tf.reshape(tf.slice(t, [0, 0], [r, c]), [-1]);
}

export function relativeShift(activation: tf.Tensor2D, target: tf.Tensor2D): tf.Scalar {
  return tf.div(tf.norm(tf.sub(target, activation)), tf.add(tf.norm(activation), 1e-12));
}

export interface LayerDiagnosticTensors {
  activation: tf.Tensor2D;
  target: tf.Tensor2D;
  landed: tf.Tensor2D;
  /** ℓ_k for k = 0…K, or empty. */
  localLoss: tf.Scalar[];
}

/**
 * The layers' samples packed for the readback. `unit` (the per-unit view's enlarged unit): when it lies outside its
 * layer's block, its column on the block's rows follows that layer's numbers, so the view shows any unit's targets.
 */
export function packDiagnostics(layers: LayerDiagnosticTensors[], unit: DiagnosticsUnit | null = null): StepDiagnostics {
  const parts: tf.Tensor1D[] = [];
  const layout: DiagnosticsLayout = { layers: [] };
  layers.forEach((layer, m) => {
    const samples = sampleBlock(layer.activation);
    parts.push(samples, sampleBlock(layer.target), sampleBlock(layer.landed));
    parts.push(tf.reshape(relativeShift(layer.activation, layer.target), [1]));
    if (layer.localLoss.length > 0) {
      const losses = tf.stack(layer.localLoss) as tf.Tensor1D;
      parts.push(tf.sub(losses, tf.slice(losses, 0, 1)));
    }
    const { r, c } = blockShape(layer.activation.shape);
    const outside = unit !== null && unit.layer === m && unit.unit >= c && unit.unit < layer.activation.shape[1];
    if (outside) parts.push(...[layer.activation, layer.target, layer.landed].map((t) => tf.reshape(tf.slice(t, [0, unit.unit], [r, 1]), [-1]) as tf.Tensor1D));
    layout.layers.push({ samples: samples.shape[0], localLossLength: layer.localLoss.length, ...(outside ? { column: { unit: unit.unit, rows: r } } : {}) });
  });
  return { values: tf.concat(parts), layout };
}

export function unpackDiagnostics(values: Float32Array, layout: DiagnosticsLayout): LayerDiagnostics[] {
  let offset = 0;
  const take = (n: number): Float32Array => {
    const part = values.slice(offset, offset + n);
    offset += n;
    return part;
  };
  return layout.layers.map(({ samples, localLossLength, column }) => ({
    activation: take(samples),
    target: take(samples),
    landed: take(samples),
    shift: take(1)[0],
    localLoss: take(localLossLength),
    ...(column ? { column: { unit: column.unit, activation: take(column.rows), target: take(column.rows), landed: take(column.rows) } } : {}),
  }));
}

export function diagnosticsLength(layout: DiagnosticsLayout): number {
  return layout.layers.reduce((sum, l) => sum + 3 * l.samples + 1 + l.localLossLength + 3 * (l.column?.rows ?? 0), 0);
}
