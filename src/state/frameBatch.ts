/**
 * Worker events gathered into one store update per animation frame. With 8 runs at full speed the worker sends
 * dozens of ticks a second; applied one by one, each tick was a store update that ran every subscribed selector
 * of the page (and a React commit where one changed), several times a frame (issue 20 §7). A tick waits for the
 * next frame (the display cannot show it sooner) and all ticks waiting then are applied in order in one update.
 * Any other event first applies the ticks before it, so events keep their order (a divergence reads the ticks
 * before its restore). A hidden page gets no animation frames: a timer flushes the batch as well, at most
 * `maxWaitMs` later (a hidden page's timers run about once a second), so ticks never pile up unbounded.
 *
 * Ticks are applied at most every `minIntervalMs` (PAGE_UPDATE_MS, 10 a second): every store update is a frame
 * whose style, layout, paint and hover hit test cost the main thread 5–6 ms however little changed, and at one
 * update per frame 8 runs at full speed kept it at 38 frames a second, a third of a core (320 ms/s), beside a
 * worker holding the other core, so its tasks waited for a core and ran past 50 ms by wall clock (issue 20 §7).
 * The charts were already redrawn at most 10 times a second (useThrottled.ts); readouts now follow at the same
 * pace. The first tick after a pause is applied at the next frame (Play shows its first step at once); while
 * ticks keep coming, each batch is applied by a timer, in a task between frames, not in a frame's animation
 * callback: the charts a batch redraws render as transitions after it (useThrottled.ts), and applied in a frame
 * the batch's readouts were painted in that frame and the charts in the next, two frames per update where one
 * shows both.
 */

export interface FrameScheduler {
  /** Calls `callback` at the next animation frame; returns a function that cancels it. */
  frame(callback: () => void): () => void;
  /** Calls `callback` after `ms`; returns a function that cancels it. */
  timer(callback: () => void, ms: number): () => void;
  /** Milliseconds on a monotonic clock. */
  now(): number;
}

export const browserFrames: FrameScheduler = {
  frame: (callback) => {
    if (typeof requestAnimationFrame === 'undefined') return browserFrames.timer(callback, 16);
    const id = requestAnimationFrame(() => callback());
    return () => cancelAnimationFrame(id);
  },
  timer: (callback, ms) => {
    const id = setTimeout(callback, ms);
    return () => clearTimeout(id);
  },
  now: () => performance.now(),
};

/** The longest a tick waits when no frame comes (a hidden page). */
export const MAX_WAIT_MS = 250;
/** The least time between two applied batches of ticks: 10 page updates a second (see above). */
export const PAGE_UPDATE_MS = 100;

export interface FrameBatch<T> {
  /** Queues one item; the batch is applied at the next frame. */
  push(item: T): void;
  /** Applies what is queued now (nothing when the queue is empty). */
  flush(): void;
  /** Drops what is queued and cancels the frame. */
  dispose(): void;
}

export function frameBatch<T>(apply: (items: T[]) => void, scheduler: FrameScheduler = browserFrames, maxWaitMs = MAX_WAIT_MS, minIntervalMs = PAGE_UPDATE_MS): FrameBatch<T> {
  let queue: T[] = [];
  let cancel: (() => void)[] = [];
  let appliedAt = Number.NEGATIVE_INFINITY;
  const stop = (): void => {
    cancel.forEach((c) => c());
    cancel = [];
  };
  const flush = (): void => {
    stop();
    if (queue.length === 0) return;
    const items = queue;
    queue = [];
    appliedAt = scheduler.now();
    apply(items);
  };
  return {
    push(item) {
      queue.push(item);
      if (cancel.length > 0) return;
      const wait = appliedAt + minIntervalMs - scheduler.now();
      cancel = wait <= 0 ? [scheduler.frame(flush), scheduler.timer(flush, maxWaitMs)] : [scheduler.timer(flush, wait)];
    },
    flush,
    dispose() {
      stop();
      queue = [];
    },
  };
}
