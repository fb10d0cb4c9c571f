import { describe, expect, it } from 'vitest';
import { median, metricOf, selectedResponse, selectionMetric, sweepResponse, type SweepRunRef } from './response';
import type { SweepRunResult } from './types';

/**
 * A run recorded at steps 0, 10, 20, 30 with these test losses (train = test + 0.5, accuracy = 1 − test; validation
 * = test + 0.25, its accuracy 0.95 − test).
 */
function result(index: number, testLoss: number[], diverged: SweepRunResult['diverged'] = null): SweepRunResult {
  const steps = [0, 10, 20, 30].slice(0, testLoss.length);
  const last = testLoss.length - 1;
  return {
    index,
    steps,
    testLoss,
    trainLoss: testLoss.map((v) => v + 0.5),
    testAccuracy: testLoss.map((v) => 1 - v),
    trainAccuracy: testLoss.map((v) => 1 - v),
    validationLoss: testLoss.map((v) => v + 0.25),
    validationAccuracy: testLoss.map((v) => 0.95 - v),
    final: { trainLoss: testLoss[last] + 0.5, testLoss: testLoss[last], trainAccuracy: 1 - testLoss[last], testAccuracy: 1 - testLoss[last], validationLoss: testLoss[last] + 0.25, validationAccuracy: 0.95 - testLoss[last] },
    best: { trainLoss: Number.NaN, testLoss: Number.NaN, trainAccuracy: Number.NaN, testAccuracy: Number.NaN, validationLoss: Number.NaN, validationAccuracy: Number.NaN },
    diverged,
    correct: null,
  };
}

