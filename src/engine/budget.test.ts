import { describe, expect, it } from 'vitest';
import { budgetSteps, capToBudget, stepsLeft, stepsPerEpoch } from './budget';

describe('the training budget in steps', () => {
  it('is no budget at 0, and a step count as it is', () => {
    expect(budgetSteps({ value: 0, unit: 'steps' }, 250, 10)).toBeNull();
    expect(budgetSteps({ value: 0, unit: 'epochs' }, 250, 10)).toBeNull();
    expect(budgetSteps({ value: 300, unit: 'steps' }, 250, 10)).toBe(300);
    expect(budgetSteps({ value: 300, unit: 'steps' }, 250, 64)).toBe(300);
  });

  it('converts epochs with the data size and the batch size: training rows / batch steps each, rounded', () => {
    // The default circle: 250 training points, batch 10: 25 steps an epoch.
    expect(stepsPerEpoch(250, 10)).toBe(25);
    expect(budgetSteps({ value: 3, unit: 'epochs' }, 250, 10)).toBe(75);
    expect(budgetSteps({ value: 3, unit: 'epochs' }, 250, 25)).toBe(30);
    // 1,437 rows at batch 32: 44.906… steps an epoch; 2 epochs are 89.8, so 90 steps.
    expect(budgetSteps({ value: 2, unit: 'epochs' }, 1437, 32)).toBe(90);
    expect(budgetSteps({ value: 1, unit: 'epochs' }, 1437, 32)).toBe(45);
    // A batch larger than the rows is clipped to them (as the session clips it): one step an epoch.
    expect(budgetSteps({ value: 5, unit: 'epochs' }, 50, 64)).toBe(5);
  });

  it('caps a tick so that no run passes its budget', () => {
    expect(stepsLeft(null, 1e6)).toBe(Number.POSITIVE_INFINITY);
    expect(stepsLeft(300, 256)).toBe(44);
    expect(stepsLeft(300, 341)).toBe(0);
    expect(capToBudget([1024, 1024], [44, Number.POSITIVE_INFINITY])).toEqual([44, 1024]);
    expect(capToBudget([3, 0], [44, 44])).toEqual([3, 0]);
  });
});
