/**
 * The algorithms the playground offers, as data (TF.js-free, so the page can read it): the name used in the
 * config and the URL, the label people see, and which config field picks the optimizer that updates θ. The
 * session maps each name to its implementation; nothing else branches on an algorithm's name.
 */

export const ALGORITHMS = ['backprop', 'locoprop-s', 'locoprop-m'] as const;
export type AlgorithmName = (typeof ALGORITHMS)[number];

export interface AlgorithmInfo {
  label: string;
  /** The config field naming the optimizer this algorithm updates θ with. */
  optimizerField: 'optimizer' | 'innerOptimizer';
  /** The settings group the training panel shows for it, if any. */
  settingsGroup: 'locoprop' | null;
}

export const ALGORITHM_INFO: Record<AlgorithmName, AlgorithmInfo> = {
  backprop: { label: 'Backprop', optimizerField: 'optimizer', settingsGroup: null },
  'locoprop-s': { label: 'LocoProp-S', optimizerField: 'innerOptimizer', settingsGroup: 'locoprop' },
  'locoprop-m': { label: 'LocoProp-M', optimizerField: 'innerOptimizer', settingsGroup: 'locoprop' },
};
