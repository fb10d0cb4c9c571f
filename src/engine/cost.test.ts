import { describe, expect, it } from 'vitest';
import { EVALUATION_FLOP_BUDGET, evaluationFlops, evaluationRowsFor, MIN_EVALUATION_ROWS, shapeStepFlops, smallerHidden, stepFlops, weightCount } from './cost';

/** The heavy link: MNIST (784 inputs, 10 classes) through eight hidden layers of 1024, batch 32. */
const HEAVY = { inputSize: 784, hidden: Array<number>(8).fill(1024), outputSize: 10, batchSize: 32, innerIterations: 0 };

describe('the cost of a run, before it starts', () => {
  it('counts the weights of the dense layers', () => {
    expect(weightCount([2, 8, 1])).toBe(2 * 8 + 8 * 1);
    expect(weightCount([784, ...HEAVY.hidden, 10])).toBe(784 * 1024 + 7 * 1024 * 1024 + 1024 * 10); // 8,153,088
  });

  it('a step is 6 operations per weight and example, 2 + 4K with K inner iterations; an evaluation 2 per weight and row', () => {
    const weights = 784 * 1024 + 7 * 1024 * 1024 + 1024 * 10;
    expect(shapeStepFlops(HEAVY)).toBe(6 * 32 * weights); // ≈ 1.57 GFLOP
    expect(stepFlops(100, 10, 10)).toBe((2 + 40) * 10 * 100);
    expect(evaluationFlops(100, 4000)).toBe(2 * 4000 * 100);
  });

  it('prices a LocoProp step at (2K + 1)/3 backprop steps, the ratio its cost row states: 7 at K = 10, 1 at K = 1', () => {
    expect(stepFlops(1000, 32, 10) / stepFlops(1000, 32)).toBe(7);
    expect(stepFlops(1000, 32, 1) / stepFlops(1000, 32)).toBe(1);
    expect(stepFlops(1000, 32, 3) / stepFlops(1000, 32)).toBeCloseTo(7 / 3, 12);
  });

  it('evaluates on every row while both sets fit the budget, on fewer (at least 64) past it', () => {
    // 784-128-10: 101,632 weights; 2 sets × 2000 rows × 2 × weights = 0.81 GFLOP, under the budget.
    expect(evaluationRowsFor(784 * 128 + 128 * 10, 2000)).toBe(2000);
    // 1,000,000 weights: 2e9 / (2 sets × 2 × 1e6) = 500 rows each.
    expect(EVALUATION_FLOP_BUDGET).toBe(2e9);
    expect(evaluationRowsFor(1_000_000, 2000)).toBe(500);
    // The heavy link: 2e9 / (4 × 8,153,088) = 61 rows, raised to the floor.
    expect(evaluationRowsFor(784 * 1024 + 7 * 1024 * 1024 + 1024 * 10, 2000)).toBe(MIN_EVALUATION_ROWS);
    expect(evaluationRowsFor(1e9, 30)).toBe(30); // never more rows than the set has
  });

  it('offers a smaller network: widths halved until a step fits a tenth of a second, then layers dropped', () => {
    // At 3e5 operations per ms a step may take 3e7 operations: at batch 32, 156,250 weights. Halving 1024 three
    // times gives 128 (215,808 weights, too many), four times 64: 784·64 + 7·64² + 64·10 = 79,488 weights.
    expect(smallerHidden(HEAVY, 3e5)).toEqual(Array<number>(8).fill(64));
    // A network that already fits is offered nothing.
    expect(smallerHidden({ ...HEAVY, hidden: [16] }, 3e5)).toBeNull();
    // At 1 operation per ms not even one 8-unit layer fits (784·8 + 8·10 weights × 192): nothing to offer.
    expect(smallerHidden(HEAVY, 1)).toBeNull();
    // Halving to the narrowest width is not enough, dropping layers is: 784·8 + 8·8 + 8·10 = 6,416 weights for
    // two layers (1.23e6 per step), 6,352 for one (1.22e6): a budget of 1.22e6 per 100 ms keeps one layer.
    expect(smallerHidden({ ...HEAVY, hidden: [1024, 1024] }, (6 * 32 * (784 * 8 + 8 * 10)) / 100)).toEqual([8]);
  });
});
