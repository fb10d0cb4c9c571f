import { CIRCLE_PROBLEM } from '../test/problems';
import { afterEach, describe, expect, it } from 'vitest';
import { defaultConfig } from '../config/experiment';
import type { TrainingClient, TrainingListener } from '../worker/client';
import type { WorkerEvent } from '../worker/protocol';
import { manualClock } from '../test/manualClock';
import { createConfigStore } from './configStore';
import type { FrameScheduler } from './frameBatch';
import { useRunStore } from './runStore';
import { connectTraining } from './trainingBridge';

const empty = { inputs: new Float32Array(0), targets: new Float32Array(0) };

/** Frames and timers that run only when the test says, on a clock the test moves (test/manualClock.ts). */
function manualFrames(): FrameScheduler & { nextFrame(): void; timers(): void; advance(ms: number): void } {
  const clock = manualClock();
  let frames: (() => void)[] = [];
  return {
    frame: (callback) => {
      frames.push(callback);
      return () => (frames = frames.filter((f) => f !== callback));
    },
    timer: clock.timer,
    now: clock.now,
    nextFrame() {
      const due = frames;
      frames = [];
      due.forEach((f) => f());
    },
    /** Every timer, however far off (a hidden page's). */
    timers: clock.runAll,
    advance: clock.advance,
  };
}

/** A client whose events the test emits. */
function fakeClient(): TrainingClient & { emit(event: WorkerEvent): void } {
  const listeners = new Set<TrainingListener>();
  return {
    send: () => undefined,
    subscribe: (listener) => {
      listeners.add(listener);
      return () => listeners.delete(listener);
    },
    dispose: () => undefined,
    emit: (event) => listeners.forEach((listener) => listener(event)),
  };
}

function tick(runId: string, step: number): WorkerEvent {
  const metric = { step, epoch: step / 16, examplesSeen: step * 16, wallMs: step, trainLoss: 1 / (1 + step), testLoss: 1 / (1 + step), trainAccuracy: 0.5, testAccuracy: 0.5, learningRate: 0.01, validationLoss: Number.NaN };
  return {
    type: 'tick', runId, metric, seedLosses: null, grid: null, gridSize: 0, gallery: null, confusion: null, correct: null, seedCorrect: null, stepsPerSecond: 100,
    algorithm: 'backprop', msPerStep: null, diagnostics: null, probes: null, kernelPath: 'plain', requestId: null, rates: { steps: [step], learningRates: [0.01], momenta: [0] },
  };
}

let disconnect = (): void => undefined;
afterEach(() => disconnect());

describe('worker ticks reach the run registry in one update a batch: the first at the next frame, then at most 10 a second', () => {
  function setup() {
    const configStore = createConfigStore(Array.from({ length: 8 }, (_, i) => ({ ...defaultConfig(), learningRate: 0.01 * (i + 1) })));
    const ids = configStore.getState().runs.map((run) => run.id);
    const client = fakeClient();
    const frames = manualFrames();
    disconnect = connectTraining(client, configStore, frames);
    for (const runId of ids) client.emit({ type: 'run', runId, problem: CIRCLE_PROBLEM, train: empty, test: empty, gallery: null, parameterCount: 105, seeds: [1] });
    let updates = 0;
    const stop = useRunStore.subscribe(() => updates++);
    return { ids, client, frames, updates: () => updates, stop };
  }

  it('a burst of 80 ticks of 8 runs is one store update at the next frame, every tick applied in order', () => {
    const { ids, client, frames, updates, stop } = setup();
    for (let step = 0; step < 10; step++) for (const runId of ids) client.emit(tick(runId, step));
    expect(updates()).toBe(0);
    frames.nextFrame();
    expect(updates()).toBe(1);
    for (const runId of ids) {
      expect(useRunStore.getState().runs[runId].history.step).toEqual([0, 1, 2, 3, 4, 5, 6, 7, 8, 9]);
      expect(useRunStore.getState().runs[runId].latest?.step).toBe(9);
    }
    // The timer that stands in for frames on a hidden page was cancelled with the frame: nothing more to apply.
    frames.timers();
    expect(updates()).toBe(1);
    stop();
  });

  it('any other event applies the ticks before it first; a hidden page (no frames) gets them from the timer', () => {
    const { ids, client, frames, updates, stop } = setup();
    client.emit(tick(ids[0], 0));
    client.emit(tick(ids[0], 1));
    client.emit({ type: 'playing', playing: false });
    // The ticks (one update) and then the pause (another), in that order.
    expect(updates()).toBe(2);
    expect(useRunStore.getState().runs[ids[0]].latest?.step).toBe(1);
    client.emit(tick(ids[1], 0));
    frames.timers();
    expect(updates()).toBe(3);
    expect(useRunStore.getState().runs[ids[1]].latest?.step).toBe(0);
    stop();
  });

  it('ticks streaming for a second are applied at most every 100 ms, each in order; the first after a quiet spell at the next frame', () => {
    const { ids, client, frames, stop } = setup();
    const appliedAt: number[] = [];
    const watch = useRunStore.subscribe(() => appliedAt.push(frames.now()));
    let step = 0;
    // A frame every 16 ms; each run sends a tick every 8 ms.
    for (let t = 0; t < 1000; t += 16) {
      for (let k = 0; k < 2; k++, step++) for (const runId of ids) client.emit(tick(runId, step));
      frames.advance(16);
      frames.nextFrame();
    }
    expect(appliedAt.length).toBeGreaterThanOrEqual(8);
    expect(appliedAt.length).toBeLessThanOrEqual(10);
    const gaps = appliedAt.slice(1).map((at, i) => at - appliedAt[i]);
    expect(Math.min(...gaps)).toBeGreaterThanOrEqual(100);
    // Nothing is dropped: what is not yet applied comes with the next update.
    frames.timers();
    frames.nextFrame();
    for (const runId of ids) expect(useRunStore.getState().runs[runId].history.step).toEqual(Array.from({ length: step }, (_, i) => i));
    // A tick after a quiet spell waits for no interval: the next frame applies it.
    frames.advance(500);
    const before = appliedAt.length;
    client.emit(tick(ids[0], step));
    frames.nextFrame();
    expect(appliedAt.length).toBe(before + 1);
    expect(useRunStore.getState().runs[ids[0]].latest?.step).toBe(step);
    watch();
    stop();
  });

  it('while ticks keep coming, a batch is applied by its timer, in a task of its own: no frame is waited for', () => {
    const { ids, client, frames, updates, stop } = setup();
    client.emit(tick(ids[0], 0));
    frames.nextFrame();
    expect(updates()).toBe(1);
    frames.advance(30);
    client.emit(tick(ids[0], 1));
    frames.advance(69);
    expect(updates()).toBe(1);
    frames.advance(1);
    expect(updates()).toBe(2);
    expect(useRunStore.getState().runs[ids[0]].latest?.step).toBe(1);
    stop();
  });

  it("a run's batched ticks take its first-tick progress away (its untrained losses are shown), not another run's", () => {
    const { ids, client, frames, stop } = setup();
    for (const runId of ids.slice(0, 2)) client.emit({ type: 'notice', runId, notice: { code: 'heavy-progress', stage: 'start', done: 1, total: 1 } });
    const progressOf = () => useRunStore.getState().messages.filter((m) => m.code === 'heavy-progress').map((m) => m.runId);
    expect(progressOf()).toEqual(ids.slice(0, 2));
    client.emit(tick(ids[0], 0));
    frames.nextFrame();
    expect(progressOf()).toEqual([ids[1]]);
    stop();
  });
});
