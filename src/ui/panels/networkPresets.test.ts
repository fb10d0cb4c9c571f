import { describe, expect, it } from 'vitest';
import { defaultConfig, sanitizeConfig } from '../../config/experiment';
import { parameterCount } from '../../config/network';
import { DATASET_NAMES } from '../../engine/data/problem';
import { applyPreset, DATASET_NETWORKS, NETWORK_PRESETS } from './networkPresets';

describe('network presets', () => {
  it('deep autoencoder: MNIST 14×14 reconstructed through 128-64-16-64-128 tanh, RMSProp at 0.001', () => {
    const config = applyPreset(defaultConfig(), 'deep-autoencoder');
    expect(config).toMatchObject({ dataset: 'mnist14', task: 'autoencoder', hidden: [128, 64, 16, 64, 128], optimizer: 'rmsprop', learningRate: 0.001, batchSize: 128 });
    expect(config.activation).toEqual(['tanh', 'tanh', 'tanh', 'tanh', 'tanh']);
    expect(parameterCount(196, config.hidden, 196)).toBe(69_204);
  });

  it('digits classifier: one layer of 32 ReLU units on digits', () => {
    const config = applyPreset({ ...defaultConfig(), task: 'autoencoder', features: ['x'] }, 'digits-classifier');
    expect(config).toMatchObject({ dataset: 'digits', task: 'supervised', features: [], hidden: [32], activation: ['relu'], init: 'he' });
  });

  it('sets the optimizer the current algorithm uses (LocoProp: the inner one) and keeps the algorithm', () => {
    const base = { ...defaultConfig(), algorithm: 'locoprop-m' as const };
    const config = applyPreset(base, 'deep-autoencoder');
    expect(config.algorithm).toBe('locoprop-m');
    expect(config.innerOptimizer).toBe('rmsprop');
    expect(config.optimizer).toBe(base.optimizer);
  });

  it('every preset is a valid config (nothing for the sanitizer to fix)', () => {
    for (const preset of NETWORK_PRESETS) {
      const config = applyPreset(defaultConfig(), preset);
      const { problems } = sanitizeConfig(config);
      expect(problems).toEqual([]);
    }
  });

  it("every data set's own network fits that set (nothing for the sanitizer to fix)", () => {
    for (const dataset of DATASET_NAMES) {
      const { problems } = sanitizeConfig({ ...defaultConfig(), dataset, ...DATASET_NETWORKS[dataset] });
      expect({ dataset, problems }).toEqual({ dataset, problems: [] });
    }
  });
});
