import { CIRCLE_PROBLEM } from '../test/problems';
import { describe, expect, it } from 'vitest';
import type { LayerDiagnostics } from '../engine/train/diagnostics';
import { rateRows } from '../ui/charts/rateChartModel';
import { lossChartModel } from '../ui/charts/runChartModel';
import type { MetricPoint } from '../worker/protocol';
import { HISTORY_LIMITS, useRunStore, type RunData } from './runStore';

type Tick = Parameters<ReturnType<typeof useRunStore.getState>['addTick']>[0];

const SPIKE_STEP = 123_457;
const BATCH = 32;
const POINTS = 1000;
const LAYERS = 3;
const CAP = HISTORY_LIMITS.metrics.capacity + HISTORY_LIMITS.rates.capacity + HISTORY_LIMITS.shifts.capacity;

/** A triangular cyclical rate (period 2,000 steps) with one step's warm restart at SPIKE_STEP. */
const rateAt = (step: number): number => (step === SPIKE_STEP ? 1 : 0.01 + 0.09 * Math.abs(((step / 1000) % 2) - 1));
const lossAt = (step: number): number => 1 / (1 + step / 10_000);

function diagnostics(step: number): LayerDiagnostics[] {
  return Array.from({ length: LAYERS }, (_, m) => ({
    activation: new Float32Array(0),
    target: new Float32Array(0),
    landed: new Float32Array(0),
    shift: (m + 1) * lossAt(step),
    localLoss: new Float32Array(0),
  }));
}

type RunId = string;

/** The run these tests feed (one run; the registry holds it under its id). */
const run = (): RunData => {
  const data = useRunStore.getState().runs['run-1'];
  if (!data) throw new Error('no run');
  return data;
};

/** Starts a fresh run under the store's current id (whatever type ids have, these tests need only one). */
function startRun(): RunId {
  const runId = 'run-1';
  const empty = { inputs: new Float32Array(0), targets: new Float32Array(0) };
  useRunStore.getState().startRun({ runId, problem: CIRCLE_PROBLEM, train: empty, test: empty, gallery: null, parameterCount: 0, seeds: [1] });
  return runId;
}

function tick(runId: RunId, metric: MetricPoint, rates: Tick['rates'], withDiagnostics: boolean): Tick {
  return {
    runId,
    metric,
    grid: null,
    gridSize: 0,
    gallery: null,
    confusion: null,
    correct: null, seedCorrect: null,
    stepsPerSecond: 1000,
    algorithm: 'backprop',
    msPerStep: 0.5,
    diagnostics: withDiagnostics ? diagnostics(metric.step) : null,
    requestId: null,
    rates,
    seedLosses: null,
    probes: null,
    kernelPath: 'plain',
  };
}

/**
 * Feeds a run as the worker sends it: a tick at step 0 on configure, then ticks of 1, 4, 16, 64 steps
 * (TICK_GROWTH) and `stepsPerTick` after that, each with the rate of every step (≤ 256 a tick, so none
 * decimated), targets diagnosed on every 5th tick, and a single-tick loss spike at the tick holding
 * SPIKE_STEP. Returns every metric point sent.
 */
function simulateRun(totalSteps: number, stepsPerTick: number, afterTick?: (sent: MetricPoint[], rates: number) => void): { runId: RunId; sent: MetricPoint[] } {
  const runId = startRun();
  const sent: MetricPoint[] = [];
  let step = 0;
  let ratesSent = 0;
  for (let t = 0; step < totalSteps || t === 0; t++) {
    const steps = t === 0 ? 0 : Math.min(totalSteps - step, t <= 4 ? 4 ** (t - 1) : stepsPerTick);
    const rates: Tick['rates'] = { steps: [], learningRates: [], momenta: [] };
    for (let s = step + 1; s <= step + steps; s++) {
      rates.steps.push(s);
      rates.learningRates.push(rateAt(s));
      rates.momenta.push(0.9);
    }
    step += steps;
    const spike = step >= SPIKE_STEP && step - steps < SPIKE_STEP;
    // Only the fields the histories keep; a cast, so a field added to MetricPoint later needs no change here.
    const metric = {
      step,
      epoch: (step * BATCH) / POINTS,
      examplesSeen: step * BATCH,
      wallMs: t * 50,
      trainLoss: spike ? 40 : lossAt(step),
      testLoss: 1.1 * lossAt(step),
      learningRate: rateAt(step),
    } as MetricPoint;
    sent.push(metric);
    useRunStore.getState().addTick(tick(runId, metric, rates, t % 5 === 0));
    ratesSent += rates.steps.length;
    afterTick?.(sent, ratesSent);
  }
  return { runId, sent };
}

