import { describe, expect, it } from 'vitest';
import type { MetricHistory } from '../../state/runSeries';
import { CSV_HEADER, lossCsv } from './lossCsv';
import { axisValues, legendEntries, lossChartModel, lossReadout, readoutX, valueExtent, visibleChartRuns, type ChartRun } from './runChartModel';

const STEPS = [0, 10, 20, 30, 40];

/** A run's history at STEPS, with `wallMs` per step given, and per-seed losses when `seedLosses` has more than one. */
function history(trainLoss: number[], options: { wallMsPerStep?: number; testLoss?: number[]; seedLosses?: number[][] } = {}): MetricHistory {
  const columns: Record<string, number[]> = {
    step: STEPS,
    epoch: STEPS.map((s) => s / 10),
    examplesSeen: STEPS.map((s) => s * 32),
    wallMs: STEPS.map((s) => s * (options.wallMsPerStep ?? 100)),
    trainLoss,
    testLoss: options.testLoss ?? trainLoss.map((v) => v + 0.1),
    trainAccuracy: STEPS.map(() => Number.NaN),
    testAccuracy: STEPS.map(() => Number.NaN),
    learningRate: STEPS.map(() => 0.01),
  };
  options.seedLosses?.forEach((losses, s) => {
    columns[`train@${s}`] = losses;
    columns[`test@${s}`] = losses.map((v) => v + 0.1);
  });
  return columns as MetricHistory;
}

function run(position: number, h: MetricHistory, seeds = [1]): ChartRun {
  return {
    id: `run-${position}`,
    position,
    name: position === 1 ? 'Backprop, Adam, lr 0.01' : 'LocoProp-M, γ = 3',
    color: ['#0072B2', '#D55E00', '#009E73'][position - 1],
    task: 'binary',
    seeds,
    history: h,
    rateHistory: { steps: [], learningRates: [], momenta: [] },
    probes: {},
  };
}

const OPTIONS = { axis: 'step' as const, band: 'minmax' as const, smoothing: 0, logY: false, maxPoints: 600 };
const SEEDS = [
  [1, 0.8, 0.6, 0.5, 0.4],
  [1.2, 0.9, 0.5, 0.45, 0.42],
  [0.9, 0.7, 0.7, 0.6, 0.3],
];
/** The host's median of the seeds, as the store holds it in trainLoss. */
const MEDIAN = [1, 0.8, 0.6, 0.5, 0.4];

