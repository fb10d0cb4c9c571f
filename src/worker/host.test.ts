import '../test/setupTf';
import * as tf from '@tensorflow/tfjs-core';
import { describe, expect, it } from 'vitest';
import { defaultConfig, type ExperimentConfig } from '../config/experiment';
import { TrainingHost } from './host';
import type { RunConfig, WorkerEvent } from './protocol';
import { cpuOnly } from '../test/cpuBackendPort';

type Tick = Extract<WorkerEvent, { type: 'tick' }>;


function hostWithEvents(): { host: TrainingHost; events: WorkerEvent[]; ticks: (runId: string) => Tick[] } {
  const events: WorkerEvent[] = [];
  const host = new TrainingHost((event) => events.push(event), cpuOnly);
  const ticks = (runId: string): Tick[] => events.filter((e): e is Tick => e.type === 'tick' && e.runId === runId);
  return { host, events, ticks };
}

/** Full speed: these tests count steps, not the pace (hostPace.test.ts has the default, capped speed). */
const base: ExperimentConfig = { ...defaultConfig(), backend: 'cpu', seed: 11, speed: 0 };
const runs = (...configs: ExperimentConfig[]): RunConfig[] => configs.map((config, i) => ({ runId: `run-${i + 1}`, config }));

async function steps(host: TrainingHost, count: number): Promise<void> {
  for (let i = 0; i < count; i++) host.handle({ type: 'step' });
  await host.idle();
}

/** Plays until every run has at least `atLeast` steps, then pauses and lets the last tick land. */
async function playUntil(host: TrainingHost, lastStep: () => number, atLeast: number): Promise<void> {
  host.handle({ type: 'play' });
  while (lastStep() < atLeast) await new Promise((resolve) => setTimeout(resolve, 20));
  host.handle({ type: 'pause' });
  await host.idle();
}

