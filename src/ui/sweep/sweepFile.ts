/**
 * A sweep's results as files (issue 17 §7): a long CSV (one row per group, field values, seed, step, metric,
 * value) and a JSON file that reads back in (the spec, each group's whole config, the results). Non-finite
 * numbers are written as the strings "NaN", "Infinity" and "-Infinity" (JSON has none). Import re-expands the
 * spec over the groups' configs, so every config is checked by the schema, and refuses the whole file,
 * naming what is wrong, so a bad file never changes anything.
 */
import { FIELD_NAMES, sanitizeConfig, type ExperimentConfig } from '../../config/experiment';
import { expandSweep, type SweepSpec } from '../../config/sweep';
import type { SweepRunResult } from '../../engine/sweep/types';
import type { SweepFailure, SweepRecord } from '../../state/sweepStore';
import { readChosenText, type ChosenFile, type FileLimit } from '../export/fileLimit';

export const SWEEP_FORMAT = 'locolab-sweep';
export const SWEEP_FORMAT_VERSION = 1;

type Series = 'trainLoss' | 'testLoss' | 'validationLoss' | 'trainAccuracy' | 'testAccuracy' | 'validationAccuracy';
const SERIES: { key: Series; name: string }[] = [
  { key: 'trainLoss', name: 'train_loss' },
  { key: 'testLoss', name: 'test_loss' },
  { key: 'validationLoss', name: 'validation_loss' },
  { key: 'trainAccuracy', name: 'train_accuracy' },
  { key: 'testAccuracy', name: 'test_accuracy' },
  { key: 'validationAccuracy', name: 'validation_accuracy' },
];

