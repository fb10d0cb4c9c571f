import { describe, expect, it } from 'vitest';
import { manualClock } from '../test/manualClock';
import { TAKE_EARLY_MS, TRAILING_SLACK_MS, throttledView, type ThrottledSource } from './throttledView';

/** A store of a step count, immutable states as zustand's. */
function counter(): ThrottledSource<{ step: number }> & { set(step: number): void } {
  let state = { step: 0 };
  const listeners = new Set<() => void>();
  return {
    getState: () => state,
    subscribe: (listener) => {
      listeners.add(listener);
      return () => listeners.delete(listener);
    },
    set(step) {
      state = { step };
      listeners.forEach((l) => l());
    },
  };
}

describe('a throttled view takes its value at store updates, at most every interval', () => {
  it('updates 110 ms apart are each taken at once, in the update, with no timer left behind', () => {
    const clock = manualClock();
    const store = counter();
    const view = throttledView(store, (s) => s.step, 100, clock);
    const seen: number[] = [];
    view.subscribe(() => seen.push(view.get()));
    for (let step = 1; step <= 5; step++) {
      clock.advance(110);
      store.set(step);
      expect(view.get()).toBe(step);
    }
    expect(seen).toEqual([1, 2, 3, 4, 5]);
    expect(clock.pending()).toBe(0);
  });

  it('updates every 16 ms for a second: a take per 100 ms (less the early allowance) at most, and the last value comes by the trailing timer', () => {
    const clock = manualClock();
    const store = counter();
    const view = throttledView(store, (s) => s.step, 100, clock);
    const takes: { at: number; step: number }[] = [];
    view.subscribe(() => takes.push({ at: clock.now(), step: view.get() }));
    let step = 0;
    for (let t = 0; t < 1000; t += 16) {
      clock.advance(16);
      store.set(++step);
    }
    expect(takes.length).toBeGreaterThanOrEqual(8);
    expect(takes.length).toBeLessThanOrEqual(13);
    const gaps = takes.slice(1).map((take, i) => take.at - takes[i].at);
    expect(Math.min(...gaps)).toBeGreaterThanOrEqual(100 - TAKE_EARLY_MS);
    // Updates stop: the last one is shown by the trailing timer, no later than interval + slack.
    const last = step;
    clock.advance(100 + TRAILING_SLACK_MS);
    expect(view.get()).toBe(last);
    expect(takes.at(-1)?.step).toBe(last);
  });

  it('a pending trailing timer is cancelled by the next update that is due, so each value is taken once', () => {
    const clock = manualClock();
    const store = counter();
    const view = throttledView(store, (s) => s.step, 250, clock);
    const seen: number[] = [];
    view.subscribe(() => seen.push(view.get()));
    clock.advance(110);
    store.set(1); // 110 ms after the first take: not due, a trailing timer is set
    expect(seen).toEqual([]);
    expect(clock.pending()).toBe(1);
    clock.advance(110);
    store.set(2);
    clock.advance(110);
    store.set(3); // 330 ms: due, taken in the update
    expect(seen).toEqual([3]);
    expect(clock.pending()).toBe(0);
    clock.advance(1000);
    expect(seen).toEqual([3]);
  });

  it('an update a few ms early for a 100 ms view (stamped after the work before it) is taken, not skipped to the next', () => {
    const clock = manualClock();
    const store = counter();
    const view = throttledView(store, (s) => s.step, 100, clock);
    const seen: number[] = [];
    view.subscribe(() => seen.push(view.get()));
    for (let step = 1; step <= 10; step++) {
      clock.advance(95); // 5 ms early
      store.set(step);
    }
    expect(seen).toEqual([1, 2, 3, 4, 5, 6, 7, 8, 9, 10]);
  });

  it('a view that was not listening catches up when subscribed, and does not notify when nothing changed', () => {
    const clock = manualClock();
    const store = counter();
    const view = throttledView(store, (s) => s.step, 100, clock);
    let notified = 0;
    const stop = view.subscribe(() => notified++);
    expect(notified).toBe(0);
    stop();
    store.set(7);
    expect(view.get()).toBe(0);
    view.subscribe(() => notified++);
    expect(view.get()).toBe(7);
    expect(notified).toBe(1);
  });
});