describe('the training host with keyed runs', () => {
  it('two runs with identical settings give bit-identical losses at every step', async () => {
    const { host, ticks } = hostWithEvents();
    host.handle({ type: 'configure', runs: runs(base, base) });
    await steps(host, 30);
    const a = ticks('run-1').map((t) => [t.metric.step, t.metric.trainLoss, t.metric.testLoss]);
    const b = ticks('run-2').map((t) => [t.metric.step, t.metric.trainLoss, t.metric.testLoss]);
    expect(a).toHaveLength(31);
    expect(b).toEqual(a); // toEqual on numbers is Object.is: bit for bit
  });

  it('a run that differs only in its algorithm starts from the identical loss, then goes its own way', async () => {
    const { host, ticks } = hostWithEvents();
    host.handle({ type: 'configure', runs: runs(base, { ...base, algorithm: 'locoprop-m' }) });
    await steps(host, 5);
    const [first1, ...rest1] = ticks('run-1');
    const [first2, ...rest2] = ticks('run-2');
    expect(first2.metric.trainLoss).toBe(first1.metric.trainLoss);
    expect(first2.metric.step).toBe(0);
    expect(rest2.at(-1)?.metric.trainLoss).not.toBe(rest1.at(-1)?.metric.trainLoss);
  });

  it('lockstep: after every tick all runs stand at the same step, even when one is ten times costlier', async () => {
    const { host, ticks } = hostWithEvents();
    host.handle({ type: 'configure', runs: runs(base, { ...base, algorithm: 'locoprop-m', innerSteps: 10 }, { ...base, learningRate: 0.1 }) });
    await host.idle();
    await playUntil(host, () => ticks('run-2').at(-1)?.metric.step ?? 0, 150);
    // The steps each run was shown at, once each: a pause that comes in mid-tick drops the evaluations still to
    // come (host.ts, slices), and the pause's own evaluation shows every run at the step they all stand at.
    const byRun = ['run-1', 'run-2', 'run-3'].map((id) => [...new Set(ticks(id).map((t) => t.metric.step))]);
    expect(byRun[0].length).toBeGreaterThan(3);
    expect(byRun[1]).toEqual(byRun[0]);
    expect(byRun[2]).toEqual(byRun[0]);
  });

  it('equal time: LocoProp-M (K = 10) does fewer steps than backprop in the same time', async () => {
    const { host, ticks } = hostWithEvents();
    host.handle({ type: 'configure', runs: runs({ ...base, pacing: 'time' }, { ...base, pacing: 'time', algorithm: 'locoprop-m', innerSteps: 10 }) });
    await host.idle();
    const started = performance.now();
    await playUntil(host, () => ticks('run-1').at(-1)?.metric.step ?? 0, 2000);
    const elapsed = performance.now() - started;
    const backprop = ticks('run-1').at(-1);
    const locoprop = ticks('run-2').at(-1);
    // Each run's own training clock (what the time axes use), not the wall clock: the two runs take turns in
    // one worker, so their clocks together fit in the time that passed (two wall clocks would be twice it).
    const clocks = [backprop?.metric.wallMs ?? Number.NaN, locoprop?.metric.wallMs ?? Number.NaN];
    expect(Math.min(...clocks)).toBeGreaterThan(0);
    expect(clocks[0] + clocks[1]).toBeLessThanOrEqual(elapsed);
    // By those clocks a LocoProp-M step (K = 10) costs more than a backprop step, so sharing the time, not the
    // steps, leaves it behind (lockstep would give both the same count). No ratio: under load the planner's
    // cost estimates move, the order does not.
    const steps = [backprop?.metric.step ?? Number.NaN, locoprop?.metric.step ?? Number.NaN];
    expect(clocks[1] / steps[1]).toBeGreaterThan(clocks[0] / steps[0]);
    expect(steps[1]).toBeLessThan(steps[0]);
  });

  it('a repeated run trains N seeds whose median is its loss', async () => {
    const { host, events, ticks } = hostWithEvents();
    // Seeds 3, 4, 5: after 3 steps the lead seed's train and test losses are both the highest of the three, so
    // a run that showed its lead seed (or the mean) in place of the median would fail here.
    host.handle({ type: 'configure', runs: runs({ ...base, seed: 3, repeatSeeds: 3 }) });
    await steps(host, 3);
    const started = events.find((e) => e.type === 'run');
    expect(started && started.type === 'run' ? started.seeds : []).toEqual([3, 4, 5]);
    const last = ticks('run-1').at(-1);
    for (const set of ['train', 'test'] as const) {
      const losses = last?.seedLosses?.[set] ?? [];
      expect(new Set(losses).size).toBe(3); // three different seeds, three different losses
      const median = [...losses].sort((x, y) => x - y)[1];
      expect(losses[0]).not.toBe(median); // the lead seed is not the median: the check below can tell them apart
      expect(set === 'train' ? last?.metric.trainLoss : last?.metric.testLoss).toBe(median);
    }
  });

  it('memory stays flat over 10,000 steps of 4 runs, and removing runs frees their tensors', async () => {
    const { host, ticks } = hostWithEvents();
    const before = tf.memory().numTensors;
    host.handle({ type: 'configure', runs: runs(base) });
    await host.idle();
    const withOne = tf.memory().numTensors;
    const four = runs(base, { ...base, algorithm: 'locoprop-m', innerSteps: 2 }, { ...base, optimizer: 'sgd' }, { ...base, algorithm: 'locoprop-s', innerSteps: 2 });
    host.handle({ type: 'configure', runs: four });
    await steps(host, 1);
    const afterOne = tf.memory().numTensors;
    await playUntil(host, () => Math.min(...['run-1', 'run-2', 'run-3', 'run-4'].map((id) => ticks(id).at(-1)?.metric.step ?? 0)), 10_000);
    expect(tf.memory().numTensors).toBe(afterOne);
    host.handle({ type: 'configure', runs: runs(base) });
    await host.idle();
    expect(tf.memory().numTensors).toBe(withOne);
    expect(withOne).toBeGreaterThan(before);
  }, 240_000);
});