function retained(): number {
  const { history, rateHistory, shiftHistory } = run();
  return history.step.length + rateHistory.steps.length + shiftHistory.step.length;
}

function expectIncreasing(values: readonly number[]): void {
  const backwards = values.findIndex((v, i) => i > 0 && v <= values[i - 1]);
  expect(backwards).toBe(-1);
}

describe('run histories are bounded', () => {
  it('a million-step run and a ten-thousand-step run hold no more points than the same cap', () => {
    const small = simulateRun(10_000, 2);
    // Small ticks, so this run too overflows every history (4,999 ticks, 10,000 rates).
    expect(small.sent.length).toBeGreaterThan(HISTORY_LIMITS.metrics.capacity);
    expect(retained()).toBeLessThanOrEqual(CAP);

    const large = simulateRun(1_000_000, 100);
    // The cap is no bound if it is near what a long run sends: here ~1,012,000 points (ticks, rates, shifts).
    const sentPoints = large.sent.length + 1_000_000 + Math.ceil(large.sent.length / 5);
    expect(50 * CAP).toBeLessThan(sentPoints);
    const { history, rateHistory, shiftHistory } = run();
    expect(history.step.length).toBeLessThanOrEqual(HISTORY_LIMITS.metrics.capacity);
    expect(rateHistory.steps.length).toBeLessThanOrEqual(HISTORY_LIMITS.rates.capacity);
    expect(shiftHistory.step.length).toBeLessThanOrEqual(HISTORY_LIMITS.shifts.capacity);
    expect(retained()).toBeLessThanOrEqual(CAP);
    // Not bounded by throwing data away wholesale: the older part keeps thousands of points.
    expect(history.step.length).toBeGreaterThan(HISTORY_LIMITS.metrics.capacity / 2);
    // Every column stays the same length, in step order.
    for (const column of Object.values(history)) expect(column).toHaveLength(history.step.length);
    expectIncreasing(history.step);
    expectIncreasing(rateHistory.steps);
    expectIncreasing(shiftHistory.step);
  });

  it('keeps the first and last points and every recent tick at full resolution', () => {
    const recentTicks = HISTORY_LIMITS.metrics.recent;
    const recentRates = HISTORY_LIMITS.rates.recent;
    let checked = 0;
    // After every tick, not only at the end (which may fall anywhere between two compactions).
    const { sent } = simulateRun(1_000_000, 100, (soFar, ratesSent) => {
      const { history, rateHistory } = run();
      if (soFar.length >= recentTicks) {
        expect(history.step[history.step.length - recentTicks]).toBe(soFar[soFar.length - recentTicks].step);
        checked += 1;
      }
      // Rate samples are the steps 1, 2, 3, … here, so the recent ones are the last `recentRates` numbers.
      if (ratesSent >= recentRates) expect(rateHistory.steps[rateHistory.steps.length - recentRates]).toBe(ratesSent - recentRates + 1);
    });
    expect(checked).toBeGreaterThan(9000);
    const { history, rateHistory, shiftHistory } = run();
    const rows = history.step.map((step, i) => ({
      step,
      epoch: history.epoch[i],
      examplesSeen: history.examplesSeen[i],
      wallMs: history.wallMs[i],
      trainLoss: history.trainLoss[i],
      testLoss: history.testLoss[i],
      learningRate: history.learningRate[i],
    }));
    expect(rows[0]).toEqual(sent[0]);
    expect(rows.slice(-recentTicks)).toEqual(sent.slice(-recentTicks));

    expect(rateHistory.steps[0]).toBe(1);
    const lastSteps = rateHistory.steps.slice(-recentRates);
    expect(lastSteps).toEqual(Array.from({ length: recentRates }, (_, i) => 1_000_000 - recentRates + 1 + i));
    expect(rateHistory.learningRates.slice(-recentRates)).toEqual(lastSteps.map(rateAt));

    const diagnosedSteps = sent.filter((_, t) => t % 5 === 0).map((m) => m.step);
    expect(shiftHistory.step[0]).toBe(0);
    expect(shiftHistory.step.slice(-HISTORY_LIMITS.shifts.recent)).toEqual(diagnosedSteps.slice(-HISTORY_LIMITS.shifts.recent));
    expect(shiftHistory.byLayer).toHaveLength(LAYERS);
    expect(shiftHistory.byLayer[2].at(-1)).toBeCloseTo(3 * lossAt(shiftHistory.step.at(-1) ?? 0));
  });

  it('keeps a single-tick loss spike and a one-step rate spike from far in the past, up to the charts', () => {
    const { sent } = simulateRun(1_000_000, 100);
    const spikeTick = sent.find((m) => m.trainLoss === 40);
    expect(spikeTick).toBeDefined();
    const { history, rateHistory } = run();
    expect(history.trainLoss[history.step.indexOf(spikeTick?.step ?? -1)]).toBe(40);
    expect(rateHistory.learningRates[rateHistory.steps.indexOf(SPIKE_STEP)]).toBe(1);
    // The charts decimate these histories once more (min/max too): the spikes reach the screen.
    const chartRun = { ...run(), task: run().problem.task, id: 'run', position: 1, name: 'run', color: '#0072B2' };
    const loss = lossChartModel([chartRun], { axis: 'step', band: 'minmax', smoothing: 0, logY: false, maxPoints: 600 });
    const train = loss.lines.find((line) => line.id === 'run/train')?.points ?? [];
    expect(train.length).toBeLessThanOrEqual(602);
    expect(Math.max(...train.map((p) => p.y ?? 0))).toBe(40);
    expect(train.at(-1)?.x).toBe(1_000_000);
    const epochRows = rateRows(rateHistory, history, 'epoch');
    expect(Math.max(...epochRows.map((r) => r.lr))).toBe(1);
    expect(epochRows.at(-1)?.x).toBeCloseTo((1_000_000 * BATCH) / POINTS);
  });

  it('a tick at the step already charted still replaces it after compaction', () => {
    const { runId, sent } = simulateRun(1_000_000, 100);
    const before = run().history.step.length;
    const last = sent[sent.length - 1];
    const emptyRates = { steps: [], learningRates: [], momenta: [] };
    useRunStore.getState().addTick(tick(runId, { ...last, testLoss: 0.123 }, emptyRates, false));
    const { history } = run();
    expect(history.step.length).toBe(before);
    expect(history.step.at(-1)).toBe(last.step);
    expect(history.testLoss.at(-1)).toBe(0.123);
    expect(history.step.at(-2)).toBe(sent[sent.length - 2].step);
  });

  it.each([
    ['within the recent window', 300],
    ['back into the compacted part', 50_000],
  ])('after a restore, drops the rates of undone steps %s', (_, undone) => {
    const { runId, sent } = simulateRun(1_000_000, 100);
    const restoredStep = 1_000_000 - undone;
    const rates = { steps: [] as number[], learningRates: [] as number[], momenta: [] as number[] };
    for (let s = restoredStep + 1; s <= restoredStep + 100; s++) {
      rates.steps.push(s);
      rates.learningRates.push(0.5);
      rates.momenta.push(0.8);
    }
    const metric = { ...sent[sent.length - 1], step: restoredStep + 100 };
    useRunStore.getState().addTick(tick(runId, metric, rates, false));
    const { rateHistory } = run();
    expectIncreasing(rateHistory.steps);
    expect(rateHistory.steps.at(-1)).toBe(restoredStep + 100);
    // The old rates stop at the restored step, and the new ones follow, all of them.
    const firstNew = rateHistory.steps.indexOf(restoredStep + 1);
    expect(rateHistory.steps[firstNew - 1]).toBeLessThanOrEqual(restoredStep);
    expect(rateHistory.learningRates.slice(firstNew)).toEqual(new Array(100).fill(0.5));
    expect(rateHistory.momenta.slice(0, firstNew).every((m) => m === 0.9)).toBe(true);
    expect(rateHistory.steps.length).toBeLessThanOrEqual(HISTORY_LIMITS.rates.capacity);
  });

  it('a new run starts with empty histories', () => {
    simulateRun(10_000, 2);
    expect(retained()).toBeGreaterThan(0);
    startRun();
    expect(retained()).toBe(0);
  });
});

