import '../../test/setupTf';
import * as tf from '@tensorflow/tfjs-core';
import { describe, expect, it, vi } from 'vitest';
import { defaultConfig, type ExperimentConfig } from '../../config/experiment';
import { expandSweep } from '../../config/sweep';
import { runSpecOf, trainingSettingsOf } from '../../config/toEngine';
import { sessionOnGeneratedData, type TrainingSession } from '../session';
import { chooseFusedEvaluation } from '../fused/cpuLiveEvaluation';
import { checkpointSteps } from './checkpoints';
import { sweepResponse } from './response';
import { CHUNK_MS, DEFAULT_CHUNK_STEPS, runSweepJob, YIELD_MS, type SweepJobRun } from './sweepJob';
import type { SweepProgress } from './types';

const jobRun = (config: ExperimentConfig): SweepJobRun => ({ spec: runSpecOf(config), settings: trainingSettingsOf(config) });
const config = (overrides: Partial<ExperimentConfig>): ExperimentConfig => ({ ...defaultConfig(), points: 200, ...overrides });
const noWait = (): Promise<void> => Promise.resolve();

/**
 * An ordinary run: one session, stepped to each checkpoint as the live loop steps (diagnosing the last step; on past
 * a schedule's end, where runSteps stops once), evaluated with its grid.
 */
async function ordinaryRun(c: ExperimentConfig, checkpoints: number[]): Promise<number[][]> {
  const session = sessionOnGeneratedData(runSpecOf(c), trainingSettingsOf(c));
  const rows: number[][] = [];
  for (const step of checkpoints) {
    while (step > session.stepCount) session.runSteps(step - session.stepCount, true);
    const { evaluation } = await session.evaluate(true);
    rows.push([evaluation.step, evaluation.trainLoss, evaluation.testLoss, evaluation.trainAccuracy, evaluation.testAccuracy]);
  }
  session.dispose();
  return rows;
}