describe('the plane grid', () => {
  it('is 48 cells a side, and 96 once the page asks for a finer one (every grid after that, with its size)', async () => {
    const { host, ticks } = hostWithEvents();
    host.handle({ type: 'configure', runs: runs(base) });
    await steps(host, 1);
    expect(ticks('run-1').at(-1)).toMatchObject({ gridSize: 48 });
    expect(ticks('run-1').at(-1)?.grid?.length).toBe(48 * 48);
    host.handle({ type: 'gridSize', size: 96 });
    await steps(host, 1);
    expect(ticks('run-1').at(-1)).toMatchObject({ gridSize: 96 });
    expect(ticks('run-1').at(-1)?.grid?.length).toBe(96 * 96);
    // A run started later draws the finer grid too.
    host.handle({ type: 'configure', runs: runs(base, { ...base, learningRate: 0.1 }) });
    await steps(host, 1);
    expect(ticks('run-2').at(-1)?.grid?.length).toBe(96 * 96);
  });
});

describe('the training host with a CSV file', () => {
  /** Three classes, four features: class k sits near (k, k, −k, 2k) with a little seeded jitter. */
  function threeClassCsv(rows: number): Uint8Array {
    const lines = ['a,b,c,d,species'];
    for (let i = 0; i < rows; i++) {
      const k = i % 3;
      const jitter = ((i * 37) % 11) / 20 - 0.25;
      lines.push([k + jitter, k - jitter, -k + jitter / 2, 2 * k + jitter, ['setosa', 'versicolor', 'virginica'][k]].join(','));
    }
    return new TextEncoder().encode(lines.join('\n'));
  }

  it('a link on dataset=custom waits for the file, says so, then trains on it once loaded', async () => {
    const { host, events, ticks } = hostWithEvents();
    const custom = { ...base, dataset: 'custom' as const, hidden: [8] , activation: ['tanh' as const], learningRate: 0.05 };
    host.handle({ type: 'configure', runs: runs(custom) });
    await host.idle();
    const waiting = events.find((e) => e.type === 'notice' && e.notice.code === 'data-unavailable');
    expect(waiting && waiting.type === 'notice' ? waiting.notice : null).toMatchObject({ dataset: 'custom', reason: expect.stringMatching(/load the file again/) });
    expect(ticks('run-1')).toHaveLength(0);

    host.handle({ type: 'loadCsv', fileName: 'three.csv', bytes: threeClassCsv(60), dropMissing: false });
    await host.idle();
    const loaded = events.find((e) => e.type === 'csvLoaded');
    expect(loaded).toMatchObject({ fileName: 'three.csv', rows: 60, label: 4, features: [0, 1, 2, 3] });
    const run = events.find((e) => e.type === 'run');
    expect(run && run.type === 'run' ? run.problem : null).toMatchObject({ task: 'classes', inputSize: 4, outputSize: 3, classNames: ['setosa', 'versicolor', 'virginica'], title: 'three.csv' });
    expect(events).toContainEqual({ type: 'clearStatus', code: 'data-unavailable', runId: 'run-1' });
    await steps(host, 150);
    expect(ticks('run-1').at(-1)?.metric.testAccuracy).toBeGreaterThan(0.9);
  });

  it('a ragged file is refused by line, and the loaded data stays', async () => {
    const { host, events } = hostWithEvents();
    host.handle({ type: 'loadCsv', fileName: 'good.csv', bytes: threeClassCsv(30), dropMissing: false });
    host.handle({ type: 'loadCsv', fileName: 'bad.csv', bytes: new TextEncoder().encode('x,y,label\n1,2,a\n3,4\n5,6,b\n'), dropMissing: false });
    await host.idle();
    const rejected = events.find((e) => e.type === 'csvRejected');
    expect(rejected && rejected.type === 'csvRejected' ? rejected.error?.message : '').toMatch(/bad\.csv.*line 3/);
    host.handle({ type: 'chooseCsvColumns', label: 4, features: [0, 1] });
    await host.idle();
    expect(events.filter((e) => e.type === 'csvLoaded').at(-1)).toMatchObject({ fileName: 'good.csv', features: [0, 1] });
  });
});

