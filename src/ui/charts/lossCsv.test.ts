import { CIRCLE_PROBLEM } from '../../test/problems';
import { describe, expect, it } from 'vitest';
import { HISTORY_LIMITS, metricLogOf, MetricLog, useRunStore } from '../../state/runStore';
import type { MetricPoint, WorkerEvent } from '../../worker/protocol';
import { recordDivergence } from '../../state/runSeries';
import { CSV_HEADER, logColumns, lossCsv } from './lossCsv';

type Tick = Omit<Extract<WorkerEvent, { type: 'tick' }>, 'type'>;

const empty = { inputs: new Float32Array(0), targets: new Float32Array(0) };
const noRates = { steps: [], learningRates: [], momenta: [] };

function tick(runId: string, metric: MetricPoint, seedLosses: Tick['seedLosses'] = null): Tick {
  return {
    runId, metric, seedLosses, grid: null, gridSize: 0, gallery: null, confusion: null, correct: null, seedCorrect: null, stepsPerSecond: 0, algorithm: 'backprop', msPerStep: null,
    diagnostics: null, probes: null, kernelPath: 'plain', requestId: null, rates: noRates,
  };
}

/** What the worker reports at a step: the untrained tick has no learning rate yet (NaN), a regression no accuracy. */
const metricAt = (step: number): MetricPoint => ({
  step, epoch: step / 10, examplesSeen: step * 10, wallMs: step * 0.25, trainLoss: 1 / (1 + step), testLoss: 1.1 / (1 + step),
  trainAccuracy: Number.NaN, testAccuracy: Number.NaN, learningRate: step === 0 ? Number.NaN : 0.03, validationLoss: Number.NaN,
});

