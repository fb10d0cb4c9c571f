/**
 * The probes' share of a diagnosed step reads the step's θ-shaped vectors (θ before, backprop's gradient, the
 * descent θ_before − θ_after) once per layer between them all, whatever the number of probes that use them: on
 * MNIST 512-512 (670k weights) every extra pass over θ cost the diagnosed step tens of milliseconds on the CPU.
 * Counted from TF.js's own profile (tf.profile's kernels and their input shapes), not from a clock.
 */
import '../test/setupTf';
import * as tf from '@tensorflow/tfjs-core';
import { describe, expect, it } from 'vitest';
import { networkLayout } from './model/mlp';
import { measureProbes, probesLength } from './probeReadback';

describe('measureProbes', () => {
  it('forms θ_before − θ_after once and slices each θ-shaped vector once per layer', async () => {
    const layout = networkLayout(6, [5, 4], ['tanh', 'relu'], 3);
    const size = layout.parameterCount;
    const [before, after, gradient] = [1, 2, 3].map((seed) => tf.randomNormal<tf.Rank.R1>([size], 0, 1, 'float32', seed));
    const measured: tf.Tensor1D[] = [];
    const profile = await tf.profile(() => {
      measured.push(measureProbes({ layout, before, after, gradient }));
      return measured[0];
    });
    const readsTheta = profile.kernels.filter((kernel) => kernel.inputShapes.some((shape) => shape.length === 1 && shape[0] === size));
    const count = (name: string): number => readsTheta.filter((kernel) => kernel.name === name).length;
    expect(count('Sub')).toBe(1);
    expect(count('Slice')).toBe(3 * layout.layers.length);
    expect(readsTheta).toHaveLength(1 + 3 * layout.layers.length);
    expect(measured[0].shape).toEqual([probesLength(layout.layers.length)]);
    tf.dispose([before, after, gradient, ...measured]);
  });
});
