/**
 * The neurons probe's measurement (worker side, TF.js; declaration.ts says what it reads back): one forward
 * pass of the network on the sampled plane cells, or on a fixed test batch, keeping each hidden layer's output.
 */
import * as tf from '@tensorflow/tfjs-core';
import { forward, type LayerParameters, type NetworkLayout } from '../../engine/model/mlp';
import { neuronGridCells, type NeuronsShape } from './declaration';

/**
 * The rows the probe runs on: the plane grid's cells under the coarse cells' centres (the plane's own grid
 * inputs, whatever features they hold), or the first `examples` test examples. Call inside a tidy.
 */
export function neuronInputs(shape: NeuronsShape, grid: tf.Tensor2D | null, testInputs: tf.Tensor2D): tf.Tensor2D | null {
  if (shape.side > 0 && grid) return tf.gather(grid, tf.tensor1d(neuronGridCells(shape.gridSize, shape.side), 'int32'));
  if (shape.examples > 0) return tf.slice(testInputs, [0, 0], [shape.examples, -1]);
  return null;
}

/**
 * Per hidden layer: on a plane, each shown unit's output at every sampled cell (unit-major); otherwise the
 * layer's range [low, high] over its shown units and each unit's counts in `bins` equal bins of it (the top
 * value in the last bin). Call inside a tidy.
 */
export function measureNeurons(params: readonly LayerParameters[], layout: NetworkLayout, shape: NeuronsShape, inputs: tf.Tensor2D): tf.Tensor1D {
  const { taps } = forward(params, layout, inputs);
  const hidden = taps.outputs.slice(0, shape.units.length).map((y, m) => tf.slice(y, [0, 0], [-1, shape.shown[m]]));
  if (shape.side > 0) return tf.concat(hidden.map((y) => tf.reshape(tf.transpose(y), [-1])));
  const { bins } = shape;
  return tf.concat(
    hidden.map((y) => {
      const low = tf.min(y);
      const high = tf.max(y);
      const width = tf.maximum(tf.sub(high, low), 1e-12);
      const bin = tf.clipByValue(tf.floor(tf.mul(tf.div(tf.sub(y, low), width), bins)), 0, bins - 1);
      // One-hot in float32 alone: bin and k are whole numbers, so 1 − |bin − k| is 1 at k = bin and ≤ 0 elsewhere.
      // Not tf.oneHot on int32 bins cast back: TF.js WebGPU (4.22, kernels/Cast.ts) casts int32 or bool to float32
      // by relabelling the buffer, so the sum's transpose compiled a shader reading i32 into an f32 output; WGSL
      // rejects it ("type mismatch ... setOutputAtIndex"), and the invalid pipeline zeroed the whole readback.
      const hit = tf.relu(tf.sub(1, tf.abs(tf.sub(tf.expandDims(bin, 2), tf.range(0, bins, 1, 'float32')))));
      // examples × units × bins, summed over the examples.
      const counts = tf.sum(hit, 0);
      return tf.concat([tf.reshape(low, [1]), tf.reshape(high, [1]), tf.reshape(counts, [-1])]);
    }),
  );
}
