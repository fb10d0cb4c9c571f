/**
 * A WebGPU device lost while work is in flight (issue 21 item 6): the host is given a fake WebGPU port whose
 * device, once lost, fails every readback as Chromium does ("Failed to execute 'mapAsync'"), while TF.js
 * really trains on the CPU backend underneath. The runs must move to the fallback from their last snapshot
 * and go on as before (playing or paused), as after a loss between ticks.
 */
import '../test/setupTf';
import * as tf from '@tensorflow/tfjs-core';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { defaultConfig, type ExperimentConfig } from '../config/experiment';
import type { BackendChoice } from '../config/experiment';
import type { BackendPort, BackendSelection } from './backendPort';
import { TrainingHost } from './host';
import type { BackendName, DeviceLoss, Notice, WorkerEvent } from './protocol';

type Tick = Extract<WorkerEvent, { type: 'tick' }>;

/** WebGPU as the host sees it: a device that can be lost, mid-readback or by the host's own hook. */
class FakeWebGpuPort implements BackendPort {
  current: BackendName = 'cpu';
  /** Readbacks fail once the device is lost, as mapAsync does on a destroyed device. */
  dead = false;
  readbacks = 0;
  destroyed = 0;
  /** The device is lost inside the readback with this number (counted from now), not by the hook. */
  private loseAt: number | null = null;
  private resolveLost: ((lost: DeviceLoss) => void) | null = null;
  private lost: Promise<DeviceLoss> | null = null;

  async select(choice: BackendChoice, exclude: BackendName[]): Promise<BackendSelection> {
    await tf.setBackend('cpu');
    this.current = choice === 'webgpu' && !exclude.includes('webgpu') ? 'webgpu' : 'cpu';
    this.dead = false;
    this.lost = this.current === 'webgpu' ? new Promise((resolve) => (this.resolveLost = resolve)) : null;
    return { backend: this.current, detail: 'fake', skipped: [] };
  }

  deviceLost(): Promise<DeviceLoss> | null {
    return this.lost;
  }

  destroyDevice(): boolean {
    if (this.current !== 'webgpu') return false;
    this.destroyed += 1;
    this.dead = true;
    // Chromium rejects the readback before `lost` resolves: resolve it a task later.
    const resolve = this.resolveLost;
    setTimeout(() => resolve?.({ reason: 'destroyed', message: 'Device was destroyed.' }), 0);
    return true;
  }

  loseInReadback(nth: number): void {
    this.loseAt = this.readbacks + nth;
  }

  /** Called by the spied Tensor.data. */
  readback(): Error | null {
    this.readbacks += 1;
    if (this.loseAt !== null && this.readbacks >= this.loseAt) {
      this.loseAt = null;
      this.destroyDevice();
    }
    return this.dead && this.current === 'webgpu' ? new Error("Failed to execute 'mapAsync' on 'GPUBuffer': Device is lost") : null;
  }
}

const base: ExperimentConfig = { ...defaultConfig(), backend: 'webgpu', seed: 5, speed: 0 };

let port: FakeWebGpuPort;
beforeEach(() => {
  port = new FakeWebGpuPort();
  const realData = tf.Tensor.prototype.data;
  vi.spyOn(tf.Tensor.prototype, 'data').mockImplementation(function (this: tf.Tensor) {
    const failure = port.readback();
    return failure ? Promise.reject(failure) : realData.call(this);
  } as typeof realData);
});
afterEach(() => vi.restoreAllMocks());

function start(config: ExperimentConfig = base): { host: TrainingHost; events: WorkerEvent[]; ticks: () => Tick[]; notices: () => Notice[] } {
  const events: WorkerEvent[] = [];
  const host = new TrainingHost((event) => events.push(event), port);
  host.handle({ type: 'configure', runs: [{ runId: 'run-1', config }] });
  const ticks = (): Tick[] => events.filter((e): e is Tick => e.type === 'tick');
  const notices = (): Notice[] => events.flatMap((e) => (e.type === 'notice' ? [e.notice] : []));
  return { host, events, ticks, notices };
}

