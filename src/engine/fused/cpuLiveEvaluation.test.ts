/**
 * A live run's evaluation with the fused CPU evaluation on and off (fused/cpuLiveEvaluation.ts against
 * evaluationTensors.ts measurementTensors, both on the CPU backend): the same bits in everything the page reads
 * (losses, accuracies, the plane's grid, the gallery's predictions, the confusion matrix, which test examples are
 * right), over every hidden activation × every loss (softmax on digits, sigmoid on the circle, squared error on
 * hills, sigmoid reconstructions of digits as an autoencoder), whole and in row chunks; and the session's count of
 * fused evaluations says which path measured.
 */
import '../../test/setupTf';
import * as tf from '@tensorflow/tfjs-core';
import { readFile } from 'node:fs/promises';
import { afterEach, describe, expect, it } from 'vitest';
import { defaultConfig, type ExperimentConfig } from '../../config/experiment';
import { runSpecOf, trainingSettingsOf } from '../../config/toEngine';
import { loadDataset, type DataAccess } from '../data/dataSources';
import type { EvaluationSlices } from '../evaluationChunks';
import type { Activation } from '../names';
import { GALLERY_SIZE, GRID_SIZE, TrainingSession, type Evaluation } from '../session';
import { chooseFusedEvaluation } from './cpuLiveEvaluation';

const access: DataAccess = {
  readShipped: async (file) => new Uint8Array(await readFile(new URL(`../../../public/data/${file}`, import.meta.url))),
  customData: () => null,
};

async function sessionFor(overrides: Partial<ExperimentConfig>): Promise<TrainingSession> {
  const config = { ...defaultConfig(), learningRate: 0.05, ...overrides };
  const spec = runSpecOf(config);
  return new TrainingSession(await loadDataset(spec.dataset, access), spec, trainingSettingsOf(config));
}

/** A value's bits: float32 arrays byte for byte (NaN is NaN, −0 is not 0). */
const bits = (value: Float32Array | Uint8Array | null): number[] | null => (value ? Array.from(new Uint8Array(value.buffer, value.byteOffset, value.byteLength)) : null);

function measured(e: Evaluation) {
  const scalars = [e.trainLoss, e.testLoss, e.trainAccuracy, e.testAccuracy, e.validationLoss, e.validationAccuracy];
  return { scalars: bits(new Float32Array(scalars)), grid: bits(e.grid), gallery: bits(e.gallery), confusion: bits(e.confusion), correct: bits(e.correct) };
}

/** One evaluation of the session as it stands, on the path asked for; checks that that path measured it. */
async function evaluateOn(session: TrainingSession, fused: boolean, withGrid: boolean, slices?: EvaluationSlices): Promise<Evaluation> {
  chooseFusedEvaluation(fused);
  const before = session.fusedEvaluations;
  const evaluated = slices ? await session.evaluate(withGrid, false, slices) : await session.evaluate(withGrid);
  if (!evaluated) throw new Error('not cancelled, so not null');
  expect(session.fusedEvaluations - before).toBe(fused ? 1 : 0);
  return evaluated.evaluation;
}

const ACTIVATIONS: Activation[] = ['tanh', 'relu', 'sigmoid', 'linear'];
/** What an evaluation with the grid carries on each data set (so that a comparison of nulls passes nothing). */
type Check = (e: Evaluation, rows: { test: number }) => void;
const DATA: [string, Partial<ExperimentConfig>, Check][] = [
  [
    'digits, softmax: gallery, confusion, validation',
    { dataset: 'digits', validationPercent: 20 },
    (e, rows) => expect([e.gallery?.length, e.confusion?.length, e.correct?.length, Number.isNaN(e.validationLoss)]).toEqual([GALLERY_SIZE * 10, 100, rows.test, false]),
  ],
  ['circle, sigmoid: the plane', { points: 300 }, (e, rows) => expect([e.grid?.length, e.confusion?.length, e.correct?.length]).toEqual([GRID_SIZE ** 2, 4, rows.test])],
  ['hills, squared error: the plane', { dataset: 'hills', points: 250 }, (e) => expect([e.grid?.length, e.confusion, e.trainAccuracy]).toEqual([GRID_SIZE ** 2, null, Number.NaN])],
  ['digits autoencoder, sigmoid reconstructions', { dataset: 'digits', task: 'autoencoder' }, (e) => expect([e.gallery?.length, e.confusion]).toEqual([GALLERY_SIZE * 64, null])],
];

