import { describe, expect, it } from 'vitest';
import { newRunSeries, type MetricHistory } from '../../state/runSeries';
import { bestOf, compareFinalBands, csvField, effectiveTargetLoss, firstReaching, summarizeRun, summaryCsv, type SummaryHistory, type SummaryRow } from './summary';

/** A history as the run store holds it: ticks pushed into a run's bounded series. */
function historyOf(ticks: { step: number; wallMs: number; train: number; test?: number; accuracy?: number; seeds?: number[] }[], seedCount = 1): SummaryHistory {
  const series = newRunSeries(seedCount);
  for (const t of ticks) {
    const point: Record<string, number> = {
      step: t.step,
      epoch: t.step / 10,
      examplesSeen: t.step * 16,
      wallMs: t.wallMs,
      trainLoss: t.train,
      testLoss: t.test ?? t.train + 0.05,
      trainAccuracy: t.accuracy ?? Number.NaN,
      testAccuracy: t.accuracy === undefined ? Number.NaN : t.accuracy - 0.01,
      learningRate: 0.01,
    };
    t.seeds?.forEach((loss, s) => (point[`train@${s}`] = loss));
    series.metrics.push(point);
  }
  return series.metrics.columns as MetricHistory;
}

describe('time to a target loss', () => {
  it('auto-targets the loss every run has reached: each run gets a time, the slower one its latest tick', () => {
    // The MNIST autoencoder's scale: no run comes near a fixed 0.2.
    const backprop = historyOf([
      { step: 0, wallMs: 0, train: 140 },
      { step: 500, wallMs: 20_000, train: 43 },
      { step: 2000, wallMs: 86_000, train: 31 },
    ]);
    const locoprop = historyOf([
      { step: 0, wallMs: 0, train: 140 },
      { step: 250, wallMs: 80_000, train: 29.5 },
      { step: 500, wallMs: 170_000, train: 27.7 },
    ]);
    const target = effectiveTargetLoss(null, [backprop, locoprop]);
    expect(target).toBe(31);
    expect(summarizeRun(backprop, 1, target).target).toEqual({ step: 2000, wallMs: 86_000 });
    expect(summarizeRun(locoprop, 1, target).target).toEqual({ step: 250, wallMs: 80_000 });
    // A typed target wins; a run that diverged (NaN) or has no ticks yet does not set the auto target.
    expect(effectiveTargetLoss(0.5, [backprop])).toBe(0.5);
    expect(effectiveTargetLoss(null, [locoprop, historyOf([{ step: 0, wallMs: 0, train: Number.NaN }]), historyOf([])])).toBe(27.7);
    expect(effectiveTargetLoss(null, [historyOf([])])).toBeNaN();
  });

  it('reports the first tick at or below the target when the crossing falls between two ticks', () => {
    const history = historyOf([
      { step: 0, wallMs: 0, train: 0.7 },
      { step: 100, wallMs: 40, train: 0.35 },
      { step: 400, wallMs: 160, train: 0.18 },
      { step: 900, wallMs: 350, train: 0.12 },
    ]);
    expect(firstReaching(history, 0.2)).toEqual({ step: 400, wallMs: 160 });
    // Exactly at the target counts as reached.
    expect(firstReaching(history, 0.35)).toEqual({ step: 100, wallMs: 40 });
  });

  it('is null ("not yet") while no tick is at or below it, and for a NaN target', () => {
    const history = historyOf([
      { step: 0, wallMs: 0, train: 0.7 },
      { step: 50, wallMs: 20, train: 0.5 },
    ]);
    expect(firstReaching(history, 0.2)).toBeNull();
    expect(firstReaching(history, Number.NaN)).toBeNull();
    expect(summarizeRun(history, 1, 0.2).target).toBeNull();
  });

  it('does not count a diverged (NaN) tick as reaching the target', () => {
    const history = historyOf([
      { step: 0, wallMs: 0, train: 0.7 },
      { step: 10, wallMs: 5, train: Number.NaN },
      { step: 20, wallMs: 9, train: 0.1 },
    ]);
    expect(firstReaching(history, 0.2)?.step).toBe(20);
  });
});

