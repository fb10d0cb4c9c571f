/**
 * A clock and timers that move only when a test says (frameBatch, throttledView and settledValue's tests): the
 * browser's timers behind the ThrottleClock interface (ui/throttledView.ts), with time as the test advances it.
 */
import type { ThrottleClock } from '../ui/throttledView';

export interface ManualClock extends ThrottleClock {
  /** Moves the clock by `ms`, running the timers due on the way in order of their due time, those they set included. */
  advance(ms: number): void;
  /** Runs every timer, however far off (a hidden page's). */
  runAll(): void;
  /** How many timers wait. */
  pending(): number;
}

export function manualClock(): ManualClock {
  let clock = 0;
  let timers: { callback: () => void; due: number }[] = [];
  const runUntil = (until: number): void => {
    for (;;) {
      const next = timers.filter((t) => t.due <= until).sort((a, b) => a.due - b.due)[0];
      if (!next) return;
      timers = timers.filter((t) => t !== next);
      clock = Math.max(clock, next.due);
      next.callback();
    }
  };
  return {
    now: () => clock,
    timer(callback, ms) {
      const timer = { callback, due: clock + ms };
      timers.push(timer);
      return () => (timers = timers.filter((t) => t !== timer));
    },
    advance(ms) {
      const until = clock + ms;
      runUntil(until);
      clock = until;
    },
    runAll: () => runUntil(Number.POSITIVE_INFINITY),
    pending: () => timers.length,
  };
}
