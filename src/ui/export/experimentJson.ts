/**
 * The whole experiment as one JSON file, and back: every run's config with every setting (defaults included)
 * under its schema name, its seeds, and its summary (final and best losses, accuracy, time per step). Import
 * checks the file against the schema (config/experiment.ts) and refuses it whole, naming the first bad field,
 * so a bad file never changes anything.
 */
import { z } from 'zod';
import { EXPERIMENT_FIELDS, FIELD_NAMES, quotedValue, SCHEMA_VERSION, sanitizeConfig, scopeOf, type ExperimentConfig, type FieldName } from '../../config/experiment';
import { MAX_RUNS } from '../../config/runs';
import { fileSizeProblem, type FileLimit } from './fileLimit';

export const EXPERIMENT_FORMAT = 'locolab-experiment';
export const EXPERIMENT_FORMAT_VERSION = 1;

export interface ExportedRun {
  name: string;
  config: ExperimentConfig;
  seeds: readonly number[];
  /** What the summary table shows for this run (null before the worker has reported it). */
  summary: Record<string, unknown> | null;
}

export function experimentJson(runs: readonly ExportedRun[], selectedIndex: number, exportedAt = new Date()): string {
  const document = {
    format: EXPERIMENT_FORMAT,
    formatVersion: EXPERIMENT_FORMAT_VERSION,
    schemaVersion: SCHEMA_VERSION,
    exportedAt: exportedAt.toISOString(),
    selectedRun: selectedIndex + 1,
    runs: runs.map((run, i) => ({
      run: i + 1,
      name: run.name,
      seeds: run.seeds,
      // Every field, in the schema's order: the file says what each setting was, not only what differed.
      config: Object.fromEntries(FIELD_NAMES.map((name) => [name, run.config[name]])),
      summary: run.summary,
    })),
  };
  // NaN (no accuracy on regression, say) is written as null, as JSON has no NaN.
  return JSON.stringify(document, (_, value: unknown) => (typeof value === 'number' && !Number.isFinite(value) ? null : value), 2);
}

/**
 * The largest experiment file read. An export of the most runs, each with its longest lists, is about 130 kB;
 * a bigger file is refused by its size before it is read, since reading and parsing it whole blocks the page
 * (a 49 MB file took 0.3-1 s of main thread, and one past V8's longest string cannot be read at all).
 */
export const MAX_EXPERIMENT_FILE_BYTES = 1024 * 1024;
export const EXPERIMENT_FILE_LIMIT: FileLimit = { bytes: MAX_EXPERIMENT_FILE_BYTES, kind: 'an experiment file', words: '1 MB' };

/** Why a file of `size` bytes is not read as an experiment, or null when it may be. */
export const experimentFileSizeProblem = (size: number): string | null => fileSizeProblem(size, EXPERIMENT_FILE_LIMIT);

/** `notes`: what the import changed on the way in (a setting that holds for every run, given otherwise by run 2). */
export type ImportResult = { ok: true; configs: ExperimentConfig[]; selectedIndex: number; notes: string[] } | { ok: false; field: string; message: string };

/**
 * Settings that hold for the whole experiment (backend, speed, pacing…) come from run 1; a file whose later
 * runs give other values is read, and each such value is named rather than dropped in silence.
 */
function experimentWideNotes(configs: readonly ExperimentConfig[]): string[] {
  const notes: string[] = [];
  const format = (name: FieldName, config: ExperimentConfig): string => (EXPERIMENT_FIELDS[name].format as (value: unknown) => string)(config[name]);
  for (const name of FIELD_NAMES.filter((field) => scopeOf(field) === 'experiment')) {
    configs.forEach((config, i) => {
      const value = format(name, config);
      if (i > 0 && value !== format(name, configs[0])) notes.push(`runs[${i}].config.${name} = "${quotedValue(value)}" was not used: ${name} holds for every run, so run 1's "${quotedValue(format(name, configs[0]))}" applies.`);
    });
  }
  return notes;
}

const envelope = z.object({
  format: z.literal(EXPERIMENT_FORMAT),
  formatVersion: z.number().int().min(1).max(EXPERIMENT_FORMAT_VERSION),
  schemaVersion: z.number().int().min(1).max(SCHEMA_VERSION),
  selectedRun: z.number().int().min(1).optional(),
  runs: z
    .array(z.object({ config: z.record(z.string(), z.unknown()) }).passthrough())
    .min(1)
    .max(MAX_RUNS),
});

const fail = (field: string, message: string): ImportResult => ({ ok: false, field, message: `${field}: ${message}` });

/** Reads an exported experiment; the first problem found is returned with the field's path, nothing else. */
export function parseExperimentJson(text: string): ImportResult {
  let parsed: unknown;
  try {
    parsed = JSON.parse(text);
  } catch (error) {
    return fail('file', `not JSON (${error instanceof Error ? error.message : String(error)})`);
  }
  const checked = envelope.safeParse(parsed);
  if (!checked.success) {
    const issue = checked.error.issues[0];
    const path = issue.path.length > 0 ? issue.path.map((p) => (typeof p === 'number' ? `[${p}]` : `.${String(p)}`)).join('').replace(/^\./, '') : 'file';
    return fail(path, issue.message);
  }
  const configs: ExperimentConfig[] = [];
  for (const [i, run] of checked.data.runs.entries()) {
    const where = `runs[${i}].config`;
    const unknown = Object.keys(run.config).find((name) => !(FIELD_NAMES as string[]).includes(name));
    // The name cut as a value is: a 49 MB key was otherwise copied whole into the message.
    if (unknown !== undefined) return fail(`${where}.${quotedValue(unknown)}`, 'is not a setting of this version of LocoLab');
    // The file is refused whole, so the message says what is wrong, not what a default would have been.
    const { config, problems } = sanitizeConfig(run.config as Partial<Record<FieldName, unknown>>, {}, true);
    if (problems.length > 0) return fail(`${where}.${problems[0].field}`, problems[0].message);
    configs.push(config);
  }
  const selected = (checked.data.selectedRun ?? 1) - 1;
  if (selected >= configs.length) return fail('selectedRun', `there is no run ${selected + 1} of ${configs.length}`);
  return { ok: true, configs, selectedIndex: selected, notes: experimentWideNotes(configs) };
}
