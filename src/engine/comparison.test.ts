import '../test/setupTf';
import { describe, expect, it } from 'vitest';
import { defaultConfig, type ExperimentConfig } from '../config/experiment';
import { runSpecOf, trainingSettingsOf } from '../config/toEngine';
import { sessionOnGeneratedData, TrainingSession } from './session';

function session(config: ExperimentConfig): TrainingSession {
  return sessionOnGeneratedData(runSpecOf(config), trainingSettingsOf(config));
}

/** The train loss after each of `steps` single steps (one evaluation per step). */
async function lossesPerStep(s: TrainingSession, steps: number): Promise<number[]> {
  const losses = [(await s.evaluate(false)).evaluation.trainLoss];
  for (let i = 0; i < steps; i++) {
    s.runSteps(1);
    losses.push((await s.evaluate(false)).evaluation.trainLoss);
  }
  s.dispose();
  return losses;
}

describe('runs compared from the same start', () => {
  const config = { ...defaultConfig(), seed: 21, dataset: 'spiral' as const };

  it('two sessions with identical settings are bit-identical at every step', async () => {
    const a = await lossesPerStep(session(config), 40);
    const b = await lossesPerStep(session(config), 40);
    expect(b).toEqual(a);
    expect(a[40]).toBeLessThan(a[0]);
  });

  it('changing only the algorithm keeps the initial loss identical (same weights, same data)', async () => {
    const backprop = await lossesPerStep(session(config), 3);
    const locoprop = await lossesPerStep(session({ ...config, algorithm: 'locoprop-m' }), 3);
    expect(locoprop[0]).toBe(backprop[0]);
    expect(locoprop[3]).not.toBe(backprop[3]);
  });
});