describe('loss chart over runs', () => {
  it('draws every visible run in its colour, train solid and test dashed, and not a hidden run', () => {
    const views = [1, 2, 3].map((p) => ({ id: `run-${p}`, position: p, name: `run ${p}`, color: `#00000${p}` }));
    const data = Object.fromEntries(views.map((v) => [v.id, { problem: { task: 'binary' as const }, seeds: [1], history: history([1, 0.5, 0.3, 0.2, 0.1]), rateHistory: { steps: [], learningRates: [], momenta: [] }, probes: {} }]));
    const runs = visibleChartRuns(views, data, new Set(['run-2']));
    const model = lossChartModel(runs, OPTIONS);
    expect(model.runIds).toEqual(['run-1', 'run-3']);
    expect(model.lines.map((l) => l.id)).toEqual(['run-1/train', 'run-1/test', 'run-3/train', 'run-3/test']);
    expect(model.lines.some((l) => l.id.startsWith('run-2'))).toBe(false);
    expect(model.styles['run-3/train']).toMatchObject({ color: '#000003', dash: undefined, width: 2 });
    expect(model.styles['run-3/test'].dash).toBeDefined();
    // A run the worker has not reported yet is not drawn either.
    expect(visibleChartRuns(views, { 'run-1': data['run-1'] }, new Set()).map((r) => r.id)).toEqual(['run-1']);
  });

  it('draws the raw line faint behind the smoothed one only when smoothing is on', () => {
    const runs = [run(1, history([1, 0.2, 0.9, 0.1, 0.5]))];
    expect(lossChartModel(runs, OPTIONS).lines.map((l) => l.id)).toEqual(['run-1/train', 'run-1/test']);
    const smoothed = lossChartModel(runs, { ...OPTIONS, smoothing: 0.6 });
    expect(smoothed.lines.map((l) => l.id)).toEqual(['run-1/train/raw', 'run-1/test/raw', 'run-1/train', 'run-1/test']);
    expect(smoothed.styles['run-1/train/raw'].opacity).toBeLessThan(0.5);
    expect(smoothed.lines[0].points.map((p) => p.y)).toEqual([1, 0.2, 0.9, 0.1, 0.5]);
    expect(smoothed.lines[2].points[2].y).not.toBe(0.9);
  });

  it('draws a repeated run as its median inside a band, min–max or interquartile', () => {
    const repeated = run(2, history(MEDIAN, { seedLosses: SEEDS }), [7, 8, 9]);
    for (const band of ['minmax', 'iqr'] as const) {
      const model = lossChartModel([repeated], { ...OPTIONS, band });
      expect(model.bands.map((b) => b.id)).toEqual(['run-2/train/band', 'run-2/test/band']);
      const median = model.lines.find((l) => l.id === 'run-2/train');
      expect(median?.points.map((p) => p.y)).toEqual(MEDIAN);
      model.bands[0].points.forEach((b, i) => {
        expect(b.range).not.toBeNull();
        expect(b.range?.[0]).toBeLessThanOrEqual(MEDIAN[i]);
        expect(b.range?.[1]).toBeGreaterThanOrEqual(MEDIAN[i]);
      });
    }
    const minmax = lossChartModel([repeated], OPTIONS).bands[0].points;
    const iqr = lossChartModel([repeated], { ...OPTIONS, band: 'iqr' }).bands[0].points;
    expect(minmax[1].range).toEqual([0.7, 0.9]);
    expect(iqr[1].range?.[1]).toBeLessThan(0.9);
    // With smoothing on, a repeated run still has no raw line: the band shows the spread.
    expect(lossChartModel([repeated], { ...OPTIONS, smoothing: 0.5 }).lines.some((l) => l.id.endsWith('/raw'))).toBe(false);
  });

  it('places each run on the time axis by its own training time', () => {
    const fast = run(1, history([1, 0.5, 0.3, 0.2, 0.1], { wallMsPerStep: 10 }));
    const slow = run(2, history([1, 0.6, 0.4, 0.3, 0.2], { wallMsPerStep: 200 }));
    const model = lossChartModel([fast, slow], { ...OPTIONS, axis: 'time' });
    expect(model.lines.find((l) => l.id === 'run-1/train')?.points.map((p) => p.x)).toEqual([0, 0.1, 0.2, 0.3, 0.4]);
    expect(model.lines.find((l) => l.id === 'run-2/train')?.points.map((p) => p.x)).toEqual([0, 2, 4, 6, 8]);
    expect(model.xDomain).toEqual([0, 8]);
    expect(axisValues(slow.history, 'epoch')).toEqual([0, 1, 2, 3, 4]);
  });

  it('leaves out a loss a run does not have (no test set)', () => {
    const model = lossChartModel([run(1, history([1, 0.5, 0.3, 0.2, 0.1], { testLoss: STEPS.map(() => Number.NaN) }))], OPTIONS);
    expect(model.lines.map((l) => l.id)).toEqual(['run-1/train']);
  });

  it('names each run once in the legend, saying how a repeated run is drawn', () => {
    const runs = [run(1, history(MEDIAN)), run(2, history(MEDIAN, { seedLosses: SEEDS }), [7, 8, 9])];
    expect(legendEntries(runs, 'iqr')).toEqual([
      { runId: 'run-1', label: 'Run 1 · Backprop, Adam, lr 0.01', color: '#0072B2', note: null },
      { runId: 'run-2', label: 'Run 2 · LocoProp-M, γ = 3', color: '#D55E00', note: 'median of 3 seeds, interquartile band' },
    ]);
  });

  it('reads the drawn values nearest the pointer, per run, with the band of a repeated run', () => {
    const runs = [run(1, history([1, 0.5, 0.3, 0.2, 0.1])), run(2, history(MEDIAN, { seedLosses: SEEDS }), [7, 8, 9])];
    const model = lossChartModel(runs, OPTIONS);
    const rows = lossReadout(model, runs, 12);
    expect(rows.map((r) => r.label)).toEqual(['Run 1 · Backprop, Adam, lr 0.01', 'Run 2 · LocoProp-M, γ = 3']);
    expect(rows[0].values).toEqual([
      { kind: 'train', value: 0.5, x: 10, range: null },
      { kind: 'test', value: 0.6, x: 10, range: null },
    ]);
    expect(rows[1].values[0]).toEqual({ kind: 'train', value: 0.8, x: 10, range: [0.7, 0.9] });
    // The readout names the step its values were measured at (10), not the pointer's (12).
    expect(readoutX(rows)).toBe(10);
  });

  it('says no single x when the runs were measured at different steps near the pointer (new-user walk: "at step 73" over a value from step 35)', () => {
    const sparse: MetricHistory = { ...history([1, 0.5, 0.3, 0.2, 0.1]) };
    const shifted = Object.fromEntries(Object.entries(sparse).map(([key, column]) => [key, key === 'step' ? column.map((s) => s + 5) : column])) as MetricHistory;
    const runs = [run(1, sparse), run(2, shifted)];
    const rows = lossReadout(lossChartModel(runs, OPTIONS), runs, 13);
    expect(rows.map((row) => row.values[0].x)).toEqual([10, 15]);
    expect(readoutX(rows)).toBeNull();
  });
});

