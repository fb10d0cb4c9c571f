/**
 * Which test examples a run gets right, read back with the confusion matrix (evaluationTensors.ts,
 * packedCorrectness): every example against a float64 forward pass of the run's own θ (test/mlp64.ts), and the
 * examples of each class right must be the confusion matrix's diagonal count for that class.
 */
import '../test/setupTf';
import { readFile } from 'node:fs/promises';
import * as tf from '@tensorflow/tfjs-core';
import { describe, expect, it } from 'vitest';
import { defaultConfig, type ExperimentConfig } from '../config/experiment';
import { runSpecOf, trainingSettingsOf } from '../config/toEngine';
import { logits64 } from '../test/mlp64';
import { loadDataset, type DataAccess } from './data/dataSources';
import { CORRECT_PER_VALUE, packedCorrectness, unpackCorrectness } from './evaluationTensors';
import { TrainingSession } from './session';

const access: DataAccess = {
  readShipped: async (file) => new Uint8Array(await readFile(new URL(`../../public/data/${file}`, import.meta.url))),
  customData: () => null,
};

/** Logits closer than this to a tie (top two, or 0 for one sigmoid output) may round either way in float32. */
const TIE = 1e-4;

async function trained(overrides: Partial<ExperimentConfig>, steps: number): Promise<TrainingSession> {
  const config = { ...defaultConfig(), ...overrides };
  const spec = runSpecOf(config);
  const session = new TrainingSession(await loadDataset(spec.dataset, access), spec, trainingSettingsOf(config));
  session.runSteps(steps);
  return session;
}

/** The float64 reference's verdict per test example: 1 right, 0 wrong, -1 too close to a tie to say. */
function reference(session: TrainingSession, theta: Float32Array): Int8Array {
  const { test } = session.dataset;
  const labels = test.labels ?? new Int32Array(0);
  const logits = logits64(theta, session.layout, test.inputs, test.count);
  return Int8Array.from(logits, (row, i) => {
    if (row.length === 1) return Math.abs(row[0]) < TIE ? -1 : Number(Number(row[0] > 0) === labels[i]);
    const sorted = [...row].sort((a, b) => b - a);
    return sorted[0] - sorted[1] < TIE ? -1 : Number(row.indexOf(sorted[0]) === labels[i]);
  });
}

describe('per-test-example correctness, read back with the confusion matrix', () => {
  it.each([
    ['digits (10 classes, softmax)', { dataset: 'digits', hidden: [16], activation: ['tanh'] }, 150],
    ['circle (2 classes, one sigmoid output)', { dataset: 'circle' }, 200],
  ] as const)('%s: every example as the float64 forward pass says, each class summing to its diagonal count', async (_, overrides, steps) => {
    const session = await trained(overrides as Partial<ExperimentConfig>, steps);
    const { evaluation, snapshot } = await session.evaluate(true);
    const { test } = session.dataset;
    const labels = test.labels ?? new Int32Array(0);
    const correct = evaluation.correct ?? new Uint8Array(0);
    const confusion = evaluation.confusion ?? new Float32Array(0);
    const classes = Math.round(Math.sqrt(confusion.length));
    expect(test.count % CORRECT_PER_VALUE).not.toBe(0); // the last packed value is a partial one
    expect(correct.length).toBe(test.count);
    // Right where the float64 forward pass of the same θ says so (ties excluded; at most a handful).
    const expected = reference(session, snapshot.theta);
    const decided = Array.from(expected.keys()).filter((i) => expected[i] >= 0);
    expect(decided.length).toBeGreaterThan(test.count - 3);
    expect(decided.map((i) => correct[i])).toEqual(decided.map((i) => expected[i]));
    // Some right and some wrong: the test tells the two apart.
    const right = correct.reduce((sum, v) => sum + v, 0);
    expect(right).toBeGreaterThan(0);
    expect(right).toBeLessThan(test.count);
    // The examples of each class that are right are that class's diagonal count of the confusion matrix.
    for (let c = 0; c < classes; c++) {
      const rightOfClass = Array.from(labels).reduce((sum, label, i) => sum + (label === c ? correct[i] : 0), 0);
      expect(rightOfClass).toBe(confusion[c * classes + c]);
    }
    session.dispose();
  });

  it('is not read back by an evaluation without the grid (nor its confusion matrix)', async () => {
    const session = await trained({ dataset: 'circle' }, 5);
    const { evaluation } = await session.evaluate(false);
    expect(evaluation.confusion).toBeNull();
    expect(evaluation.correct).toBeNull();
    session.dispose();
  });

  it('packs 16 examples a value and unpacks them in order, whatever the count', async () => {
    for (const count of [1, 15, 16, 17, 50]) {
      const predicted = Array.from({ length: count }, (_, i) => (i * 7) % 3);
      const labels = Array.from({ length: count }, (_, i) => (i * 5) % 3);
      const packed = tf.tidy(() => packedCorrectness(tf.tensor1d(predicted, 'int32'), tf.tensor1d(labels, 'int32')));
      const values = await packed.data();
      packed.dispose();
      expect(values.length).toBe(Math.ceil(count / 16));
      expect(Array.from(unpackCorrectness(values, count))).toEqual(predicted.map((p, i) => Number(p === labels[i])));
    }
  });
});
