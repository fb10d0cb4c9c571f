import '../test/setupTf';
import * as tf from '@tensorflow/tfjs-core';
import { describe, expect, it } from 'vitest';
import { defaultConfig, type ExperimentConfig } from '../config/experiment';
import { runSpecOf, trainingSettingsOf } from '../config/toEngine';
import { sessionOnGeneratedData, type TrainingSession } from './session';

/**
 * Two runs with the same settings must stand at the same θ, bit for bit, at every step (issue 21, item 1),
 * whichever ticks the host's planner diagnoses: it decides per run, by the runs' own timings, so two identical
 * runs are diagnosed at different steps. A diagnosis may read the step, never change it.
 */

function session(overrides: Partial<ExperimentConfig>): TrainingSession {
  const config = { ...defaultConfig(), hidden: [8, 6], activation: ['tanh', 'relu'], ...overrides } as ExperimentConfig;
  return sessionOnGeneratedData(runSpecOf(config), trainingSettingsOf(config));
}

/** Runs `ticks` ([steps, diagnose] each) and returns θ and the train loss after every tick. */
async function trajectory(s: TrainingSession, ticks: readonly [number, boolean][]): Promise<{ step: number; theta: number[]; loss: number }[]> {
  const seen: { step: number; theta: number[]; loss: number }[] = [];
  for (const [steps, diagnose] of ticks) {
    s.runSteps(steps, diagnose);
    const { evaluation, snapshot } = await s.evaluate(false);
    seen.push({ step: evaluation.step, theta: Array.from(snapshot.theta), loss: evaluation.trainLoss });
  }
  return seen;
}

/** Both runs tick at the same steps (lockstep), but each is diagnosed at other ticks. */
const RUN_A: [number, boolean][] = [[1, true], [9, false], [10, true], [10, false], [10, true], [20, false]];
const RUN_B: [number, boolean][] = [[1, false], [9, true], [10, false], [10, true], [10, false], [20, true]];

const CASES: [string, Partial<ExperimentConfig>][] = [
  ['backprop, Adam, fused', { kernels: 'fused', optimizer: 'adam' }],
  ['backprop, Nesterov with a cyclical schedule and L2, fused', { kernels: 'fused', optimizer: 'nesterov', schedule: 'cyclical', learningRate: 0.003, maxLearningRate: 0.05, stepSize: 15, regularization: 'l2', regularizationRate: 0.003 }],
  ['backprop, RMSProp, plain', { kernels: 'plain', optimizer: 'rmsprop' }],
  ['LocoProp-S, fused', { kernels: 'fused', algorithm: 'locoprop-s' }],
  ['LocoProp-S, inner Adam, fused', { kernels: 'fused', algorithm: 'locoprop-s', innerOptimizer: 'adam' }],
  ['LocoProp-M, fused', { kernels: 'fused', algorithm: 'locoprop-m' }],
  ['LocoProp-M, plain', { kernels: 'plain', algorithm: 'locoprop-m' }],
  ['feedback alignment', { algorithm: 'feedback-alignment' }],
];

describe('identical runs diagnosed at different steps', () => {
  it.each(CASES)('%s: bit-identical θ and loss after every tick', async (_, overrides) => {
    const a = session(overrides);
    const b = session(overrides);
    const left = await trajectory(a, RUN_A);
    const right = await trajectory(b, RUN_B);
    expect(left.map((t) => t.step)).toEqual([1, 10, 20, 30, 40, 60]);
    for (const [i, tick] of left.entries()) {
      expect(right[i].step).toBe(tick.step);
      expect(right[i].loss).toBe(tick.loss);
      expect(right[i].theta).toEqual(tick.theta);
    }
    a.dispose();
    b.dispose();
  });

  it.each(CASES)('%s: a diagnosed tick still reports the algorithm\'s diagnostics and the probes', async (_, overrides) => {
    const s = session(overrides);
    s.runSteps(5, true);
    const { evaluation } = await s.evaluate(false);
    expect(evaluation.diagnostics?.length).toBe(3);
    expect(Object.keys(evaluation.probes ?? {}).length).toBeGreaterThan(0);
    s.runSteps(5, false);
    const next = await s.evaluate(false);
    expect(next.evaluation.diagnostics).toBeNull();
    expect(next.evaluation.probes).toBeNull();
    s.dispose();
  });

  it.each(CASES)('%s: the same steps in ticks of other lengths give bit-identical θ', async (_, overrides) => {
    const a = session(overrides);
    const b = session(overrides);
    a.runSteps(30);
    for (const steps of [7, 1, 13, 9]) b.runSteps(steps);
    const [left, right] = [await a.evaluate(false), await b.evaluate(false)];
    expect(right.evaluation.step).toBe(30);
    expect(Array.from(right.snapshot.theta)).toEqual(Array.from(left.snapshot.theta));
    expect(right.snapshot.optimizer).toEqual(left.snapshot.optimizer);
    a.dispose();
    b.dispose();
  });

  it('a hot setting changed at the same step keeps two runs identical, diagnosed or not', async () => {
    const a = session({ kernels: 'fused', optimizer: 'adam' });
    const b = session({ kernels: 'fused', optimizer: 'adam' });
    a.runSteps(12, true);
    b.runSteps(12, false);
    for (const s of [a, b]) s.updateSettings({ ...s.currentSettings, schedule: { ...s.currentSettings.schedule, learningRate: 0.01 }, batchSize: 5 });
    a.runSteps(8, false);
    b.runSteps(8, true);
    for (const s of [a, b]) s.updateSettings({ ...s.currentSettings, optimizer: 'momentum' });
    a.runSteps(7, true);
    b.runSteps(7, false);
    const [left, right] = [await a.evaluate(false), await b.evaluate(false)];
    expect(left.evaluation.step).toBe(27);
    expect(Array.from(right.snapshot.theta)).toEqual(Array.from(left.snapshot.theta));
    a.dispose();
    b.dispose();
  });

  it('a restored snapshot continues exactly as the run it was taken from', async () => {
    const a = session({ kernels: 'fused', optimizer: 'adam' });
    const b = session({ kernels: 'fused', optimizer: 'adam' });
    a.runSteps(10, true);
    b.runSteps(10, false);
    const taken = (await b.evaluate(false)).snapshot;
    b.runSteps(15, true); // a trajectory the restore abandons
    b.restore(taken);
    a.runSteps(20, false);
    b.runSteps(20, true);
    const [left, right] = [await a.evaluate(false), await b.evaluate(false)];
    expect(right.evaluation.step).toBe(30);
    expect(Array.from(right.snapshot.theta)).toEqual(Array.from(left.snapshot.theta));
    expect(right.snapshot.optimizer).toEqual(left.snapshot.optimizer);
    a.dispose();
    b.dispose();
  });

  it('diagnosing leaks no tensors', async () => {
    const s = session({ kernels: 'fused', algorithm: 'locoprop-m' });
    s.runSteps(3, true);
    await s.evaluate(false);
    const before = tf.memory().numTensors;
    for (let i = 0; i < 5; i++) {
      s.runSteps(4, i % 2 === 0);
      await s.evaluate(i % 2 === 1, true);
    }
    expect(tf.memory().numTensors).toBe(before);
    s.dispose();
  });
});
