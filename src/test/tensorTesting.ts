/** Small helpers shared by the engine's unit tests. */
import * as tf from '@tensorflow/tfjs-core';
import { createRandom } from '../engine/random';

export async function values(t: tf.Tensor): Promise<Float32Array> {
  return new Float32Array(await t.data());
}

/** max |a − b| / max(1, |b|) over all entries. */
export async function maxRelativeDifference(a: tf.Tensor, b: tf.Tensor): Promise<number> {
  const [x, y] = await Promise.all([values(a), values(b)]);
  if (x.length !== y.length) throw new Error(`length ${x.length} vs ${y.length}`);
  let worst = 0;
  for (let i = 0; i < x.length; i++) worst = Math.max(worst, Math.abs(x[i] - y[i]) / Math.max(1, Math.abs(y[i])));
  return worst;
}

export function randomMatrix(rows: number, cols: number, seed: number, scale = 1): tf.Tensor2D {
  const random = createRandom(seed);
  const data = new Float32Array(rows * cols).map(() => scale * random.uniform(-1, 1));
  return tf.tensor2d(data, [rows, cols]);
}

/** max |a − b| / max |b|: the error relative to the reference's scale, whatever that scale is. */
export async function scaledError(a: tf.Tensor, b: tf.Tensor): Promise<number> {
  const [x, y] = await Promise.all([values(a), values(b)]);
  if (x.length !== y.length) throw new Error(`length ${x.length} vs ${y.length}`);
  let worst = 0;
  let scale = 0;
  for (let i = 0; i < x.length; i++) {
    worst = Math.max(worst, Math.abs(x[i] - y[i]));
    scale = Math.max(scale, Math.abs(y[i]));
  }
  return worst / scale;
}
