/**
 * A comparison in the address bar. Run 1 is written exactly as a single-run link (its non-default fields),
 * so single-run links keep working; `runs=N` says how many runs there are, and run k ≥ 2 adds only its
 * differences from run 1 as `r<k>.<field>=<value>` (e.g. `runs=2&r2.algorithm=locoprop-m`). Fields that
 * hold for the whole experiment (backend, speed, pacing) are written once, without a prefix.
 *
 * Scenes (config/scenes.ts): `scene=<name>` lays the address over a scene instead of over the defaults. The
 * plain fields are run 1's differences from the scene's run 1 and apply to every run, as they do without a
 * scene; run k's reference is the scene's run k with those fields (run 1 itself past the scene's runs), and
 * `r<k>.` holds its differences from that; `runs=N` appears only when N is not the scene's number of runs.
 * Without a scene this is exactly the plain comparison link: the "scene" is one run of defaults.
 */
import { changedFields, defaultConfig, EXPERIMENT_FIELDS, FIELD_NAMES, rememberingParser, sanitizeConfig, SCHEMA_VERSION, scopeOf, type ConfigProblem, type ExperimentConfig, type FieldName, type FieldParser } from './experiment';
import { describeIssue } from './fields';
import { MAX_RUNS } from './runs';
import { parseDecimal } from './typedNumber';
import { findScene, SCENES, sceneConfigs, type Scene } from './scenes';
import { decodeConfig, decodeRepeated, differingFields, times } from './url';
import { SWEEP_PARAMS } from './sweepUrl';

const RUNS_KEY = 'runs';
const SCENE_KEY = 'scene';
const VERSION_KEY = 'v';
const PREFIXED = /^r(\d+)\.(.*)$/s;

function isFieldName(key: string): key is FieldName {
  return (FIELD_NAMES as string[]).includes(key);
}

function formatField(name: FieldName, config: ExperimentConfig): string {
  return (EXPERIMENT_FIELDS[name].format as (value: unknown) => string)(config[name]);
}

/** A run's `r<k>.` keys grouped by name, in the order names first appear (appended in place: linear). */
function groupedByKey(pairs: readonly [string, string][]): Map<string, string[]> {
  const grouped = new Map<string, string[]>();
  for (const [name, text] of pairs) {
    const texts = grouped.get(name);
    if (texts) texts.push(text);
    else grouped.set(name, [text]);
  }
  return grouped;
}

/** The runs the address is laid over: the scene's, or one run of defaults. */
function layersOf(scene: Scene | null): ExperimentConfig[] {
  return scene ? sceneConfigs(scene) : [defaultConfig()];
}

/** What run k (1-based, k ≥ 2) is before its own `r<k>.` fields; encoding and decoding share this rule. */
function referenceRun(layers: readonly ExperimentConfig[], k: number, first: ExperimentConfig, parse: FieldParser): ExperimentConfig {
  if (k > layers.length) return first;
  const candidate: Partial<Record<FieldName, unknown>> = { ...layers[k - 1] };
  for (const name of changedFields(first, layers[0])) candidate[name] = first[name];
  return sanitizeConfig(candidate, {}, false, parse).config;
}

/**
 * Run k's hidden layers given without its activations: the list it inherits (run 1's, or the scene's run k's)
 * was sized for other layers, and the user did not write it for run k, so it is resized in silence to its first
 * function for every layer, as a run-1 address's `hidden=` alone is over a scene (url.ts overLayer; without a
 * scene that is tanh, the default's). Activations the user did write for run k are left to sanitizeConfig,
 * which names a wrong length with its r<k>. prefix.
 */
function fitInheritedActivations(candidate: Partial<Record<FieldName, unknown>>, given: ReadonlySet<FieldName>): void {
  if (!given.has('hidden') || given.has('activation')) return;
  const hidden = candidate.hidden as ExperimentConfig['hidden'];
  const activation = candidate.activation as ExperimentConfig['activation'];
  if (activation.length === hidden.length) return;
  // No hidden layers inherited, so no function either: the defaults' rule (tanh for every layer) applies.
  if (activation.length === 0) delete candidate.activation;
  else candidate.activation = activation.slice(0, 1);
}

/** The scene an address names (the last `scene=` if several), or null; unknown names are not scenes. */
export function sceneOfQuery(query: string): Scene | null {
  let params: URLSearchParams;
  try {
    params = new URLSearchParams(query);
  } catch {
    return null;
  }
  const names = params.getAll(SCENE_KEY);
  return names.length > 0 ? (findScene(names[names.length - 1]) ?? null) : null;
}

