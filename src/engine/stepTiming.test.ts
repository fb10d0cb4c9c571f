import { describe, expect, it } from 'vitest';
import { MIN_TIMED_MS, MIN_TIMED_STEPS, measuredMsPerStep, StepTimer, timeIsMeasured } from './stepTiming';

describe('when a time per step may be shown', () => {
  it('needs 20 steps and 50 ms of step time together', () => {
    expect([MIN_TIMED_STEPS, MIN_TIMED_MS]).toEqual([20, 50]);
    expect(timeIsMeasured(20, 50)).toBe(true);
    expect(timeIsMeasured(19, 5000)).toBe(false);
    expect(timeIsMeasured(4096, 49.9)).toBe(false);
    expect(timeIsMeasured(100, Number.NaN)).toBe(false);
    // The reading of the issue: one step "timed" at the 1e-3 ms floor of a division.
    expect(measuredMsPerStep(1, 1e-3)).toBeNull();
    expect(measuredMsPerStep(40, 60)).toBe(1.5);
  });

  it('a timer adds ticks until they pass the rule, then keeps only the recent ones the rule needs', () => {
    const timer = new StepTimer();
    timer.add('a', 2, 30);
    expect(timer.msPerStep('a')).toBeNull(); // 2 steps
    for (let i = 0; i < 8; i++) timer.add('a', 2, 0.002);
    expect(timer.msPerStep('a')).toBeNull(); // 18 steps
    timer.add('a', 2, 20);
    expect(timer.msPerStep('a')).toBeCloseTo(50.016 / 20, 12); // 20 steps, 50.016 ms
    timer.add('a', 100, 300);
    expect(timer.msPerStep('a')).toBe(3); // the last tick alone passes: the older ones go
    timer.add('a', 10, 10);
    expect(timer.msPerStep('a')).toBe(310 / 110);
  });

  it('starts afresh when the settings a step costs change', () => {
    const timer = new StepTimer();
    timer.add('backprop', 100, 100);
    expect(timer.msPerStep('backprop')).toBe(1);
    expect(timer.msPerStep('locoprop-m')).toBeNull();
    timer.add('locoprop-m', 10, 40);
    expect(timer.msPerStep('locoprop-m')).toBeNull();
    expect(timer.msPerStep('backprop')).toBeNull();
  });
});