describe('which kernels a run takes', () => {
  it('is not known until the run’s first tick says (the status bar shows … until then), and a new run starts unknown again', () => {
    const runId = startRun();
    expect(useRunStore.getState().runs[runId].kernelPath).toBeNull();
    const noRates = { steps: [], learningRates: [], momenta: [] };
    const at0 = { step: 0, epoch: 0, examplesSeen: 0, wallMs: 0, trainLoss: 1, testLoss: 1 } as MetricPoint;
    useRunStore.getState().addTick({ ...tick(runId, at0, noRates, false), kernelPath: 'fused' });
    expect(useRunStore.getState().runs[runId].kernelPath).toBe('fused');
    startRun();
    expect(useRunStore.getState().runs[runId].kernelPath).toBeNull();
  });
});

describe('which test examples a run gets right', () => {
  it('keeps the latest readback, holds it through ticks without one, and a new run starts without', () => {
    const runId = startRun();
    const noRates = { steps: [], learningRates: [], momenta: [] };
    const at = (step: number): MetricPoint => ({ step, epoch: 0, examplesSeen: 0, wallMs: step, trainLoss: 1, testLoss: 1 }) as MetricPoint;
    const first = Uint8Array.from([1, 0, 1]);
    const second = Uint8Array.from([1, 1, 1]);
    useRunStore.getState().addTick({ ...tick(runId, at(1), noRates, false), correct: first });
    expect(useRunStore.getState().runs[runId].correct).toBe(first);
    useRunStore.getState().addTick(tick(runId, at(2), noRates, false));
    expect(useRunStore.getState().runs[runId].correct).toBe(first);
    useRunStore.getState().addTick({ ...tick(runId, at(3), noRates, false), correct: second });
    expect(useRunStore.getState().runs[runId].correct).toBe(second);
    startRun();
    expect(useRunStore.getState().runs[runId].correct).toBeNull();
  });
});

