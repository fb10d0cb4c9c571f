/**
 * A comparison in the address bar. Run 1 is written exactly as a single-run link (its non-default fields),
 * so single-run links keep working; `runs=N` says how many runs there are, and run k ≥ 2 adds only its
 * differences from run 1 as `r<k>.<field>=<value>` (e.g. `runs=2&r2.algorithm=locoprop-m`). Fields that
 * hold for the whole experiment (backend, speed, pacing) are written once, without a prefix.
 */
import { EXPERIMENT_FIELDS, FIELD_NAMES, sanitizeConfig, SCHEMA_VERSION, scopeOf, type ConfigProblem, type ExperimentConfig, type FieldName } from './experiment';
import { describeIssue } from './fields';
import { MAX_RUNS } from './runs';
import { decodeConfig, encodeConfig } from './url';

const RUNS_KEY = 'runs';
const PREFIXED = /^r(\d+)\.(.*)$/s;

function isFieldName(key: string): key is FieldName {
  return (FIELD_NAMES as string[]).includes(key);
}

function formatField(name: FieldName, config: ExperimentConfig): string {
  return (EXPERIMENT_FIELDS[name].format as (value: unknown) => string)(config[name]);
}

export function decodeExperiment(query: string): { runs: ExperimentConfig[]; problems: ConfigProblem[] } {
  let params: URLSearchParams;
  try {
    params = new URLSearchParams(query);
  } catch {
    params = new URLSearchParams();
  }
  const base = new URLSearchParams();
  const prefixed = new Map<number, [string, string][]>();
  const countTexts: string[] = [];
  const problems: ConfigProblem[] = [];
  for (const [key, text] of params) {
    const match = PREFIXED.exec(key);
    if (key === RUNS_KEY) countTexts.push(text);
    else if (match) prefixed.set(Number(match[1]), [...(prefixed.get(Number(match[1])) ?? []), [match[2], text]]);
    else base.append(key, text);
  }
  const first = decodeConfig(base.toString());
  problems.push(...first.problems);

  let count = 1;
  const countText = countTexts[countTexts.length - 1];
  if (countText !== undefined) {
    const n = Number(countText);
    if (Number.isInteger(n) && n >= 1 && n <= MAX_RUNS) count = n;
    else problems.push({ field: RUNS_KEY, message: `"runs" = "${countText.slice(0, 60)}" is not valid (must be a whole number from 1 to ${MAX_RUNS}); using 1 run.` });
  }
  const runs = [first.config];
  for (let k = 2; k <= count; k++) {
    const candidate: Partial<Record<FieldName, unknown>> = { ...first.config };
    for (const [name, text] of prefixed.get(k) ?? []) {
      const key = `r${k}.${name}`;
      if (!isFieldName(name)) {
        problems.push({ field: key, message: `Unknown setting "${key.slice(0, 60)}" in the address was ignored.` });
      } else if (scopeOf(name) === 'experiment') {
        problems.push({ field: key, message: `"${key}" was ignored: ${name} holds for every run; write it without the r${k}. prefix.` });
      } else {
        const value = EXPERIMENT_FIELDS[name].parse(text);
        const result = EXPERIMENT_FIELDS[name].schema.safeParse(value);
        if (result.success) candidate[name] = value;
        else problems.push({ field: key, message: `"${key}" = "${text.slice(0, 60)}" is not valid (${describeIssue(result.error)}); using run 1's value.` });
      }
    }
    runs.push(sanitizeConfig(candidate).config);
  }
  for (const k of prefixed.keys()) {
    if (k < 2 || k > count) problems.push({ field: `r${k}`, message: `Settings for run ${k} ("r${k}.…") were ignored: the address has ${count} run${count === 1 ? '' : 's'}.` });
  }
  return { runs, problems };
}

export function encodeExperiment(runs: readonly ExperimentConfig[]): string {
  const [first, ...others] = runs;
  const params = new URLSearchParams(encodeConfig(first));
  if (others.length > 0) {
    params.set(RUNS_KEY, String(runs.length));
    others.forEach((config, i) => {
      for (const name of FIELD_NAMES) {
        if (scopeOf(name) === 'run' && formatField(name, config) !== formatField(name, first)) params.set(`r${i + 2}.${name}`, formatField(name, config));
      }
    });
    params.delete('v');
    params.set('v', String(SCHEMA_VERSION));
  }
  return params.toString().replaceAll('%2C', ',');
}
