/**
 * Why the worker could not read a data file or answer an export, as facts: codes and the raw strings the
 * browser or an exception gave (issue 20 §6: the worker sends facts, the page words them in
 * state/dataMessages.ts).
 */
import { DataUnavailable } from '../engine/data/dataSources';

/** Why a shipped data file could not be read. */
export type ShippedFileProblem =
  /** This host reads no data files (a Node test given none). */
  | { code: 'no-reader' }
  /** `fetch` rejected: its message as the browser gave it. */
  | { code: 'fetch-failed'; message: string }
  /** The server answered with this HTTP status. */
  | { code: 'http'; status: number };

/** A shipped data file that could not be read: its path and why. */
export class ShippedFileUnavailable extends DataUnavailable {
  constructor(
    readonly file: string,
    readonly problem: ShippedFileProblem,
  ) {
    // A developer's note only: the page words `file` and `problem`.
    super(`shipped file ${file}: ${problem.code}`);
    this.name = 'ShippedFileUnavailable';
  }
}

/** Why an export (`exportRun`, `exportConfig`) gave no payload. */
export type ExportRefusal =
  /** `exportRun` named a run the worker does not have. */
  | { code: 'no-such-run' }
  /** The steps to export were not a whole number from 0. */
  | { code: 'bad-steps'; steps: number }
  /** The config's own check refused it (config/experiment.ts words its problems). */
  | { code: 'config-problems'; messages: string[] }
  /** A shipped data file the run needs could not be read. */
  | { code: 'data-file'; file: string; problem: ShippedFileProblem }
  /** An exception, with its message as thrown. */
  | { code: 'failed'; message: string }
  /** The training worker stopped answering before the export was done (posted by the page's client). */
  | { code: 'worker-stopped' };

/** The refusal an exception during an export stands for. */
export function exportRefusalOf(error: unknown): ExportRefusal {
  if (error instanceof ShippedFileUnavailable) return { code: 'data-file', file: error.file, problem: error.problem };
  return { code: 'failed', message: error instanceof Error ? error.message : String(error) };
}
