import { describe, expect, it } from 'vitest';
import { settingValuesOf } from '../algorithms/presentation';
import { defaultConfig } from '../config/experiment';
import { costText, noticeText, rangeTestText } from './runMessages';
import type { WorkerEvent } from '../worker/protocol';

type RangeTestFact = Extract<WorkerEvent, { type: 'rangeTestResult' }>;

function rangeTest(result: Partial<RangeTestFact['result']>): RangeTestFact {
  const base: RangeTestFact['result'] = { learningRates: [1e-4, 1e-3, 1e-2], losses: [1, 0.5, 3], smoothed: [1, 0.7, 1.2], outcome: 'finished', plannedSteps: 3, trimStart: 0, suggestions: null, problem: null } as RangeTestFact['result'];
  return { type: 'rangeTestResult', runId: 'run-1', algorithm: 'backprop', restoredStep: 42, result: { ...base, ...result } };
}

describe("the page's words for the worker's facts", () => {
  it('words each notice with its numbers, under the code the status bar keeps it by', () => {
    expect(noticeText({ code: 'batch-clipped', batchSize: 256, trainCount: 50 })).toEqual({
      level: 'info',
      code: 'batch-clipped',
      text: 'The batch size 256 is larger than the 50 training points; each step uses all of them.',
    });
    expect(noticeText({ code: 'schedule-ended', schedule: 'one-cycle', atStep: 200, learningRate: 0.05 / 25 / 1e4 }).text).toBe(
      'The one-cycle schedule ended at step 200; this run paused. Press play to go on at its final learning rate, 2e-7.',
    );
    expect(noticeText({ code: 'device-lost', lost: { reason: 'destroyed', message: '' }, backend: 'cpu', step: 17 }).text).toBe(
      'The WebGPU device was lost (destroyed). Training moved to CPU and continues from step 17; the runs and their charts are kept.',
    );
    expect(noticeText({ code: 'device-lost', lost: { reason: 'unknown', message: '' }, backend: null, step: 0 }).text).toContain('moved to another backend');
    expect(noticeText({ code: 'device-lost-mid-tick', lost: { reason: 'destroyed', message: '' }, backend: 'cpu', step: 17, droppedSteps: 3, during: 'tick' })).toEqual({
      level: 'warning',
      code: 'device-lost',
      text: 'The WebGPU device was lost in the middle of a tick (destroyed). Training moved to CPU and continues from step 17, the last one read back; the 3 steps after it were never read back and will run again.',
    });
    expect(noticeText({ code: 'device-lost-mid-tick', lost: { reason: 'destroyed', message: '' }, backend: 'cpu', step: 17, droppedSteps: 0, during: 'range-test' }).text).toBe(
      'The WebGPU device was lost during the learning-rate range test (destroyed). The run was restored to step 17 on CPU, and the sweep runs again there.',
    );
    expect(noticeText({ code: 'config-problem', field: 'hidden', message: 'hidden: bad' })).toEqual({ level: 'warning', code: 'config-hidden', text: 'hidden: bad' });
    expect(noticeText({ code: 'range-test-bad-sweep', start: 1, end: 0.1 })).toEqual({ level: 'warning', code: 'range-test', text: 'The sweep must rise: "From" (1) is not below "To" (0.1).' });
    expect(noticeText({ code: 'backend-fallback', backend: 'webgl', skipped: [{ backend: 'webgpu', reason: 'unavailable', code: 'no-adapter' }] })).toEqual({
      level: 'info',
      code: 'backend-fallback',
      text: 'Training on WebGL. WebGPU: the browser offered no WebGPU adapter. Pick a backend under Training to override.',
    });
    expect(noticeText({ code: 'no-backend', skipped: [{ backend: 'cpu', reason: 'init-failed' }] })).toEqual({
      level: 'error',
      code: 'worker-error',
      text: 'Training stopped: no TF.js backend could start: CPU: TF.js could not initialise it. Reload the page, or open it in another browser.',
    });
    expect(noticeText({ code: 'data-unavailable', dataset: 'custom', reason: 'load the file again' })).toMatchObject({ level: 'error', text: 'custom: load the file again' });
    expect(noticeText({ code: 'worker-error', message: 'boom' }).text).toBe('Training stopped: boom');
    expect(noticeText({ code: 'worker-crashed', message: '' }).text).toBe('The training worker failed to run: unknown error.');
    expect(noticeText({ code: 'no-device' }).level).toBe('warning');
  });

  it('words a measured cost per algorithm, and says which could not be timed', () => {
    const worded = costText({ type: 'cost', runId: 'run-1', backend: 'cpu', batchSize: 16, settings: settingValuesOf({ ...defaultConfig(), innerSteps: 10 }), msPerStep: { backprop: 0.1234, 'locoprop-m': 153.4 } });
    expect(worded.code).toBe('cost');
    expect(worded.text).toMatch(/^Time per step on CPU, this network, batch 16: /);
    expect(worded.text).toContain('0.123 ms');
    expect(worded.text).toContain('153 ms');
    expect(worded.text).toContain('too fast to measure');
    expect(worded.text).toMatch(/\(K = 10\)\.$/);
  });

  it('words a range test as done, stopped, cancelled or refused, and says the run was put back', () => {
    const suggestion = (learningRate: number) => ({ index: 1, learningRate });
    const done = rangeTestText(rangeTest({ outcome: 'diverged', suggestions: { valley: suggestion(0.001), steep: suggestion(0.0001), minimum: suggestion(0.00123456) } }));
    expect(done).toEqual({
      level: 'info',
      code: 'range-test',
      text: 'LR range test done: valley 0.001, steepest 0.0001, minimum/10 0.001235. It stopped at learning rate 0.01, where the smoothed loss passed 4× its best. The run was put back exactly as it was (step 42).',
    });
    expect(rangeTestText(rangeTest({ outcome: 'cancelled' })).text).toBe('LR range test cancelled after 3 steps. The run was put back exactly as it was (step 42).');
    expect(rangeTestText(rangeTest({ problem: 'Too few points.' }))).toMatchObject({ level: 'warning', text: 'Too few points. The run was put back exactly as it was (step 42).' });
  });
  it('the budget message: one wording for no budget, and another when Play was pressed at the budget', () => {
    const reached = { code: 'budget-reached' as const, budget: 300, unit: 'steps' as const, steps: [300] };
    expect(noticeText(reached).text).toBe(
      'The training budget of 300 steps is reached: training paused at step 300, nothing is reset. Raise it under “Stop at” (empty: no budget) and press Play to train on.',
    );
    expect(noticeText({ ...reached, steps: [120, 300], atPlay: true }).text).toBe(
      'Play trains nothing: the training budget of 300 steps is reached (training paused at steps 120 and 300). Raise it under “Stop at” (empty: no budget) and press Play to train on.',
    );
  });
});

