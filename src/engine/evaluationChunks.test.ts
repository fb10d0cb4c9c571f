/**
 * An evaluation in row chunks (evaluationChunks.ts on the plain TF.js ops, fused/cpuLiveEvaluation.ts on the fused
 * CPU path) gives the same bits as one pass over all the rows, on every set and picture it measures; cancelled at a
 * slice it takes nothing (the next evaluation still reads the diagnosed step) and leaves no tensor behind.
 */
import '../test/setupTf';
import * as tf from '@tensorflow/tfjs-core';
import { readFile } from 'node:fs/promises';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { defaultConfig, type ExperimentConfig } from '../config/experiment';
import { runSpecOf, trainingSettingsOf } from '../config/toEngine';
import { loadDataset, type DataAccess } from './data/dataSources';
import { chunkRowsFor, type EvaluationSlices } from './evaluationChunks';
import { chooseFusedEvaluation } from './fused/cpuLiveEvaluation';
import { GALLERY_SIZE, TrainingSession, type Evaluation } from './session';

const access: DataAccess = {
  readShipped: async (file) => new Uint8Array(await readFile(new URL(`../../public/data/${file}`, import.meta.url))),
  customData: () => null,
};

async function sessionFor(overrides: Partial<ExperimentConfig>): Promise<TrainingSession> {
  const config = { ...defaultConfig(), ...overrides };
  const spec = runSpecOf(config);
  return new TrainingSession(await loadDataset(spec.dataset, access), spec, trainingSettingsOf(config));
}

/** A value's bits: float32 arrays byte for byte, numbers by Object.is (NaN is NaN, −0 is not 0). */
const bits = (value: Float32Array | Uint8Array | null): number[] | null => (value ? Array.from(new Uint8Array(value.buffer, value.byteOffset, value.byteLength)) : null);

function measured(e: Evaluation) {
  const scalars = [e.trainLoss, e.testLoss, e.trainAccuracy, e.testAccuracy, e.validationLoss, e.validationAccuracy];
  return { scalars: bits(new Float32Array(scalars)), grid: bits(e.grid), gallery: bits(e.gallery), confusion: bits(e.confusion), correct: bits(e.correct) };
}

describe.each([
  ['the plain TF.js ops', false],
  ['the fused CPU evaluation', true],
])('an evaluation in row chunks, on %s', (_, fused) => {
  beforeEach(() => chooseFusedEvaluation(fused));
  afterEach(() => chooseFusedEvaluation(true));

  it.each<[string, Partial<ExperimentConfig>, number]>([
    ['digits: 10 classes, gallery, confusion, validation', { dataset: 'digits', hidden: [24, 16], activation: ['tanh', 'relu'], validationPercent: 20 }, 37],
    ['circle: sigmoid output, the plane', { points: 300, hidden: [9, 7], activation: ['tanh', 'tanh'] }, 13],
    ['hills: squared error, the plane', { dataset: 'hills', points: 250, hidden: [8], activation: ['relu'] }, 64],
  ])('gives the bits of one pass over all the rows (%s)', async (_, overrides, rows) => {
    const session = await sessionFor({ ...overrides, learningRate: 0.05 });
    session.runSteps(30);
    const whole = await session.evaluate(true);
    let slices = 0;
    const chunked = await session.evaluate(true, false, { between: async () => void (slices += 1), cancelled: () => false, rows });
    if (!chunked) throw new Error('not cancelled, so not null');
    // Every set in chunks of `rows`, a slice between two of them (more than one chunk per set here).
    const { train, validation, test } = session.evaluationRows;
    const picture = session.dataset.problem.image ? Math.min(GALLERY_SIZE, test) : session.gridSize ** 2;
    const sets = [train, test, validation, picture].filter((count) => count > 0);
    expect(slices).toBe(sets.reduce((sum, count) => sum + Math.ceil(count / rows), 0) - 1);
    expect(measured(chunked.evaluation)).toEqual(measured(whole.evaluation));
    expect(bits(chunked.snapshot.theta)).toEqual(bits(whole.snapshot.theta));
    expect(chunked.evaluation.grid ?? chunked.evaluation.gallery).not.toBeNull();
    expect(session.fusedEvaluations).toBe(fused ? 2 : 0);
    session.dispose();
  });

  it('cancelled at a slice, takes nothing: no tensor is left, and the next evaluation reads the diagnosed step', async () => {
    const session = await sessionFor({ hidden: [6, 6], activation: ['tanh', 'tanh'] });
    await session.evaluate(true);
    session.runSteps(5, true);
    const tensors = tf.memory().numTensors;
    let slices = 0;
    const cancelAtThird: EvaluationSlices = { between: async () => void (slices += 1), cancelled: () => slices === 3, rows: 10 };
    expect(await session.evaluate(true, false, cancelAtThird)).toBeNull();
    expect(slices).toBe(3);
    expect(tf.memory().numTensors).toBe(tensors);
    const next = await session.evaluate(true);
    expect(next.evaluation.diagnostics).not.toBeNull();
    expect(next.evaluation.step).toBe(5);
    session.dispose();
  });

});

describe('the chunk size', () => {
  it('holds about a tenth of a GFLOP a chunk: a fifth of an MNIST 512-512 step at batch 128', () => {
    const weights = 784 * 512 + 512 * 512 + 512 * 10;
    // 1e8 / (2 × 669,696) rows.
    expect(chunkRowsFor(weights)).toBe(74);
    expect(chunkRowsFor(1)).toBe(5e7);
    expect(chunkRowsFor(1e12)).toBe(1);
  });
});
