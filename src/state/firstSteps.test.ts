import { afterEach, describe, expect, it } from 'vitest';
import { CIRCLE_PROBLEM } from '../test/problems';
import type { MetricPoint } from '../worker/protocol';
import { FIRST_STEPS_CODE, FIRST_STEPS_DELAY_MS, watchFirstSteps, type Timers } from './firstSteps';
import { useRunStore } from './runStore';

const empty = { inputs: new Float32Array(0), targets: new Float32Array(0) };
/** A run the worker has started (its 'run' event), not yet shown. */
const startRun = (): void => useRunStore.getState().startRun({ runId: 'r', problem: CIRCLE_PROBLEM, train: empty, test: empty, gallery: null, parameterCount: 0, seeds: [1] });
/** The run's first evaluation shown (step 0). */
const showRun = (): void =>
  useRunStore.setState((s) => ({ runs: { ...s.runs, r: { ...s.runs.r, latest: { step: 0, epoch: 0, examplesSeen: 0, wallMs: 0, trainLoss: 1, testLoss: 1 } as MetricPoint } }, version: s.version + 1 }));

/** A hand-driven clock: `advance` runs the callbacks whose time has come. */
function fakeTimers(): Timers<number> & { advance: (ms: number) => void } {
  let now = 0;
  let nextId = 1;
  const pending = new Map<number, { at: number; fn: () => void }>();
  return {
    set: (fn, ms) => {
      const id = nextId++;
      pending.set(id, { at: now + ms, fn });
      return id;
    },
    clear: (id) => void pending.delete(id),
    advance: (ms) => {
      now += ms;
      for (const [id, timer] of [...pending]) {
        if (timer.at <= now) {
          pending.delete(id);
          timer.fn();
        }
      }
    },
  };
}

const firstStepsMessage = () => useRunStore.getState().messages.find((m) => m.code === FIRST_STEPS_CODE);
const tick = () => useRunStore.setState((s) => ({ version: s.version + 1 }));

describe('the page says what it is doing while the first steps after Play are prepared', () => {
  let stop: () => void = () => undefined;
  afterEach(() => {
    stop();
    useRunStore.setState({ playing: false, messages: [], backend: null, runs: {} });
  });

  it('after Play with no tick for the delay, says the GPU programs compile, and takes it back at the first tick', () => {
    const timers = fakeTimers();
    useRunStore.setState({ playing: false, messages: [], backend: { name: 'webgpu', detail: '', skipped: [] }, runs: {} });
    startRun();
    showRun();
    stop = watchFirstSteps(timers);
    useRunStore.getState().setPlaying(true);
    timers.advance(FIRST_STEPS_DELAY_MS - 1);
    expect(firstStepsMessage()).toBeUndefined();
    timers.advance(1);
    expect(firstStepsMessage()?.text).toBe('Preparing the first steps on WebGPU: the GPU programs compile on first use (slow on a software GPU)…');
    tick();
    expect(firstStepsMessage()).toBeUndefined();
  });

  it('says nothing when a tick comes in time, and takes the message back on Pause', () => {
    const timers = fakeTimers();
    useRunStore.setState({ playing: false, messages: [], backend: { name: 'cpu', detail: '', skipped: [] }, runs: {} });
    startRun();
    showRun();
    stop = watchFirstSteps(timers);
    useRunStore.getState().setPlaying(true);
    tick();
    timers.advance(FIRST_STEPS_DELAY_MS * 2);
    expect(firstStepsMessage()).toBeUndefined();
    useRunStore.getState().setPlaying(false);
    useRunStore.getState().setPlaying(true);
    timers.advance(FIRST_STEPS_DELAY_MS);
    expect(firstStepsMessage()?.text).toBe('Preparing the first steps on CPU…');
    useRunStore.getState().setPlaying(false);
    expect(firstStepsMessage()).toBeUndefined();
  });

  it('leaves a heavy run to its own first-tick progress notice, never saying it twice', () => {
    const timers = fakeTimers();
    useRunStore.setState({ playing: false, messages: [], backend: { name: 'webgpu', detail: '', skipped: [] }, runs: {} });
    startRun();
    showRun();
    stop = watchFirstSteps(timers);
    useRunStore.getState().setPlaying(true);
    useRunStore.getState().report('info', 'heavy-progress', 'Run 1: the first tick…', null);
    timers.advance(FIRST_STEPS_DELAY_MS);
    expect(firstStepsMessage()).toBeUndefined();
  });

  it('Play before the runs are shown says so at once, keeps it while they start, then waits for the first steps as usual', () => {
    const timers = fakeTimers();
    useRunStore.setState({ playing: false, messages: [], backend: { name: 'webgl', detail: '', skipped: [] }, runs: {} });
    stop = watchFirstSteps(timers);
    useRunStore.getState().setPlaying(true);
    expect(firstStepsMessage()?.text).toBe('Starting the runs on WebGL: the backend and the data load, and each run is evaluated once, before the first step…');
    // The worker starts the run: not yet shown, the words stay.
    startRun();
    timers.advance(FIRST_STEPS_DELAY_MS * 2);
    expect(firstStepsMessage()?.text).toMatch(/^Starting the runs/);
    // Shown: taken back, and the first steps are waited for as after any Play.
    showRun();
    expect(firstStepsMessage()).toBeUndefined();
    timers.advance(FIRST_STEPS_DELAY_MS);
    expect(firstStepsMessage()?.text).toBe('Preparing the first steps on WebGL: the GPU programs compile on first use (slow on a software GPU)…');
    tick();
    expect(firstStepsMessage()).toBeUndefined();
  });

  it('Pause before the runs are shown takes the words back', () => {
    const timers = fakeTimers();
    useRunStore.setState({ playing: false, messages: [], backend: null, runs: {} });
    stop = watchFirstSteps(timers);
    useRunStore.getState().setPlaying(true);
    expect(firstStepsMessage()?.text).toBe('Starting the runs: the backend and the data load, and each run is evaluated once, before the first step…');
    useRunStore.getState().setPlaying(false);
    expect(firstStepsMessage()).toBeUndefined();
  });
});