describe('sweep job', () => {
  it.each<Partial<ExperimentConfig>>([
    { optimizer: 'sgd', learningRate: 0.3 },
    { optimizer: 'adam', learningRate: 0.01, seed: 4 },
    { optimizer: 'rmsprop', learningRate: 0.003, regularization: 'l2', batchSize: 10 },
    { algorithm: 'locoprop-m', learningRate: 0.01, innerSteps: 3 },
    { optimizer: 'momentum', dataset: 'spiral', hidden: [8, 8], schedule: 'cosine', totalSteps: 90 },
  ])('a sweep point equals an ordinary run at every checkpoint, bit for bit (%o)', async (overrides) => {
    const c = config(overrides);
    const checkpoints = checkpointSteps(120);
    // Chunks of 7 steps, so the job's calls split the steps otherwise than the ordinary run's.
    const { results } = await runSweepJob([jobRun(c)], { budgetSteps: 120, chunkSteps: 7, yieldControl: noWait });
    const [run] = results;
    expect(run.diverged).toBeNull();
    const rows = run.steps.map((step, i) => [step, run.trainLoss[i], run.testLoss[i], run.trainAccuracy?.[i], run.testAccuracy?.[i]]);
    expect(rows).toEqual(await ordinaryRun(c, checkpoints));
    expect(run.steps).toEqual(checkpoints);
    expect(run.steps).toHaveLength(21);
  });

  it('a budget in epochs: each run trains its epochs at its own batch size, equal to an ordinary run at every checkpoint', async () => {
    const runs = [config({ batchSize: 10 }), config({ batchSize: 25, seed: 3 })];
    const { results } = await runSweepJob(runs.map(jobRun), { budgetSteps: 1, budgetEpochs: 3, chunkSteps: 7, yieldControl: noWait });
    for (const [i, c] of runs.entries()) {
      const session = sessionOnGeneratedData(runSpecOf(c), trainingSettingsOf(c));
      const rows = session.dataset.train.count;
      session.dispose();
      // 3 passes over the training rows (200 points, less the test split) at this run's batch size.
      const steps = Math.round((3 * rows) / c.batchSize);
      const run = results[i];
      expect(run.steps[run.steps.length - 1]).toBe(steps);
      const table = run.steps.map((step, k) => [step, run.trainLoss[k], run.testLoss[k], run.trainAccuracy?.[k], run.testAccuracy?.[k]]);
      expect(table).toEqual(await ordinaryRun(c, checkpointSteps(steps)));
    }
    expect(results[0].steps.at(-1)).not.toBe(results[1].steps.at(-1));
  });

  it('a budget of training time: the run trains until its own clock reaches it, evaluated at each twentieth, equal to an ordinary run there', async () => {
    const c = config({ optimizer: 'adam' });
    let current: TrainingSession | null = null;
    const makeSession = (run: SweepJobRun): TrainingSession => (current = sessionOnGeneratedData(run.spec, run.settings));
    // A clock at 0.5 ms a step: 50 ms of training is 100 steps, a checkpoint every 2.5 ms, i.e. every 5 steps.
    const clock = (): number => (current?.stepCount ?? 0) * 0.5;
    const { results } = await runSweepJob([jobRun(c)], { budgetSteps: 1, budgetSeconds: 0.05, clock, makeSession, yieldControl: noWait });
    const [run] = results;
    const steps = Array.from({ length: 21 }, (_, k) => 5 * k);
    expect(run.steps).toEqual(steps);
    const table = run.steps.map((step, k) => [step, run.trainLoss[k], run.testLoss[k], run.trainAccuracy?.[k], run.testAccuracy?.[k]]);
    expect(table).toEqual(await ordinaryRun(c, steps));
  });

  it('refuses a budget of no epochs', async () => {
    await expect(runSweepJob([jobRun(config({}))], { budgetSteps: 1, budgetEpochs: 0, yieldControl: noWait })).rejects.toThrow('a budget of 0 epochs');
  });

  it('records final and best; no tensors left behind', async () => {
    const before = tf.memory().numTensors;
    const { results } = await runSweepJob([jobRun(config({ optimizer: 'sgd', learningRate: 0.3 }))], { budgetSteps: 100, yieldControl: noWait });
    expect(tf.memory().numTensors).toBe(before);
    const [run] = results;
    expect(run.final.testLoss).toBe(run.testLoss[run.testLoss.length - 1]);
    expect(run.best.trainLoss).toBe(Math.min(...run.trainLoss));
    expect(run.best.testAccuracy).toBe(Math.max(...(run.testAccuracy ?? [])));
    expect(run.best.trainLoss).toBeLessThan(run.trainLoss[0]);
  });

  it('records the validation loss and accuracy of a run with a validation split at every checkpoint, as an ordinary run measures them', async () => {
    const c = config({ optimizer: 'sgd', learningRate: 0.3, validationPercent: 20 });
    const checkpoints = [0, 30, 60];
    const { results } = await runSweepJob([jobRun(c)], { budgetSteps: 60, checkpoints, chunkSteps: 7, yieldControl: noWait });
    const [run] = results;
    const session = sessionOnGeneratedData(runSpecOf(c), trainingSettingsOf(c));
    expect(session.dataset.problem.validationCount).toBe(20); // 200 points, half for training, a fifth of those held out
    const expected: number[][] = [];
    for (const step of checkpoints) {
      session.runSteps(step - session.stepCount);
      const { evaluation } = await session.evaluate(false);
      expected.push([evaluation.validationLoss, evaluation.validationAccuracy]);
    }
    session.dispose();
    expect(run.steps.map((_, i) => [run.validationLoss?.[i], run.validationAccuracy?.[i]])).toEqual(expected);
    expect(expected.flat().every(Number.isFinite)).toBe(true);
    // Its own figures, not the train or test set's.
    expect(run.validationLoss).not.toEqual(run.trainLoss);
    expect(run.validationLoss).not.toEqual(run.testLoss);
    expect(run.final.validationLoss).toBe(run.validationLoss?.[2]);
    expect(run.final.validationAccuracy).toBe(run.validationAccuracy?.[2]);
    expect(run.best.validationLoss).toBe(Math.min(...(run.validationLoss ?? [])));
    expect(run.best.validationAccuracy).toBe(Math.max(...(run.validationAccuracy ?? [])));
  });

  it('a run without a validation split records none; a regression with one records its loss but no accuracy', async () => {
    const runs = [config({}), config({ dataset: 'hills', validationPercent: 30 })];
    const { results } = await runSweepJob(runs.map(jobRun), { budgetSteps: 20, yieldControl: noWait });
    const [plain, regression] = results;
    expect(plain.validationLoss).toBeNull();
    expect(plain.validationAccuracy).toBeNull();
    expect(plain.final.validationLoss).toBeNaN();
    expect(plain.best.validationLoss).toBeNaN();
    expect(regression.validationLoss?.every((v) => Number.isFinite(v) && v > 0)).toBe(true);
    expect(regression.validationLoss).toHaveLength(regression.steps.length);
    expect(regression.validationAccuracy).toBeNull();
    expect(regression.final.validationAccuracy).toBeNaN();
  });

  it('a regression task records no accuracy', async () => {
    const { results } = await runSweepJob([jobRun(config({ dataset: 'hills' }))], { budgetSteps: 20, yieldControl: noWait });
    expect(results[0].trainAccuracy).toBeNull();
    expect(results[0].final.testAccuracy).toBeNaN();
    expect(results[0].best.testLoss).toBeGreaterThan(0);
  });

  it('a diverging value is recorded as diverged, with what it recorded, and the next run still trains', async () => {
    const runs = [config({ optimizer: 'sgd', learningRate: 10 }), config({ optimizer: 'sgd', learningRate: 0.3 })];
    const { results, cancelled } = await runSweepJob(runs.map(jobRun), { budgetSteps: 200, yieldControl: noWait });
    expect(cancelled).toBe(false);
    expect(results.map((r) => r.index)).toEqual([0, 1]);
    const [bad, good] = results;
    expect(bad.diverged).not.toBeNull();
    expect(bad.diverged?.atStep).toBe(bad.steps[bad.steps.length - 1]);
    expect(bad.steps.length).toBeGreaterThanOrEqual(2);
    expect(bad.steps.length).toBeLessThan(21);
    expect(bad.trainLoss).toHaveLength(bad.steps.length);
    expect(good.diverged).toBeNull();
    expect(good.steps).toHaveLength(21);
  });

  it('cancel keeps the finished runs, drops the one in progress, and reports progress by runs', async () => {
    const runs = [0.1, 0.3, 1].map((learningRate) => jobRun(config({ optimizer: 'sgd', learningRate })));
    const progress: SweepProgress[] = [];
    let yields = 0;
    const { results, cancelled } = await runSweepJob(runs, {
      budgetSteps: 40,
      checkpoints: [0, 20, 40],
      chunkSteps: 10,
      onProgress: (p) => progress.push(p),
      yieldControl: () => {
        yields += 1;
        return Promise.resolve();
      },
      // Cancel once the second run is half done.
      isCancelled: () => progress.some((p) => p.runsDone === 1 && p.step === 20),
    });
    expect(cancelled).toBe(true);
    expect(results.map((r) => r.index)).toEqual([0]);
    expect(results[0].steps.at(-1)).toBe(40);
    expect(progress.map((p) => `${p.runsDone}/${p.runsTotal}@${p.step}`)).toEqual(['0/3@10', '0/3@20', '0/3@30', '0/3@40', '1/3@40', '1/3@10', '1/3@20']);
    // One yield before each run and one after each chunk: run 1 (1 + 4), run 2 (1 + 2).
    expect(yields).toBe(8);
  });

  it('without a chunk size, a chunk is about CHUNK_MS of steps at the pace of the last chunk, on the run clock', async () => {
    let current: TrainingSession | null = null;
    const chunks: number[] = [];
    const makeSession = (run: SweepJobRun): TrainingSession => (current = sessionOnGeneratedData(run.spec, run.settings));
    // Each call that trains (the run's fused steps on the CPU, cpuRunGroup.ts), and the steps it took.
    const timePart = <T>(part: string, work: () => T): T => {
      const before = current?.stepCount ?? 0;
      const result = work();
      if (part === 'steps') chunks.push((current?.stepCount ?? 0) - before);
      return result;
    };
    // 0.02 ms a step: CHUNK_MS (5 ms) is 250 steps; the first chunk is DEFAULT_CHUNK_STEPS, the last ends at the checkpoint.
    const clock = (): number => (current?.stepCount ?? 0) * 0.02;
    await runSweepJob([jobRun(config({}))], { budgetSteps: 800, checkpoints: [0, 400, 800], clock, makeSession, timePart, yieldControl: noWait });
    expect([CHUNK_MS, DEFAULT_CHUNK_STEPS]).toEqual([5, 50]);
    expect(chunks).toEqual([50, 250, 100, 250, 150]);
  });

  it('without a chunk size, it yields once YIELD_MS has passed on the run clock since its last yield, not after every chunk', async () => {
    let current: TrainingSession | null = null;
    const makeSession = (run: SweepJobRun): TrainingSession => (current = sessionOnGeneratedData(run.spec, run.settings));
    let yields = 0;
    const progress: number[] = [];
    // 0.02 ms a step: checkpoints every 100 steps (2 ms) cut every chunk after the first (50 steps, 1 ms), so the
    // chunks end at 1, 2, 4, 6, … 40 ms; YIELD_MS (20 ms) since the last yield at 20 and 40 ms (steps 1,000 and
    // 2,000): 2 yields, and one before the run (a yield per chunk was 1 + 21).
    const clock = (): number => (current?.stepCount ?? 0) * 0.02;
    const { results } = await runSweepJob([jobRun(config({}))], {
      budgetSteps: 2000,
      clock,
      makeSession,
      onProgress: (p) => progress.push(p.step),
      yieldControl: () => {
        yields += 1;
        return Promise.resolve();
      },
    });
    expect(YIELD_MS).toBe(20);
    expect(results[0].steps).toEqual(checkpointSteps(2000));
    expect(yields).toBe(3);
    // The two yields' reports, then the finished run's.
    expect(progress).toEqual([1000, 2000, 2000]);
  });

  it('yields a macrotask between chunks by default', async () => {
    let timerRan = false;
    setTimeout(() => (timerRan = true), 0);
    let seenBeforeEnd = false;
    await runSweepJob([jobRun(config({}))], { budgetSteps: 20, chunkSteps: 5, onProgress: () => (seenBeforeEnd ||= timerRan) });
    expect(seenBeforeEnd).toBe(true);
  });

  it('its default yield is a message task, not a timer (a nested setTimeout(0) waits at least 4 ms in a browser)', async () => {
    // HTML Living Standard, "Timers", step 5 of the timer initialisation steps: past a nesting level of 5 a
    // timeout below 4 ms becomes 4 ms; a worker's chunk of 50 fused steps takes about 2 ms, so a timer per chunk
    // more than doubled a sweep's time. A MessageChannel message is a task without that clamp.
    // (That it still lets a task in between chunks is the test above.)
    const setTimeoutSpy = vi.spyOn(globalThis, 'setTimeout');
    try {
      const { results } = await runSweepJob([jobRun(config({}))], { budgetSteps: 20, checkpoints: [0, 10, 20], chunkSteps: 5 });
      expect(results[0].steps).toEqual([0, 10, 20]);
      expect(setTimeoutSpy).not.toHaveBeenCalled();
    } finally {
      setTimeoutSpy.mockRestore();
    }
  });

  it('learning rate on the circle with SGD: a U-shaped response, best inside the range', async () => {
    const base = config({ optimizer: 'sgd', points: 300 });
    const spec = { axes: [{ field: 'learningRate', values: { kind: 'range' as const, from: 0.001, to: 10, count: 5, scale: 'log' as const } }], seeds: 2, budget: 300, budgetUnit: 'steps' as const };
    const expansion = expandSweep(spec, [base], { msPerStep: 1, maxMs: 1e7 });
    if (!expansion.ok) throw new Error(expansion.reasons.join(' '));
    const { runs, axisValues } = expansion.plan;
    const { results } = await runSweepJob(runs.map((r) => jobRun(r.config)), { budgetSteps: spec.budget, yieldControl: noWait });
    const response = sweepResponse(runs, results, { kind: 'final', of: 'trainLoss' });
    const medians = response.cells.map((cell) => cell.median);
    const best = response.best[0];
    expect(best).not.toBeNull();
    const at = best?.point[0] ?? -1;
    expect(at).toBeGreaterThan(0);
    expect(at).toBeLessThan(axisValues[0].length - 1);
    // Both ends are worse than the best: too slow at 0.001, diverged (or worse) at 10.
    expect(medians[0]).toBeGreaterThan(medians[at]);
    expect(medians[medians.length - 1]).toBeGreaterThan(medians[at]);
    expect(response.rule).toBe('lowest median final train loss at step 300');
  });

  it('records which test examples each run finally gets right, as an ordinary run reads them back at that step (issue 17 §6)', async () => {
    const configs = [0.03, 0.3].map((learningRate) => config({ optimizer: 'sgd', learningRate, dataset: 'xor' }));
    // Grouped on the runs' typed arrays (no chunk size), and one run at a time in a session (a chunk size).
    const grouped = await runSweepJob(configs.map(jobRun), { budgetSteps: 60, checkpoints: [0, 30, 60], yieldControl: noWait });
    const alone = await runSweepJob(configs.map(jobRun), { budgetSteps: 60, checkpoints: [0, 30, 60], chunkSteps: 7, yieldControl: noWait });
    // The ordinary run's readback on the plain TF.js path, not the fused loops that record the sweep's.
    chooseFusedEvaluation(false);
    try {
      for (const [i, c] of configs.entries()) {
        const session = sessionOnGeneratedData(runSpecOf(c), trainingSettingsOf(c));
        session.runSteps(60);
        const { correct } = (await session.evaluate(true)).evaluation;
        session.dispose();
        if (!correct) throw new Error('no readback of the right examples');
        const right = correct.reduce((sum, r) => sum + r, 0);
        expect(right).toBeGreaterThan(0);
        expect(right).toBeLessThan(correct.length);
        expect(grouped.results[i].correct).toEqual(correct);
        expect(alone.results[i].correct).toEqual(correct);
        expect(right / correct.length).toBeCloseTo(grouped.results[i].final.testAccuracy, 6);
      }
    } finally {
      chooseFusedEvaluation(true);
    }
    // A regression records none.
    const hills = await runSweepJob([jobRun(config({ dataset: 'hills' }))], { budgetSteps: 20, yieldControl: noWait });
    expect(hills.results[0].correct).toBeNull();
  });

  it('reports the runs that advance together: a group of runs on their typed arrays all at its step, none between runs', async () => {
    const runs = [0.01, 0.03, 0.1].map((learningRate) => jobRun(config({ learningRate })));
    const progress: SweepProgress[] = [];
    let now = 0;
    // A clock that moves 30 ms a call, so every chunk is past YIELD_MS and reports.
    const { results } = await runSweepJob(runs, { budgetSteps: 40, checkpoints: [0, 20, 40], clock: () => (now += 30), yieldControl: noWait, onProgress: (p) => progress.push(p) });
    expect(results).toHaveLength(3);
    const during = progress.filter((p) => p.runsDone === 0 && p.together > 0);
    expect(during.length).toBeGreaterThan(0);
    expect(new Set(during.map((p) => p.together))).toEqual(new Set([3]));
    expect(progress.filter((p) => p.together === 0).map((p) => p.runsDone)).toEqual([1, 2, 3]);
  });
});
