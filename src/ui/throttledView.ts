/**
 * A store's selected value that changes at most every `intervalMs` (useThrottled.ts renders it). The value is
 * taken *at a store update*, never from a timer of its own while updates keep coming: ticks reach the run
 * registry at most every PAGE_UPDATE_MS (frameBatch.ts), so every throttled component of the page re-renders
 * after the same update and their changes are painted in one frame. Before, each re-selected from a timer of its
 * own, and each such render cost the page one more frame (style, layout, paint and the hover hit test, 5–6 ms):
 * 8 runs at full speed drew 25–38 frames a second (issue 20 §7).
 *
 * An update that comes before `intervalMs` have passed sets a trailing timer, so the last value is never
 * missed (training paused, a run removed); the timer waits one page update longer than it must, so that while
 * updates keep coming the next update takes the value first and the timer is cancelled.
 */
import { PAGE_UPDATE_MS } from '../state/frameBatch';

export interface ThrottledSource<S> {
  getState(): S;
  subscribe(listener: () => void): () => void;
}

export interface ThrottleClock {
  now(): number;
  /** Calls `callback` after `ms`; returns a function that cancels it. */
  timer(callback: () => void, ms: number): () => void;
}

export const browserClock: ThrottleClock = {
  now: () => performance.now(),
  timer: (callback, ms) => {
    const id = setTimeout(callback, ms);
    return () => clearTimeout(id);
  },
};

/** How much longer than needed a trailing timer waits: a little over one page update (see above). */
export const TRAILING_SLACK_MS = PAGE_UPDATE_MS + 50;
/**
 * How early an update may come and still be taken: the page's updates are PAGE_UPDATE_MS apart as their timer
 * keeps them, but a view's last take was stamped after the work before it in the same update, so a 100 ms view
 * could find the next update a few ms early, skip it and wait for the one after (5 redraws a second, not 10).
 */
export const TAKE_EARLY_MS = 20;

export interface ThrottledView<T> {
  /** The value last taken (the same object until the next take). */
  get(): T;
  /** Takes the value now, then at store updates at most every `intervalMs`; calls `notify` after each take. */
  subscribe(notify: () => void): () => void;
}

export function throttledView<S, T>(source: ThrottledSource<S>, selector: (state: S) => T, intervalMs: number, clock: ThrottleClock = browserClock): ThrottledView<T> {
  let takenFrom = source.getState();
  let value = selector(takenFrom);
  let takenAt = clock.now();
  return {
    get: () => value,
    subscribe(notify) {
      let cancelTrailing: (() => void) | null = null;
      const take = (): void => {
        cancelTrailing?.();
        cancelTrailing = null;
        takenFrom = source.getState();
        value = selector(takenFrom);
        takenAt = clock.now();
        notify();
      };
      const stop = source.subscribe(() => {
        const wait = takenAt + intervalMs - clock.now();
        if (wait <= TAKE_EARLY_MS) take();
        else cancelTrailing ??= clock.timer(take, wait + TRAILING_SLACK_MS);
      });
      // Catch up at once: what changed while nothing listened (off screen, paused) shows now.
      if (source.getState() !== takenFrom) take();
      return () => {
        stop();
        cancelTrailing?.();
      };
    },
  };
}
