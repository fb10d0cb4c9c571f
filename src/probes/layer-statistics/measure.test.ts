import '../../test/setupTf';
import { describe, expect, it } from 'vitest';
import { defaultConfig, type ExperimentConfig } from '../../config/experiment';
import { runSpecOf, trainingSettingsOf } from '../../config/toEngine';
import { sessionOnGeneratedData, TrainingSession } from '../../engine/session';

function session(overrides: Partial<ExperimentConfig>): TrainingSession {
  const config = { ...defaultConfig(), ...overrides };
  return sessionOnGeneratedData(runSpecOf(config), trainingSettingsOf(config));
}

function weightNorm(theta: Float32Array, s: TrainingSession, m: number): number {
  const layer = s.layout.layers[m];
  let sum = 0;
  for (let i = layer.weightOffset; i < layer.weightOffset + layer.inputSize * layer.outputSize; i++) sum += theta[i] * theta[i];
  return Math.sqrt(sum);
}

describe('layer statistics of a diagnosed step', () => {
  it('plain SGD: ‖ΔW‖ = η‖∂L/∂W‖ for every layer, so ratio × ‖W‖ = η × gradient norm (to 1e-5)', async () => {
    const s = session({ optimizer: 'sgd', learningRate: 0.3, hidden: [8, 6, 4], activation: ['tanh', 'relu', 'sigmoid'] });
    s.runSteps(5);
    const { snapshot } = await s.evaluate(false);
    s.runSteps(1, true);
    const { evaluation } = await s.evaluate(false);
    const stats = evaluation.probes?.layerStatistics;
    expect(stats?.gradientNorm).toHaveLength(4);
    stats?.gradientNorm.forEach((g, m) => {
      expect(g).toBeGreaterThan(0);
      const lhs = (stats.updateRatio[m] ?? 0) * weightNorm(snapshot.theta, s, m);
      expect(Math.abs(lhs - 0.3 * g) / (0.3 * g)).toBeLessThan(1e-5);
    });
    s.dispose();
  });

  it('comes once, with the diagnosed step, for LocoProp too', async () => {
    const s = session({ algorithm: 'locoprop-m' });
    s.runSteps(3, true);
    const first = (await s.evaluate(false)).evaluation.probes?.layerStatistics;
    expect(first?.updateRatio.every((r) => r > 0 && Number.isFinite(r))).toBe(true);
    s.runSteps(3);
    expect((await s.evaluate(false)).evaluation.probes).toBeNull();
    s.dispose();
  });
});