describe('sweep response', () => {
  it('median of odd and even counts, with +∞', () => {
    expect(median([3, 1, 2])).toBe(2);
    expect(median([4, 1, 3, 2])).toBe(2.5);
    expect(median([1, Infinity, Infinity])).toBe(Infinity);
    expect(median([1, 2, Infinity, Infinity])).toBe(Infinity);
    expect(median([])).toBeNaN();
  });

  it('metrics of one run, read at a checkpoint', () => {
    const run = result(0, [0.8, 0.4, 0.2, 0.3]);
    expect(metricOf(run, { kind: 'final', of: 'testLoss' }, 3)).toBe(0.3);
    expect(metricOf(run, { kind: 'final', of: 'testLoss' }, 1)).toBe(0.4);
    expect(metricOf(run, { kind: 'best', of: 'testLoss' }, 3)).toBe(0.2);
    expect(metricOf(run, { kind: 'best', of: 'testAccuracy' }, 3)).toBe(0.8);
    expect(metricOf(run, { kind: 'stepsTo', of: 'testLoss', target: 0.4 }, 3)).toBe(10);
    expect(metricOf(run, { kind: 'stepsTo', of: 'testLoss', target: 0.25 }, 1)).toBe(Infinity);
    // Trapezoids: (0.8+0.4)/2·10 + (0.4+0.2)/2·10 + (0.2+0.3)/2·10 = 6 + 3 + 2.5 = 11.5 over 30 steps.
    expect(metricOf(run, { kind: 'area', of: 'testLoss' }, 3)).toBeCloseTo(11.5 / 30, 12);
    // Over the first two checkpoints only: 6 / 10.
    expect(metricOf(run, { kind: 'area', of: 'testLoss' }, 1)).toBeCloseTo(0.6, 12);
  });

  it('a diverged run counts as the worst value from its divergence on, and as itself before', () => {
    const run = result(0, [0.8, 0.4, Number.NaN], { atStep: 20, trainLoss: Number.NaN });
    expect(metricOf(run, { kind: 'final', of: 'testLoss' }, 2)).toBe(Infinity);
    expect(metricOf(run, { kind: 'best', of: 'testLoss' }, 2)).toBe(Infinity);
    expect(metricOf(run, { kind: 'final', of: 'testAccuracy' }, 2)).toBe(-Infinity);
    expect(metricOf(run, { kind: 'stepsTo', of: 'testLoss', target: 0.5 }, 2)).toBe(Infinity);
    expect(metricOf(run, { kind: 'final', of: 'testLoss' }, 1)).toBe(0.4);
  });

  it('per group and value: median over seeds, band, diverged named, best by the stated rule', () => {
    // Two groups × three values × two seeds; run index = group·6 + value·2 + seed.
    const runs: SweepRunRef[] = [];
    for (let group = 0; group < 2; group++) for (let value = 0; value < 3; value++) for (let seed = 0; seed < 2; seed++) runs.push({ index: runs.length, group, point: [value] });
    const finals = [
      [0.6, 0.5], [0.3, 0.2], [0.4, Number.NaN], // group 0: best at value 1 (median 0.25); value 2 has a diverged seed
      [0.5, 0.7], [0.35, 0.45], [0.1, 0.2], //       group 1: best at value 2 (median 0.15)
    ];
    const results = finals.flatMap((pair, cell) =>
      pair.map((final, seed) => result(cell * 2 + seed, [0.9, 0.8, 0.7, final], Number.isNaN(final) ? { atStep: 30, trainLoss: Number.NaN } : null)),
    );
    const response = sweepResponse(runs, results, { kind: 'final', of: 'testLoss' });
    expect(response.atStep).toBe(30);
    expect(response.cells.map((c) => [c.group, c.point[0], c.median, c.min, c.max, c.diverged])).toEqual([
      [0, 0, 0.55, 0.5, 0.6, 0],
      [0, 1, 0.25, 0.2, 0.3, 0],
      [0, 2, Infinity, 0.4, Infinity, 1],
      [1, 0, 0.6, 0.5, 0.7, 0],
      [1, 1, 0.4, 0.35, 0.45, 0],
      [1, 2, expect.closeTo(0.15, 12), 0.1, 0.2, 0],
    ]);
    expect(response.best.map((b) => b?.point[0])).toEqual([1, 2]);
    expect(response.rule).toBe('lowest median final test loss at step 30');
    // At checkpoint 1 every run reads 0.8: the first value of each group is its best (ties keep the first).
    const early = sweepResponse(runs, results, { kind: 'final', of: 'testLoss' }, 1);
    expect(early.atStep).toBe(10);
    expect(early.cells.every((c) => c.median === 0.8 && c.diverged === 0)).toBe(true);
    expect(early.best.map((b) => b?.point[0])).toEqual([0, 0]);
    const accuracy = sweepResponse(runs, results, { kind: 'final', of: 'testAccuracy' });
    expect(accuracy.rule).toBe('highest median final test accuracy at step 30');
    expect(accuracy.best.map((b) => b?.point[0])).toEqual([1, 2]);
    expect(accuracy.cells[2].median).toBe(-Infinity);
  });

  it('selects on the validation series: its words, lower loss and higher accuracy better; a run without a split has no value, not the worst', () => {
    const run = result(0, [0.8, 0.4, 0.2, 0.3]);
    expect(metricOf(run, { kind: 'final', of: 'validationLoss' }, 3)).toBeCloseTo(0.55, 12);
    expect(metricOf(run, { kind: 'best', of: 'validationLoss' }, 3)).toBeCloseTo(0.45, 12);
    expect(metricOf(run, { kind: 'best', of: 'validationAccuracy' }, 3)).toBeCloseTo(0.75, 12);
    expect(metricOf(run, { kind: 'stepsTo', of: 'validationLoss', target: 0.65 }, 3)).toBe(10);
    // Trapezoids over the validation losses 1.05, 0.65, 0.45, 0.55: 8.5 + 5.5 + 5 = 19 over 30 steps.
    expect(metricOf(run, { kind: 'area', of: 'validationLoss' }, 3)).toBeCloseTo(19 / 30, 12);
    // Two values, one seed each: value 0 ends at validation loss 0.65, value 1 at 0.45.
    const runs: SweepRunRef[] = [0, 1].map((index) => ({ index, group: 0, point: [index] }));
    const results = [result(0, [0.9, 0.4]), result(1, [0.9, 0.2])];
    const byLoss = sweepResponse(runs, results, { kind: 'final', of: 'validationLoss' });
    expect(byLoss.rule).toBe('lowest median final validation loss at step 10');
    expect(byLoss.best[0]?.point).toEqual([1]);
    const byAccuracy = sweepResponse(runs, results, { kind: 'best', of: 'validationAccuracy' });
    expect(byAccuracy.rule).toBe('highest median best validation accuracy at step 10');
    expect(byAccuracy.best[0]?.point).toEqual([1]);
    const withoutSplit = results.map((r) => ({ ...r, validationLoss: null, validationAccuracy: null }));
    const none = sweepResponse(runs, withoutSplit, { kind: 'best', of: 'validationLoss' });
    expect(none.cells.map((c) => c.median)).toEqual([Number.NaN, Number.NaN]);
    expect(none.best).toEqual([null]);
  });

  it('a cancelled sweep: unfinished cells have no value; a group whose every value diverged has no best', () => {
    const runs: SweepRunRef[] = [0, 1, 2, 3].map((index) => ({ index, group: index < 2 ? 0 : 1, point: [index % 2] }));
    const results = [result(0, [0.9, Number.NaN], { atStep: 10, trainLoss: Number.NaN }), result(1, [0.9, Number.NaN], { atStep: 10, trainLoss: Number.NaN }), result(2, [0.9, 0.5])];
    const response = sweepResponse(runs, results, { kind: 'best', of: 'trainLoss' });
    expect(response.best[0]).toBeNull();
    expect(response.best[1]?.point).toEqual([0]);
    expect(response.cells[3].values).toEqual([]);
    expect(response.cells[3].median).toBeNaN();
    expect(response.cells[0].diverged).toBe(1);
  });
});

