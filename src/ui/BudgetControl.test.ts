import { describe, expect, it } from 'vitest';
import { budgetHint } from './BudgetControl';

describe('the budget read in the other unit', () => {
  it('says what an epoch is in steps for the data and batch, before any budget is set', () => {
    expect(budgetHint(0, 'steps', [{ rows: 250, batchSize: 10 }]).short).toBe('1 epoch = 25 steps');
    expect(budgetHint(0, 'steps', [{ rows: 250, batchSize: 16 }]).short).toBe('1 epoch = 15.6 steps');
    expect(budgetHint(0, 'steps', [])).toEqual({ short: '', long: '' });
  });

  it('reads epochs as steps and steps as epochs, as a range when the runs’ batch sizes differ', () => {
    const runs = [{ rows: 250, batchSize: 10 }, { rows: 250, batchSize: 25 }];
    expect(budgetHint(3, 'epochs', runs).short).toBe('3 epochs = 30–75 steps (1 epoch = 10–25)');
    expect(budgetHint(300, 'steps', runs).short).toBe('300 steps ≈ 12–30 epochs (1 epoch = 10–25 steps)');
    expect(budgetHint(3, 'epochs', runs).long).toContain('250 training rows / batch 10–25');
    // A batch larger than the rows is clipped, as the session clips it.
    expect(budgetHint(2, 'epochs', [{ rows: 50, batchSize: 64 }]).short).toBe('2 epochs = 2 steps (1 epoch = 1)');
  });
});
