/**
 * A sweep's checkpoint measurements: the fused CPU evaluation where the session's steps are fused on the CPU,
 * equal bit for bit to the session's own evaluate() on real data (digits, 10 softmax classes, 64 inputs: wider
 * than TF.js's matMul block) with a validation split, and on the generated sets' tasks; the plain evaluation
 * where the steps are plain or θ is not finite.
 */
import '../../test/setupTf';
import { readFile } from 'node:fs/promises';
import { describe, expect, it, vi } from 'vitest';
import { defaultConfig, type ExperimentConfig } from '../../config/experiment';
import { runSpecOf, trainingSettingsOf } from '../../config/toEngine';
import { loadDataset, type DataAccess } from '../data/dataSources';
import { TrainingSession } from '../session';
import { DRAIN_STEPS, fusedEvaluationApplies, sweepEvaluation, type SweepEvaluation } from './sweepEvaluation';

const access: DataAccess = {
  readShipped: async (file) => new Uint8Array(await readFile(new URL(`../../../public/data/${file}`, import.meta.url))),
  customData: () => null,
};

async function session(overrides: Partial<ExperimentConfig>): Promise<TrainingSession> {
  const config = { ...defaultConfig(), ...overrides };
  const spec = runSpecOf(config);
  return new TrainingSession(await loadDataset(spec.dataset, access), spec, trainingSettingsOf(config));
}

const recorded = (e: SweepEvaluation): number[] => [e.step, e.trainLoss, e.testLoss, e.trainAccuracy, e.testAccuracy, e.validationLoss, e.validationAccuracy];

/** The sweep's measurement and the session's evaluate() at the same θ; the sweep's must not call evaluate(). */
async function both(s: TrainingSession): Promise<{ sweep: number[]; plain: number[] }> {
  const evaluate = vi.spyOn(s, 'evaluate');
  const sweep = recorded(await sweepEvaluation(s));
  expect(evaluate).not.toHaveBeenCalled();
  evaluate.mockRestore();
  return { sweep, plain: recorded((await s.evaluate(false)).evaluation) };
}

describe('sweep evaluation', () => {
  it.each<Partial<ExperimentConfig>>([
    { dataset: 'digits', hidden: [32], activation: ['tanh'], validationPercent: 20, batchSize: 60 },
    { dataset: 'digits', hidden: [16, 16], activation: ['relu', 'sigmoid'], optimizer: 'sgd', learningRate: 0.5 },
    { dataset: 'circle', hidden: [8, 8], activation: ['tanh', 'tanh'], validationPercent: 20 },
    { dataset: 'spiral', hidden: [6], activation: ['linear'], algorithm: 'locoprop-m', learningRate: 0.01 },
    { dataset: 'hills', hidden: [8], activation: ['relu'] },
  ])('fused on the CPU, equal to the session evaluate() bit for bit at steps 0 and 150 (%o)', async (overrides) => {
    const s = await session(overrides);
    expect(fusedEvaluationApplies(s)).toBe(true);
    for (const steps of [0, 150]) {
      s.runSteps(steps);
      const { sweep, plain } = await both(s);
      expect(sweep).toEqual(plain);
    }
    s.dispose();
  });

  it('every DRAIN_STEPS steps a checkpoint takes evaluate(), which alone empties the rate log', async () => {
    const s = await session({ dataset: 'circle' });
    const evaluate = vi.spyOn(s, 'evaluate');
    const calls: number[] = [];
    for (const steps of [30, 30, 30, 30]) {
      s.runSteps(steps);
      await sweepEvaluation(s, 50);
      calls.push(evaluate.mock.calls.length);
    }
    // Steps 30 (fused), 60 (evaluate: 60 since step 0), 90 (fused: 30 since), 120 (evaluate).
    expect(calls).toEqual([0, 1, 1, 2]);
    expect(DRAIN_STEPS).toBe(100_000);
    s.dispose();
  });

  it('plain steps take the plain evaluation', async () => {
    const s = await session({ dataset: 'circle', kernels: 'plain' });
    expect(fusedEvaluationApplies(s)).toBe(false);
    const evaluate = vi.spyOn(s, 'evaluate');
    await sweepEvaluation(s);
    expect(evaluate).toHaveBeenCalledTimes(1);
    s.dispose();
  });

  it('a θ that is not finite takes the plain evaluation, and records what it gives', async () => {
    const s = await session({ dataset: 'circle' });
    const snapshot = await s.snapshot();
    snapshot.theta[0] = Number.NaN;
    s.restore(snapshot);
    const evaluate = vi.spyOn(s, 'evaluate');
    const measured = await sweepEvaluation(s);
    expect(evaluate).toHaveBeenCalledTimes(1);
    expect(measured.trainLoss).toBeNaN();
    s.dispose();
  });
});
