/**
 * The CSV panel's choices as pure functions (unit-tested): which columns can be the label or a feature, a
 * feature toggle that never leaves none, a label change that keeps the features valid, the summary line, and
 * how a refused file's problems are listed, and a chosen file's size checked before it is read.
 * The file itself is parsed in the worker, never here.
 */
import { csvSizeError, type CsvError } from '../../engine/data/csvLimits';
import type { CsvColumnSummary } from '../../worker/protocol';
import { groupedNumber } from '../../text/groupedNumber';

export interface ColumnChoice {
  label: number;
  features: number[];
}

/** Columns that can be the label (numeric, or at most 50 categories), by index. */
export function labelCandidates(columns: readonly CsvColumnSummary[]): number[] {
  return columns.flatMap((column, i) => (column.selectable ? [i] : []));
}

/** Columns that can be features: numeric and selectable, not the label. */
export function featureCandidates(columns: readonly CsvColumnSummary[], label: number): number[] {
  return columns.flatMap((column, i) => (i !== label && column.selectable && column.kind === 'numeric' ? [i] : []));
}

/** The features after ticking or unticking one, in column order; unticking the last one changes nothing. */
export function toggleCsvFeature(columns: readonly CsvColumnSummary[], choice: ColumnChoice, index: number, checked: boolean): number[] {
  const allowed = featureCandidates(columns, choice.label);
  if (!allowed.includes(index)) return [...choice.features];
  const next = new Set(choice.features.filter((i) => allowed.includes(i)));
  if (checked) next.add(index);
  else next.delete(index);
  return next.size === 0 ? [...choice.features] : allowed.filter((i) => next.has(i));
}

/**
 * Another label column: it leaves the features (if it was one); the old label, when numeric, becomes a
 * feature only if that is needed to keep at least one.
 */
export function chooseLabel(columns: readonly CsvColumnSummary[], choice: ColumnChoice, label: number): ColumnChoice {
  const allowed = featureCandidates(columns, label);
  const features = choice.features.filter((i) => allowed.includes(i));
  if (features.length > 0) return { label, features };
  return { label, features: allowed.includes(choice.label) ? [choice.label] : allowed };
}

const count = (n: number): string => groupedNumber(n);

/**
 * A feature list longer than this scrolls in a box of its own, with buttons to use every feature or the first
 * alone: a file's up to 1,023 feature checkboxes made the settings column ~19,500 px tall, and choosing two of
 * them took 1,021 clicks.
 */
export const LONG_FEATURE_LIST = 12;

/** The feature list's legend: "Features", or for a long list how many are in use ("Features: 2 of 1,023 in use"). */
export function featureLegend(inUse: number, candidates: number): string {
  return candidates > LONG_FEATURE_LIST ? `Features: ${count(inUse)} of ${count(candidates)} in use` : 'Features';
}

/** A chosen file as the panel sees it: its name, its size (from the file system) and a way to read it. */
export interface PickedFile {
  name: string;
  size: number;
  arrayBuffer(): Promise<ArrayBuffer>;
}

/**
 * A chosen file's bytes, or its refusal by size before a byte of it is read: a 1 GB file was read whole (4.99 GB of
 * memory) before the worker's check refused it. File.size needs no read (File API, the size attribute).
 */
export async function readCsvFile(file: PickedFile): Promise<{ ok: true; bytes: Uint8Array } | { ok: false; error: CsvError }> {
  const tooLarge = csvSizeError(file.name, file.size);
  if (tooLarge) return { ok: false, error: tooLarge };
  return { ok: true, bytes: new Uint8Array(await file.arrayBuffer()) };
}

/** e.g. "clusters.csv · 60 rows · 5 columns · 4 features → label species". */
export function csvSummary(loaded: { fileName: string; rows: number; columns: readonly CsvColumnSummary[]; label: number; features: readonly number[] }): string {
  const { fileName, rows, columns, label, features } = loaded;
  const parts = [
    fileName,
    `${count(rows)} ${rows === 1 ? 'row' : 'rows'}`,
    `${count(columns.length)} ${columns.length === 1 ? 'column' : 'columns'}`,
    `${count(features.length)} ${features.length === 1 ? 'feature' : 'features'} → label ${columns[label]?.name ?? '?'}`,
  ];
  return parts.join(' · ');
}