async function steps(host: TrainingHost, count: number): Promise<void> {
  for (let i = 0; i < count; i++) host.handle({ type: 'step' });
  await host.idle();
}

/** Waits (on the host's own events, not the clock) until `done` holds, then lets the queue settle. */
async function until(host: TrainingHost, done: () => boolean): Promise<void> {
  while (!done()) await new Promise((resolve) => setTimeout(resolve, 10));
  await host.idle();
}

describe('a WebGPU device lost while work is in flight', () => {
  it('a loss inside a playing tick moves the run to the CPU from its last snapshot and it keeps training', async () => {
    const { host, events, ticks, notices } = start();
    await steps(host, 3);
    expect(port.current).toBe('webgpu');
    expect(ticks().at(-1)?.metric.step).toBe(3);
    const before = events.length;
    port.loseInReadback(1);
    host.handle({ type: 'play' });
    await until(host, () => ticks().some((t, i) => i > 0 && t.metric.step > 10) && port.current === 'cpu');
    host.handle({ type: 'pause' });
    await host.idle();

    const after = events.slice(before);
    expect(notices().filter((n) => n.code === 'worker-error')).toEqual([]);
    const lost = notices().filter((n) => n.code === 'device-lost-mid-tick');
    expect(lost).toHaveLength(1);
    expect(lost[0]).toMatchObject({ backend: 'cpu', step: 3, during: 'tick', lost: { reason: 'destroyed', message: 'Device was destroyed.' } });
    expect(lost[0].code === 'device-lost-mid-tick' && lost[0].droppedSteps).toBeGreaterThan(0);
    // The run was shown again at step 3 on the CPU, then trained on from there.
    const shown = after.filter((e): e is Tick => e.type === 'tick').map((t) => t.metric.step);
    expect(shown[0]).toBe(3);
    expect(Math.max(...shown)).toBeGreaterThan(10);
    expect(after.some((e) => e.type === 'backend' && e.backend === 'cpu')).toBe(true);
    // Playing throughout: the host paused only for the move and played again.
    const playing = after.flatMap((e) => (e.type === 'playing' ? [e.playing] : []));
    expect(playing).toEqual([true, false, true, false]);
  });

  it('a loss inside a step command leaves the run paused, restored to its last snapshot', async () => {
    const { host, events, ticks, notices } = start();
    await steps(host, 2);
    port.loseInReadback(1);
    await steps(host, 1);
    await until(host, () => port.current === 'cpu');
    expect(notices().filter((n) => n.code === 'worker-error')).toEqual([]);
    expect(notices().find((n) => n.code === 'device-lost-mid-tick')).toMatchObject({ step: 2, droppedSteps: 1, during: 'tick' });
    expect(ticks().at(-1)?.metric.step).toBe(2);
    expect(events.filter((e) => e.type === 'playing' && e.playing)).toEqual([]);
    await steps(host, 1);
    expect(ticks().at(-1)?.metric.step).toBe(3);
  });

  it('simulateDeviceLoss mid-tick destroys the device after the steps are enqueued, before their readback', async () => {
    const { host, ticks, notices } = start();
    await steps(host, 2);
    host.handle({ type: 'simulateDeviceLoss', when: 'mid-tick' });
    await host.idle();
    expect(port.destroyed).toBe(0);
    await steps(host, 1);
    await until(host, () => port.current === 'cpu');
    expect(port.destroyed).toBe(1);
    expect(notices().find((n) => n.code === 'device-lost-mid-tick')).toMatchObject({ backend: 'cpu', step: 2, droppedSteps: 1 });
    expect(ticks().at(-1)?.metric.step).toBe(2);
  });

  it('a loss during a range test restores the run on the CPU and runs the sweep again there to its end', async () => {
    const { host, events, notices } = start({ ...base, rangeSteps: 40 });
    await steps(host, 4);
    host.handle({ type: 'simulateDeviceLoss', when: 'mid-tick' });
    host.handle({ type: 'rangeTest', runId: 'run-1' });
    await until(host, () => events.some((e) => e.type === 'rangeTestResult'));
    expect(port.destroyed).toBe(1);
    expect(notices().filter((n) => n.code === 'worker-error')).toEqual([]);
    expect(notices().find((n) => n.code === 'device-lost-mid-tick')).toMatchObject({ backend: 'cpu', step: 4, during: 'range-test' });
    const results = events.filter((e): e is Extract<WorkerEvent, { type: 'rangeTestResult' }> => e.type === 'rangeTestResult');
    expect(results).toHaveLength(1);
    expect(results[0].result.losses).toHaveLength(40);
    expect(results[0].restoredStep).toBe(4);
    await steps(host, 1);
    const last = events.filter((e): e is Tick => e.type === 'tick').at(-1);
    expect(last?.metric.step).toBe(5);
  });

  it('a loss while the runs move to WebGPU (its first evaluation) keeps them: they go on on the CPU from their step', async () => {
    const { host, events, ticks, notices } = start();
    await steps(host, 3);
    host.handle({ type: 'configure', runs: [{ runId: 'run-1', config: { ...base, backend: 'cpu' } }] });
    await host.idle();
    port.loseInReadback(1);
    host.handle({ type: 'configure', runs: [{ runId: 'run-1', config: base }] });
    await until(host, () => port.destroyed === 1 && port.current === 'cpu');
    expect(notices().find((n) => n.code === 'device-lost-mid-tick')).toMatchObject({ backend: 'cpu', step: 3 });
    expect(events.filter((e) => e.type === 'runRemoved')).toEqual([]);
    expect(ticks().at(-1)?.metric.step).toBe(3);
    await steps(host, 1);
    expect(ticks().at(-1)?.metric.step).toBe(4);
  });

  it('an error that is not a device loss still stops training with its message', async () => {
    const { host, notices } = start({ ...base, backend: 'cpu' });
    await steps(host, 1);
    port.dead = true;
    port.current = 'webgpu';
    await steps(host, 1);
    expect(notices().find((n) => n.code === 'worker-error')).toMatchObject({ message: expect.stringContaining('mapAsync') });
    expect(notices().filter((n) => n.code === 'device-lost-mid-tick')).toEqual([]);
  });
});

