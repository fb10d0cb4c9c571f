/**
 * The page's words for why a data file could not be read, why an export gave nothing and why a sweep run
 * failed, from the facts the workers post (worker/dataFacts.ts, worker/sweepProtocol.ts; issue 20 §6: the
 * worker sends facts, the page words them).
 */
import type { CsvError } from '../engine/data/csv';
import type { ExportRefusal, ShippedFileProblem } from '../worker/dataFacts';
import type { SweepRunFailure } from '../worker/sweepProtocol';

/** A string from the browser or an exception, inside a sentence: no end stop of its own. */
function inline(text: string): string {
  return text.trim().replace(/\.+$/, '');
}

/** "the data file /data/mnist.bin could not be fetched (HTTP 404)." */
export function shippedFileText(file: string, problem: ShippedFileProblem): string {
  switch (problem.code) {
    case 'no-reader':
      return `the data file ${file} cannot be read here.`;
    case 'fetch-failed':
      return `the data file ${file} could not be fetched (${inline(problem.message) || 'no message given'}).`;
    case 'http':
      return `the data file ${file} could not be fetched (HTTP ${problem.status}).`;
  }
}

/** Why an export gave no payload, as a sentence. */
export function exportRefusalText(refusal: ExportRefusal): string {
  switch (refusal.code) {
    case 'no-such-run':
      return 'There is no such run.';
    case 'bad-steps':
      return `The steps to export must be a whole number from 0 (not ${refusal.steps}).`;
    case 'config-problems':
      return refusal.messages.join(' ');
    case 'data-file':
      return capitalised(shippedFileText(refusal.file, refusal.problem));
    case 'failed':
      return inline(refusal.message) ? `${inline(refusal.message)}.` : 'The export failed with no message given.';
    case 'worker-stopped':
      return 'The training worker stopped answering before the export was done; export again.';
  }
}

/** What the CSV panel and the status say when columns were chosen with no file loaded (in this worker). */
export function noCsvFileError(): CsvError {
  return { message: 'No CSV file is loaded: load one first.', line: null, column: null, canDropMissing: false, problems: [], more: 0, missingRows: 0 };
}

/** Why a sweep run could not be trained, after "run 3: ". */
export function sweepFailureText(failure: SweepRunFailure): string {
  switch (failure.code) {
    case 'csv-refused':
      return `the CSV file "${failure.fileName}" was refused here: ${(failure.error ?? noCsvFileError()).message}`;
    case 'data-file':
      return shippedFileText(failure.file, failure.problem);
    case 'failed':
      return inline(failure.message) || 'it failed with no message given';
    case 'worker-stopped':
      return `the sweep worker stopped (${inline(failure.message) || 'no reason given'})`;
    case 'no-worker':
      return 'no sweep worker could run it';
  }
}

function capitalised(text: string): string {
  return text.charAt(0).toUpperCase() + text.slice(1);
}
