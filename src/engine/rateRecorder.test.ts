/**
 * The rate log between evaluations: an -HD step's α is NaN until its readback fills it at its own index, a long
 * log keeps its extremes when decimated, and each drain starts a new log.
 */
import '../test/setupTf';
import * as tf from '@tensorflow/tfjs-core';
import { describe, expect, it } from 'vitest';
import { MAX_RATE_SAMPLES, RateRecorder } from './rateRecorder';

describe('RateRecorder', () => {
  it('logs an adapted step as NaN, then writes the α read back at that step’s index', async () => {
    const recorder = new RateRecorder();
    expect(recorder.logStep(0, 0.1, 0.9, null)).toBe(0.1);
    const alpha = tf.tensor1d([0.25]);
    expect(recorder.logStep(1, 0.1, 0.9, alpha)).toBeNaN();
    alpha.dispose();
    recorder.logStep(2, 0.1, 0.8, null);
    const packed = tf.concat(recorder.pendingTensors);
    const pending = recorder.takePending();
    const latest = recorder.fill(pending, (await packed.data()) as Float32Array);
    packed.dispose();
    expect(latest).toBe(0.25);
    expect(recorder.drain()).toEqual({ steps: [0, 1, 2], learningRates: [0.1, 0.25, 0.1], momenta: [0.9, 0.9, 0.8] });
    expect(recorder.drain()).toEqual({ steps: [], learningRates: [], momenta: [] });
    expect(recorder.fill(recorder.takePending(), new Float32Array(0))).toBeNull();
  });

  it('takes the pending tensors’ memory with it: nothing is left allocated', () => {
    const before = tf.memory().numTensors;
    const recorder = new RateRecorder();
    const alpha = tf.tensor1d([0.5]);
    recorder.logStep(0, 0.1, 0, alpha);
    recorder.logStep(1, 0.1, 0, alpha);
    alpha.dispose();
    expect(tf.memory().numTensors).toBe(before + 2);
    recorder.dispose();
    expect(tf.memory().numTensors).toBe(before);
  });

  it(`decimates a long log to at most ${MAX_RATE_SAMPLES} samples, keeping its lowest and highest rate with their steps`, () => {
    const recorder = new RateRecorder();
    const rates = Array.from({ length: 5000 }, (_, i) => 0.1 + 0.01 * Math.sin(i / 50));
    rates[1234] = 5;
    rates[4321] = -1;
    recorder.logSteps(100, rates, rates.map(() => 0.9));
    const log = recorder.drain();
    expect(log.steps.length).toBeLessThanOrEqual(MAX_RATE_SAMPLES);
    expect(log.steps[log.learningRates.indexOf(5)]).toBe(100 + 1234);
    expect(log.steps[log.learningRates.indexOf(-1)]).toBe(100 + 4321);
    expect(log.steps).toEqual([...log.steps].sort((a, b) => a - b));
  });
});
