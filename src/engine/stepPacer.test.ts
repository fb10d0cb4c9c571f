import { describe, expect, it } from 'vitest';
import { MIN_TICK_MS, StepPacer } from './stepPacer';

/**
 * Drives the pacer as the worker's host does (worker/host.ts, tick): ask for `wanted` steps; when none are
 * granted, come back after the wait it names (at most 100 ms); a granted tick's steps take `tickMs` of time.
 * Returns the grants (time and steps) over `seconds` of simulated time.
 */
function drive(stepsPerSecond: number, seconds: number, wanted = 1000, tickMs = 1): { at: number; steps: number }[] {
  const pacer = new StepPacer(stepsPerSecond);
  const grants: { at: number; steps: number }[] = [];
  let now = 0;
  let polls = 0;
  while (now < seconds * 1000) {
    // A wait too short to move the clock would poll forever (a float bucket an ulp short of a grant did).
    if (++polls > 100_000) throw new Error(`the pacer was asked ${polls} times by ${now.toFixed(3)} ms`);
    const { steps, waitMs } = pacer.take(now, wanted);
    if (steps > 0) {
      grants.push({ at: now, steps });
      now += tickMs;
    } else {
      expect(waitMs).toBeGreaterThan(0);
      now += Math.min(waitMs, 100);
    }
  }
  return grants;
}

describe('the speed cap', () => {
  it('at the default 100 steps/s, trains 100 steps a second in ticks at least MIN_TICK_MS apart, not one tick per step', () => {
    const grants = drive(100, 10);
    const steps = grants.reduce((sum, grant) => sum + grant.steps, 0);
    // The bucket starts with one step, so 10 s hold 1000 steps and that first one.
    expect(steps).toBeGreaterThanOrEqual(995);
    expect(steps).toBeLessThanOrEqual(1001);
    const gaps = grants.slice(1).map((grant, i) => grant.at - grants[i].at);
    expect(Math.min(...gaps)).toBeGreaterThanOrEqual(MIN_TICK_MS - 1e-6);
    // ~20 ticks a second, where granting each step when due gave 100.
    expect(grants.length).toBeLessThanOrEqual(10 * (1000 / MIN_TICK_MS) + 1);
  });

  it.each([21, 30, 39, 250])('at %i steps/s: that many steps a second, in no more than 20 ticks a second', (stepsPerSecond) => {
    const grants = drive(stepsPerSecond, 10);
    const steps = grants.reduce((sum, grant) => sum + grant.steps, 0);
    expect(steps).toBeGreaterThanOrEqual(10 * stepsPerSecond - Math.ceil(stepsPerSecond / 20));
    expect(steps).toBeLessThanOrEqual(10 * stepsPerSecond + 1);
    expect(grants.length).toBeLessThanOrEqual(10 * 20 + 1);
  });

  it('at 10 steps/s, every step is its own tick, 100 ms apart', () => {
    const grants = drive(10, 5);
    expect(grants.every((grant) => grant.steps === 1)).toBe(true);
    expect(grants.length).toBeGreaterThanOrEqual(49);
    expect(grants.length).toBeLessThanOrEqual(51);
  });

  it('a plan of fewer steps than a tick’s worth is granted as soon as it is due (the first tick after Play is one step)', () => {
    const pacer = new StepPacer(100);
    expect(pacer.take(0, 1)).toEqual({ steps: 1, waitMs: 0 });
    // 20 ms later two steps are due; a plan of two takes them at once.
    expect(pacer.take(20, 2).steps).toBe(2);
  });

  it('a pause never turns into a burst: after a long wait a tick takes a quarter second of steps at most', () => {
    const pacer = new StepPacer(400);
    pacer.take(0, 1);
    expect(pacer.take(60_000, 100_000).steps).toBe(100);
  });

  it('no cap (0) grants every step wanted at once', () => {
    expect(new StepPacer(0).take(0, 5000)).toEqual({ steps: 5000, waitMs: 0 });
  });
});