describe('the worker sends facts, the page words them', () => {
  it('posts codes and numbers for a clipped batch, an ended schedule, a bad sweep, a range test and a cost, and no sentences', async () => {
    const { host, events, ticks } = hostWithEvents();
    const config: ExperimentConfig = { ...base, trainPercent: 10, batchSize: 256, schedule: 'one-cycle', maxLearningRate: 0.05, totalSteps: 3, rangeStart: 1, rangeEnd: 0.1 };
    host.handle({ type: 'configure', runs: runs(config) });
    await steps(host, 4);
    host.handle({ type: 'rangeTest', runId: 'run-1' });
    await host.idle();
    const notices = events.flatMap((e) => (e.type === 'notice' ? [e] : []));
    const clipped = notices.find((e) => e.notice.code === 'batch-clipped');
    expect(clipped?.runId).toBe('run-1');
    expect(clipped?.notice).toEqual({ code: 'batch-clipped', batchSize: 256, trainCount: expect.any(Number) });
    expect(clipped?.notice.code === 'batch-clipped' && clipped.notice.trainCount).toBeLessThan(256);
    expect(notices.find((e) => e.notice.code === 'schedule-ended')?.notice).toEqual({ code: 'schedule-ended', schedule: 'one-cycle', atStep: 3, learningRate: expect.closeTo(0.05 / 25 / 1e4, 12) });
    expect(notices.find((e) => e.notice.code === 'range-test-bad-sweep')?.notice).toEqual({ code: 'range-test-bad-sweep', start: 1, end: 0.1 });

    const stepBefore = ticks('run-1').at(-1)?.metric.step;
    host.handle({ type: 'configure', runs: runs({ ...config, schedule: 'constant', rangeStart: 1e-4, rangeEnd: 1, rangeSteps: 20 }) });
    host.handle({ type: 'rangeTest', runId: 'run-1' });
    host.handle({ type: 'measureCost', runId: 'run-1' });
    await host.idle();
    const result = events.find((e) => e.type === 'rangeTestResult');
    expect(result && result.type === 'rangeTestResult' ? result.restoredStep : null).toBe(stepBefore);
    const cost = events.find((e) => e.type === 'cost');
    expect(cost).toMatchObject({ runId: 'run-1', backend: 'cpu', batchSize: 256, settings: expect.objectContaining({ innerSteps: config.innerSteps }) });
    // No event carries words of the worker's own: no `text`, and no string field but names and reasons.
    expect(events.filter((e) => 'text' in e)).toEqual([]);
  });
});

describe('measuring the cost per step', () => {
  it('times every algorithm, however fast its step: a 2-2-1 network at batch 1 is timed for backprop too', async () => {
    const { host, events } = hostWithEvents();
    host.handle({ type: 'configure', runs: runs({ ...base, hidden: [2], activation: ['tanh'], batchSize: 1 }) });
    await steps(host, 1);
    host.handle({ type: 'measureCost', runId: 'run-1' });
    await host.idle();
    const cost = events.find((e) => e.type === 'cost');
    const msPerStep = cost && cost.type === 'cost' ? cost.msPerStep : {};
    // A step this small took under 50 ms for 4,096 steps, where the measurement stopped and stated no time.
    expect(Object.keys(msPerStep).sort()).toEqual(['backprop', 'feedback-alignment', 'locoprop-m', 'locoprop-s']);
    for (const ms of Object.values(msPerStep)) expect(ms).toBeGreaterThan(0);
  });
});
