/**
 * Bring your own CSV, step 1: the bytes of a file become a checked table, or a refusal that lists every
 * problem found (the first 20, each with its line, 1-based as an editor shows it, its column and its cell)
 * and loads nothing. The delimiter (comma, semicolon, tab) and decimal commas are detected first
 * (csvDelimiter.ts). Runs in a Web Worker and in Node: no DOM.
 *
 * The table is columnar: a numeric column holds its values as a Float64Array (already parsed), a
 * categorical one as trimmed strings, so turning it into examples needs no second pass over text.
 */
import Papa from 'papaparse';
import { cellNumber, delimiterNote, detectDelimiter, hasDecimalComma } from './csvDelimiter';
import { countText as count, csvSizeError, MAX_CSV_COLUMNS, MAX_CSV_ROWS, type CsvError } from './csvLimits';
import { csvFailure, CsvProblems, type CsvProblem } from './csvProblems';

export { MAX_CSV_BYTES, MAX_CSV_COLUMNS, MAX_CSV_ROWS, type CsvError, type CsvProblemItem } from './csvLimits';
export { csvFailure, type CsvProblem } from './csvProblems';
/** A categorical column with more distinct values than this cannot be a feature or the label. */
export const MAX_CATEGORIES = 50;
const SNIFF_BYTES = 8192;
const MISSING = new Set(['', 'nan', 'na', 'n/a', 'null']);

interface CsvColumnBase {
  name: string;
  /** Number of different values in the column. */
  distinct: number;
  /** Whether the column may be a feature or the label (false for categorical ones with too many values). */
  selectable: boolean;
}
export type NumericColumn = CsvColumnBase & { kind: 'numeric'; values: Float64Array };
export type CategoricalColumn = CsvColumnBase & {
  kind: 'categorical';
  values: string[];
  /**
   * A column of numbers of which some are infinite ("Infinity", or "1e999", beyond the largest double): its
   * first such cell and line. It cannot be a feature or the label (nothing scales an infinity).
   */
  infinite?: { cell: string; line: number };
};
export type CsvColumn = NumericColumn | CategoricalColumn;

export interface CsvTable {
  fileName: string;
  columns: CsvColumn[];
  /** Number of data rows (the header not counted); every column has this many values. */
  rows: number;
}

export type CsvResult = { ok: true; table: CsvTable; notes: string[] } | { ok: false; error: CsvError };

function looksBinary(bytes: Uint8Array): boolean {
  const sniff = bytes.subarray(0, SNIFF_BYTES);
  let control = 0;
  for (const b of sniff) {
    if (b === 0) return true;
    if ((b < 32 && b !== 9 && b !== 10 && b !== 12 && b !== 13) || b === 127) control++;
  }
  return control > sniff.length * 0.1;
}

/** Counts line breaks (\r\n, \n or a lone \r) in s. */
function breaksIn(s: string): number {
  let n = 0;
  for (let i = 0; i < s.length; i++) {
    const c = s.charCodeAt(i);
    if (c === 10 || (c === 13 && s.charCodeAt(i + 1) !== 10)) n++;
  }
  return n;
}

/** Line numbers of offsets into the text, for offsets that only grow. */
function lineCounter(text: string): (offset: number) => number {
  let position = 0;
  let breaks = 0;
  return (offset) => {
    if (offset < position) [position, breaks] = [0, 0];
    breaks += breaksIn(text.slice(position, offset));
    position = offset;
    return breaks + 1;
  };
}

/** `rowLines[r]` is the line of the file where data row r starts. */
function buildColumn(name: string, cells: string[], rowLines: readonly number[], decimalComma: boolean): CsvColumn {
  const numbers = Float64Array.from(cells, (cell) => cellNumber(cell, decimalComma));
  if (numbers.every(Number.isFinite)) return { name, kind: 'numeric', values: numbers, distinct: new Set(numbers).size, selectable: true };
  const distinct = new Set(cells).size;
  if (!numbers.some(Number.isNaN)) {
    const r = numbers.findIndex((v) => !Number.isFinite(v));
    return { name, kind: 'categorical', values: cells, distinct, selectable: false, infinite: { cell: cells[r], line: rowLines[r] } };
  }
  return { name, kind: 'categorical', values: cells, distinct, selectable: distinct <= MAX_CATEGORIES };
}