function csvCell(text: string): string {
  return /[",\n]/.test(text) ? `"${text.replace(/"/g, '""')}"` : text;
}

function seriesOf(result: SweepRunResult, key: Series): readonly number[] | null {
  const value = (result as unknown as Record<string, unknown>)[key];
  return Array.isArray(value) ? (value as number[]) : null;
}

/** The long CSV: group, group_name, each swept field, seed, step, metric, value; a diverged run adds a `diverged` row at its step. */
export function sweepCsv(record: SweepRecord, results: readonly SweepRunResult[]): string {
  const { plan } = record;
  const header = ['group', 'group_name', ...plan.fields, 'seed', 'step', 'metric', 'value'];
  const lines = [header.join(',')];
  const byIndex = new Map(results.map((r) => [r.index, r]));
  for (const run of plan.runs) {
    const result = byIndex.get(run.index);
    if (!result) continue;
    const prefix = [String(run.group + 1), csvCell(record.groupNames[run.group] ?? ''), ...run.values.map((v) => csvCell(String(v))), String(run.config.seed)];
    for (const { key, name } of SERIES) {
      const values = seriesOf(result, key);
      if (!values || values.every((v) => Number.isNaN(v))) continue;
      values.forEach((value, k) => lines.push([...prefix, String(result.steps[k]), name, String(value)].join(',')));
    }
    if (result.diverged) lines.push([...prefix, String(result.diverged.atStep), 'diverged', String(result.diverged.trainLoss)].join(','));
  }
  return `${lines.join('\n')}\n`;
}

const encodeNumber = (_: string, value: unknown): unknown => (typeof value === 'number' && !Number.isFinite(value) ? String(value) : value);
const NON_FINITE: Record<string, number> = { NaN: Number.NaN, Infinity: Number.POSITIVE_INFINITY, '-Infinity': Number.NEGATIVE_INFINITY };

export function sweepJson(record: SweepRecord, results: readonly SweepRunResult[], failures: readonly SweepFailure[], exportedAt = new Date()): string {
  const document = {
    format: SWEEP_FORMAT,
    formatVersion: SWEEP_FORMAT_VERSION,
    exportedAt: exportedAt.toISOString(),
    startedAt: record.startedAt,
    // Where the runs trained (WebGPU and the CPU round differently in float32; issue 17 §8).
    trainedOn: record.backend ?? 'cpu',
    spec: record.spec,
    groupNames: record.groupNames,
    groups: record.groups.map((config) => Object.fromEntries(FIELD_NAMES.map((name) => [name, config[name]]))),
    // Which test examples each run gets right, packed 8 a byte in base64 (a typed array has no JSON form; 512 runs
    // of MNIST's 10,000 test images are 0.9 MB so, 5 MB as a string of 0s and 1s).
    results: results.map((result) => ({ ...result, correct: result.correct ? packCorrect(result.correct) : null })),
    failures,
  };
  return JSON.stringify(document, encodeNumber, 1);
}

export type SweepImport = { ok: true; record: SweepRecord; results: SweepRunResult[]; failures: SweepFailure[] } | { ok: false; error: string };

const isObject = (value: unknown): value is Record<string, unknown> => typeof value === 'object' && value !== null && !Array.isArray(value);

function numberArray(value: unknown): value is number[] {
  return Array.isArray(value) && value.every((v) => typeof v === 'number');
}

/** A result as the file has it, or why not (the first thing wrong). */
function checkResult(value: unknown, runs: number, position: number): SweepRunResult | string {
  const where = `results[${position}]`;
  if (!isObject(value)) return `${where} is not an object.`;
  const { index, steps, trainLoss, testLoss, final, best } = value;
  if (typeof index !== 'number' || !Number.isInteger(index) || index < 0 || index >= runs) return `${where}.index is not a run of the sweep (0 to ${runs - 1}).`;
  if (!numberArray(steps) || steps.length === 0) return `${where}.steps is not a list of numbers.`;
  for (const [name, series] of [['trainLoss', trainLoss], ['testLoss', testLoss]] as const) {
    if (!numberArray(series) || series.length !== steps.length) return `${where}.${name} does not have one number per step.`;
  }
  if (!isObject(final) || !isObject(best)) return `${where} has no final or best metrics.`;
  // Which test examples the run gets right (packCorrect); absent in files from before it was recorded.
  const correct = value.correct === undefined || value.correct === null ? null : unpackCorrect(value.correct);
  if (correct === 'bad') return `${where}.correct is not { rows, bits } with the rows' bits in base64.`;
  return { ...(value as unknown as SweepRunResult), correct };
}

/** Which test examples a run gets right, as the file holds it: the rows, and their bits 8 a byte (row 0 the lowest bit) in base64. */
export function packCorrect(correct: Uint8Array): { rows: number; bits: string } {
  const bytes = new Uint8Array(Math.ceil(correct.length / 8));
  correct.forEach((right, row) => (bytes[row >> 3] |= (right ? 1 : 0) << (row & 7)));
  let text = '';
  for (const byte of bytes) text += String.fromCharCode(byte);
  return { rows: correct.length, bits: btoa(text) };
}

/** packCorrect's inverse, or 'bad' for anything else. */
export function unpackCorrect(value: unknown): Uint8Array | 'bad' {
  if (!isObject(value) || typeof value.rows !== 'number' || !Number.isInteger(value.rows) || value.rows < 0 || typeof value.bits !== 'string') return 'bad';
  let text: string;
  try {
    text = atob(value.bits);
  } catch {
    return 'bad';
  }
  if (text.length !== Math.ceil(value.rows / 8)) return 'bad';
  const correct = new Uint8Array(value.rows);
  for (let row = 0; row < value.rows; row++) correct[row] = (text.charCodeAt(row >> 3) >> (row & 7)) & 1;
  return correct;
}

export function readSweepJson(text: string): SweepImport {
  let document: unknown;
  try {
    document = JSON.parse(text, (_, value: unknown) => (typeof value === 'string' && value in NON_FINITE ? NON_FINITE[value] : value));
  } catch (error) {
    return { ok: false, error: `The file is not JSON (${error instanceof Error ? error.message : String(error)}).` };
  }
  if (!isObject(document) || document.format !== SWEEP_FORMAT) return { ok: false, error: `The file is not a LocoLab sweep (its "format" is not "${SWEEP_FORMAT}").` };
  if (document.formatVersion !== SWEEP_FORMAT_VERSION) return { ok: false, error: `The file's formatVersion is ${String(document.formatVersion)}; this page reads ${SWEEP_FORMAT_VERSION}.` };
  const { spec, groups, groupNames, results, failures } = document;
  const wrong = [!isObject(spec) ? '"spec" (an object)' : null, !Array.isArray(groups) ? '"groups" (a list)' : null, !Array.isArray(results) ? '"results" (a list)' : null].filter((part): part is string => part !== null);
  if (!isObject(spec) || !Array.isArray(groups) || !Array.isArray(results)) return { ok: false, error: `The file has no ${wrong.join(', no ')}.` };
  // Any time limit: the file's sweep was already run.
  const expansion = expandSweep(spec as unknown as SweepSpec, groups as ExperimentConfig[], { msPerStep: 1e-9, maxMs: Number.POSITIVE_INFINITY });
  if (!expansion.ok) return { ok: false, error: `The file's sweep is not valid: ${expansion.reasons.join(' ')}` };
  const { plan } = expansion;
  const checked: SweepRunResult[] = [];
  for (let i = 0; i < results.length; i++) {
    const result = checkResult(results[i], plan.runs.length, i);
    if (typeof result === 'string') return { ok: false, error: result };
    checked.push(result);
  }
  const names = Array.isArray(groupNames) && groupNames.every((n) => typeof n === 'string') ? (groupNames as string[]) : groups.map((_, i) => `Group ${i + 1}`);
  const fails = Array.isArray(failures) ? (failures.filter((f) => isObject(f) && typeof f.index === 'number' && typeof f.message === 'string') as unknown as SweepFailure[]) : [];
  // Each group's config as the schema reads it (the plan's runs were checked the same way).
  const groupConfigs = groups.map((group) => sanitizeConfig(group as Partial<ExperimentConfig>).config);
  return {
    ok: true,
    record: {
      spec: spec as unknown as SweepSpec,
      groups: groupConfigs,
      plan,
      groupNames: names,
      workers: 0,
      // A file from before `trainedOn` was written trained on the CPU: sweeps ran nowhere else then.
      backend: document.trainedOn === 'webgpu' ? 'webgpu' : 'cpu',
      startedAt: typeof document.startedAt === 'string' ? document.startedAt : '',
    },
    results: checked,
    failures: fails,
  };
}

/**
 * The largest sweep file read. The largest export (MAX_SWEEP_RUNS runs with 21 checkpoints of all six series,
 * every number as long as a double prints, the most groups with their longest lists) is about 2.6 MB, one of
 * random values about 2.2 MB; a file over 16 MB (six times that) is refused by its size before it is read, as
 * reading and parsing it whole blocks the page (issue 21).
 */
export const MAX_SWEEP_FILE_BYTES = 16 * 1024 * 1024;
export const SWEEP_FILE_LIMIT: FileLimit = { bytes: MAX_SWEEP_FILE_BYTES, kind: 'a sweep file', words: '16 MB' };

/** A chosen sweep file read back: refused by its size before it is read, or read whole and checked (readSweepJson). */
export async function importSweepFile(file: ChosenFile): Promise<SweepImport> {
  const read = await readChosenText(file, SWEEP_FILE_LIMIT);
  return read.ok ? readSweepJson(read.text) : { ok: false, error: read.why };
}
