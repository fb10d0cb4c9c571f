import { describe, expect, it } from 'vitest';
import { defaultConfig } from '../config/experiment';
import type { SweepRunResult } from '../engine/sweep/types';
import { CANCEL_GRACE_MS, cpuBatchSize, startSweepPool, startSweepPoolLater, sweepWorkerCount, type PoolOptions, type PoolProgress, type SweepWorkerLike } from './sweepPool';
import { CPU_GROUP_RUNS, WEBGPU_GROUP_RUNS, type SweepBackendStart, type SweepRunFailure, type SweepWorkerCommand, type SweepWorkerEvent } from './sweepProtocol';

class FakeSweepWorker implements SweepWorkerLike {
  onmessage: ((event: MessageEvent<SweepWorkerEvent>) => void) | null = null;
  onerror: ((event: ErrorEvent) => void) | null = null;
  readonly posted: SweepWorkerCommand[] = [];
  terminated = false;
  postMessage(command: SweepWorkerCommand): void {
    this.posted.push(command);
  }
  terminate(): void {
    this.terminated = true;
  }
  send(event: SweepWorkerEvent): void {
    this.onmessage?.({ data: event } as MessageEvent<SweepWorkerEvent>);
  }
  current(): number {
    const runs = this.posted.filter((c) => c.type === 'run');
    const last = runs[runs.length - 1];
    if (!last || last.type !== 'run') throw new Error('no run');
    return last.index;
  }
}

function result(index: number): SweepRunResult {
  const metrics = { trainLoss: 1, testLoss: 1, validationLoss: Number.NaN, trainAccuracy: Number.NaN, testAccuracy: Number.NaN, validationAccuracy: Number.NaN };
  return { index, steps: [0, 10], trainLoss: [2, 1], testLoss: [2, 1], trainAccuracy: null, testAccuracy: null, final: metrics, best: metrics, diverged: null } as unknown as SweepRunResult;
}

function pool(runs: number, workers: number, extra: Partial<PoolOptions> = {}) {
  const made: FakeSweepWorker[] = [];
  const results: number[] = [];
  const failed: [number, SweepRunFailure][] = [];
  const progress: PoolProgress[] = [];
  const done: boolean[] = [];
  let clock = 0;
  const timers: { run: () => void; ms: number }[] = [];
  const handle = startSweepPool(
    Array.from({ length: runs }, (_, index) => ({ index, config: defaultConfig() })),
    {
      budgetSteps: 100,
      checkpoints: [0, 50, 100],
      workers,
      createWorker: () => {
        const worker = new FakeSweepWorker();
        made.push(worker);
        return worker;
      },
      now: () => clock,
      setTimer: (run, ms) => void timers.push({ run, ms }),
      ...extra,
    },
    {
      onResult: (r) => results.push(r.index),
      onFailed: (index, failure) => failed.push([index, failure]),
      onProgress: (p) => progress.push(p),
      onDone: ({ cancelled }) => done.push(cancelled),
    },
  );
  return { made, results, failed, progress, done, handle, timers, tick: (ms: number) => (clock += ms) };
}

