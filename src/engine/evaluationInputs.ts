/**
 * The tensors an evaluation reads besides θ: the plane's grid, examples uploaded once, and the class each row of
 * logits predicts (session.ts packs them all into one readback).
 */
import * as tf from '@tensorflow/tfjs-core';
import type { Examples } from './data/dataset';

/** The centres of a size² grid over [−extent, extent]², row 0 at the top. */
export function gridInputs(extent: number, size: number): Float32Array {
  const values = new Float32Array(size * size * 2);
  for (let row = 0; row < size; row++) {
    for (let col = 0; col < size; col++) {
      const i = row * size + col;
      values[2 * i] = extent * (-1 + (2 * (col + 0.5)) / size);
      values[2 * i + 1] = extent * (1 - (2 * (row + 0.5)) / size);
    }
  }
  return values;
}

/** The first `rows` examples as tensors (the autoencoder's targets are its inputs: one tensor for both). */
export function uploadExamples(examples: Examples, inputSize: number, outputSize: number, rows = examples.count): { inputs: tf.Tensor2D; targets: tf.Tensor2D } {
  const count = Math.min(rows, examples.count);
  const inputs = tf.tensor2d(examples.inputs.subarray(0, count * inputSize), [count, inputSize]);
  const targets = examples.targets === examples.inputs ? inputs : tf.tensor2d(examples.targets.subarray(0, count * outputSize), [count, outputSize]);
  return { inputs, targets };
}

/** The class each row of logits predicts: the largest logit, or logit > 0 for one sigmoid output. */
export function predictedClasses(logits: tf.Tensor2D): tf.Tensor1D {
  return logits.shape[1] === 1 ? tf.cast(tf.reshape(tf.greater(logits, 0), [-1]), 'int32') : tf.argMax(logits, 1);
}

