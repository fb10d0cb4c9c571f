/**
 * Ready-made experiments on real data, each one whole config edit (one new run): the data set, the task and
 * a network and optimizer that suit it. The optimizer goes to the field the current algorithm reads
 * (backprop's optimizer, or LocoProp's inner one), so a preset keeps the algorithm being studied. And each data
 * set's own network, which picking the set applies unless the user has set one (networkForPick).
 */
import type { ExperimentConfig } from '../../config/experiment';
import { EXPERIMENT_FIELDS } from '../../config/experiment';
import { ALGORITHM_INFO } from '../../algorithms/registry';
import { GENERATED_DATASETS, type GeneratedDataset } from '../../engine/data/generators';
import type { DatasetName } from '../../engine/data/problem';
import type { Activation, Initializer } from '../../engine/names';

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

/** A data set's own network: what a pick of the set starts with unless the user has set one (issue 19 §8). */
export interface DatasetNetwork {
  hidden: number[];
  activation: Activation[];
  init: Initializer;
}

const DEFAULT_NETWORK: DatasetNetwork = {
  hidden: EXPERIMENT_FIELDS.hidden.defaultValue,
  activation: EXPERIMENT_FIELDS.activation.defaultValue,
  init: EXPERIMENT_FIELDS.init.defaultValue,
};
// Images: ReLU layers with He initialisation (He et al., ICCV 2015, §2.2: the variance that keeps ReLU signals
// from shrinking), wide enough for 64–784 pixels; tables: a few standardised columns need one small layer.
const IMAGE_NETWORK: DatasetNetwork = { hidden: [128, 64], activation: ['relu', 'relu'], init: 'he' };
const TABLE_NETWORK: DatasetNetwork = { hidden: [16], activation: ['relu'], init: 'he' };

/** Each data set's network; the 2-D sets and CSV files start from the schema's default. */
export const DATASET_NETWORKS: Record<DatasetName, DatasetNetwork> = {
  ...(Object.fromEntries(GENERATED_DATASETS.map((name) => [name, DEFAULT_NETWORK])) as Record<GeneratedDataset, DatasetNetwork>),
  custom: DEFAULT_NETWORK,
  digits: { hidden: [32], activation: ['relu'], init: 'he' },
  mnist: IMAGE_NETWORK,
  mnist14: IMAGE_NETWORK,
  iris: TABLE_NETWORK,
  penguins: TABLE_NETWORK,
};

/** Inputs and outputs of a data set as a pick leaves it (tabular sets on their two default features), for the note. */
const SHAPES: Partial<Record<DatasetName, { inputs: number; outputs: number }>> = {
  digits: { inputs: 64, outputs: 10 },
  mnist: { inputs: 784, outputs: 10 },
  mnist14: { inputs: 196, outputs: 10 },
  iris: { inputs: 2, outputs: 3 },
  penguins: { inputs: 2, outputs: 3 },
};

const sameNetwork = (config: DatasetNetwork, network: DatasetNetwork): boolean =>
  config.init === network.init && config.hidden.join() === network.hidden.join() && config.activation.join() === network.activation.join();

/** "784-128-64-10" (inputs and outputs where the set fixes them, else "8-8 hidden"). */
function networkText(name: DatasetName, task: ExperimentConfig['task'], hidden: readonly number[]): string {
  const shape = SHAPES[name];
  if (!shape) return name === 'custom' ? `${hidden.join('-') || 'no'} hidden` : [2, ...hidden, 1].join('-');
  return [shape.inputs, ...hidden, task === 'autoencoder' ? shape.inputs : shape.outputs].join('-');
}

/**
 * The network after picking data set `name` (its `title` for the note): the set's own network when the user has
 * not set one, that is when the current network is the current set's own (a default or a pick's) or a preset's,
 * else the user's, kept. With a sentence saying which, for the page to show. A network typed by hand that equals
 * one of those is taken for it: the page does not track who set the fields.
 */
export function networkForPick(config: ExperimentConfig, name: DatasetName, title: string): { network: DatasetNetwork; note: string } {
  const own = DATASET_NETWORKS[name];
  const preset = networkText(name, config.task, own.hidden);
  // Not the user's own: the current set's network (its default or a pick's), or a preset's (the Presets buttons).
  const presets = [DATASET_NETWORKS[config.dataset], ...NETWORK_PRESETS.map((p) => applyPreset(config, p))];
  if (presets.some((network) => sameNetwork(config, network))) {
    const which = own === DEFAULT_NETWORK ? `the default network, ${preset}, for ${title}` : `${title}'s preset ${preset}`;
    return { network: own, note: `Network set to ${which}; your own network is kept when you have set one.` };
  }
  const kept = { hidden: [...config.hidden], activation: [...config.activation], init: config.init };
  return { network: kept, note: `Your network (${kept.hidden.join('-') || 'no'} hidden) is kept; ${title}'s preset is ${preset}.` };
}
