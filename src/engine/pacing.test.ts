import { describe, expect, it } from 'vitest';
import { paceTick, planTick, TICK_GROWTH } from './pacing';

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

describe('a speed cap cutting a tick', () => {
  it('keeps equal time: the cheapest run takes what the cap allows, a costlier one the same time over ticks', () => {
    // Ticks of 1.2 ms a step against 3 ms a step (own clocks); the cap allows one step a tick.
    const runs = [
      { tickMsPerStep: 1.2, paceCredit: 0 },
      { tickMsPerStep: 3, paceCredit: 0 },
    ];
    const done = [0, 0];
    for (let tick = 0; tick < 100; tick++) {
      const [a, b] = paceTick(1, 'time', runs);
      done[0] += a;
      done[1] += b;
    }
    expect(done).toEqual([100, 40]);
    // The same time: 100 × 1.2 ms = 40 × 3 ms.
    expect(done[0] * 1.2).toBeCloseTo(done[1] * 3);
  });

  it('keeps lockstep: every run takes exactly the steps the cap allows, whatever its cost', () => {
    const runs = [
      { tickMsPerStep: 1.2, paceCredit: 0 },
      { tickMsPerStep: 3, paceCredit: 0 },
    ];
    expect(paceTick(3, 'lockstep', runs)).toEqual([3, 3]);
    expect(runs.map((run) => run.paceCredit)).toEqual([0, 0]);
  });

  it('gives a run whose cost is not known yet (no tick) the full grant', () => {
    const runs = [
      { tickMsPerStep: 0, paceCredit: 0 },
      { tickMsPerStep: 2, paceCredit: 0 },
    ];
    expect(paceTick(2, 'time', runs)).toEqual([2, 2]);
  });
});