describe('the step count shown', () => {
  it('moves with the first tick after Play’s `stepped` event, ahead of its evaluation; its tick and a restore set it', () => {
    const runId = startRun();
    const noRates = { steps: [], learningRates: [], momenta: [] };
    const at = (step: number): MetricPoint => ({ step, epoch: 0, examplesSeen: 0, wallMs: 0, trainLoss: 1, testLoss: 1 }) as MetricPoint;
    useRunStore.getState().addTick(tick(runId, at(0), noRates, false));
    expect(run().stepsTaken).toBe(0);
    useRunStore.getState().stepped(runId, 7);
    // The step count moves; the charts and losses wait for the evaluation.
    expect(run().stepsTaken).toBe(7);
    expect(run().latest?.step).toBe(0);
    expect(run().history.step.length).toBe(1);
    useRunStore.getState().addTick(tick(runId, at(7), noRates, false));
    expect(run().stepsTaken).toBe(7);
    // A divergence's restore reports an earlier step: the count goes back with it.
    useRunStore.getState().addTick(tick(runId, at(3), noRates, false));
    expect(run().stepsTaken).toBe(3);
    // A late event for a removed run changes nothing.
    useRunStore.getState().removeRun(runId);
    useRunStore.getState().stepped(runId, 9);
    expect(useRunStore.getState().runs[runId]).toBeUndefined();
    startRun();
    expect(run().stepsTaken).toBe(0);
  });
});