export function decodeExperiment(query: string): { runs: ExperimentConfig[]; problems: ConfigProblem[]; scene: Scene | null } {
  let params: URLSearchParams;
  try {
    params = new URLSearchParams(query);
  } catch {
    params = new URLSearchParams();
  }
  const base = new URLSearchParams();
  const prefixed = new Map<number, [string, string][]>();
  const countTexts: string[] = [];
  const sceneNames: string[] = [];
  const problems: ConfigProblem[] = [];
  for (const [key, text] of params) {
    const match = PREFIXED.exec(key);
    if (key === RUNS_KEY) countTexts.push(text);
    else if (key === SCENE_KEY) sceneNames.push(text);
    // The sweep's own parameters (config/sweepUrl.ts) are read by decodeSweep.
    else if ((SWEEP_PARAMS as readonly string[]).includes(key)) continue;
    else if (match) {
      // Appended in place: copying the list per key made 40,000 repeated keys take seconds (quadratic).
      const k = Number(match[1]);
      const list = prefixed.get(k) ?? [];
      list.push([match[2], text]);
      prefixed.set(k, list);
    }
    else base.append(key, text);
  }
  let scene: Scene | null = null;
  const sceneName = sceneNames[sceneNames.length - 1];
  if (sceneName !== undefined) {
    scene = findScene(sceneName) ?? null;
    if (!scene) {
      problems.push({
        field: SCENE_KEY,
        message: `There is no scene "${sceneName.slice(0, 60)}"; using the defaults instead. Scenes: ${SCENES.map((s) => s.name).join(', ')}.`,
      });
    }
  }
  const layers = layersOf(scene);
  const first = decodeConfig(base.toString(), scene ? layers[0] : undefined);
  problems.push(...first.problems);

  let count = layers.length;
  const countText = countTexts[countTexts.length - 1];
  if (countText !== undefined) {
    const n = parseDecimal(countText) ?? Number.NaN;
    if (Number.isInteger(n) && n >= 1 && n <= MAX_RUNS) count = n;
    else problems.push({ field: RUNS_KEY, message: `"runs" = "${countText.slice(0, 60)}" is not valid (must be a whole number from 1 to ${MAX_RUNS}); using ${count} run${count === 1 ? '' : 's'}.` });
  }
  const runs = [first.config];
  // The runs share most values: each is checked once (the page's start reads 8 runs from the address; issue 20 §7).
  const parse = rememberingParser();
  for (let k = 2; k <= count; k++) {
    const reference = referenceRun(layers, k, first.config, parse);
    const candidate: Partial<Record<FieldName, unknown>> = { ...reference };
    const fallback = k > layers.length ? "run 1's value" : "the scene's value";
    const given = new Set<FieldName>();
    for (const [name, texts] of groupedByKey(prefixed.get(k) ?? [])) {
      const key = `r${k}.${name}`;
      const repeats = texts.length > 1 ? ` (given ${times(texts.length)})` : '';
      if (!isFieldName(name)) {
        problems.push({ field: key, message: `Unknown setting "${key.slice(0, 60)}" in the address was ignored${repeats}.` });
      } else if (scopeOf(name) === 'experiment') {
        problems.push({ field: key, message: `"${key}" was ignored${repeats}: ${name} holds for every run; write it without the r${k}. prefix.` });
      } else if (texts.length > 1) {
        // As for run 1's keys (url.ts): every occurrence checked, the last valid one used, the repetition named.
        const repeated = decodeRepeated(name, texts, key, fallback);
        if ('value' in repeated) {
          candidate[name] = repeated.value;
          given.add(name);
        }
        problems.push(...repeated.problems);
      } else {
        const value = EXPERIMENT_FIELDS[name].parse(texts[0]);
        const result = EXPERIMENT_FIELDS[name].schema.safeParse(value);
        if (result.success) {
          candidate[name] = value;
          given.add(name);
        } else problems.push({ field: key, message: `"${key}" = "${texts[0].slice(0, 60)}" is not valid (${describeIssue(result.error)}); using ${fallback}.` });
      }
    }
    fitInheritedActivations(candidate, given);
    // Run k's whole config is checked as run 1's is (too big a network for its data, activations that do not
    // match its layers…), and what was changed is named with its r<k>. prefix.
    const checked = sanitizeConfig(candidate, {}, false, parse);
    runs.push(checked.config);
    problems.push(...checked.problems.map((problem) => ({ field: `r${k}.${problem.field}`, message: `Run ${k}: ${problem.message}` })));
  }
  for (const k of prefixed.keys()) {
    if (k < 2 || k > count) problems.push({ field: `r${k}`, message: `Settings for run ${k} ("r${k}.…") were ignored: the address has ${count} run${count === 1 ? '' : 's'}.` });
  }
  return { runs, problems, scene };
}

/** The address of these runs, laid over `scene` when there is one: only what differs from it. */
export function encodeExperiment(runs: readonly ExperimentConfig[], scene: Scene | null = null): string {
  const layers = layersOf(scene);
  const [first, ...others] = runs;
  const params = new URLSearchParams();
  if (scene) params.set(SCENE_KEY, scene.name);
  const fields = differingFields(first, layers[0]);
  for (const [name, text] of fields) params.set(name, text);
  let written = fields.length;
  if (runs.length !== layers.length) {
    params.set(RUNS_KEY, String(runs.length));
    written++;
  }
  const parse = rememberingParser();
  others.forEach((config, i) => {
    const reference = referenceRun(layers, i + 2, first, parse);
    for (const name of FIELD_NAMES) {
      if (scopeOf(name) === 'run' && formatField(name, config) !== formatField(name, reference)) {
        params.set(`r${i + 2}.${name}`, formatField(name, config));
        written++;
      }
    }
  });
  if (written > 0) params.set(VERSION_KEY, String(SCHEMA_VERSION));
  return params.toString().replaceAll('%2C', ',');
}
