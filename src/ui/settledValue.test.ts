import { describe, expect, it } from 'vitest';
import { manualClock } from '../test/manualClock';
import { MAX_WAIT_MS, SETTLE_MS, settledValue } from './settledValue';

/** A settled value on a manual clock, and what it published. */
function settledOnClock() {
  const published: number[] = [];
  const timers = manualClock();
  const value = settledValue<number>((v) => published.push(v), timers);
  return { published, timers, value };
}

describe('a value published once it has held', () => {
  it('publishes the first value at once, so the first paint has it', () => {
    const { published, value } = settledOnClock();
    value.offer(72);
    expect(published).toEqual([72]);
  });

  it('publishes nothing for a value that goes and comes back before it has held (the bar wrapping for a frame)', () => {
    const { published, timers, value } = settledOnClock();
    value.offer(72);
    for (let i = 0; i < 20; i++) {
      value.offer(110);
      timers.advance(16);
      value.offer(72);
      timers.advance(SETTLE_MS);
    }
    expect(published).toEqual([72]);
  });

  it('publishes a new value once it has held, once, and the last of several', () => {
    const { published, timers, value } = settledOnClock();
    value.offer(72);
    value.offer(110);
    timers.advance(SETTLE_MS - 1);
    expect(published).toEqual([72]);
    value.offer(130);
    timers.advance(SETTLE_MS - 1);
    expect(published).toEqual([72]);
    timers.advance(1);
    expect(published).toEqual([72, 130]);
    value.offer(130);
    timers.advance(10 * SETTLE_MS);
    expect(published).toEqual([72, 130]);
  });

  it('publishes a value that keeps changing at least every MAX_WAIT_MS: the latest one', () => {
    const { published, timers, value } = settledOnClock();
    value.offer(72);
    // A new height every 100 ms, never holding SETTLE_MS.
    for (let ms = 100; ms <= 2 * MAX_WAIT_MS; ms += 100) {
      value.offer(72 + ms / 100);
      timers.advance(100);
    }
    expect(published).toEqual([72, 82, 92]);
  });

  it('publishes nothing more once cancelled (unmounted)', () => {
    const { published, timers, value } = settledOnClock();
    value.offer(72);
    value.offer(110);
    value.cancel();
    timers.advance(10 * SETTLE_MS);
    expect(published).toEqual([72]);
  });
});
