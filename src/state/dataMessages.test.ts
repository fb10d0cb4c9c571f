/** Why a data file, an export or a sweep run failed, worded from fixed facts (issue 20 §6). */
import { describe, expect, it } from 'vitest';
import type { CsvError } from '../engine/data/csv';
import { exportRefusalText, noCsvFileError, shippedFileText, sweepFailureText } from './dataMessages';
import { noticeText } from './runMessages';

const ragged: CsvError = { message: 'rows.csv, line 3: 1 value, expected 2.', line: 3, column: null, canDropMissing: false, problems: [], more: 0, missingRows: 0 };

describe('the page words data and export failures', () => {
  it('a shipped file: the path, and the browser’s message or the HTTP status as given', () => {
    expect(shippedFileText('iris.bin', { code: 'no-reader' })).toBe('the data file iris.bin cannot be read here.');
    expect(shippedFileText('/data/mnist.bin', { code: 'fetch-failed', message: 'Failed to fetch.' })).toBe('the data file /data/mnist.bin could not be fetched (Failed to fetch).');
    expect(shippedFileText('/data/mnist.bin', { code: 'fetch-failed', message: '' })).toBe('the data file /data/mnist.bin could not be fetched (no message given).');
    expect(shippedFileText('/data/iris.bin', { code: 'http', status: 404 })).toBe('the data file /data/iris.bin could not be fetched (HTTP 404).');
    expect(noticeText({ code: 'data-file-unavailable', dataset: 'iris', file: '/data/iris.bin', problem: { code: 'http', status: 503 } })).toEqual({
      level: 'error',
      code: 'data-unavailable',
      text: 'iris: the data file /data/iris.bin could not be fetched (HTTP 503).',
    });
  });

  it('an export refused: each code in words', () => {
    expect(exportRefusalText({ code: 'no-such-run' })).toBe('There is no such run.');
    expect(exportRefusalText({ code: 'bad-steps', steps: 1.5 })).toBe('The steps to export must be a whole number from 0 (not 1.5).');
    expect(exportRefusalText({ code: 'config-problems', messages: ['"learningRate" must be positive.', '"hidden" is empty.'] })).toBe('"learningRate" must be positive. "hidden" is empty.');
    expect(exportRefusalText({ code: 'data-file', file: 'mnist.bin', problem: { code: 'no-reader' } })).toBe('The data file mnist.bin cannot be read here.');
    expect(exportRefusalText({ code: 'failed', message: 'out of memory' })).toBe('out of memory.');
    expect(exportRefusalText({ code: 'failed', message: ' ' })).toBe('The export failed with no message given.');
    expect(exportRefusalText({ code: 'worker-stopped' })).toBe('The training worker stopped answering before the export was done; export again.');
  });

  it('columns chosen with no CSV file loaded', () => {
    expect(noCsvFileError()).toEqual({ message: 'No CSV file is loaded: load one first.', line: null, column: null, canDropMissing: false, problems: [], more: 0, missingRows: 0 });
  });

  it('a sweep run that failed, after "run 3: "', () => {
    expect(sweepFailureText({ code: 'csv-refused', fileName: 'rows.csv', error: ragged })).toBe('the CSV file "rows.csv" was refused here: rows.csv, line 3: 1 value, expected 2.');
    expect(sweepFailureText({ code: 'csv-refused', fileName: 'rows.csv', error: null })).toBe('the CSV file "rows.csv" was refused here: No CSV file is loaded: load one first.');
    expect(sweepFailureText({ code: 'data-file', file: '/data/iris.bin', problem: { code: 'fetch-failed', message: 'NetworkError' } })).toBe('the data file /data/iris.bin could not be fetched (NetworkError).');
    expect(sweepFailureText({ code: 'failed', message: 'no data.' })).toBe('no data');
    expect(sweepFailureText({ code: 'worker-stopped', message: 'out of memory' })).toBe('the sweep worker stopped (out of memory)');
    expect(sweepFailureText({ code: 'worker-stopped', message: '' })).toBe('the sweep worker stopped (no reason given)');
    expect(sweepFailureText({ code: 'no-worker' })).toBe('no sweep worker could run it');
  });
});
