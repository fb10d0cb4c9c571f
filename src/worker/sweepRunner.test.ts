import '../test/setupTf';
import { describe, expect, it } from 'vitest';
import { defaultConfig } from '../config/experiment';
import type { DataAccess } from '../engine/data/dataSources';
import { SweepRunner } from './sweepRunner';
import type { SweepWorkerEvent } from './sweepProtocol';

const NO_FILES: DataAccess = {
  readShipped: () => Promise.reject(new Error('no files in this test')),
  customData: () => null,
};

describe('a sweep worker', () => {
  it('trains the run it is given and reports it under the plan index, with every checkpoint', async () => {
    const events: SweepWorkerEvent[] = [];
    const runner = new SweepRunner((e) => events.push(e), NO_FILES);
    await runner.handle({ type: 'run', index: 7, config: { ...defaultConfig(), hidden: [4] }, budgetSteps: 40, checkpoints: [0, 20, 40] });
    const result = events.find((e) => e.type === 'result');
    expect(result?.type === 'result' && result.result.index).toBe(7);
    expect(result?.type === 'result' && result.result.steps).toEqual([0, 20, 40]);
  });

  it('says by name why a run could not be trained', async () => {
    const events: SweepWorkerEvent[] = [];
    const runner = new SweepRunner((e) => events.push(e), NO_FILES);
    await runner.handle({ type: 'run', index: 2, config: { ...defaultConfig(), dataset: 'digits' }, budgetSteps: 10, checkpoints: [0, 10] });
    expect(events).toEqual([{ type: 'failed', index: 2, message: expect.stringContaining('no files in this test') }]);
  });

  it('stops the run in progress on cancel and reports it cancelled', async () => {
    const events: SweepWorkerEvent[] = [];
    const runner = new SweepRunner((e) => events.push(e), NO_FILES);
    const running = runner.handle({ type: 'run', index: 0, config: defaultConfig(), budgetSteps: 100_000, checkpoints: [0, 50_000, 100_000] });
    await new Promise((resolve) => setTimeout(resolve, 20));
    await runner.handle({ type: 'cancel' });
    await running;
    expect(events.filter((e) => e.type !== 'progress')).toEqual([{ type: 'cancelled', index: 0 }]);
  });
});