describe('where the rule reads the runs', () => {
  const runs: SweepRunRef[] = [
    { index: 0, group: 0, point: [0] },
    { index: 1, group: 0, point: [1] },
  ];
  const metric = { kind: 'final', of: 'testLoss' } as const;
  it('before any result it names no step (not "at step 0")', () => {
    expect(sweepResponse(runs, [], metric).rule).toBe("lowest median final test loss at each run's last checkpoint");
  });
  it('runs whose steps differ at the checkpoint (a budget in epochs) give the range of steps', () => {
    const other = { ...result(1, [0.9, 0.5, 0.3, 0.2]), steps: [0, 25, 50, 75] };
    expect(sweepResponse(runs, [result(0, [0.8, 0.4, 0.2, 0.3]), other], metric).rule).toBe("lowest median final test loss at each run's last checkpoint (steps 30–75)");
    expect(sweepResponse(runs, [result(0, [0.8, 0.4, 0.2, 0.3]), other], metric, 1).rule).toBe('lowest median final test loss at checkpoint 1 of 3 (steps 10–25)');
    // A run with fewer checkpoints (a budget of time) still counts at its own last one.
    const shorter = { ...result(1, [0.9, 0.5, 0.3]), steps: [0, 400, 800] };
    expect(sweepResponse(runs, [result(0, [0.8, 0.4, 0.2, 0.3]), shorter], metric).rule).toBe("lowest median final test loss at each run's last checkpoint (steps 30–800)");
  });
});