/** How a column reads in the lists: "species (3 categories)", "petal (numeric)". */
export function columnDescription(column: CsvColumnSummary): string {
  if (column.kind === 'categorical') return `${column.name} (${count(column.distinct)} ${column.distinct === 1 ? 'category' : 'categories'})`;
  return `${column.name} (numeric)`;
}

export interface CsvErrorView {
  /** Each problem's line of the list; empty where the error is one problem (its message says it all). */
  problems: string[];
  /** "and 5 more problems.", or null. */
  more: string | null;
  /** The label of the button that loads the file again without its rows with missing values, or null. */
  drop: string | null;
  /** Where rows with missing values are among other problems: how many, and that dropping them is not enough. */
  dropNote: string | null;
}

const rowsText = (n: number): string => `${count(n)} ${n === 1 ? 'row' : 'rows'}`;

/** What the panel shows of a refused file beyond its message. */
export function csvErrorView(error: CsvError): CsvErrorView {
  const several = error.problems.length + error.more > 1;
  const rows = error.missingRows;
  return {
    problems: several ? error.problems.map((p) => p.text) : [],
    more: error.more > 0 ? `and ${count(error.more)} more ${error.more === 1 ? 'problem' : 'problems'}.` : null,
    drop: error.canDropMissing && rows > 0 ? `Drop the ${rows === 1 ? 'row with a missing value' : `${rowsText(rows)} with missing values`} and load again` : null,
    dropNote:
      !error.canDropMissing && rows > 0
        ? `${rowsText(rows)} ${rows === 1 ? 'has' : 'have'} a missing value; dropping ${rows === 1 ? 'it' : 'them'} would leave the other problems.`
        : null,
  };
}

/**
 * The checkbox a key moves to in a long feature list, which is one Tab stop (a roving tabindex: WAI-ARIA APG,
 * "Developing a Keyboard Interface", managing focus within components): ↑/↓ the previous/next enabled one (not past
 * the ends), PageUp/PageDown `page` checkboxes up/down (clamped to the ends, as the APG Listbox pattern's optional
 * Page Up/Page Down keys move the focus, never only the scroll), Home/End the first/last enabled one; null for any
 * other key or where none is enabled that way. `enabled[k]`: whether checkbox k can take the focus (the one
 * feature left in use is disabled).
 */
export function featureListTarget(key: string, current: number, enabled: readonly boolean[], page = 1): number | null {
  const from = (start: number, step: 1 | -1): number | null => {
    for (let k = start; k >= 0 && k < enabled.length; k += step) if (enabled[k]) return k;
    return null;
  };
  // The enabled checkbox nearest `page` away in direction `step`, not going back past the current one.
  const paged = (step: 1 | -1): number | null => {
    const goal = Math.min(enabled.length - 1, Math.max(0, current + step * Math.max(1, page)));
    const back = from(goal, step === 1 ? -1 : 1);
    const ahead = (k: number | null): k is number => k !== null && (k - current) * step > 0;
    if (ahead(back)) return back;
    const beyond = from(goal, step);
    return ahead(beyond) ? beyond : null;
  };
  if (key === 'ArrowDown') return from(current + 1, 1);
  if (key === 'ArrowUp') return from(current - 1, -1);
  if (key === 'PageDown') return paged(1);
  if (key === 'PageUp') return paged(-1);
  if (key === 'Home') return from(0, 1);
  if (key === 'End') return from(enabled.length - 1, -1);
  return null;
}

/**
 * How many checkboxes PageUp/PageDown move in a scrolling list `boxHeight` px tall with rows `rowPitch` px apart:
 * one fewer than the rows it shows whole, so the focused row stays in sight after the move, and at least one.
 */
export function featurePageSize(boxHeight: number, rowPitch: number): number {
  if (!(rowPitch > 0) || !(boxHeight > 0)) return 1;
  return Math.max(1, Math.floor(boxHeight / rowPitch) - 1);
}
