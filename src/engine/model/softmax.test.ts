/** Softmax cross-entropy: its gradient equals autodiff, and it stays finite for large logits. */
import '../../test/setupTfGradients';
import * as tf from '@tensorflow/tfjs-core';
import { describe, expect, it } from 'vitest';
import { maxRelativeDifference } from '../../test/tensorTesting';
import { applyOutput, lossGradient, lossValue } from './losses';

describe('softmax cross-entropy', () => {
  const logits = tf.tensor2d([0.3, -1.2, 2.0, 0.1, 0, 0, 0, 0, 5, -4, 1, 0.5, -0.7, 0.2, 0.9, -2.5], [4, 4]);
  const targets = tf.tensor2d([0, 0, 1, 0, 1, 0, 0, 0, 0, 0, 0, 1, 0.25, 0.25, 0.25, 0.25], [4, 4]);

  it('∂L/∂A = (softmax(A) − t)/B equals autodiff of L to 1e-5', async () => {
    const autodiff = tf.grad((a: tf.Tensor) => lossValue(a as tf.Tensor2D, targets, 'softmax-cross-entropy'))(logits);
    const handWritten = lossGradient(applyOutput(logits, 'softmax'), targets);
    expect(await maxRelativeDifference(handWritten, autodiff)).toBeLessThan(1e-5);
  });

  it('is the mean over examples of −Σ t log softmax, computed by hand in float64', async () => {
    const rows = (await logits.array()) as number[][];
    const t = (await targets.array()) as number[][];
    let total = 0;
    rows.forEach((row, r) => {
      const top = Math.max(...row);
      const logSum = top + Math.log(row.reduce((s, v) => s + Math.exp(v - top), 0));
      row.forEach((v, c) => (total -= t[r][c] * (v - logSum)));
    });
    const value = (await lossValue(logits, targets, 'softmax-cross-entropy').data())[0];
    expect(Math.abs(value - total / rows.length)).toBeLessThan(1e-5);
  });

  it('stays finite for logits of ±1000', async () => {
    const huge = tf.tensor2d([1000, -1000, 0, -1000, 1000, 999], [2, 3]);
    const oneHot = tf.tensor2d([0, 1, 0, 0, 0, 1], [2, 3]);
    const value = (await lossValue(huge, oneHot, 'softmax-cross-entropy').data())[0];
    // Row 1: logsumexp ≈ 1000, target logit −1000 → 2000; row 2: logsumexp ≈ 1000.3133, target 999 → 1.3133.
    expect(value).toBeCloseTo((2000 + 1.3132617) / 2, 3);
    const rowSums = await tf.sum(applyOutput(huge, 'softmax'), 1).data();
    rowSums.forEach((sum) => expect(sum).toBeCloseTo(1, 6));
  });
});