afterEach(() => chooseFusedEvaluation(true));

describe('the live evaluation on the fused CPU path', () => {
  it.each(DATA.flatMap(([name, overrides, check]) => ACTIVATIONS.map((activation) => [name, activation, overrides, check] as const)))(
    'gives the plain path’s bits: %s, %s hidden units',
    async (_, activation, overrides, check) => {
      const session = await sessionFor({ ...overrides, hidden: [12, 9], activation: [activation, activation] });
      expect(session.kernelPath).toBe('fused');
      session.runSteps(25);
      for (const withGrid of [true, false]) {
        const plain = await evaluateOn(session, false, withGrid);
        const fused = await evaluateOn(session, true, withGrid);
        expect(measured(fused)).toEqual(measured(plain));
        if (withGrid) check(fused, session.evaluationRows);
        else expect([fused.grid, fused.gallery, fused.confusion, fused.correct]).toEqual([null, null, null, null]);
        expect(Number.isFinite(fused.trainLoss)).toBe(true);
      }
      session.dispose();
    },
  );

  it.each<[string, Partial<ExperimentConfig>, number]>([
    ['digits with validation', { dataset: 'digits', validationPercent: 20, hidden: [24, 16], activation: ['tanh', 'relu'] }, 37],
    ['circle', { points: 300, hidden: [9, 7], activation: ['tanh', 'tanh'] }, 13],
  ])('in row chunks (%s) takes the slices the plain path takes and gives the same bits', async (_, overrides, rows) => {
    const session = await sessionFor(overrides);
    session.runSteps(30);
    const whole = await evaluateOn(session, false, true);
    const counted = async (fused: boolean): Promise<{ evaluation: Evaluation; slices: number }> => {
      let slices = 0;
      const evaluation = await evaluateOn(session, fused, true, { between: async () => void (slices += 1), cancelled: () => false, rows });
      return { evaluation, slices };
    };
    const plain = await counted(false);
    const fused = await counted(true);
    expect(fused.slices).toBe(plain.slices);
    expect(fused.slices).toBeGreaterThan(4);
    expect(measured(fused.evaluation)).toEqual(measured(whole));
    session.dispose();
  });

  it('cancelled at a slice, takes nothing: the next evaluation still reads the diagnosed step', async () => {
    const session = await sessionFor({ dataset: 'digits', hidden: [6, 6], activation: ['tanh', 'tanh'] });
    session.runSteps(5, true);
    const tensors = tf.memory().numTensors;
    let slices = 0;
    const cancelAtThird: EvaluationSlices = { between: async () => void (slices += 1), cancelled: () => slices === 3, rows: 10 };
    expect(await session.evaluate(true, false, cancelAtThird)).toBeNull();
    expect([slices, session.fusedEvaluations, tf.memory().numTensors]).toEqual([3, 0, tensors]);
    const next = await evaluateOn(session, true, true);
    expect([next.step, next.diagnostics === null]).toEqual([5, false]);
    session.dispose();
  });

  it('a θ with a non-finite entry, or steps on the plain kernels, take the plain path', async () => {
    const session = await sessionFor({ points: 200, hidden: [5], activation: ['tanh'] });
    session.runSteps(3);
    const { snapshot } = await session.evaluate(false);
    expect(session.fusedEvaluations).toBe(1);
    for (const entry of [Number.POSITIVE_INFINITY, Number.NaN]) {
      snapshot.theta[2] = entry;
      session.restore(snapshot);
      const refused = await session.evaluate(true);
      expect(session.fusedEvaluations).toBe(1);
      expect(measured(refused.evaluation)).toEqual(measured(await evaluateOn(session, false, true)));
    }
    session.dispose();
    const plainSteps = await sessionFor({ points: 200, hidden: [5], activation: ['tanh'], kernels: 'plain' });
    await plainSteps.evaluate(true);
    expect([plainSteps.kernelPath, plainSteps.fusedEvaluations]).toEqual(['plain', 0]);
    plainSteps.dispose();
  });
});
