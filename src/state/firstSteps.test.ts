import { afterEach, describe, expect, it } from 'vitest';
import { FIRST_STEPS_CODE, FIRST_STEPS_DELAY_MS, watchFirstSteps, type Timers } from './firstSteps';
import { useRunStore } from './runStore';

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
    useRunStore.setState({ playing: false, messages: [], backend: null });
  });

  it('after Play with no tick for the delay, says the GPU programs compile, and takes it back at the first tick', () => {
    const timers = fakeTimers();
    useRunStore.setState({ playing: false, messages: [], backend: { name: 'webgpu', detail: '', skipped: [] } });
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
    useRunStore.setState({ playing: false, messages: [], backend: { name: 'cpu', detail: '', skipped: [] } });
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
    useRunStore.setState({ playing: false, messages: [], backend: { name: 'webgpu', detail: '', skipped: [] } });
    stop = watchFirstSteps(timers);
    useRunStore.getState().setPlaying(true);
    useRunStore.getState().report('info', 'heavy-progress', 'Run 1: the first tick…', null);
    timers.advance(FIRST_STEPS_DELAY_MS);
    expect(firstStepsMessage()).toBeUndefined();
  });
});