describe('the sweep pool', () => {
  it('on the CPU hands out batches of half a worker\'s share, at most CPU_GROUP_RUNS, down to single runs at the end; each run once, in order', () => {
    expect([cpuBatchSize(48, 2), cpuBatchSize(36, 2), cpuBatchSize(7, 2), cpuBatchSize(3, 2), cpuBatchSize(200, 2), cpuBatchSize(5, 0)]).toEqual([12, 9, 1, 1, CPU_GROUP_RUNS, 2]);
    const p = pool(48, 2);
    const batches: number[][] = [];
    const indicesOf = (command: SweepWorkerCommand): number[] => (command.type === 'run' ? [command.index] : command.type === 'runGroup' ? command.runs.map((run) => run.index) : []);
    // Each worker finishes its batch in turn, the first worker first.
    for (let turn = 0; batches.flat().length < 48 && turn < 100; turn++) {
      const worker = p.made[turn % 2];
      const command = worker.posted[worker.posted.length - 1];
      const batch = indicesOf(command);
      if (batch.length === 0 || batches.some((b) => b[0] === batch[0])) continue;
      batches.push(batch);
      if (command.type === 'runGroup') expect(command).toMatchObject({ backend: 'cpu', budgetSteps: 100, checkpoints: [0, 50, 100] });
      else expect(command.type).toBe('run');
      for (const index of batch) worker.send({ type: 'result', result: result(index), wallMs: 1 });
    }
    expect(batches.map((b) => b.length)).toEqual([12, 9, 6, 5, 4, 3, 2, 1, 1, 1, 1, 1, 1, 1]);
    expect(batches.flat()).toEqual(Array.from({ length: 48 }, (_, i) => i));
    expect(p.results).toHaveLength(48);
    expect(p.done).toEqual([false]);
  });

  it('starts one worker per core, never more than runs', () => {
    expect(sweepWorkerCount(48, 2)).toBe(2);
    expect(sweepWorkerCount(1, 8)).toBe(1);
    expect(sweepWorkerCount(5, undefined)).toBe(1);
  });

  it('sends every worker the CSV file before its first run, and an epoch budget with each run', () => {
    const csv = { fileName: 'rows.csv', bytes: new Uint8Array([97, 10]), dropMissing: true, label: 2, features: [0, 1] };
    const p = pool(3, 2, { csv, budgetEpochs: 4 });
    for (const worker of p.made) {
      expect(worker.posted[0]).toEqual({ type: 'csv', file: csv });
      expect(worker.posted[1]).toMatchObject({ type: 'run', budgetEpochs: 4 });
    }
    expect(pool(1, 1).made[0].posted.map((c) => c.type)).toEqual(['run']);
    expect(pool(1, 1, { budgetSeconds: 2 }).made[0].posted[0]).toMatchObject({ type: 'run', budgetSeconds: 2 });
  });

  it('hands each worker its next run when it reports one, until all are done', () => {
    const p = pool(5, 2);
    expect(p.made).toHaveLength(2);
    expect(p.made.map((w) => w.current())).toEqual([0, 1]);
    p.made[1].send({ type: 'result', result: result(1), wallMs: 5 });
    expect(p.made[1].current()).toBe(2);
    p.made[1].send({ type: 'result', result: result(2), wallMs: 5 });
    p.made[1].send({ type: 'failed', index: 3, failure: { code: 'failed', message: 'no data' } });
    expect(p.made[1].current()).toBe(4);
    p.made[0].send({ type: 'result', result: result(0), wallMs: 5 });
    expect(p.done).toEqual([]);
    p.made[1].send({ type: 'result', result: result(4), wallMs: 5 });
    expect(p.results).toEqual([1, 2, 0, 4]);
    expect(p.failed).toEqual([[3, { code: 'failed', message: 'no data' }]]);
    expect(p.done).toEqual([false]);
    expect(p.made.every((w) => w.terminated)).toBe(true);
    const last = p.progress[p.progress.length - 1];
    expect(last).toMatchObject({ runsDone: 4, runsFailed: 1, runsTotal: 5, stepsDone: 500, stepsTotal: 500 });
  });

  it('estimates the time left from the steps done so far', () => {
    const p = pool(4, 2);
    p.tick(1000);
    p.made[0].send({ type: 'progress', index: 0, step: 50 });
    p.made[1].send({ type: 'progress', index: 1, step: 50 });
    const last = p.progress[p.progress.length - 1];
    // 100 of 400 steps in 1 s: 3 s left.
    expect(last.stepsDone).toBe(100);
    expect(last.remainingMs).toBeCloseTo(3000, 6);
  });

  it('for a budget of time, the time left is the runs left times their seconds over the workers, whatever the steps say', () => {
    const p = pool(16, 2, { budgetSeconds: 3 });
    p.tick(500);
    p.made[0].send({ type: 'groupProgress', steps: 9000 });
    expect(p.progress.at(-1)?.remainingMs).toBe((16 * 3000) / 2);
    const first = p.made[0].posted[0];
    const indices = first.type === 'runGroup' ? first.runs.map((run) => run.index) : first.type === 'run' ? [first.index] : [];
    for (const index of indices) p.made[0].send({ type: 'result', result: result(index), wallMs: 3000 });
    expect(p.progress.at(-1)?.remainingMs).toBe(((16 - indices.length) * 3000) / 2);
  });

  it('a cancel keeps the finished results, stops the runs in progress and starts no more', () => {
    const p = pool(6, 2);
    p.made[0].send({ type: 'result', result: result(0), wallMs: 5 });
    p.handle.cancel();
    expect(p.made.map((w) => w.posted[w.posted.length - 1].type)).toEqual(['cancel', 'cancel']);
    p.made[0].send({ type: 'cancelled', index: 2 });
    expect(p.done).toEqual([]);
    p.made[1].send({ type: 'cancelled', index: 1 });
    expect(p.done).toEqual([true]);
    expect(p.results).toEqual([0]);
    expect(p.made.flatMap((w) => w.posted.filter((c) => c.type === 'run').map((c) => (c.type === 'run' ? c.index : -1)))).toEqual([0, 2, 1]);
  });

  it(`a worker that does not answer a cancel within ${CANCEL_GRACE_MS} ms is ended, and the sweep ends with what finished`, () => {
    const p = pool(6, 2);
    p.made[0].send({ type: 'result', result: result(0), wallMs: 5 });
    p.handle.cancel();
    // Worker 1 answers; worker 0 is stuck in a step.
    p.made[1].send({ type: 'cancelled', index: 1 });
    expect(p.done).toEqual([]);
    expect(p.timers.map((t) => t.ms)).toEqual([CANCEL_GRACE_MS]);
    p.timers[0].run();
    expect(p.done).toEqual([true]);
    expect(p.made.map((w) => w.terminated)).toEqual([true, true]);
    expect(p.results).toEqual([0]);
    // Its answer, late, changes nothing.
    p.made[0].send({ type: 'cancelled', index: 2 });
    expect(p.done).toEqual([true]);
  });

  it('a cancel answered in time leaves nothing for its grace timer to do', () => {
    const p = pool(4, 2);
    p.handle.cancel();
    p.made[0].send({ type: 'cancelled', index: 0 });
    p.made[1].send({ type: 'cancelled', index: 1 });
    expect(p.done).toEqual([true]);
    p.timers.forEach((t) => t.run());
    expect(p.done).toEqual([true]);
  });

  it('a worker that dies fails its run by name and the others take the rest', () => {
    const p = pool(3, 2);
    p.made[0].onerror?.({ message: 'out of memory', preventDefault: () => undefined } as ErrorEvent);
    expect(p.failed).toEqual([[0, { code: 'worker-stopped', message: 'out of memory' }]]);
    p.made[1].send({ type: 'result', result: result(1), wallMs: 5 });
    expect(p.made[1].current()).toBe(2);
    p.made[1].send({ type: 'result', result: result(2), wallMs: 5 });
    expect(p.results).toEqual([1, 2]);
    expect(p.done).toEqual([false]);
  });

  it('when every worker has died, the runs still queued fail as facts: none could run them', () => {
    const p = pool(3, 1);
    p.made[0].onerror?.({ message: '', preventDefault: () => undefined } as ErrorEvent);
    expect(p.failed).toEqual([
      [0, { code: 'worker-stopped', message: '' }],
      [1, { code: 'no-worker' }],
      [2, { code: 'no-worker' }],
    ]);
    expect(p.done).toEqual([false]);
  });

  it('ignores a report about a run the worker is not training', () => {
    const p = pool(2, 1);
    p.made[0].send({ type: 'result', result: result(1), wallMs: 5 });
    expect(p.results).toEqual([]);
  });

  describe('on WebGPU', () => {
    const groupOf = (worker: FakeSweepWorker, k: number): number[] => {
      const groups = worker.posted.filter((c) => c.type === 'runGroup');
      const group = groups[k];
      if (!group || group.type !== 'runGroup') throw new Error(`no group ${k}`);
      return group.runs.map((r) => r.index);
    };

    it('one worker takes the runs in groups of WEBGPU_GROUP_RUNS, the next group once every run of the last has reported', () => {
      const runs = WEBGPU_GROUP_RUNS + 6;
      const p = pool(runs, 4, { backend: 'webgpu' });
      expect(p.made).toHaveLength(1);
      const [worker] = p.made;
      expect(worker.posted).toHaveLength(1);
      expect(worker.posted[0]).toMatchObject({ type: 'runGroup', backend: 'webgpu', budgetSteps: 100, checkpoints: [0, 50, 100] });
      expect(groupOf(worker, 0)).toEqual(Array.from({ length: WEBGPU_GROUP_RUNS }, (_, i) => i));
      for (let i = 0; i < WEBGPU_GROUP_RUNS - 1; i++) worker.send({ type: 'result', result: result(i), wallMs: 5 });
      expect(worker.posted).toHaveLength(1);
      worker.send({ type: 'failed', index: WEBGPU_GROUP_RUNS - 1, failure: { code: 'failed', message: 'x' } });
      expect(groupOf(worker, 1)).toEqual(Array.from({ length: 6 }, (_, i) => WEBGPU_GROUP_RUNS + i));
      for (let i = WEBGPU_GROUP_RUNS; i < runs; i++) worker.send({ type: 'result', result: result(i), wallMs: 5 });
      expect(p.results).toHaveLength(runs - 1);
      expect(p.failed.map(([index]) => index)).toEqual([WEBGPU_GROUP_RUNS - 1]);
      expect(p.done).toEqual([false]);
      expect(worker.terminated).toBe(true);
    });

    it('counts a group\'s steps as the worker reports them, finished runs once, and says where it trains', () => {
      const backends: SweepBackendStart[] = [];
      const made: FakeSweepWorker[] = [];
      const progress: PoolProgress[] = [];
      startSweepPool(
        [0, 1, 2].map((index) => ({ index, config: defaultConfig() })),
        { budgetSteps: 100, checkpoints: [0, 100], workers: 2, backend: 'webgpu', createWorker: () => (made.push(new FakeSweepWorker()), made[made.length - 1]), now: () => 0 },
        { onResult: () => undefined, onFailed: () => undefined, onProgress: (p) => progress.push(p), onDone: () => undefined, onBackend: (started) => backends.push(started) },
      );
      const [worker] = made;
      worker.send({ type: 'backend', backend: 'cpu', skipped: { backend: 'webgpu', reason: 'init-failed' } });
      expect(backends).toEqual([{ backend: 'cpu', skipped: { backend: 'webgpu', reason: 'init-failed' } }]);
      worker.send({ type: 'groupProgress', steps: 150 });
      expect(progress.at(-1)).toMatchObject({ stepsDone: 150, stepsTotal: 300, runsDone: 0 });
      worker.send({ type: 'result', result: result(0), wallMs: 1 });
      worker.send({ type: 'groupProgress', steps: 0 });
      expect(progress.at(-1)).toMatchObject({ stepsDone: 100, runsDone: 1 });
      worker.send({ type: 'groupProgress', steps: 120 });
      expect(progress.at(-1)).toMatchObject({ stepsDone: 220 });
    });

    it('a cancel reaches the worker, and the sweep ends when each unfinished run of the group says it was cancelled', () => {
      const p = pool(3, 1, { backend: 'webgpu' });
      const [worker] = p.made;
      worker.send({ type: 'result', result: result(0), wallMs: 5 });
      p.handle.cancel();
      expect(worker.posted.at(-1)).toEqual({ type: 'cancel' });
      expect(p.done).toEqual([]);
      worker.send({ type: 'cancelled', index: 1 });
      expect(p.done).toEqual([]);
      worker.send({ type: 'cancelled', index: 2 });
      expect(p.done).toEqual([true]);
      expect(p.results).toEqual([0]);
    });

    it('a lost device ends the worker; what it had not finished trains again on the CPU, a worker per core, and what finished is kept', () => {
      const made: FakeSweepWorker[] = [];
      const backends: unknown[] = [];
      const results: number[] = [];
      const done: boolean[] = [];
      startSweepPool(
        [0, 1, 2, 3, 4].map((index) => ({ index, config: defaultConfig() })),
        { budgetSteps: 100, checkpoints: [0, 100], workers: 2, backend: 'webgpu', createWorker: () => (made.push(new FakeSweepWorker()), made[made.length - 1]), now: () => 0 },
        { onResult: (r) => results.push(r.index), onFailed: () => undefined, onProgress: () => undefined, onDone: ({ cancelled }) => done.push(cancelled), onBackend: (started) => backends.push(started), onDeviceLost: (...args) => backends.push(args) },
      );
      const [gpu] = made;
      gpu.send({ type: 'result', result: result(0), wallMs: 1 });
      gpu.send({ type: 'deviceLost', message: 'Device was destroyed.' });
      expect(gpu.terminated).toBe(true);
      expect(backends).toEqual([['Device was destroyed.', 2]]);
      expect(made).toHaveLength(3);
      expect(made.slice(1).map((w) => w.posted.map((c) => (c.type === 'run' ? c.index : c.type)))).toEqual([[1], [2]]);
      // A late message from the ended worker changes nothing.
      gpu.send({ type: 'result', result: result(3), wallMs: 1 });
      for (const index of [1, 2]) made[index].send({ type: 'result', result: result(index), wallMs: 1 });
      made[1].send({ type: 'result', result: result(3), wallMs: 1 });
      made[2].send({ type: 'result', result: result(4), wallMs: 1 });
      expect(results).toEqual([0, 1, 2, 3, 4]);
      expect(done).toEqual([false]);
    });

    it('a worker that fails fails every unfinished run of its group by name', () => {
      const p = pool(3, 1, { backend: 'webgpu' });
      const [worker] = p.made;
      worker.send({ type: 'result', result: result(1), wallMs: 5 });
      worker.onerror?.({ message: 'lost', preventDefault: () => undefined } as unknown as ErrorEvent);
      expect(p.failed).toEqual([
        [0, { code: 'worker-stopped', message: 'lost' }],
        [2, { code: 'worker-stopped', message: 'lost' }],
      ]);
      expect(p.done).toEqual([false]);
    });
  });
});