describe('the metric history CSV', () => {
  it('has one row per run, reported step and metric over the whole history (not the compacted chart series), and no NaN', () => {
    const store = useRunStore.getState();
    store.startRun({ runId: 'a', problem: CIRCLE_PROBLEM, train: empty, test: empty, gallery: null, parameterCount: 0, seeds: [1] });
    store.startRun({ runId: 'b', problem: CIRCLE_PROBLEM, train: empty, test: empty, gallery: null, parameterCount: 0, seeds: [4, 5] });
    // Far more ticks than the bounded series keep at full resolution.
    const ticks = HISTORY_LIMITS.metrics.capacity * 3;
    for (let t = 0; t < ticks; t++) {
      store.addTick(tick('a', metricAt(t)));
      if (t < 50) store.addTick(tick('b', metricAt(t), { train: [0.5, 0.7], test: [0.6, 0.8] }));
    }
    // A divergence put run b back to step 40: what it logged after that is replaced.
    store.addTick(tick('b', metricAt(40)));
    expect(useRunStore.getState().runs.a.history.step.length).toBeLessThan(ticks);
    expect(metricLogOf('a').length).toBe(ticks);
    expect(metricLogOf('b').length).toBe(41);

    const runs = [
      { position: 1, name: 'Backprop, SGD', seeds: [1], history: logColumns(metricLogOf('a')) },
      { position: 2, name: 'lr 0.1, "fast"', seeds: [4, 5], history: logColumns(metricLogOf('b')) },
    ];
    const lines = lossCsv(runs).split('\n');
    expect(lines[0]).toBe(CSV_HEADER);
    expect(lines.some((line) => /nan/i.test(line))).toBe(false);
    // The untrained tick: losses, no learning rate yet; rows are keyed by run, step and metric.
    expect(lines[1]).toBe('"Run 1 · Backprop, SGD",0,0,0,0.0,train_loss,1');
    const run1 = lines.filter((line) => line.startsWith('"Run 1'));
    expect(run1).toHaveLength(ticks * 3 - 1); // train, test loss at every tick, learning rate at every tick but the first
    const run2 = lines.filter((line) => line.startsWith('"Run 2'));
    expect(run2).toHaveLength(41 * 3 - 1 + 40 * 4); // the last tick (the restore) has no seed losses
    expect(run2[0]).toBe('"Run 2 · lr 0.1, ""fast""",0,0,0,0.0,train_loss,1');
    const keys = lines.slice(1).map((line) => line.slice(0, line.lastIndexOf(',')));
    expect(new Set(keys).size).toBe(keys.length);
    const steps = new Set(run1.map((line) => Number(line.replace(/^"[^"]*",/, '').split(',')[0])));
    expect(steps.size).toBe(ticks);
  });

  it('grows its columns as ticks come and reports its memory', () => {
    const log = new MetricLog(['step', 'trainLoss'], 2);
    for (let step = 0; step < 1000; step++) log.append({ step, trainLoss: step / 2 });
    expect(log.length).toBe(1000);
    expect(log.column('trainLoss')[999]).toBe(499.5);
    expect(log.bytes).toBe(2 * 1024 * 8);
    expect(lossCsv([])).toBe(CSV_HEADER);
  });
});

describe('the validation loss in the metric CSV', () => {
  it('is written, after the test loss, for a run with a validation split, and not for one without', () => {
    const store = useRunStore.getState();
    store.startRun({ runId: 'v', problem: { ...CIRCLE_PROBLEM, trainCount: 200, validationCount: 50 }, train: empty, test: empty, gallery: null, parameterCount: 0, seeds: [1] });
    store.startRun({ runId: 'w', problem: CIRCLE_PROBLEM, train: empty, test: empty, gallery: null, parameterCount: 0, seeds: [1] });
    for (let t = 0; t < 3; t++) {
      store.addTick(tick('v', { ...metricAt(t), validationLoss: 1.05 / (1 + t) }));
      store.addTick(tick('w', metricAt(t)));
    }
    // The run store keeps it for the charts as well as for the CSV.
    expect(useRunStore.getState().runs.v.history.validationLoss).toEqual([1.05, 1.05 / 2, 1.05 / 3]);
    expect(useRunStore.getState().runs.v.latest?.validationLoss).toBe(1.05 / 3);
    const lines = lossCsv([
      { position: 1, name: 'split', seeds: [1], history: logColumns(metricLogOf('v')) },
      { position: 2, name: 'none', seeds: [1], history: logColumns(metricLogOf('w')) },
    ]).split('\n');
    expect(lines.filter((line) => line.includes('validation_loss'))).toEqual([
      'Run 1 · split,0,0,0,0.0,validation_loss,1.05',
      `Run 1 · split,1,0.1,10,0.3,validation_loss,${1.05 / 2}`,
      `Run 1 · split,2,0.2,20,0.5,validation_loss,${1.05 / 3}`,
    ]);
    expect(lines.filter((line) => line.startsWith('Run 1 · split,2,')).map((line) => line.split(',')[5])).toEqual(['train_loss', 'test_loss', 'validation_loss', 'learning_rate']);
  });
});

describe('probes in the metric CSV', () => {
  it('writes each declared probe at its diagnosed steps, per layer, with that step’s epoch, examples and time', () => {
    const store = useRunStore.getState();
    store.startRun({ runId: 'p', problem: CIRCLE_PROBLEM, train: empty, test: empty, gallery: null, parameterCount: 0, seeds: [1] });
    for (let t = 0; t <= 30; t++) {
      const angles = t % 10 === 0 && t > 0 ? { alignment: { angle: [80 - t, 0] } } : null;
      store.addTick({ ...tick('p', metricAt(t)), probes: angles });
    }
    const run = useRunStore.getState().runs.p;
    const declaration = { name: 'alignment', quantities: ['angle'], seeds: 'median' as const, csv: { angle: 'update_angle_deg' } };
    const lines = lossCsv([{ position: 1, name: 'FA', seeds: [1], history: logColumns(metricLogOf('p')), probes: run.probes }], [declaration]).split('\n');
    const probeRows = lines.filter((line) => line.includes('update_angle_deg'));
    expect(probeRows).toEqual([
      'Run 1 · FA,10,1,100,2.5,update_angle_deg_layer1,70',
      'Run 1 · FA,10,1,100,2.5,update_angle_deg_layer2,0',
      'Run 1 · FA,20,2,200,5.0,update_angle_deg_layer1,60',
      'Run 1 · FA,20,2,200,5.0,update_angle_deg_layer2,0',
      'Run 1 · FA,30,3,300,7.5,update_angle_deg_layer1,50',
      'Run 1 · FA,30,3,300,7.5,update_angle_deg_layer2,0',
    ]);
    // Without the declaration, no probe rows.
    expect(lossCsv([{ position: 1, name: 'FA', seeds: [1], history: logColumns(metricLogOf('p')), probes: run.probes }]).includes('update_angle')).toBe(false);
  });

  it('writes what a divergence rewound, as the chart draws it grey: the undone steps and the diverged one', () => {
    const store = useRunStore.getState();
    store.startRun({ runId: 'd', problem: CIRCLE_PROBLEM, train: empty, test: empty, gallery: null, parameterCount: 0, seeds: [1] });
    for (let t = 0; t <= 3; t++) store.addTick(tick('d', metricAt(t)));
    const series = useRunStore.getState().runs.d.series;
    recordDivergence(series, { atStep: 4, trainLoss: 12.5, restoredStep: 1, seed: 1 }, 1);
    store.addTick(tick('d', metricAt(1)));
    const lines = lossCsv([{ position: 3, name: 'lr 5', seeds: [1], history: logColumns(metricLogOf('d')), diverged: series.diverged }]).split('\n');
    expect(lines.filter((line) => line.includes('_rewound') || line.includes('_diverged'))).toEqual([
      'Run 3 · lr 5,2,0.2,20,0.5,train_loss_rewound,0.3333333333333333',
      'Run 3 · lr 5,3,0.3,30,0.8,train_loss_rewound,0.25',
      'Run 3 · lr 5,4,,,,train_loss_diverged,12.5',
    ]);
    // The run's own rows stop at the restored step.
    expect(lines.filter((line) => line.includes(',train_loss,')).map((line) => line.split(',')[1])).toEqual(['0', '1']);
  });
});
