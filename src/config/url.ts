/**
 * The experiment in the address bar: only the fields that differ from their defaults, by schema name, plus
 * the schema version `v`. Decoding never throws: a bad value is reported by name and replaced by its default.
 *
 * A key given more than once (`?gamma=-1&gamma=0.001`): every occurrence is checked, each invalid one is
 * reported, the last valid one is used (the default if none is), and the repetition itself is mentioned, so
 * that a hand-edited link never drops a mistake silently.
 */
import {
  defaultConfig,
  EXPERIMENT_FIELDS,
  fallbackText,
  FIELD_NAMES,
  quotedValue,
  sanitizeConfig,
  SCHEMA_VERSION,
  type ConfigProblem,
  type ExperimentConfig,
  type FieldName,
} from './experiment';
import { describeIssue } from './fields';
import { groupedNumber } from '../text/groupedNumber';

const VERSION_KEY = 'v';
/** Longest key or value quoted in a message, in characters: a 10 000-character value would bury the rest. */
const MAX_SHOWN = 60;

function isFieldName(key: string): key is FieldName {
  return (FIELD_NAMES as string[]).includes(key);
}

/** The text as the user typed it, cut to MAX_SHOWN code points (never in the middle of a surrogate pair). */
function shorten(text: string): string {
  const chars = Array.from(text);
  return chars.length > MAX_SHOWN ? `${chars.slice(0, MAX_SHOWN - 1).join('')}…` : text;
}

/** "twice", "3 times", "40,000 times". */
export function times(count: number): string {
  return count === 2 ? 'twice' : `${groupedNumber(count)} times`;
}

/** Invalid occurrences of one repeated key named one by one; the rest are counted. */
const MAX_INVALID_LISTED = 5;

/**
 * Checks every occurrence of a repeated field; the last valid value becomes the candidate. `label`: the key as
 * the address gave it (`r2.seed` for run 2's); `fallback`: what is used when no occurrence is valid.
 */
export function decodeRepeated(
  name: FieldName,
  texts: readonly string[],
  label: string = name,
  fallback = `the default, ${fallbackText(name, EXPERIMENT_FIELDS[name].format(EXPERIMENT_FIELDS[name].defaultValue as never))}`,
): { value?: unknown; problems: ConfigProblem[] } {
  const field = EXPERIMENT_FIELDS[name];
  const problems: ConfigProblem[] = [];
  let value: unknown;
  let used: string | undefined;
  let invalid = 0;
  for (const text of texts) {
    const candidate = field.parse(text);
    const result = field.schema.safeParse(candidate);
    if (result.success) {
      value = candidate;
      used = text;
    } else if (++invalid <= MAX_INVALID_LISTED) {
      problems.push({ field: label, message: `"${label}" = "${shorten(text)}" is not valid (${describeIssue(result.error)}).` });
    }
  }
  const unlisted = invalid > MAX_INVALID_LISTED ? ` (${groupedNumber(invalid - MAX_INVALID_LISTED)} more invalid values not listed)` : '';
  problems.push({
    field: label,
    message:
      used === undefined
        ? `"${label}" was given ${times(texts.length)}${unlisted} and no value was valid; using ${fallback}.`
        : `"${label}" was given ${times(texts.length)}${unlisted}; using the last valid value, "${shorten(used)}".`,
  });
  return used === undefined ? { problems } : { value, problems };
}

/**
 * The address's fields laid over a scene's run (config/scenes.ts) rather than over the defaults: a bad value
 * falls back to the scene's. Hidden layers given without their activations take the scene's first one.
 */
function overLayer(
  layer: ExperimentConfig,
  candidate: Partial<Record<FieldName, unknown>>,
  raw: Partial<Record<FieldName, string>>,
): { config: ExperimentConfig; problems: ConfigProblem[] } {
  const merged: Record<FieldName, unknown> = { ...layer };
  const problems: ConfigProblem[] = [];
  const given = new Set<FieldName>();
  for (const name of FIELD_NAMES) {
    if (!(name in candidate)) continue;
    const field = EXPERIMENT_FIELDS[name];
    const result = field.schema.safeParse(candidate[name]);
    if (result.success) {
      merged[name] = result.data;
      given.add(name);
    } else {
      const fallback = (field.format as (value: unknown) => string)(layer[name]);
      problems.push({
        field: name,
        message: `"${name}" = "${raw[name] ?? quotedValue(candidate[name])}" is not valid (${describeIssue(result.error)}); using the scene's value, ${fallbackText(name, fallback)}.`,
      });
    }
  }
  const activation = merged.activation as ExperimentConfig['activation'];
  if (given.has('hidden') && !given.has('activation') && activation.length !== (merged.hidden as number[]).length) {
    merged.activation = activation.slice(0, 1);
  }
  const sanitized = sanitizeConfig(merged);
  return { config: sanitized.config, problems: [...problems, ...sanitized.problems] };
}

