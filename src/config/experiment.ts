/**
 * THE experiment schema: every setting of the playground, once. The UI reads labels and ranges from it, the
 * URL is encoded and decoded with it, and the worker validates what it receives with it. The fields live in
 * groups/ by concept; their order here is the order of the URL's parameters.
 */
import { isImageDataset } from '../engine/data/problem';
import type { z } from 'zod';
import { describeIssue, type FieldScope } from './fields';
import { defaultFeaturesText, featuresMisfit } from './featureCheck';
import { COMPARISON_FIELDS } from './groups/comparison';
import { DATA_FIELDS } from './groups/data';
import { ALGORITHM_INFO, ALGORITHMS, algorithmFields } from '../algorithms/registry';
import { NETWORK_FIELDS } from './groups/network';
import { RANGE_TEST_FIELDS } from './groups/rangeTest';
import { SCHEDULE_FIELDS } from './groups/schedule';
import { TRAINING_FIELDS } from './groups/training';

export { BACKEND_CHOICES, type BackendChoice } from './groups/backends';
export { MAX_HIDDEN_LAYERS, MAX_UNITS } from './groups/limits';
import { networkLimitsFor } from './groups/limits';
import { groupedNumber } from '../text/groupedNumber';

/** Bumped when a field changes meaning; written to the URL as `v`. */
export const SCHEMA_VERSION = 1;

export const EXPERIMENT_FIELDS = {
  ...DATA_FIELDS,
  ...NETWORK_FIELDS,
  ...TRAINING_FIELDS,
  // Every algorithm's own settings, from the registry (each algorithm's settings group, src/algorithms/<name>/).
  ...algorithmFields(ALGORITHM_INFO, ALGORITHMS),
  ...SCHEDULE_FIELDS,
  ...RANGE_TEST_FIELDS,
  ...COMPARISON_FIELDS,
};

type Fields = typeof EXPERIMENT_FIELDS;
export type FieldName = keyof Fields;
type ValueOf<F> = F extends { defaultValue: infer T } ? T : never;
export type ExperimentConfig = { [K in FieldName]: ValueOf<Fields[K]> };

export const FIELD_NAMES = Object.keys(EXPERIMENT_FIELDS) as FieldName[];

export function defaultConfig(): ExperimentConfig {
  const config = {} as Record<FieldName, unknown>;
  for (const name of FIELD_NAMES) config[name] = structuredClone(EXPERIMENT_FIELDS[name].defaultValue);
  return config as ExperimentConfig;
}

export interface ConfigProblem {
  field: string;
  message: string;
}

/** The longest value a message quotes whole; longer ones are cut, with their length said. */
const QUOTED_LENGTH = 60;

/**
 * A bad value as a message quotes it: text as it is, anything else as JSON, cut to QUOTED_LENGTH characters (a
 * 49 MB value in an imported file was copied whole into the status area and blocked the page for 11 s).
 */
export function quotedValue(value: unknown): string {
  const text = typeof value === 'string' ? value.slice(0, QUOTED_LENGTH + 1) : (JSON.stringify(value) ?? String(value));
  const length = typeof value === 'string' ? value.length : text.length;
  return length <= QUOTED_LENGTH ? text : `${text.slice(0, QUOTED_LENGTH)}… (${groupedNumber(length)} characters)`;
}

/**
 * A field's value as a message names what is used instead: its text, or for an empty list what empty means
 * (no hidden layers; the data set's default features).
 */
export function fallbackText(name: FieldName, text: string): string {
  if (text !== '') return text;
  return name === 'hidden' ? 'no hidden layers' : name === 'features' ? "the data set's default features" : 'none';
}

/** One field's value checked against its schema: zod's verdict, with the value as the schema returns it. */
export type FieldParser = (name: FieldName, value: unknown) => z.ZodSafeParseResult<unknown>;

const parseField: FieldParser = (name, value) => EXPERIMENT_FIELDS[name].schema.safeParse(value);

/**
 * A FieldParser that checks each field's value once and then gives the same verdict: values are told apart as a
 * Map's keys are (a list or object by identity). A sweep checks up to 512 configs that share all but a few
 * values (issue 20 §7: the sweep's start button). The configs it returns share those values' lists, which no
 * caller changes in place.
 */
