/**
 * Bring your own CSV, step 2: a checked table, a label column and feature columns become examples. The
 * label decides the task: text, or whole numbers with at most 20 different values, are classes; other
 * numbers are a regression target, scaled to [-1, 1]. Features must be numeric and are standardised to mean
 * 0 and standard deviation 1 over all rows.
 */
import { csvFailure, defaultLabelColumn, infiniteText, type CsvError, type CsvTable, type NumericColumn } from './csvTable';

/** A numeric label with whole values only and at most this many different values is read as classes. */
export const MAX_INTEGER_CLASSES = 20;

export interface CsvData {
  fileName: string;
  featureNames: string[];
  /** rows × features, row-major, each feature standardised over all rows. */
  inputs: Float32Array;
  task: 'classes' | 'regression';
  /** Class names, sorted (numerically when the label column is numeric); null for regression. */
  classes: string[] | null;
  /** Class index of each row; null for regression. */
  labels: Uint8Array | null;
  /** Regression target of each row, (y − mid) / halfRange in [-1, 1]; null for classes. */
  targets: Float32Array | null;
  /** The original [min, max] of the regression target; null for classes. */
  targetRange: [number, number] | null;
  rows: number;
  notes: string[];
}

export type ExamplesResult = { ok: true; data: CsvData } | { ok: false; error: CsvError };

/** A column whose values differ by too little (or too much) for double precision to scale them. */
const UNSCALABLE = 'its values cannot be scaled within double precision (they differ by too little or too much); leave this column out.';

const quoted = (names: string[]) => names.map((n) => `"${n}"`).join(', ');

const fewWholeNumbers = (column: NumericColumn) => column.distinct <= MAX_INTEGER_CLASSES && column.values.every(Number.isInteger);

/** The largest |v| of the values. */
function maxAbs(values: Float64Array): number {
  let max = 0;
  for (const v of values) max = Math.max(max, Math.abs(v));
  return max;
}

/**
 * Each feature standardised to mean 0 and standard deviation 1 (population statistics). The values are first
 * divided by their largest magnitude s, which changes nothing in (x − mean)/std but keeps every sum and square
 * within [0, n]: on the raw values, 1e200² overflowed to Infinity and ±1.7e308 summed to Infinity, and the
 * feature came out all zeros (or NaN) in silence. A feature whose result still is not finite is refused by name.
 */
function standardised(table: CsvTable, features: NumericColumn[], notes: string[]): { inputs: Float32Array } | { failed: NumericColumn } {
  const width = features.length;
  const inputs = new Float32Array(table.rows * width);
  for (const [j, column] of features.entries()) {
    const { values } = column;
    if (column.distinct === 1) {
      notes.push(`Feature "${column.name}" is ${values[0]} in every row; it is kept at 0.`);
      continue;
    }
    const scale = maxAbs(values);
    let mean = 0;
    for (const v of values) mean += v / scale;
    mean /= values.length;
    let variance = 0;
    for (const v of values) variance += (v / scale - mean) ** 2;
    const std = Math.sqrt(variance / values.length);
    if (!(std > 0) || !Number.isFinite(std)) return { failed: column };
    for (let r = 0; r < values.length; r++) inputs[r * width + j] = (values[r] / scale - mean) / std;
  }
  return { inputs };
}

/**
 * The columns a file starts with: the default label (defaultLabelColumn) and every other numeric column as a
 * feature. A file with none refuses here, naming a text column and one of its cells (it said "choose at least
 * one feature column" before anything had been chosen, for a file of decimal commas among others).
 */
export function defaultColumns(table: CsvTable): { ok: true; label: number; features: number[] } | { ok: false; error: CsvError } {
  const label = defaultLabelColumn(table);
  const features = table.columns.flatMap((column, i) => (i !== label && column.kind === 'numeric' && column.selectable ? [i] : []));
  if (features.length > 0) return { ok: true, label, features };
  // A column of numbers with an infinite cell is named by that cell (it read as text: 'holds "Infinity"').
  const infinite = table.columns.find((column, i) => i !== label && column.kind === 'categorical' && column.infinite);
  if (infinite?.kind === 'categorical' && infinite.infinite) {
    const message = `this column ${infiniteText(infinite.infinite)}; features must be finite numbers, and no other column besides the label "${table.columns[label].name}" holds numbers.`;
    return csvFailure(table.fileName, { message, column: infinite.name });
  }
  const text = table.columns.find((column, i) => i !== label && column.kind === 'categorical');
  const example = text?.kind === 'categorical' ? ` (column "${text.name}" holds "${text.values.find((v) => !Number.isFinite(Number(v))) ?? text.values[0]}")` : '';
  const message = `no column besides the label "${table.columns[label].name}" holds numbers, and features must be numbers${example}.`;
  return csvFailure(table.fileName, { message });
}

