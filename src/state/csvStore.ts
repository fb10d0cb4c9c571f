/** The page's view of this session's CSV file: its columns and those in use, or why the latest file was refused. */
import { create } from 'zustand';
import type { CsvError } from '../engine/data/csv';
import type { WorkerEvent } from '../worker/protocol';

export type CsvLoaded = Omit<Extract<WorkerEvent, { type: 'csvLoaded' }>, 'type'>;
/** A refused file (or choice of columns): its name and every problem found (CsvError.problems). */
export interface CsvRejection {
  fileName: string;
  error: CsvError;
}

/** A file's bytes as the page read them, and whether rows with missing values were dropped. */
export interface CsvFileBytes {
  fileName: string;
  bytes: Uint8Array;
  dropMissing: boolean;
}

interface CsvState {
  loaded: CsvLoaded | null;
  /** The bytes of the loaded file, for the sweep workers, which parse it again (worker/sweepProtocol.ts). */
  file: CsvFileBytes | null;
  /** The file on its way to the worker, which becomes `file` once loaded. */
  pendingFile: CsvFileBytes | null;
  /** The latest refusal (a file, or a choice of columns), until the next file or choice succeeds. */
  rejected: CsvRejection | null;
  /** A file is on its way to the worker or being parsed there. */
  pending: string | null;
  setPending: (fileName: string | null, file?: CsvFileBytes) => void;
  setLoaded: (loaded: CsvLoaded) => void;
  setRejected: (fileName: string, error: CsvError) => void;
}

export const useCsvStore = create<CsvState>((set) => ({
  loaded: null,
  file: null,
  pendingFile: null,
  rejected: null,
  pending: null,
  setPending: (pending, file) => set({ pending, pendingFile: file ?? null }),
  // A new choice of columns keeps the file; a new file replaces it.
  setLoaded: (loaded) => set((state) => ({ loaded, rejected: null, pending: null, file: state.pendingFile ?? state.file, pendingFile: null })),
  setRejected: (fileName, error) => set({ rejected: { fileName, error }, pending: null, pendingFile: null }),
}));
