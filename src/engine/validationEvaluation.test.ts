/**
 * A session's validation loss and accuracy against a float64 reference written here: the mean over exactly the
 * carved validation rows of the per-example loss (losses.ts: summed over outputs), with θ as the evaluation
 * read it back; and the heavy-run cut applies to the validation set as to the others.
 */
import '../test/setupTf';
import * as tf from '@tensorflow/tfjs-core';
import { readFile } from 'node:fs/promises';
import { describe, expect, it } from 'vitest';
import { defaultConfig, type ExperimentConfig } from '../config/experiment';
import { runSpecOf, trainingSettingsOf } from '../config/toEngine';
import { logits64, meanLoss64 } from '../test/mlp64';
import { loadDataset, type DataAccess } from './data/dataSources';
import type { Examples } from './data/dataset';
import { uploadConstants } from './evaluationTensors';
import type { LossKind } from './model/losses';
import type { NetworkLayout } from './model/mlp';
import { TrainingSession } from './session';

const access: DataAccess = {
  readShipped: async (file) => new Uint8Array(await readFile(new URL(`../../public/data/${file}`, import.meta.url))),
  customData: () => null,
};

async function sessionFor(overrides: Partial<ExperimentConfig>): Promise<TrainingSession> {
  const config = { ...defaultConfig(), ...overrides };
  const spec = runSpecOf(config);
  return new TrainingSession(await loadDataset(spec.dataset, access), spec, trainingSettingsOf(config));
}

/** The float64 mean loss and accuracy of the network θ over the examples. */
function reference(theta: Float32Array, layout: NetworkLayout, lossKind: LossKind, examples: Examples): { loss: number; accuracy: number } {
  return meanLoss64(logits64(theta, layout, examples.inputs, examples.count), examples.targets, lossKind);
}

describe('validation loss and accuracy', () => {
  it.each<[string, Partial<ExperimentConfig>]>([
    ['circle, sigmoid cross-entropy', { points: 200, validationPercent: 25, hidden: [5, 3], activation: ['tanh', 'relu'], learningRate: 0.1 }],
    ['iris, softmax cross-entropy', { dataset: 'iris', validationPercent: 30, hidden: [6], activation: ['relu'], optimizer: 'adam', learningRate: 0.01 }],
    ['hills, squared error', { dataset: 'hills', points: 300, validationPercent: 40, hidden: [8], activation: ['tanh'] }],
  ])('are the float64 mean loss and accuracy over exactly the carved rows (%s)', async (_, overrides) => {
    const session = await sessionFor(overrides);
    const { train, validation, test, problem } = session.dataset;
    if (!validation) throw new Error('the run has a validation split');
    expect(problem.validationCount).toBe(validation.count);
    expect(problem.trainCount).toBe(train.count);
    session.runSteps(40);
    const { evaluation, snapshot } = await session.evaluate(false);
    // The run trains on the rest: its epochs count the rows trained on.
    expect(evaluation.epoch).toBe(evaluation.examplesSeen / problem.trainCount);
    const expected = reference(snapshot.theta, session.layout, session.lossKind, validation);
    expect(Math.abs(evaluation.validationLoss - expected.loss)).toBeLessThan(1e-5 * Math.max(1, expected.loss));
    if (Number.isNaN(expected.accuracy)) expect(evaluation.validationAccuracy).toBeNaN();
    else expect(evaluation.validationAccuracy).toBeCloseTo(expected.accuracy, 6);
    // The other sets' losses are far from it: the check tells the validation rows from the others.
    for (const other of [train, test]) expect(Math.abs(reference(snapshot.theta, session.layout, session.lossKind, other).loss - expected.loss)).toBeGreaterThan(1e-4);
    session.dispose();
  });

  it('are NaN without a validation split, and the train and test figures are those of before', async () => {
    const session = await sessionFor({ points: 200 });
    expect(session.dataset.validation).toBeNull();
    expect(session.dataset.problem.validationCount).toBe(0);
    session.runSteps(10);
    const { evaluation, snapshot } = await session.evaluate(false);
    expect(evaluation.validationLoss).toBeNaN();
    expect(evaluation.validationAccuracy).toBeNaN();
    expect(Math.abs(evaluation.testLoss - reference(snapshot.theta, session.layout, session.lossKind, session.dataset.test).loss)).toBeLessThan(1e-5);
    expect(session.evaluationRows.validation).toBe(0);
    session.dispose();
  });

  it('a network too big to evaluate whole cuts the validation set as it cuts the others; nothing is left behind', async () => {
    const before = tf.memory().numTensors;
    const session = await sessionFor({ points: 400, validationPercent: 50, hidden: [4], activation: ['tanh'] });
    expect(session.evaluationRows).toEqual({ train: 100, validation: 100, test: 200 });
    const constants = uploadConstants(session.dataset, session.layout, 7);
    expect([constants.evalInputs.shape[0], constants.validationInputs?.shape[0], constants.testInputs.shape[0]]).toEqual([7, 7, 7]);
    new Set(Object.values(constants)).forEach((t) => t?.dispose());
    session.dispose();
    expect(tf.memory().numTensors).toBe(before);
  });
});
