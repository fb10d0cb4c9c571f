/**
 * Whether a run's `features` fit its data set. Which names exist depends on the data, so the field's schema
 * cannot tell; the data set's catalog (engine/data/problem.ts) can, for every set but a loaded CSV file, and
 * for the 2-D sets the feature inputs (engine/data/features.ts: x1, x2, x1sq, x2sq, x1x2, sinx1, sinx2). A
 * `features` value that does not fit is reported by name and replaced by the data set's defaults (an empty
 * list), as every other bad value is replaced by its default, so that the run still trains.
 */
import { DEFAULT_INPUT_FEATURES, INPUT_FEATURES } from '../engine/data/features';
import { isGenerated, isShipped, SHIPPED_DATASETS, type DatasetName } from '../engine/data/problem';

const quoted = (names: readonly string[]): string => names.map((n) => `"${n}"`).join(', ');

/** Why `features` does not fit `dataset`, in words, or null when it does (or cannot be known: custom). */
export function featuresMisfit(dataset: DatasetName, features: readonly string[]): string | null {
  if (features.length === 0 || dataset === 'custom') return null;
  const tabular = isShipped(dataset) && SHIPPED_DATASETS[dataset].kind === 'tabular';
  if (!tabular && !isGenerated(dataset)) return `${dataset} has no feature columns to choose`;
  const known: readonly string[] = tabular ? SHIPPED_DATASETS[dataset].featureNames : INPUT_FEATURES;
  const unknown = [...new Set(features.filter((name) => !known.includes(name)))];
  const twice = [...new Set(features.filter((name, i) => features.indexOf(name) !== i))];
  const reasons = [
    ...(unknown.length > 0 ? [`${dataset} has no feature ${quoted(unknown)}`] : []),
    ...(twice.length > 0 ? [`${quoted(twice)} named more than once`] : []),
  ];
  return reasons.length > 0 ? `${reasons.join('; ')}; its features are ${quoted(known)}` : null;
}

/** What a run uses in place of `features` that do not fit: the data set's defaults, in words. */
export function defaultFeaturesText(dataset: DatasetName): string {
  if (isGenerated(dataset)) return `the point itself, ${quoted(DEFAULT_INPUT_FEATURES)}`;
  if (!isShipped(dataset) || SHIPPED_DATASETS[dataset].kind !== 'tabular') return 'its inputs as they are';
  return `the data set's default features, ${quoted(SHIPPED_DATASETS[dataset].defaultFeatures)}`;
}
