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

export interface CsvError {
  message: string;
  /** 1-based line of the file, where the problem is on one line. */
  line: number | null;
  column: string | null;
  /** The problem is a missing value: loading again with `dropMissing` skips such rows. */
  canDropMissing: boolean;
}

export const countText = (n: number): string => n.toLocaleString('en-US');
const mb = (bytes: number): string => `${(bytes / (1024 * 1024)).toFixed(1)} MB`;

/** The refusal of a file of `size` bytes (its message starts with the file's name), or null when it may be read. */
export function csvSizeError(fileName: string, size: number): CsvError | null {
  if (size <= MAX_CSV_BYTES) return null;
  const message = `${fileName}: the file is ${mb(size)} (${countText(size)} bytes); files up to ${mb(MAX_CSV_BYTES)} (${countText(MAX_CSV_BYTES)} bytes) can be loaded.`;
  return { message, line: null, column: null, canDropMissing: false };
}
