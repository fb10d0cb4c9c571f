import { describe, expect, it } from 'vitest';
import { planTick, TICK_GROWTH } from './pacing';

describe('sharing a tick among runs', () => {
  const cheap = { msPerStep: 0.5, lastSteps: 1000 };
  const costly = { msPerStep: 5, lastSteps: 1000 };

  it('lockstep gives every run the same steps, fitting the budget at their summed cost', () => {
    const steps = planTick([cheap, costly, cheap], 'lockstep', 120);
    expect(new Set(steps).size).toBe(1);
    expect(steps[0]).toBe(Math.floor(120 / 6));
  });

  it('equal time gives each run the same time, so a costlier run does fewer steps', () => {
    const [a, b] = planTick([cheap, costly], 'time', 100);
    expect(a).toBe(100);
    expect(b).toBe(10);
    expect(a * cheap.msPerStep).toBeCloseTo(b * costly.msPerStep);
  });

  it('starts every run with one step and grows at most TICK_GROWTH-fold per tick', () => {
    expect(planTick([{ msPerStep: 0.01, lastSteps: 0 }], 'time', 250)).toEqual([1]);
    expect(planTick([{ msPerStep: 0.01, lastSteps: 5 }], 'time', 250)).toEqual([5 * TICK_GROWTH]);
    // In lockstep the slowest-growing run holds the others back, so counts stay equal.
    expect(planTick([{ msPerStep: 0.01, lastSteps: 100 }, { msPerStep: 0.01, lastSteps: 2 }], 'lockstep', 250)).toEqual([8, 8]);
  });

  it('never plans zero steps, even when one step exceeds the budget', () => {
    expect(planTick([{ msPerStep: 500, lastSteps: 3 }, cheap], 'lockstep', 50)).toEqual([1, 1]);
    expect(planTick([{ msPerStep: 500, lastSteps: 3 }], 'time', 50)).toEqual([1]);
  });
});