describe('where the runs of a new worker go on (issue 21: from the kept states, not step 0)', () => {
  const died = (resumeSteps: (number | null)[]) => noticeText({ code: 'worker-died', missedPings: 12, pingIntervalMs: 5000, error: null, restarted: true, runs: resumeSteps.length, restarts: 1, resumeSteps }).text;
  it('one step for all, none kept, or each its own', () => {
    expect(died([1200])).toBe('The training worker stopped answering (no reply to 12 pings over 60 s). A new worker was started: the run goes on from step 1200, the latest state the page kept. Press Play to go on.');
    expect(died([null])).toContain('A new worker was started: the run starts again from step 0 with its settings.');
    expect(died([0, 0])).toContain('A new worker was started: the 2 runs start again from step 0 with their settings. Press Play to go on.');
    expect(died([800, null, 800])).toContain('A new worker was started: run 1 goes on from step 800, run 2 starts again from step 0, run 3 goes on from step 800. Press Play to go on.');
    const stalled = noticeText({ code: 'worker-stalled', silentMs: 64_000, expectedTickMs: 200, restarted: true, runs: 2, restarts: 1, resumeSteps: [50, 50] });
    expect(stalled.text).toContain('A new worker was started: the 2 runs go on from step 50, the latest state the page kept.');
  });

  it('a kept state the new worker refused names the field and the step', () => {
    expect(noticeText({ code: 'resume-refused', step: 2, field: 'seed-count' }).text).toBe(
      "The new training worker could not put this run back to step 2: its seed count no longer fits the run's settings, so it starts again from step 0.",
    );
    expect(noticeText({ code: 'resume-refused', step: 300, field: 'theta-length' })).toEqual({
      level: 'warning',
      code: 'resume-refused',
      text: "The new training worker could not put this run back to step 300: its θ length no longer fits the run's settings, so it starts again from step 0.",
    });
  });
});
