import { describe, expect, it } from 'vitest';
import { appendTick, MAX_DIVERGED_SEGMENTS, newRunSeries, recordDivergence } from './runSeries';

type Tick = Parameters<typeof appendTick>[1];

/** A tick at `step` with train loss `loss` (epoch = step / 10, 32 examples a step, 50 ms a step). */
function tick(step: number, loss: number): Tick {
  return {
    runId: 'run-3',
    grid: null,
    gridSize: 0,
    gallery: null,
    confusion: null,
    correct: null, seedCorrect: null,
    stepsPerSecond: 0,
    msPerStep: null,
    kernelPath: 'plain',
    requestId: null,
    metric: { step, epoch: step / 10, examplesSeen: step * 32, wallMs: step * 50, trainLoss: loss, testLoss: loss + 0.05, trainAccuracy: 0.5, testAccuracy: 0.5, validationLoss: Number.NaN, learningRate: 5 },
    seedLosses: null,
    rates: { steps: [step], learningRates: [5], momenta: [0] },
    diagnostics: null,
    probes: null,
    algorithm: 'backprop',
  };
}

/** The too-high-rate scene's run 3 on CPU: steps 0–5 healthy, step 6 diverged at 10.68 (measured). */
const LOSSES = [0.716, 0.897, 0.727, 1.872, 1.599, 3.431];

function divergedRun() {
  const series = newRunSeries(1);
  LOSSES.forEach((loss, step) => appendTick(series, tick(step, loss)));
  const segment = recordDivergence(series, { atStep: 6, trainLoss: 10.68, restoredStep: 0, seed: 1 }, 1);
  appendTick(series, tick(0, 0.716)); // the restored state's tick
  return { series, segment };
}

describe('a divergence keeps what it takes off the chart', () => {
  it('keeps the undone steps and the diverged point, from the point the line goes on from', () => {
    const { series, segment } = divergedRun();
    // The run's own line rewinds to step 0 …
    expect(series.metrics.columns.step).toEqual([0]);
    // … and the stretch is kept: the restored point, the undone steps 1–5, and the diverged step 6.
    expect(segment.step).toEqual([0, 1, 2, 3, 4, 5, 6]);
    expect(segment.trainLoss).toEqual([...LOSSES, 10.68]);
    expect(series.diverged).toEqual([segment]);
    expect(segment).toMatchObject({ atStep: 6, loss: 10.68, restoredStep: 0, seed: null });
    // The diverged point's other axes carried on in proportion to the step from step 5.
    expect(segment.epoch[6]).toBeCloseTo(0.6, 12);
    expect(segment.examplesSeen[6]).toBeCloseTo(192, 9);
    expect(segment.wallMs[6]).toBeCloseTo(300, 9);
  });

  it('starts at the last row before the restored step when that step is not charted, and keeps no row at or after the diverged step', () => {
    const series = newRunSeries(3);
    [0, 10, 20, 30].forEach((step) => appendTick(series, tick(step, 1)));
    const segment = recordDivergence(series, { atStep: 30, trainLoss: Number.NaN, restoredStep: 15, seed: 9 }, 3);
    expect(segment.step).toEqual([10, 20, 30]);
    expect(segment.trainLoss.slice(0, 2)).toEqual([1, 1]);
    expect(segment.trainLoss[2]).toBeNaN();
    expect(segment.seed).toBe(9);
  });

  it('has only the diverged point when nothing was charted, its other axes unknown', () => {
    const segment = recordDivergence(newRunSeries(1), { atStep: 1, trainLoss: Infinity, restoredStep: 0, seed: 1 }, 1);
    expect(segment.step).toEqual([1]);
    expect(segment.epoch[0]).toBeNaN();
    expect(segment.wallMs[0]).toBeNaN();
  });

  it('keeps the latest segments of a run that diverges again and again', () => {
    const { series } = divergedRun();
    for (let k = 0; k < MAX_DIVERGED_SEGMENTS + 2; k++) recordDivergence(series, { atStep: 100 + k, trainLoss: 50, restoredStep: 0, seed: 1 }, 1);
    expect(series.diverged).toHaveLength(MAX_DIVERGED_SEGMENTS);
    expect(series.diverged[MAX_DIVERGED_SEGMENTS - 1].atStep).toBe(100 + MAX_DIVERGED_SEGMENTS + 1);
  });

  it('a new run series has none', () => {
    expect(newRunSeries(1).diverged).toEqual([]);
  });
});
