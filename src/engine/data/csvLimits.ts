import { groupedNumber } from '../../text/groupedNumber';
/**
 * What a CSV file may be (bytes, rows, columns), and the refusal of a file that is too large. Free of the
 * parser so that the page can check a file's size before it reads a byte of it (a 1 GB file was read whole,
 * 4.99 GB of memory, before the check said no).
 */
export const MAX_CSV_BYTES = 50 * 1024 * 1024;
export const MAX_CSV_ROWS = 100_000;
/**
 * Columns loaded from one file: a wider file keeps its first ones and its label column, and a note says how
 * many were left out. 1,024 holds an image set as CSV (MNIST: 784 pixels and a label); 100,000 columns took
 * 125 s to load and drew 99,999 checkboxes.
 */
export const MAX_CSV_COLUMNS = 1024;

/** One problem of a refused file, where it is and what is wrong. */
export interface CsvProblemItem {
  /** 1-based line of the file, or null for a problem of the whole file. */
  line: number | null;
  column: string | null;
  /** The cell (or, for a row of the wrong length, the row) as read, or null where there is none. */
  cell: string | null;
  /** The whole line of the list: 'line 4, column "y": missing value ("NA").' */
  text: string;
}

export interface CsvError {
  /** One line for the status bar: the problem itself, or how many there are and on which lines. */
  message: string;
  /** 1-based line of the file of the first problem, where it is on one line. */
  line: number | null;
  column: string | null;
  /** Every problem is a missing value: loading again with `dropMissing` skips those rows and loads the rest. */
  canDropMissing: boolean;
  /** The problems found, in file order, at most MAX_LISTED_PROBLEMS (one for a refused choice of columns; none for a file too large to read). */
  problems: CsvProblemItem[];
  /** Problems found beyond those listed. */
  more: number;
  /** Data rows with a missing value: the rows "drop rows with missing values" would drop. */
  missingRows: number;
}

/** A refused file lists this many problems, then counts the rest. */
export const MAX_LISTED_PROBLEMS = 20;

export const countText = (n: number): string => groupedNumber(n);
const mb = (bytes: number): string => `${(bytes / (1024 * 1024)).toFixed(1)} MB`;

/** The refusal of a file of `size` bytes (its message starts with the file's name), or null when it may be read. */
export function csvSizeError(fileName: string, size: number): CsvError | null {
  if (size <= MAX_CSV_BYTES) return null;
  const message = `${fileName}: the file is ${mb(size)} (${countText(size)} bytes); files up to ${mb(MAX_CSV_BYTES)} (${countText(MAX_CSV_BYTES)} bytes) can be loaded.`;
  return { message, line: null, column: null, canDropMissing: false, problems: [], more: 0, missingRows: 0 };
}