describe('the run summary', () => {
  it('gives final and best losses, accuracy, and ms per step from the training clock', () => {
    const history = historyOf([
      { step: 0, wallMs: 0, train: 0.7, test: 0.72, accuracy: 0.5 },
      { step: 200, wallMs: 100, train: 0.2, test: 0.25, accuracy: 0.9 },
      { step: 400, wallMs: 220, train: 0.24, test: 0.23, accuracy: 0.93 },
    ]);
    const s = summarizeRun(history, 1, 0.22);
    expect(s.steps).toBe(400);
    expect([s.finalTrainLoss, s.bestTrainLoss, s.finalTestLoss, s.bestTestLoss]).toEqual([0.24, 0.2, 0.23, 0.23]);
    expect(s.trainAccuracy).toBe(0.93);
    expect(s.testAccuracy).toBeCloseTo(0.92);
    expect(s.msPerStep).toBeCloseTo(0.55);
    expect(s.target).toEqual({ step: 200, wallMs: 100 });
    expect(s.seedFinalTrainLosses).toEqual([]);
  });

  it('keeps NaN where a number does not exist: regression accuracy, an empty history, best of only NaNs', () => {
    const regression = summarizeRun(historyOf([{ step: 10, wallMs: 4, train: 0.3 }]), 1, 0.2);
    expect(regression.trainAccuracy).toBeNaN();
    expect(regression.testAccuracy).toBeNaN();
    const empty = summarizeRun(historyOf([]), 1, 0.2);
    expect(empty.steps).toBe(0);
    expect(empty.finalTrainLoss).toBeNaN();
    expect(empty.bestTrainLoss).toBeNaN();
    expect(empty.msPerStep).toBeNaN();
    expect(bestOf([Number.NaN, Number.POSITIVE_INFINITY, 0.4, Number.NaN])).toBe(0.4);
    expect(bestOf([Number.NaN])).toBeNaN();
  });

  it("reads a repeated run's per-seed final losses from its seed columns", () => {
    const history = historyOf(
      [
        { step: 0, wallMs: 0, train: 0.7, seeds: [0.7, 0.69, 0.71] },
        { step: 300, wallMs: 90, train: 0.2, seeds: [0.18, 0.2, 0.26] },
      ],
      3,
    );
    expect(summarizeRun(history, 3, 0.1).seedFinalTrainLosses).toEqual([0.18, 0.2, 0.26]);
  });
});

const row = (position: number, name: string, seeds: number[]): SummaryRow => ({
  position,
  name,
  summary: { ...summarizeRun(historyOf([{ step: 10, wallMs: 5, train: seeds[0] ?? 0.5 }]), seeds.length || 1, 0.2), seedFinalTrainLosses: seeds, seedCount: seeds.length || 1 },
});

describe('seed bands of repeated runs', () => {
  it('says whether the final bands overlap, naming the lower run first, and skips single-seed runs', () => {
    const pairs = compareFinalBands(
      [row(1, 'a', [0.3, 0.32, 0.35]), row(2, 'b', []), row(3, 'c', [0.1, 0.12, 0.15]), row(4, 'd', [0.33, 0.4, 0.5])],
      'minmax',
    );
    expect(pairs.map((p) => [p.lower, p.higher, p.overlap])).toEqual([
      [3, 1, false],
      [1, 4, true],
      [3, 4, false],
    ]);
  });

  it('compares interquartile ranges when asked, which can separate runs whose min–max bands touch', () => {
    const a = row(1, 'a', [0.1, 0.2, 0.2, 0.2, 0.5]);
    const b = row(2, 'b', [0.45, 0.6, 0.6, 0.6, 0.7]);
    expect(compareFinalBands([a, b], 'minmax')[0].overlap).toBe(true);
    expect(compareFinalBands([a, b], 'iqr')[0].overlap).toBe(false);
  });
});

describe('the summary as CSV', () => {
  it('quotes names with commas or quotes and leaves missing numbers empty', () => {
    expect(csvField('Backprop, Adam, lr 0.01')).toBe('"Backprop, Adam, lr 0.01"');
    expect(csvField('say "hi"')).toBe('"say ""hi"""');
    expect(csvField('plain')).toBe('plain');
    expect(csvField(Number.NaN)).toBe('');
    expect(csvField(0.125)).toBe('0.125');
  });

  it('has one row per run, with its name and every number, readable back field by field', () => {
    const history = historyOf([
      { step: 0, wallMs: 0, train: 0.7, accuracy: 0.5 },
      { step: 100, wallMs: 50, train: 0.15, accuracy: 0.95 },
    ]);
    const rows: SummaryRow[] = [
      { position: 1, name: 'Backprop, Adam, lr 0.01', summary: summarizeRun(history, 1, 0.2) },
      { position: 2, name: 'LocoProp-M, γ = 3', summary: summarizeRun(historyOf([{ step: 0, wallMs: 0, train: 0.7 }]), 1, 0.2) },
    ];
    const lines = summaryCsv(rows, 0.2).trimEnd().split('\n');
    expect(lines).toHaveLength(3);
    expect(lines[0]).toBe(
      'run,name,seeds,steps,final_train_loss,best_train_loss,final_test_loss,best_test_loss,train_accuracy,test_accuracy,target_train_loss,steps_to_target,training_ms_to_target,ms_per_step,seed_min_final_train_loss,seed_max_final_train_loss',
    );
    expect(lines[1]).toBe('1,"Backprop, Adam, lr 0.01",1,100,0.15,0.15,0.2,0.2,0.95,0.94,0.2,100,50,0.5,,');
    // Not reached, regression-like NaN accuracy, no steps yet: empty fields, not "NaN".
    expect(lines[2]).toBe('2,"LocoProp-M, γ = 3",1,0,0.7,0.7,0.75,0.75,,,0.2,,,,,');
  });
});