describe('loss CSV', () => {
  it('has one row per run, step and metric, quoted run names, and no NaN rows', () => {
    const test = [1.1, Number.NaN, 0.4, 0.3, 0.2];
    const runs = [run(1, history([1, 0.5, 0.3, 0.2, 0.1], { testLoss: test })), run(2, history(MEDIAN, { seedLosses: SEEDS }), [7, 8, 9])];
    const lines = lossCsv(runs).split('\n');
    expect(lines[0]).toBe(CSV_HEADER);
    expect(lines.some((l) => /nan/i.test(l))).toBe(false);
    expect(lines[1]).toBe('"Run 1 · Backprop, Adam, lr 0.01",0,0,0,0.0,train_loss,1');
    // Run 1: train loss and learning rate at 5 steps, test loss at 4 (accuracy is NaN: a regression).
    const run1 = lines.filter((l) => l.startsWith('"Run 1'));
    expect(run1).toHaveLength(5 + 4 + 5);
    expect(run1.filter((l) => l.includes(',test_loss,'))).toHaveLength(4);
    // Run 2 adds each seed's losses: 5 steps × (3 metrics + 3 seeds × 2).
    const run2 = lines.filter((l) => l.startsWith('"Run 2'));
    expect(run2).toHaveLength(5 * (3 + 6));
    expect(run2).toContain('"Run 2 · LocoProp-M, γ = 3",10,1,320,1000.0,train_loss_seed_9,0.7');
    const keys = lines.slice(1).map((l) => l.split(',').slice(0, -1).join(','));
    expect(new Set(keys).size).toBe(keys.length);
  });

  it('writes only the header for no runs', () => {
    expect(lossCsv([])).toBe(CSV_HEADER);
  });
});

describe('loss chart extent', () => {
  it('spans the lines and the bands, positive values only on a log axis', () => {
    const runs = [run(1, history([1, 0.5, 0.3, 0.2, 0.1])), run(2, history(MEDIAN, { seedLosses: SEEDS }), [7, 8, 9])];
    const model = lossChartModel(runs, OPTIONS);
    // The band reaches 1.3 (seed 2's test loss at step 0) and 0.3 (seed 3's train loss at step 40).
    expect(valueExtent(model, false)).toEqual([0.1, 1.3]);
    const withZero = lossChartModel([run(1, history([1, 0.5, 0, 0.2, 0.1]))], OPTIONS);
    expect(valueExtent(withZero, false)?.[0]).toBe(0);
    expect(valueExtent(lossChartModel([run(1, history([1, 0.5, 0, 0.2, 0.1]))], { ...OPTIONS, logY: true }), true)?.[0]).toBe(0.1);
  });
});