describe('startSweepPoolLater', () => {
  function later() {
    const waiting: (() => void)[] = [];
    const calls: string[] = [];
    const started = { cancel: () => calls.push('cancel'), simulateDeviceLoss: () => calls.push('lose') };
    const done: boolean[] = [];
    const handle = startSweepPoolLater(
      () => (calls.push('start'), started),
      { onDone: ({ cancelled }) => done.push(cancelled) },
      (run) => waiting.push(run),
    );
    const runLater = (): void => waiting.splice(0).forEach((run) => run());
    return { handle, calls, done, runLater };
  }

  it("starts the pool in the later task, not in the caller's, and hands it cancel and device loss", () => {
    const { handle, calls, done, runLater } = later();
    expect(calls).toEqual([]);
    runLater();
    expect(calls).toEqual(['start']);
    handle.simulateDeviceLoss();
    handle.cancel();
    expect(calls).toEqual(['start', 'lose', 'cancel']);
    expect(done).toEqual([]);
  });

  it('a device loss asked for before the pool started reaches the pool once it has', () => {
    const { handle, calls, runLater } = later();
    handle.simulateDeviceLoss();
    expect(calls).toEqual([]);
    runLater();
    expect(calls).toEqual(['start', 'lose']);
  });

  it('a pool that fails to start reports done, cancelled, and the error goes on', () => {
    const done: boolean[] = [];
    const waiting: (() => void)[] = [];
    startSweepPoolLater(
      () => {
        throw new Error('no worker');
      },
      { onDone: ({ cancelled }) => done.push(cancelled) },
      (run) => waiting.push(run),
    );
    expect(() => waiting[0]()).toThrow('no worker');
    expect(done).toEqual([true]);
  });

  it('a sweep cancelled before its pool started never starts it, and reports done, cancelled, once', () => {
    const { handle, calls, done, runLater } = later();
    handle.cancel();
    handle.cancel();
    handle.simulateDeviceLoss();
    expect(done).toEqual([]);
    runLater();
    expect(calls).toEqual([]);
    expect(done).toEqual([true]);
  });
});
