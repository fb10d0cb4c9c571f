/**
 * The experiment in the address bar: only the fields that differ from their defaults, by schema name, plus
 * the schema version `v`. Decoding never throws: a bad value is reported by name and replaced by its default.
 */
import {
  defaultConfig,
  EXPERIMENT_FIELDS,
  FIELD_NAMES,
  sanitizeConfig,
  SCHEMA_VERSION,
  type ConfigProblem,
  type ExperimentConfig,
  type FieldName,
} from './experiment';

const VERSION_KEY = 'v';

function isFieldName(key: string): key is FieldName {
  return (FIELD_NAMES as string[]).includes(key);
}

export function decodeConfig(query: string): { config: ExperimentConfig; problems: ConfigProblem[] } {
  const problems: ConfigProblem[] = [];
  let params: URLSearchParams;
  try {
    params = new URLSearchParams(query);
  } catch {
    return { config: defaultConfig(), problems: [{ field: 'url', message: 'The address could not be read; using the defaults.' }] };
  }
  const candidate: Partial<Record<FieldName, unknown>> = {};
  const raw: Partial<Record<FieldName, string>> = {};
  for (const [key, text] of params) {
    if (key === VERSION_KEY) {
      if (text !== String(SCHEMA_VERSION)) {
        problems.push({
          field: VERSION_KEY,
          message: `The link was written for settings version "${text}"; this page reads version ${SCHEMA_VERSION}. Settings it does not know were ignored.`,
        });
      }
    } else if (isFieldName(key)) {
      candidate[key] = EXPERIMENT_FIELDS[key].parse(text);
      raw[key] = text;
    } else {
      problems.push({ field: key, message: `Unknown setting "${key}" in the address was ignored.` });
    }
  }
  const sanitized = sanitizeConfig(candidate, raw);
  return { config: sanitized.config, problems: [...problems, ...sanitized.problems] };
}

export function encodeConfig(config: ExperimentConfig): string {
  const defaults = defaultConfig();
  const params = new URLSearchParams();
  for (const name of FIELD_NAMES) {
    const field = EXPERIMENT_FIELDS[name];
    const format = field.format as (value: unknown) => string;
    const text = format(config[name]);
    if (text !== format(defaults[name])) params.set(name, text);
  }
  if ([...params.keys()].length === 0) return '';
  params.set(VERSION_KEY, String(SCHEMA_VERSION));
  return params.toString().replaceAll('%2C', ',');
}