export function rememberingParser(): FieldParser {
  const verdicts = new Map<FieldName, Map<unknown, z.ZodSafeParseResult<unknown>>>();
  return (name, value) => {
    let seen = verdicts.get(name);
    if (!seen) verdicts.set(name, (seen = new Map()));
    let verdict = seen.get(value);
    if (!verdict) seen.set(value, (verdict = parseField(name, value)));
    return verdict;
  };
}

/**
 * Checks every field of a candidate config. A missing or invalid field is replaced by its default and
 * reported by name; nothing throws. `raw` gives the text to quote in messages (the URL value, say).
 * `refusing`: the caller refuses the whole input on any problem (an imported file, not loaded at all), so the
 * messages say what is wrong and not what is used instead. `parse` checks one field (rememberingParser for many
 * configs alike).
 */
export function sanitizeConfig(
  candidate: Partial<Record<FieldName, unknown>>,
  raw: Partial<Record<FieldName, string>> = {},
  refusing = false,
  parse: FieldParser = parseField,
): { config: ExperimentConfig; problems: ConfigProblem[] } {
  const config = {} as Record<FieldName, unknown>;
  const problems: ConfigProblem[] = [];
  const problem = (field: string, why: string, instead: string): void => {
    problems.push({ field, message: refusing ? `${why}.` : `${why}${instead}` });
  };
  for (const name of FIELD_NAMES) {
    const field = EXPERIMENT_FIELDS[name];
    // A default is cloned only where it is used: a sweep checks 512 complete configs at its start, and cloning
    // every field's default for each was a third of that main-thread task (issue 20 §7).
    if (!(name in candidate)) {
      config[name] = structuredClone(field.defaultValue);
      continue;
    }
    const result = parse(name, candidate[name]);
    if (result.success) {
      config[name] = result.data;
    } else {
      config[name] = structuredClone(field.defaultValue);
      const shown = quotedValue(raw[name] ?? candidate[name]);
      const fallback = field.format(field.defaultValue as never);
      const why = `"${name}" = "${shown}" is not valid (${describeIssue(result.error)})`;
      problem(name, why, `; using the default, ${fallbackText(name, fallback)}.`);
    }
  }
  const result = config as ExperimentConfig;
  const limits = networkLimitsFor(result.dataset);
  if (result.hidden.length > limits.layers || result.hidden.some((units) => units > limits.units)) {
    const wanted = result.hidden.join(',');
    const defaults = defaultConfig();
    result.hidden = defaults.hidden;
    result.activation = defaults.activation;
    const why = `"hidden" = "${wanted}" is too big for the 2-D data set ${result.dataset} (at most ${limits.layers} layers of ${limits.units} units; real data allows more)`;
    problem('hidden', why, `; using the default, ${defaults.hidden.join(',')}.`);
  }
  if (result.task === 'autoencoder' && !isImageDataset(result.dataset)) {
    result.task = 'supervised';
    const why = `"task" = "autoencoder" needs image data (digits, mnist, mnist14), not ${result.dataset}`;
    problem('task', why, '; learning the labels instead.');
  }
  const misfit = featuresMisfit(result.dataset, result.features);
  if (misfit !== null) {
    const wanted = quotedValue(raw.features ?? result.features.join(','));
    result.features = [];
    const why = `"features" = "${wanted}" is not valid (${misfit})`;
    problem('features', why, `; using ${defaultFeaturesText(result.dataset)}.`);
  }
  const layers = result.hidden.length;
  if (result.activation.length === 1 && layers !== 1) {
    result.activation = Array.from({ length: layers }, () => result.activation[0]);
  } else if (result.activation.length !== layers) {
    if ('activation' in candidate) {
      const why = `"activation" lists ${result.activation.length} functions for ${layers} hidden layers`;
      problem('activation', why, '. Using tanh for every layer.');
    }
    result.activation = Array.from({ length: layers }, () => 'tanh' as const);
  }
  return { config: result, problems };
}

/** Names of the fields whose values differ between two configs. */
export function changedFields(a: ExperimentConfig, b: ExperimentConfig): FieldName[] {
  return FIELD_NAMES.filter((name) => JSON.stringify(a[name]) !== JSON.stringify(b[name]));
}

export function scopeOf(name: FieldName): FieldScope {
  return EXPERIMENT_FIELDS[name].scope ?? 'run';
}

export function isStructuralChange(a: ExperimentConfig, b: ExperimentConfig): boolean {
  return changedFields(a, b).some((name) => EXPERIMENT_FIELDS[name].change === 'structural');
}