/** Examples from the table: `labelColumn` and `featureColumns` are column indices. */
export function tableToExamples(table: CsvTable, labelColumn: number, featureColumns: number[]): ExamplesResult {
  const fail = (message: string, column?: string) => csvFailure(table.fileName, { message, column });
  const inRange = (i: number) => Number.isInteger(i) && i >= 0 && i < table.columns.length;
  const bad = [labelColumn, ...featureColumns].find((i) => !inRange(i));
  if (bad !== undefined) return fail(`there is no column ${bad + 1}; the file has ${table.columns.length}.`);
  const label = table.columns[labelColumn];
  if (featureColumns.length === 0) return fail('choose at least one feature column.');
  if (featureColumns.includes(labelColumn)) return fail('this is the label; it cannot also be a feature.', label.name);
  const repeated = featureColumns.find((c, i) => featureColumns.indexOf(c) < i);
  if (repeated !== undefined) return fail('this feature is chosen twice.', table.columns[repeated].name);
  if (label.kind === 'categorical' && label.infinite) return fail(`this column ${infiniteText(label.infinite)}; a label must be finite.`, label.name);
  if (!label.selectable) {
    return fail(`this column has ${label.distinct} different text values, more than the 50 a label may have.`, label.name);
  }
  const features: NumericColumn[] = [];
  for (const f of featureColumns.map((i) => table.columns[i])) {
    if (f.kind === 'categorical' && f.infinite) return fail(`this column ${infiniteText(f.infinite)}; features must be finite numbers.`, f.name);
    if (f.kind === 'categorical') {
      const example = f.values.find((v) => !Number.isFinite(Number(v))) ?? f.values[0];
      return fail(`features must be numbers, and this column holds text (such as "${example}").`, f.name);
    }
    features.push(f);
  }

  const notes: string[] = [];
  const base = { fileName: table.fileName, featureNames: features.map((f) => f.name), rows: table.rows, notes };
  if (label.kind === 'categorical' || fewWholeNumbers(label)) {
    const classes =
      label.kind === 'categorical' ? [...new Set(label.values)].sort() : [...new Set(label.values)].sort((a, b) => a - b).map(String);
    if (classes.length < 2) return fail(`the label has only one class (${quoted(classes)}); at least 2 are needed.`, label.name);
    const index = new Map(classes.map((name, i) => [name, i]));
    const names: string[] = label.kind === 'categorical' ? label.values : Array.from(label.values, String);
    const labels = Uint8Array.from(names, (name) => index.get(name) ?? 0);
    notes.push(`Label "${label.name}": ${classes.length} classes (${quoted(classes)}).`);
    const made = standardised(table, features, notes);
    if ('failed' in made) return fail(UNSCALABLE, made.failed.name);
    return { ok: true, data: { ...base, inputs: made.inputs, task: 'classes', classes, labels, targets: null, targetRange: null } };
  }
  const { values } = label;
  let min = Infinity;
  let max = -Infinity;
  for (const v of values) [min, max] = [Math.min(min, v), Math.max(max, v)];
  if (min === max) return fail(`the label is ${min} in every row; there is nothing to predict.`, label.name);
  // Halves first: (max − min) of ±1.7e308 is Infinity, which scaled every target to 0 while this note said
  // [-1, 1]. |v − mid| ≤ halfRange, so nothing below overflows either.
  const mid = min / 2 + max / 2;
  const halfRange = max / 2 - min / 2;
  const targets = Float32Array.from(values, (v) => Math.max(-1, Math.min(1, (v - mid) / halfRange)));
  if (!(halfRange > 0) || !Number.isFinite(halfRange) || !targets.every(Number.isFinite)) return fail(UNSCALABLE, label.name);
  notes.push(`Label "${label.name}": a numeric target from ${min} to ${max}, scaled to [-1, 1].`);
  const made = standardised(table, features, notes);
  if ('failed' in made) return fail(UNSCALABLE, made.failed.name);
  return { ok: true, data: { ...base, inputs: made.inputs, task: 'regression', classes: null, labels: null, targets, targetRange: [min, max] } };
}
