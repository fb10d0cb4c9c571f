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

interface CsvState {
  loaded: CsvLoaded | null;
  /** The latest refusal (a file, or a choice of columns), until the next file or choice succeeds. */
  rejected: CsvRejection | null;
  /** A file is on its way to the worker or being parsed there. */
  pending: string | null;
  setPending: (fileName: string | null) => void;
  setLoaded: (loaded: CsvLoaded) => void;
  setRejected: (fileName: string, error: CsvError) => void;
}

export const useCsvStore = create<CsvState>((set) => ({
  loaded: null,
  rejected: null,
  pending: null,
  setPending: (pending) => set({ pending }),
  setLoaded: (loaded) => set({ loaded, rejected: null, pending: null }),
  setRejected: (fileName, error) => set({ rejected: { fileName, error }, pending: null }),
}));
