/**
 * A value published to where every element reads it (the top bar's height as `--topbar-h` on <html>), at once the
 * first time and after that only once it has held SETTLE_MS: a custom property on the root element is inherited by
 * every element, and each change restyles them all (3,064 elements and 20–27 ms with a sweep's results on screen).
 * While 8 runs train, a wider number can wrap the bar's stats for a frame before the bar makes room (barRoom.ts),
 * and the bar's height went there and back, two whole-page restyles for nothing (issue 20 §7). A value equal to
 * the one published is not published again, and one that keeps changing is published at least every MAX_WAIT_MS.
 */
import { browserClock, type ThrottleClock } from './throttledView';

/** How long a new value must hold before it is published. */
export const SETTLE_MS = 250;
/** The longest a changed value waits, however often it keeps changing. */
export const MAX_WAIT_MS = 1000;

/** `offer(value)` for each value seen; `publish` gets the first at once, a later one once it has held. `cancel` on unmount. */
export function settledValue<V>(publish: (value: V) => void, clock: Pick<ThrottleClock, 'timer'> = browserClock): { offer: (value: V) => void; cancel: () => void } {
  let published: { value: V } | null = null;
  let latest: V | undefined;
  /** Each pending timer's cancel. */
  let settleTimer: (() => void) | null = null;
  let deadline: (() => void) | null = null;
  const cancel = (): void => {
    settleTimer?.();
    deadline?.();
    settleTimer = null;
    deadline = null;
  };
  const settle = (value: V): void => {
    cancel();
    if (published && Object.is(published.value, value)) return;
    published = { value };
    publish(value);
  };
  return {
    offer(value) {
      latest = value;
      if (!published) return settle(value);
      settleTimer?.();
      settleTimer = null;
      if (Object.is(published.value, value)) {
        // Back where it was: nothing to publish, nothing owed.
        cancel();
        return;
      }
      settleTimer = clock.timer(() => settle(value), SETTLE_MS);
      deadline ??= clock.timer(() => settle(latest as V), MAX_WAIT_MS);
    },
    cancel,
  };
}
