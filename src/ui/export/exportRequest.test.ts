import { describe, expect, it } from 'vitest';
import type { TrainingListener } from '../../worker/client';
import type { WorkerCommand, WorkerEvent } from '../../worker/protocol';
import { requestRunExport, type ExportTimers } from './exportRequest';

/** A clock the test moves by hand: timers fire when `advance` passes their time (no wall clock). */
function manualClock(): ExportTimers & { advance: (ms: number) => void } {
  let now = 0;
  let next = 1;
  const pending = new Map<number, { at: number; callback: () => void }>();
  return {
    setTimeout: (callback, ms) => {
      pending.set(next, { at: now + ms, callback });
      return next++;
    },
    clearTimeout: (handle) => void pending.delete(handle as number),
    advance: (ms) => {
      now += ms;
      for (const [handle, timer] of [...pending]) {
        if (timer.at <= now && pending.delete(handle)) timer.callback();
      }
    },
  };
}

function fakeWorker() {
  const listeners = new Set<TrainingListener>();
  const sent: WorkerCommand[] = [];
  return {
    sent,
    send: (command: WorkerCommand) => void sent.push(command),
    subscribe: (listener: TrainingListener) => {
      listeners.add(listener);
      return () => void listeners.delete(listener);
    },
    emit: (event: WorkerEvent) => listeners.forEach((listener) => listener(event)),
    listening: () => listeners.size,
  };
}

const answer: WorkerEvent = { type: 'runExport', runId: 'run-1', payload: null, error: { code: 'failed', message: 'done' } };

describe('requestRunExport', () => {
  it('waits as long as the worker reports progress: 100 steps a minute apart finish after 100 minutes', async () => {
    const clock = manualClock();
    const worker = fakeWorker();
    const seen: string[] = [];
    let settled = false;
    const request = requestRunExport(worker, 'run-1', 100, (done, total) => seen.push(`${done}/${total}`), 120_000, clock);
    void request.finally(() => (settled = true));
    expect(worker.sent).toEqual([{ type: 'exportRun', runId: 'run-1', steps: 100 }]);
    for (let done = 1; done <= 100; done++) {
      clock.advance(60_000);
      worker.emit({ type: 'runExportProgress', runId: 'run-1', done, total: 100 });
      // Another run's progress neither counts nor resets anything of this one.
      worker.emit({ type: 'runExportProgress', runId: 'run-2', done: 1, total: 100 });
    }
    await Promise.resolve();
    expect(settled).toBe(false);
    worker.emit(answer);
    await expect(request).resolves.toEqual(answer);
    expect(seen).toHaveLength(100);
    expect(seen[39]).toBe('40/100');
    expect(worker.listening()).toBe(0);
  });

  it('gives up after the worker is silent for the whole limit, saying where it stopped', async () => {
    const clock = manualClock();
    const worker = fakeWorker();
    const request = requestRunExport(worker, 'run-1', 100, () => {}, 120_000, clock);
    for (let done = 1; done <= 40; done++) worker.emit({ type: 'runExportProgress', runId: 'run-1', done, total: 100 });
    clock.advance(119_999);
    worker.emit({ type: 'runExportProgress', runId: 'run-2', done: 2, total: 100 });
    clock.advance(1);
    await expect(request).rejects.toThrow('the training worker sent no progress for 120 s (at step 40 of 100)');
    expect(worker.listening()).toBe(0);
  });
});
