/**
 * Which character separates a CSV file's values, and whether its numbers use a decimal comma ("3,14", as
 * spreadsheets write them in much of Europe, with ';' between values). papaparse's own guess preferred the
 * delimiter with the most fields on average, so "x;y\n1,5;2,5" was read as comma-separated (3 fields a row
 * against 2), and a decimal comma left every number a text cell. Parser-free and pure.
 */
import type { CsvProblem } from './csvProblems';

export type Delimiter = ',' | ';' | '\t' | '|';
/** In order of preference when two give the same, consistent, number of fields. */
const CANDIDATES: readonly Delimiter[] = [',', ';', '\t', '|'];
/** The header and the first lines after it: what detection looks at. */
const SNIFF_RECORDS = 50;
const SNIFF_CHARS = 65_536;

/** 'semicolons', as in "split at semicolons". */
const PLURAL: Record<Delimiter, string> = { ',': 'commas', ';': 'semicolons', '\t': 'tabs', '|': '"|" characters' };

interface SniffedRecord {
  line: number;
  fields: number;
}

/**
 * The line and number of fields of the first records of `text` split at `delimiter`, quotes read as RFC 4180
 * §2 rules 5–7 have them (a field that starts with '"' runs to the next lone '"', across delimiters and line
 * breaks; '""' inside it is one quote). Records with nothing but spaces are skipped, as papaparse's
 * skipEmptyLines 'greedy' skips them. It stops after SNIFF_RECORDS records, or past SNIFF_CHARS characters
 * once it has the header and one more record (a header of 100,000 columns is longer than that).
 */
function fieldCounts(text: string, delimiter: Delimiter): SniffedRecord[] {
  const records: SniffedRecord[] = [];
  let line = 1;
  let start = 1;
  let fields = 1;
  let blank = true;
  let quoted = false;
  let fieldStart = true;
  let i = 0;
  for (; i < text.length && records.length < SNIFF_RECORDS && (i < SNIFF_CHARS || records.length < 2); i++) {
    const c = text[i];
    const lineBreak = c === '\n' || (c === '\r' && text[i + 1] !== '\n');
    if (quoted) {
      if (c === '"' && text[i + 1] === '"') i++;
      else if (c === '"') quoted = false;
      else if (lineBreak) line++;
    } else if (c === '"' && fieldStart) {
      [quoted, blank, fieldStart] = [true, false, false];
    } else if (c === delimiter) {
      fields++;
      fieldStart = true;
    } else if (lineBreak) {
      if (!blank) records.push({ line: start, fields });
      line++;
      [start, fields, blank, fieldStart] = [line, 1, true, true];
    } else if (c !== '\r') {
      if (c.trim() !== '') blank = false;
      fieldStart = false;
    }
  }
  if (i === text.length && !blank && records.length < SNIFF_RECORDS) records.push({ line: start, fields });
  return records;
}

export interface DelimiterChoice {
  delimiter: Delimiter;
  /** Where no delimiter gives every line looked at the same number of fields, and another splits that line. */
  problem: CsvProblem | null;
}

/**
 * The delimiter that gives the header and the first lines after it the same number of fields, more than one
 * (the most fields, then the order of CANDIDATES, where several do). Where none does, the one that splits the
 * header and agrees with it on the most lines; if another delimiter also splits the first line that disagrees,
 * the file mixes them and the problem names that line. A header no delimiter splits is read at commas (and
 * refused as one column).
 */
export function detectDelimiter(text: string): DelimiterChoice {
  const reads = CANDIDATES.map((delimiter) => {
    const records = fieldCounts(text, delimiter);
    const header = records.length > 0 ? records[0].fields : 0;
    return { delimiter, records, header, agreeing: records.filter((r) => r.fields === header).length };
  });
  const split = reads.filter((r) => r.header > 1).sort((a, b) => b.agreeing - a.agreeing || b.header - a.header);
  const consistent = split.filter((r) => r.agreeing === r.records.length).sort((a, b) => b.header - a.header);
  if (consistent.length > 0) return { delimiter: consistent[0].delimiter, problem: null };
  if (split.length === 0) return { delimiter: ',', problem: null };
  const best = split[0];
  const differing = best.records.find((r) => r.fields !== best.header);
  const other = reads.find((r) => r !== best && r.records.some((o) => o.line === differing?.line && o.fields > 1));
  if (!differing || !other) return { delimiter: best.delimiter, problem: null };
  const otherFields = other.records.find((o) => o.line === differing.line)?.fields ?? 0;
  const message =
    `no delimiter gives every line the same number of fields: split at ${PLURAL[best.delimiter]}, as the header is, this line has ` +
    `${differing.fields} ${differing.fields === 1 ? 'field' : 'fields'}, not ${best.header}; split at ${PLURAL[other.delimiter]}, it has ${otherFields}.`;
  return { delimiter: best.delimiter, problem: { line: differing.line, message } };
}

/** "3,14", "-0,5", ",75", "1,25e2", and with dots between thousands "1.000,5". */
const DECIMAL_COMMA = /^[+-]?(\d+,\d*|,\d+)([eE][+-]?\d+)?$/;
const GROUPED_DECIMAL_COMMA = /^[+-]?\d{1,3}(\.\d{3})+,\d+([eE][+-]?\d+)?$/;

/** Whether a cell is a number written with a decimal comma. */
export function hasDecimalComma(cell: string): boolean {
  return DECIMAL_COMMA.test(cell) || GROUPED_DECIMAL_COMMA.test(cell);
}

/** The number in a cell, reading a decimal comma (and dots between thousands before it) when `decimalComma`. */
export function cellNumber(cell: string, decimalComma: boolean): number {
  if (cell === '') return NaN;
  if (decimalComma && hasDecimalComma(cell)) return Number(cell.replace(/\./g, '').replace(',', '.'));
  return Number(cell);
}

/** The note of a file not read as plain comma-separated values, e.g. "Read as semicolon-separated with decimal commas." */
export function delimiterNote(delimiter: Delimiter, decimalComma: boolean): string | null {
  if (delimiter === ',') return null;
  const name = { ';': 'semicolon-separated', '\t': 'tab-separated', '|': 'separated by "|"' }[delimiter];
  return `Read as ${name}${decimalComma ? ' with decimal commas' : ''}.`;
}
