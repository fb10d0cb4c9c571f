/**
 * The page's registry of training algorithms (TF.js-free): one description per algorithm folder. The config
 * schema, the panels, the run names, the narration and the PyTorch export iterate it; nothing outside an
 * algorithm's folder branches on its name (registry.test.ts holds that). The worker's twin is
 * workerRegistry.ts. A new algorithm is its folder, one line here, one line there, and the README.
 */
import { backpropDescription } from './backprop/description';
import type { AlgorithmDescription } from './description';
import { feedbackAlignmentDescription } from './feedback-alignment/description';
import { locopropMDescription } from './locoprop-m/description';
import { locopropSDescription } from './locoprop-s/description';
import { mergedFields } from './settings';

const DESCRIPTIONS = [backpropDescription, locopropSDescription, locopropMDescription, feedbackAlignmentDescription] as const;

export type AlgorithmName = (typeof DESCRIPTIONS)[number]['name'];
export type AlgorithmInfo = AlgorithmDescription<AlgorithmName, (typeof DESCRIPTIONS)[number]['optimizerField']>;

export const ALGORITHMS = DESCRIPTIONS.map((d) => d.name) as readonly AlgorithmName[];

export const ALGORITHM_INFO = Object.fromEntries(DESCRIPTIONS.map((d): [AlgorithmName, AlgorithmInfo] => [d.name, d])) as Record<AlgorithmName, AlgorithmInfo>;

type UnionToIntersection<U> = (U extends unknown ? (u: U) => void : never) extends (i: infer I) => void ? I : never;

/** Every algorithm's settings fields, typed field by field (the experiment schema's and the config's types). */
export type AlgorithmFields = UnionToIntersection<NonNullable<(typeof DESCRIPTIONS)[number]['settings']>['fields']>;

/**
 * Every listed algorithm's settings fields once, for the experiment schema (config/experiment.ts passes the
 * registry's listings in, so a schema is made of whatever algorithms they hold).
 */
export function algorithmFields(info: Readonly<Record<AlgorithmName, AlgorithmInfo>>, names: readonly AlgorithmName[]): AlgorithmFields {
  return mergedFields(names.map((name) => info[name].settings)) as AlgorithmFields;
}

/** Every algorithm's Explain panel, once (LocoProp-S and -M share theirs). */
export const ALGORITHM_EXPLANATIONS = [...new Set(DESCRIPTIONS.map((d) => d.explanation))];

export const ALGORITHM_LABELS = Object.fromEntries(ALGORITHMS.map((name) => [name, ALGORITHM_INFO[name].label])) as Record<AlgorithmName, string>;

/** The target formula of an algorithm's layers, e.g. "Y − γ·∂L/∂A". */
export function targetFormula(name: AlgorithmName): string {
  return `${ALGORITHM_INFO[name].targetSpace} − γ·${ALGORITHM_INFO[name].errorSignal}`;
}
