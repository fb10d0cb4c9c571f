import { describe, expect, it } from 'vitest';
import { budgetCommit, budgetHint } from './BudgetControl';

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

describe('a typed budget', () => {
  it('names the rule the text broke and the value the field then shows', () => {
    // Below 0: no budget, and the field shows it as it shows no budget (empty), not "using 0".
    expect(budgetCommit('-5', '300')).toEqual({ value: 0, warning: 'Stop at: -5 is below 0; no budget (the field is empty).' });
    // Only the whole-number rule is broken: no range named.
    expect(budgetCommit('2.5', '')).toEqual({ value: 3, warning: 'Stop at: 2.5 is not a whole number; using 3.' });
    expect(budgetCommit('20000000', '')).toEqual({ value: 10_000_000, warning: 'Stop at: 20000000 is above the most, 10,000,000; using 10,000,000.' });
    expect(budgetCommit('abc', '300')).toEqual({ value: null, warning: 'Stop at: "abc" is not a number; kept 300.' });
  });

  it('takes a whole number and empty (no budget) without a word', () => {
    expect(budgetCommit('400', '300')).toEqual({ value: 400, warning: null });
    expect(budgetCommit(' ', '300')).toEqual({ value: 0, warning: null });
  });
});
