/**
 * Sweep workers started ahead of the sweep: the pool takes the waiting ones before making any, a worker whose
 * runs all finished waits for the next sweep, one ended mid-run or after an error is really ended, and waiting
 * ones end after IDLE_MS or beyond MAX_WAITING.
 */
import { describe, expect, it } from 'vitest';
import type { SweepWorkerLike } from '../../worker/sweepPool';
import type { SweepWorkerCommand, SweepWorkerEvent } from '../../worker/sweepProtocol';
import { defaultConfig } from '../../config/experiment';
import { IDLE_MS, MAX_WAITING, warmSweepWorkers } from './warmSweepWorkers';

class FakeWorker implements SweepWorkerLike {
  onmessage: ((event: MessageEvent<SweepWorkerEvent>) => void) | null = null;
  onerror: ((event: ErrorEvent) => void) | null = null;
  readonly posted: SweepWorkerCommand[] = [];
  terminated = false;
  constructor(readonly id: number) {}
  postMessage(command: SweepWorkerCommand): void {
    this.posted.push(command);
  }
  terminate(): void {
    this.terminated = true;
  }
  send(data: SweepWorkerEvent): void {
    this.onmessage?.({ data } as MessageEvent<SweepWorkerEvent>);
  }
}

function environment() {
  const made: FakeWorker[] = [];
  const timers = new Map<number, { run: () => void; at: number }>();
  let now = 0;
  let nextId = 1;
  return {
    made,
    env: {
      create: () => {
        const worker = new FakeWorker(made.length);
        made.push(worker);
        return worker;
      },
      setTimer: (run: () => void, ms: number) => {
        timers.set(nextId, { run, at: now + ms });
        return nextId++;
      },
      clearTimer: (id: number) => void timers.delete(id),
    },
    advance(ms: number): void {
      now += ms;
      for (const [id, timer] of [...timers]) {
        if (timer.at <= now) {
          timers.delete(id);
          timer.run();
        }
      }
    },
  };
}

const run = (index: number): SweepWorkerCommand => ({ type: 'run', index, config: defaultConfig(), budgetSteps: 10, checkpoints: [0, 10] });
const result = (index: number): SweepWorkerEvent => ({
  type: 'result',
  wallMs: 1,
  result: { index, steps: [0], trainLoss: [1], testLoss: [1], trainAccuracy: null, testAccuracy: null, validationLoss: null, validationAccuracy: null, final: {} as never, best: {} as never, diverged: null, correct: null },
});

describe('warm sweep workers', () => {
  it('the pool takes the waiting workers first, then fresh ones; messages pass through both ways', () => {
    const { made, env } = environment();
    const warm = warmSweepWorkers(env);
    warm.prewarm(2);
    expect(made).toHaveLength(2);
    const first = warm.take();
    const second = warm.take();
    expect(made).toHaveLength(2);
    warm.take();
    expect(made).toHaveLength(3);
    const seen: SweepWorkerEvent[] = [];
    second.onmessage = (event) => seen.push(event.data);
    second.postMessage(run(4));
    expect(made[1].posted).toEqual([run(4)]);
    made[1].send({ type: 'progress', index: 4, step: 3 });
    expect(seen).toEqual([{ type: 'progress', index: 4, step: 3 }]);
    expect(first).not.toBe(second);
  });

  it('each worker started ahead is given the sweep’s configuration to warm up on, once; a worker taken back after a sweep is not', () => {
    const { made, env } = environment();
    const warm = warmSweepWorkers(env);
    const config = { ...defaultConfig(), hidden: [8, 8] };
    warm.prewarm(2, config);
    expect(made.map((w) => w.posted)).toEqual([[{ type: 'warmUp', config }], [{ type: 'warmUp', config }]]);
    warm.prewarm(2, config);
    expect(made).toHaveLength(2);
    const lent = warm.take();
    lent.postMessage(run(0));
    made[0].send(result(0));
    lent.terminate();
    warm.prewarm(2, config);
    expect(made).toHaveLength(2);
    expect(made[0].posted).toEqual([{ type: 'warmUp', config }, run(0)]);
  });

  it('a worker ended after its runs finished waits for the next sweep; one ended mid-run or after an error is ended', () => {
    const { made, env } = environment();
    const warm = warmSweepWorkers(env);
    const [done, midRun, broken] = [warm.take(), warm.take(), warm.take()];
    done.postMessage(run(0));
    made[0].send(result(0));
    midRun.postMessage(run(1));
    broken.postMessage(run(2));
    made[2].send(result(2));
    made[2].onerror?.({ message: 'boom' } as ErrorEvent);
    [done, midRun, broken].forEach((w) => w.terminate());
    expect(made.map((w) => w.terminated)).toEqual([false, true, true]);
    expect(warm.waitingCount).toBe(1);
    // The next sweep gets the finished one back, detached from the last pool.
    const again = warm.take();
    expect(made).toHaveLength(3);
    again.postMessage(run(5));
    expect(made[0].posted.at(-1)).toEqual(run(5));
  });

  it('a cancelled run ends when its worker says so, and the worker then waits', () => {
    const { made, env } = environment();
    const warm = warmSweepWorkers(env);
    const worker = warm.take();
    worker.postMessage(run(0));
    worker.postMessage({ type: 'cancel' });
    made[0].send({ type: 'cancelled', index: 0 });
    worker.terminate();
    expect(made[0].terminated).toBe(false);
    expect(warm.waitingCount).toBe(1);
  });

  it('waiting workers end after IDLE_MS, and no more than MAX_WAITING wait', () => {
    const { made, env, advance } = environment();
    const warm = warmSweepWorkers(env);
    warm.prewarm(MAX_WAITING + 3);
    expect(made).toHaveLength(MAX_WAITING);
    const extra = Array.from({ length: 2 }, () => warm.take());
    warm.prewarm(MAX_WAITING);
    extra.forEach((w) => w.terminate());
    expect(made.filter((w) => w.terminated)).toHaveLength(2);
    advance(IDLE_MS - 1);
    expect(made.filter((w) => w.terminated)).toHaveLength(2);
    advance(1);
    expect(made.every((w) => w.terminated)).toBe(true);
    expect(warm.waitingCount).toBe(0);
  });

  it('a worker given runs on WebGPU is ended, not kept for the next sweep, which needs one on the CPU', () => {
    const { made, env } = environment();
    const warm = warmSweepWorkers(env);
    const worker = warm.take();
    worker.postMessage({ type: 'runGroup', runs: [0, 1].map((index) => ({ index, config: defaultConfig() })), backend: 'webgpu', budgetSteps: 10, checkpoints: [0, 10] });
    made[0].send(result(0));
    made[0].send(result(1));
    worker.terminate();
    expect(made[0].terminated).toBe(true);
    expect(warm.waitingCount).toBe(0);
  });

  it('a worker with runs of a group still in flight is ended, not kept', () => {
    const { made, env } = environment();
    const warm = warmSweepWorkers(env);
    const worker = warm.take();
    worker.postMessage(run(0));
    worker.postMessage(run(1));
    made[0].send(result(0));
    worker.terminate();
    expect(made[0].terminated).toBe(true);
  });
});
