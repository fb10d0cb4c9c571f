/**
 * What the host posts when a data file cannot be read, an export is refused or columns are chosen with no CSV
 * file: codes and raw strings, never a sentence (issue 20 §6; state/dataMessages.ts words them). The host is
 * given no data files (runData.ts's noShippedFiles), as in Node.
 */
import '../test/setupTf';
import { describe, expect, it } from 'vitest';
import { defaultConfig, sanitizeConfig, type ExperimentConfig } from '../config/experiment';
import { cpuOnly } from '../test/cpuBackendPort';
import { TrainingHost } from './host';
import type { WorkerCommand, WorkerEvent } from './protocol';

const base: ExperimentConfig = { ...defaultConfig(), backend: 'cpu', dataset: 'spiral', hidden: [4], activation: ['tanh'], seed: 2 };

async function eventsOf(commands: WorkerCommand[]): Promise<WorkerEvent[]> {
  const events: WorkerEvent[] = [];
  const host = new TrainingHost((event) => events.push(event), cpuOnly);
  commands.forEach((command) => host.handle(command));
  await host.idle();
  return events;
}

describe('the facts the host posts instead of sentences', () => {
  it('a run on a shipped data set it cannot read: the notice names the file and the code', async () => {
    const events = await eventsOf([{ type: 'configure', runs: [{ runId: 'run-1', config: { ...base, dataset: 'iris' } }] }]);
    expect(events.filter((e) => e.type === 'notice')).toEqual([
      { type: 'notice', runId: 'run-1', notice: { code: 'data-file-unavailable', dataset: 'iris', file: 'iris.bin', problem: { code: 'no-reader' } } },
    ]);
  });

  it('an export of no run, of a fractional step count, of a bad config or of unreadable data: a refusal by code', async () => {
    const bad = { ...base, learningRate: -1 };
    const events = await eventsOf([
      { type: 'configure', runs: [{ runId: 'run-1', config: base }] },
      { type: 'exportRun', runId: 'run-9', steps: 3 },
      { type: 'exportConfig', requestId: 1, config: base, steps: 1.5 },
      { type: 'exportConfig', requestId: 2, config: bad, steps: 0 },
      { type: 'exportConfig', requestId: 3, config: { ...base, dataset: 'mnist' }, steps: 0 },
    ]);
    expect(events.filter((e) => e.type === 'runExport')).toEqual([{ type: 'runExport', runId: 'run-9', payload: null, error: { code: 'no-such-run' } }]);
    expect(events.filter((e) => e.type === 'configExport')).toEqual([
      { type: 'configExport', requestId: 1, payload: null, error: { code: 'bad-steps', steps: 1.5 } },
      { type: 'configExport', requestId: 2, payload: null, error: { code: 'config-problems', messages: sanitizeConfig(bad).problems.map((p) => p.message) } },
      { type: 'configExport', requestId: 3, payload: null, error: { code: 'data-file', file: 'mnist.bin', problem: { code: 'no-reader' } } },
    ]);
  });

  it('columns chosen before any CSV file: a refusal with no error of its own', async () => {
    const events = await eventsOf([{ type: 'chooseCsvColumns', label: 1, features: [0] }]);
    expect(events.filter((e) => e.type === 'csvRejected')).toEqual([{ type: 'csvRejected', fileName: '', error: null }]);
  });
});