describe('the best is never chosen on the test set (issue 17 §4)', () => {
  // Two points, one seed each: point 0 has the lower test loss, point 1 the lower validation and train loss.
  const runs: SweepRunRef[] = [
    { index: 0, group: 0, point: [0] },
    { index: 1, group: 0, point: [1] },
  ];
  const split = (index: number, test: number, heldOut: number): SweepRunResult => {
    const r = result(index, [1, test]);
    return { ...r, validationLoss: [1.25, heldOut], trainLoss: [1.5, heldOut], validationAccuracy: [0, 1 - heldOut], trainAccuracy: [0, 1 - heldOut] };
  };
  const results = [split(0, 0.1, 0.6), split(1, 0.3, 0.2)];

  it('shown the final test loss, the best is the point of lowest validation loss, and the rule and the median say so', () => {
    const response = selectedResponse(runs, results, { kind: 'final', of: 'testLoss' }, true);
    expect(sweepResponse(runs, results, { kind: 'final', of: 'testLoss' }).best[0]?.point).toEqual([0]);
    expect(response.best[0]).toEqual({ group: 0, point: [1], median: 0.3 });
    expect(response.selection).toEqual({ metric: { kind: 'final', of: 'validationLoss' }, medians: [0.2] });
    expect(response.rule).toBe('lowest median final validation loss at step 10, on the validation split (never the test set); the chart shows final test loss');
  });

  it('without a validation split it is chosen on the training set; accuracies on an accuracy, steps to a target on the same target', () => {
    expect(selectedResponse(runs, results, { kind: 'best', of: 'testLoss' }, false).best[0]?.point).toEqual([1]);
    expect(selectionMetric({ kind: 'final', of: 'testLoss' }, false)).toEqual({ kind: 'final', of: 'trainLoss' });
    expect(selectionMetric({ kind: 'final', of: 'testAccuracy' }, true)).toEqual({ kind: 'final', of: 'validationAccuracy' });
    expect(selectionMetric({ kind: 'best', of: 'trainAccuracy' }, false)).toEqual({ kind: 'best', of: 'trainAccuracy' });
    expect(selectionMetric({ kind: 'stepsTo', of: 'trainLoss', target: 0.05 }, true)).toEqual({ kind: 'stepsTo', of: 'validationLoss', target: 0.05 });
    expect(selectionMetric({ kind: 'area', of: 'testLoss' }, true)).toEqual({ kind: 'area', of: 'validationLoss' });
  });

  it('reports the test loss and accuracy at each chosen point, median over seeds, without choosing on them', () => {
    // Shown the validation loss and shown the test loss, the best is point 1, and its test figures are point 1's.
    for (const shown of [{ kind: 'final', of: 'validationLoss' }, { kind: 'final', of: 'testLoss' }, { kind: 'area', of: 'trainLoss' }] as const) {
      const response = selectedResponse(runs, results, shown, true);
      expect(response.best[0]?.point).toEqual([1]);
      expect(response.test).toEqual([{ loss: 0.3, accuracy: 0.7 }]);
    }
    // Three seeds at one point: the median of their test figures; a diverged seed counts as the worst value.
    const seeds: SweepRunRef[] = [0, 1, 2].map((index) => ({ index, group: 0, point: [0] }));
    const three = [split(0, 0.4, 0.2), split(1, 0.2, 0.2), { ...split(2, 0.1, 0.2), diverged: { atStep: 10, trainLoss: Number.NaN } }];
    expect(selectedResponse(seeds, three, { kind: 'final', of: 'validationLoss' }, true).test).toEqual([{ loss: 0.4, accuracy: 0.6 }]);
    // Read at the chart's checkpoint; a task without classes has no test accuracy; a group with no best, no figures.
    const noClasses = results.map((r) => ({ ...r, testAccuracy: null, trainAccuracy: null, validationAccuracy: null }));
    expect(selectedResponse(runs, noClasses, { kind: 'final', of: 'validationLoss' }, true, 0).test).toEqual([{ loss: 1, accuracy: null }]);
    expect(selectedResponse([...runs, { index: 9, group: 1, point: [0] }], results, { kind: 'final', of: 'validationLoss' }, true).test).toEqual([{ loss: 0.3, accuracy: 0.7 }, null]);
  });

  it('shown the selection metric itself, the response is that metric\'s, with no second reading', () => {
    const response = selectedResponse(runs, results, { kind: 'final', of: 'validationLoss' }, true);
    expect(response.selection).toBeNull();
    expect(response.best[0]).toEqual({ group: 0, point: [1], median: 0.2 });
    expect(response.rule).toBe('lowest median final validation loss at step 10, on the validation split (never the test set)');
  });
});
