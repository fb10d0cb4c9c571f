/**
 * The CSV file of this session, as the worker holds it: the checked table (engine/data/csvTable.ts) and the
 * examples made from the chosen columns, which runs on `dataset=custom` train on. Parsing happens here, in the
 * worker, so a large file never freezes the page. A refused file or choice changes nothing.
 */
import { defaultColumns, parseCsvTable, tableToExamples, type CsvData, type CsvTable } from '../engine/data/csv';
import type { WorkerEvent } from './protocol';

type CsvEvent = Extract<WorkerEvent, { type: 'csvLoaded' | 'csvRejected' }>;

export class CsvSession {
  private table: CsvTable | null = null;
  private tableNotes: string[] = [];
  private data: CsvData | null = null;

  /** The examples runs on `dataset=custom` use, or null before a file is loaded. */
  get current(): CsvData | null {
    return this.data;
  }

  /** Parses and checks a file; on success its default columns apply (the label column, every other numeric one). */
  load(fileName: string, bytes: Uint8Array, dropMissing: boolean): CsvEvent {
    const parsed = parseCsvTable(bytes, fileName, { dropMissing });
    if (!parsed.ok) return { type: 'csvRejected', fileName, error: parsed.error };
    const columns = defaultColumns(parsed.table);
    if (!columns.ok) return { type: 'csvRejected', fileName, error: columns.error };
    return this.choose(parsed.table, parsed.notes, columns.label, columns.features);
  }

  /** Other columns of the loaded file. */
  chooseColumns(label: number, features: number[]): CsvEvent {
    if (!this.table) {
      return { type: 'csvRejected', fileName: '', error: null };
    }
    return this.choose(this.table, this.tableNotes, label, features);
  }

  private choose(table: CsvTable, tableNotes: string[], label: number, features: number[]): CsvEvent {
    const made = tableToExamples(table, label, features);
    if (!made.ok) return { type: 'csvRejected', fileName: table.fileName, error: made.error };
    this.table = table;
    this.tableNotes = tableNotes;
    this.data = made.data;
    return {
      type: 'csvLoaded',
      fileName: table.fileName,
      rows: table.rows,
      columns: table.columns.map(({ name, kind, distinct, selectable }) => ({ name, kind, distinct, selectable })),
      label,
      features,
      notes: [...tableNotes, ...made.data.notes],
    };
  }
}
