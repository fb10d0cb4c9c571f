/**
 * Bring your own CSV: parse and check a file (csvTable.ts), then turn chosen columns into examples
 * (csvExamples.ts). Pure functions, no DOM: they run in the training worker and in Node.
 */
export {
  MAX_CATEGORIES,
  MAX_CSV_BYTES,
  MAX_CSV_COLUMNS,
  MAX_CSV_ROWS,
  defaultLabelColumn,
  parseCsvTable,
  type CategoricalColumn,
  type CsvColumn,
  type CsvError,
  type CsvProblemItem,
  type CsvResult,
  type CsvTable,
  type NumericColumn,
} from './csvTable';
export { MAX_INTEGER_CLASSES, defaultColumns, tableToExamples, type CsvData, type ExamplesResult } from './csvExamples';