describe('a WebGPU device lost between two runs\' readbacks (issue 21, lockstep)', () => {
  it('the runs go on from the same step: a run read back after the loss is carried from its snapshot at the other run\'s step', async () => {
    const { host, ticks, notices } = start();
    host.handle({ type: 'configure', runs: [{ runId: 'run-1', config: base }, { runId: 'run-2', config: { ...base, seed: 6 } }] });
    await host.idle();
    const before = port.readbacks;
    await steps(host, 1);
    // A step command reads back each run once it has stepped (run 1's readbacks, then run 2's).
    const perRun = (port.readbacks - before) / 2;
    expect(Number.isInteger(perRun) && perRun > 0).toBe(true);
    await steps(host, 2);
    // Lost in run 2's first readback: run 1 has read back step 4 already, run 2 has not.
    port.loseInReadback(perRun + 1);
    await steps(host, 1);
    await until(host, () => port.current === 'cpu');
    expect(notices().filter((n) => n.code === 'worker-error')).toEqual([]);
    const last = (runId: string): number | undefined => ticks().filter((t) => t.runId === runId).at(-1)?.metric.step;
    expect([last('run-1'), last('run-2')]).toEqual([3, 3]);
    expect(notices().find((n) => n.code === 'device-lost-mid-tick')).toMatchObject({ backend: 'cpu', step: 3 });
    await steps(host, 2);
    expect([last('run-1'), last('run-2')]).toEqual([5, 5]);
  });
});