/** "holds "1e999" (line 7), which is not a finite number": what is wrong with a column of numbers with an infinity. */
export function infiniteText(infinite: { cell: string; line: number }): string {
  return `holds "${infinite.cell}" (line ${infinite.line}), which is not a finite number (numbers must lie within ±1.8e308)`;
}

/**
 * The columns a file with `names` keeps: all up to MAX_CSV_COLUMNS, else the first ones and the default label
 * column (defaultLabelColumn's rule), so a wide file still loads with its label.
 */
function keptColumns(names: readonly string[]): number[] {
  const all = names.map((_, i) => i);
  if (names.length <= MAX_CSV_COLUMNS) return all;
  const label = labelIndex(names);
  return label < MAX_CSV_COLUMNS ? all.slice(0, MAX_CSV_COLUMNS) : [...all.slice(0, MAX_CSV_COLUMNS - 1), label];
}

/** A row quoted in a problem is cut to this many characters. */
const QUOTED_CHARS = 40;
const quoted = (text: string): string => (text.length > QUOTED_CHARS ? `${text.slice(0, QUOTED_CHARS - 1)}…` : text);

/**
 * Parses and checks a CSV file: a header row of column names, then data rows. Every problem is collected
 * (CsvProblems lists the first 20); reading stops only where nothing after can be read: a header of one
 * column, more than MAX_CSV_ROWS rows, a quote that is never closed.
 */
