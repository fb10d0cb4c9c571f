/**
 * Ready-made experiments on real data, each one whole config edit (one new run): the data set, the task and
 * a network and optimizer that suit it. The optimizer goes to the field the current algorithm reads
 * (backprop's optimizer, or LocoProp's inner one), so a preset keeps the algorithm being studied.
 */
import type { ExperimentConfig } from '../../config/experiment';
import { EXPERIMENT_FIELDS } from '../../config/experiment';
import { ALGORITHM_INFO } from '../../algorithms/registry';

export const NETWORK_PRESETS = ['deep-autoencoder', 'digits-classifier'] as const;
export type NetworkPreset = (typeof NETWORK_PRESETS)[number];

export const PRESET_LABELS: Record<NetworkPreset, string> = {
  'deep-autoencoder': 'Deep autoencoder (MNIST 14×14)',
  'digits-classifier': 'Digits classifier',
};

export const PRESET_HELP: Record<NetworkPreset, string> = {
  'deep-autoencoder': '196 → 128 → 64 → 16 → 64 → 128 → 196, tanh, RMSProp at 0.001, batches of 128: reconstructs MNIST through a 16-unit code.',
  'digits-classifier': '64 → 32 → 10, ReLU with He initialisation, Adam at 0.01: classifies the 8×8 digits.',
};

export function applyPreset(config: ExperimentConfig, preset: NetworkPreset): ExperimentConfig {
  const optimizerField = ALGORITHM_INFO[config.algorithm].optimizerField;
  switch (preset) {
    case 'deep-autoencoder': {
      const hidden = [128, 64, 16, 64, 128];
      return {
        ...config,
        dataset: 'mnist14',
        task: 'autoencoder',
        features: [],
        hidden,
        activation: hidden.map(() => 'tanh' as const),
        init: 'glorot',
        batchSize: Math.min(128, EXPERIMENT_FIELDS.batchSize.max),
        [optimizerField]: 'rmsprop',
        learningRate: 0.001,
      };
    }
    case 'digits-classifier':
      return {
        ...config,
        dataset: 'digits',
        task: 'supervised',
        features: [],
        hidden: [32],
        activation: ['relu'],
        init: 'he',
        batchSize: Math.min(32, EXPERIMENT_FIELDS.batchSize.max),
        [optimizerField]: 'adam',
        learningRate: 0.01,
      };
  }
}