/** Reads a single-run address; `layer` is the config it is laid over (a scene's run), the defaults if none. */
export function decodeConfig(query: string, layer?: ExperimentConfig): { config: ExperimentConfig; problems: ConfigProblem[] } {
  const problems: ConfigProblem[] = [];
  let params: URLSearchParams;
  try {
    params = new URLSearchParams(query);
  } catch {
    return { config: layer ?? defaultConfig(), problems: [{ field: 'url', message: 'The address could not be read; using the defaults.' }] };
  }
  // Grouped by key, in the order keys first appear, so that repetitions can be judged as a whole.
  const occurrences = new Map<string, string[]>();
  // Appended in place: copying the list per occurrence made 40,000 repeats of one key take 18 s (quadratic).
  for (const [key, text] of params) {
    const texts = occurrences.get(key);
    if (texts) texts.push(text);
    else occurrences.set(key, [text]);
  }

  const candidate: Partial<Record<FieldName, unknown>> = {};
  const raw: Partial<Record<FieldName, string>> = {};
  for (const [key, texts] of occurrences) {
    if (key === VERSION_KEY) {
      for (const text of new Set(texts)) {
        if (text !== String(SCHEMA_VERSION)) {
          problems.push({
            field: VERSION_KEY,
            message: `The link was written for settings version "${shorten(text)}"; this page reads version ${SCHEMA_VERSION}. Settings it does not know were ignored.`,
          });
        }
      }
      if (texts.length > 1) problems.push({ field: VERSION_KEY, message: `"${VERSION_KEY}" was given ${times(texts.length)}.` });
    } else if (isFieldName(key)) {
      if (texts.length === 1) {
        candidate[key] = EXPERIMENT_FIELDS[key].parse(texts[0]);
        raw[key] = shorten(texts[0]);
      } else {
        const repeated = decodeRepeated(key, texts);
        if ('value' in repeated) candidate[key] = repeated.value;
        problems.push(...repeated.problems);
      }
    } else {
      const count = texts.length > 1 ? ` (given ${times(texts.length)})` : '';
      problems.push({ field: key, message: `Unknown setting "${shorten(key)}" in the address was ignored${count}.` });
    }
  }
  const sanitized = layer ? overLayer(layer, candidate, raw) : sanitizeConfig(candidate, raw);
  return { config: sanitized.config, problems: [...problems, ...sanitized.problems] };
}

/** How many settings and problems the address's one message names; an address can hold 40,000 bad keys. */
const MAX_NAMES_LISTED = 20;
const MAX_DETAILS_LISTED = 20;

/**
 * All of the address's problems as one status message: the status area keeps only a few messages, so one
 * per field would hide some. The names come first, each once, then the details in order.
 */
export function describeAddressProblems(problems: ConfigProblem[]): string | null {
  if (problems.length === 0) return null;
  const names = [...new Set(problems.map((p) => shorten(p.field)))].map((name) => `"${name}"`);
  const more = (count: number, what: string): string => (count > 0 ? `, and ${groupedNumber(count)} more ${what}` : '');
  const listed = `${names.slice(0, MAX_NAMES_LISTED).join(', ')}${more(names.length - MAX_NAMES_LISTED, 'settings')}`;
  const head =
    names.length === 1
      ? `From the address: 1 setting could not be used as given, ${names[0]}.`
      : `From the address: ${groupedNumber(names.length)} settings could not be used as given: ${listed}.`;
  const details = problems.slice(0, MAX_DETAILS_LISTED).map((p) => p.message);
  const unlisted = problems.length - details.length;
  return `${head} ${details.join(' ')}${unlisted > 0 ? ` (${groupedNumber(unlisted)} more problems not listed.)` : ''}`;
}

/** The fields of `config` whose text differs from `layer`'s (the defaults, or a scene's run), in schema order. */
export function differingFields(config: ExperimentConfig, layer: ExperimentConfig = defaultConfig()): [FieldName, string][] {
  const fields: [FieldName, string][] = [];
  for (const name of FIELD_NAMES) {
    const format = EXPERIMENT_FIELDS[name].format as (value: unknown) => string;
    const text = format(config[name]);
    if (text !== format(layer[name])) fields.push([name, text]);
  }
  return fields;
}

export function encodeConfig(config: ExperimentConfig, layer: ExperimentConfig = defaultConfig()): string {
  const params = new URLSearchParams();
  for (const [name, text] of differingFields(config, layer)) params.set(name, text);
  if ([...params.keys()].length === 0) return '';
  params.set(VERSION_KEY, String(SCHEMA_VERSION));
  return params.toString().replaceAll('%2C', ',');
}
