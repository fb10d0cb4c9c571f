/**
 * The alignment probe: backprop with SGD moves exactly against its gradient (0°); feedback alignment's hidden
 * layers start far from it and come within 90° on the circle, as Lillicrap et al. (Nature Communications 2016,
 * Fig. 2) show for their tasks.
 */
import '../../test/setupTf';
import { describe, expect, it } from 'vitest';
import { defaultConfig, type ExperimentConfig } from '../../config/experiment';
import { runSpecOf, trainingSettingsOf } from '../../config/toEngine';
import { sessionOnGeneratedData, type TrainingSession } from '../../engine/session';

function session(overrides: Partial<ExperimentConfig>): TrainingSession {
  const config = { ...defaultConfig(), ...overrides };
  return sessionOnGeneratedData(runSpecOf(config), trainingSettingsOf(config));
}

async function anglesAfter(s: TrainingSession, steps: number): Promise<number[]> {
  s.runSteps(steps, true);
  const { evaluation } = await s.evaluate(false);
  const angles = evaluation.probes?.alignment?.angle;
  if (!angles) throw new Error('no alignment reading after a diagnosed step');
  return angles;
}

describe('the alignment probe', () => {
  it('reads 0° in every layer for backprop with SGD, whose update is −η times the gradient', async () => {
    const s = session({ algorithm: 'backprop', optimizer: 'sgd', learningRate: 0.1, hidden: [6, 4], activation: ['tanh', 'tanh'] });
    const angles = await anglesAfter(s, 10);
    expect(angles).toHaveLength(3);
    // float32: cos = 1 − ε reads as an angle of about √(2ε) rad, a few hundredths of a degree.
    angles.forEach((angle) => expect(angle).toBeLessThan(0.5));
    s.dispose();
  });

  it('reads a clear angle for Adam, whose update is not along the raw gradient', async () => {
    const s = session({ algorithm: 'backprop', optimizer: 'adam', learningRate: 0.01, hidden: [6, 4], activation: ['tanh', 'tanh'] });
    const angles = await anglesAfter(s, 10);
    expect(Math.max(...angles)).toBeGreaterThan(5);
    s.dispose();
  });

  it('feedback alignment on the circle: the output layer at 0°, the hidden layers fall from above 90° to below it', async () => {
    // Seed 3 starts with both hidden layers' updates pointing uphill (over 90°), the case the paper's figure
    // is about. Single minibatches are noisy: each figure is the mean of 8 readings, 25 steps apart.
    const s = session({ seed: 3, algorithm: 'feedback-alignment', optimizer: 'sgd', learningRate: 0.1, hidden: [6, 4], activation: ['tanh', 'tanh'] });
    const windowMean = async (): Promise<number[]> => {
      const sums = [0, 0, 0];
      for (let r = 0; r < 8; r++) (await anglesAfter(s, 25)).forEach((angle, m) => (sums[m] += angle / 8));
      return sums;
    };
    const first = await windowMean();
    s.runSteps(2800);
    const later = await windowMean();
    expect(first[2]).toBeLessThan(0.5);
    expect(later[2]).toBeLessThan(0.5);
    expect(Math.max(first[0], first[1])).toBeGreaterThan(90);
    expect(later[0]).toBeLessThan(75);
    expect(later[1]).toBeLessThan(75);
    const { evaluation } = await s.evaluate(false);
    expect(evaluation.testLoss).toBeLessThan(0.4);
    s.dispose();
  });
});