export function parseCsvTable(bytes: Uint8Array, fileName: string, options: { dropMissing: boolean }): CsvResult {
  const tooLarge = csvSizeError(fileName, bytes.length);
  if (tooLarge) return { ok: false, error: tooLarge };
  if (looksBinary(bytes)) return csvFailure(fileName, { message: 'this looks like a binary file, not CSV text.' });
  const text = new TextDecoder('utf-8', { fatal: false }).decode(bytes);
  const lineAt = lineCounter(text);
  const { delimiter, problem: mixed } = detectDelimiter(text);
  const problems = new CsvProblems();
  if (mixed) problems.add(mixed);

  // Assigned inside the step callback, which control-flow analysis does not see into: hence the cast.
  let names = null as string[] | null;
  let width = 0;
  let kept: number[] = [];
  const cells: string[][] = [];
  const rowLines: number[] = [];
  let dataRows = 0;
  let dropped = 0;
  let firstDropped = 0;

  Papa.parse<string[]>(text, {
    delimiter,
    header: false,
    skipEmptyLines: 'greedy',
    dynamicTyping: false,
    step: ({ data: raw, errors, meta }, parser) => {
      const stop = (p: CsvProblem) => {
        problems.add(p);
        parser.abort();
      };
      const quotes = errors.find((e) => e.type === 'Quotes');
      if (quotes) {
        // papaparse reads the rest of the file into the value whose quote is not closed: the last one here.
        const line = lineAt(quotes.index ?? meta.cursor);
        const column = names?.[kept.indexOf(raw.length - 1)];
        const message = 'a quoted value is not closed properly (check the " characters on this line), so the rest of the file cannot be read.';
        return stop({ line, column, message });
      }
      // The row's first line: its last line, less the line breaks inside its quoted values.
      const { linebreak, cursor } = meta;
      const end = cursor >= linebreak.length && text.startsWith(linebreak, cursor - linebreak.length) ? cursor - linebreak.length : cursor;
      const line = lineAt(end) - breaksIn(raw.join(''));
      const row = raw.map((cell) => cell.trim());
      if (names === null) {
        if (row.length < 2) {
          return stop({
            line,
            message: `the header has only ${row.length} column; at least 2 are needed (features and a label), separated by commas, semicolons or tabs.`,
          });
        }
        const seen = new Map<string, number>();
        for (const [i, name] of row.entries()) {
          const first = seen.get(name);
          if (name === '') problems.add({ line, message: `column ${i + 1} of the header has no name.` });
          else if (first !== undefined) problems.add({ line, column: name, message: `columns ${first + 1} and ${i + 1} of the header have the same name.` });
          else seen.set(name, i);
        }
        width = row.length;
        kept = keptColumns(row);
        names = kept.map((i) => row[i]);
        kept.forEach(() => cells.push([]));
        return;
      }
      if (++dataRows > MAX_CSV_ROWS) return stop({ message: `the file has more than ${count(MAX_CSV_ROWS)} data rows, the most that can be loaded.` });
      if (row.length !== width) {
        // A line the delimiter problem names is not listed twice.
        if (line === mixed?.line) return;
        const cell = quoted(row.join(delimiter));
        problems.add({ line, cell, message: `this row has ${row.length} values, but the header has ${width} columns: "${cell}".` });
        return;
      }
      let missing = false;
      for (let k = 0; k < kept.length; k++) {
        const cell = row[kept[k]];
        if (!MISSING.has(cell.toLowerCase())) continue;
        missing = true;
        if (options.dropMissing) break;
        const shown = cell === '' ? 'an empty value' : `"${cell}"`;
        problems.add({ line, column: names[k], cell, missing: true, message: `missing value (${shown}).` });
      }
      if (missing) {
        if (!options.dropMissing) problems.missingRows++;
        else if (dropped++ === 0) firstDropped = line;
        return;
      }
      kept.forEach((i, k) => cells[k].push(row[i]));
      rowLines.push(line);
    },
  });

  if (problems.count > 0) return problems.refusal(fileName);
  if (names === null) return csvFailure(fileName, { message: 'the file is empty.' });
  if (dataRows === 0) return csvFailure(fileName, { message: 'the file has a header but no data rows.' });
  const rows = dataRows - dropped;
  if (rows === 0) return csvFailure(fileName, { message: `all ${count(dataRows)} data rows have a missing value; nothing is left to load.` });

  // A cell with a decimal comma cannot be a number in a comma-separated file, so only other files are looked at.
  const decimalComma = delimiter !== ',' && cells.some((column) => column.some((cell) => cell.includes(',') && hasDecimalComma(cell)));
  const columns = names.map((name, i) => buildColumn(name, cells[i], rowLines, decimalComma));
  const notes: string[] = [];
  const read = delimiterNote(delimiter, decimalComma);
  if (read !== null) notes.push(read);
  if (kept.length < width) {
    const label = names[names.length - 1];
    const which = kept[kept.length - 1] === kept.length - 1 ? `the first ${count(kept.length)}` : `the first ${count(kept.length - 1)} and the label column "${label}"`;
    notes.push(`The file has ${count(width)} columns: ${which} were loaded, ${count(width - kept.length)} columns left out (at most ${count(MAX_CSV_COLUMNS)} can be loaded).`);
  }
  if (dropped > 0) {
    notes.push(`Dropped ${count(dropped)} of ${count(dataRows)} rows with a missing value (the first on line ${firstDropped}).`);
  }
  for (const c of columns) {
    if (c.kind === 'categorical' && c.infinite) {
      notes.push(`Column "${c.name}" ${infiniteText(c.infinite)}: it cannot be a feature or the label.`);
    } else if (!c.selectable) {
      notes.push(`Column "${c.name}" has ${count(c.distinct)} different text values (more than ${MAX_CATEGORIES}): it cannot be a feature or the label.`);
    }
  }
  return { ok: true, table: { fileName, columns, rows }, notes };
}

function labelIndex(names: readonly string[]): number {
  const named = names.findIndex((name) => ['label', 'class', 'target', 'y'].includes(name.trim().toLowerCase()));
  return named >= 0 ? named : names.length - 1;
}

/** The column named label, class, target or y (any case), else the last column. */
export function defaultLabelColumn(table: CsvTable): number {
  return labelIndex(table.columns.map((c) => c.name));
}
