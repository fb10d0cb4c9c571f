import '../../test/setupTf';
import { describe, expect, it } from 'vitest';
import { defaultConfig, type ExperimentConfig } from '../../config/experiment';
import { runSpecOf, trainingSettingsOf } from '../../config/toEngine';
import { sessionOnGeneratedData } from '../session';
import { checkpointSteps } from './checkpoints';
import { advanceCpuRuns, CpuRun } from './cpuRunGroup';
import { runSweepJob, type SweepJobRun } from './sweepJob';

const config = (overrides: Partial<ExperimentConfig>): ExperimentConfig => ({ ...defaultConfig(), points: 200, ...overrides });
const jobRun = (c: ExperimentConfig): SweepJobRun => ({ spec: runSpecOf(c), settings: trainingSettingsOf(c) });
const noWait = (): Promise<void> => Promise.resolve();

/** Runs of several shapes, optimizers, penalties, schedules and batch sizes (a schedule's end inside the budget). */
const mixed: Partial<ExperimentConfig>[] = [
  { optimizer: 'adam', learningRate: 0.01 },
  { optimizer: 'adam', learningRate: 0.3, seed: 2 },
  { optimizer: 'sgd', learningRate: 0.3, regularization: 'l2', regularizationRate: 0.01 },
  { optimizer: 'nesterov', learningRate: 0.05, hidden: [8, 8], activation: ['relu', 'sigmoid'] },
  { optimizer: 'rmsprop', learningRate: 0.003, regularization: 'l1', regularizationRate: 0.001, batchSize: 10 },
  { optimizer: 'momentum', dataset: 'spiral', hidden: [8, 8], schedule: 'cosine', totalSteps: 90 },
  { optimizer: 'rmsprop', dataset: 'hills', learningRate: 0.01 },
  // LocoProp's batched steps: its settings in the run's problem, its rates as doubles, its inner counters.
  { algorithm: 'locoprop-m', innerOptimizer: 'adam', innerSteps: 3, learningRate: 0.01, schedule: 'one-cycle', totalSteps: 120 },
  { algorithm: 'locoprop-m', innerOptimizer: 'rmsprop', innerSteps: 2, innerReset: true, proximal: true, learningRate: 0.003, hidden: [8, 8], activation: ['relu', 'tanh'] },
  { algorithm: 'locoprop-s', innerOptimizer: 'sgd', innerSteps: 4, innerDecay: false, gamma: 3, learningRate: 0.1, regularization: 'l2', regularizationRate: 0.001, batchSize: 10 },
  // Feedback alignment's: each run's own B (its algorithm state) beside its arrays.
  { algorithm: 'feedback-alignment', optimizer: 'adam', learningRate: 0.01, hidden: [8, 8], seed: 4 },
  { algorithm: 'feedback-alignment', optimizer: 'momentum', learningRate: 0.05, schedule: 'cosine', totalSteps: 90 },
  // SGD-HD's and Adam-HD's α: the run's own, carried through the chunks and put back into the session.
  { optimizer: 'sgd-hd', learningRate: 0.02, hypergradientRate: 0.01 },
  { optimizer: 'adam-hd', learningRate: 0.01, hypergradientRate: 0.001, hidden: [8, 8] },
];

/** θ, the optimizer's slots, its counters and an -HD rule's α of a session, read back. */
async function stateOf(session: ReturnType<typeof sessionOnGeneratedData>): Promise<number[][]> {
  const snapshot = await session.snapshot();
  const { optimizer } = snapshot;
  return [Array.from(snapshot.theta), ...optimizer.slots.map((slot) => Array.from(slot)), [optimizer.stepCount, optimizer.beta1Product, optimizer.rate ?? Number.NaN]];
}

describe('runs of a sweep advanced together on the CPU (one multi-run kernel call)', () => {
  it('each run equals the same run trained alone through its session, bit for bit, at every checkpoint', async () => {
    const configs = mixed.map(config);
    const grouped = configs.map((c) => sessionOnGeneratedData(runSpecOf(c), trainingSettingsOf(c)));
    const alone = configs.map((c) => sessionOnGeneratedData(runSpecOf(c), trainingSettingsOf(c)));
    const runs = await Promise.all(grouped.map((session, i) => CpuRun.of(session, trainingSettingsOf(configs[i]))));
    // Chunks of uneven sizes, crossing the cosine schedule's end (90) and the checkpoints of the lone runs.
    const chunks = [1, 6, 33, 50, 17, 60, 13];
    let step = 0;
    for (const chunk of chunks) {
      advanceCpuRuns(runs, chunk);
      step += chunk;
      for (const [i, session] of alone.entries()) {
        while (session.stepCount < step) session.runSteps(step - session.stepCount);
        const { evaluation } = await session.evaluate(false);
        const measured = runs[i].measure();
        expect(measured, `run ${i} at step ${step}`).toEqual({
          step,
          trainLoss: evaluation.trainLoss,
          testLoss: evaluation.testLoss,
          trainAccuracy: evaluation.trainAccuracy,
          testAccuracy: evaluation.testAccuracy,
          validationLoss: evaluation.validationLoss,
          validationAccuracy: evaluation.validationAccuracy,
        });
      }
    }
    // θ, slots and counters too: the run put back into its session holds the lone run's state, every bit.
    for (const [i, run] of runs.entries()) {
      await run.evaluateInSession();
      expect(await stateOf(grouped[i]), `run ${i}`).toEqual(await stateOf(alone[i]));
    }
    expect(runs.every((run) => run.stepCount === 180)).toBe(true);
    [...grouped, ...alone].forEach((session) => session.dispose());
  });

  it('a sweep job of several runs per shape (trained in groups) equals each run trained alone at every checkpoint', async () => {
    const configs = [
      ...[0.003, 0.03, 0.3].flatMap((learningRate) => [1, 2].map((seed) => config({ optimizer: 'adam', learningRate, seed }))),
      config({ optimizer: 'sgd', learningRate: 10 }), // diverges, and leaves the group
      ...[0.01, 0.1].map((learningRate) => config({ optimizer: 'momentum', learningRate, hidden: [8, 8], batchSize: 10 })),
    ];
    const { results } = await runSweepJob(configs.map(jobRun), { budgetSteps: 120, yieldControl: noWait });
    expect(results.map((r) => r.index)).toEqual(configs.map((_, i) => i));
    expect(results[6].diverged).not.toBeNull();
    for (const [i, c] of configs.entries()) {
      const session = sessionOnGeneratedData(runSpecOf(c), trainingSettingsOf(c));
      const rows: number[][] = [];
      for (const step of results[i].steps) {
        while (session.stepCount < step) session.runSteps(step - session.stepCount);
        const { evaluation } = await session.evaluate(false);
        rows.push([evaluation.step, evaluation.trainLoss, evaluation.testLoss, evaluation.trainAccuracy, evaluation.testAccuracy]);
      }
      session.dispose();
      const run = results[i];
      expect(run.steps.map((step, k) => [step, run.trainLoss[k], run.testLoss[k], run.trainAccuracy?.[k], run.testAccuracy?.[k]]), `run ${i}`).toEqual(rows);
      if (i !== 6) expect(run.steps).toEqual(checkpointSteps(120));
    }
  });

  it('a budget in epochs, grouped: each run stops after its epochs at its own batch size, equal to the run alone', async () => {
    const configs = [config({ batchSize: 10 }), config({ batchSize: 10, seed: 2 }), config({ batchSize: 25, seed: 3 })];
    const { results } = await runSweepJob(configs.map(jobRun), { budgetSteps: 1, budgetEpochs: 3, yieldControl: noWait });
    for (const [i, c] of configs.entries()) {
      const session = sessionOnGeneratedData(runSpecOf(c), trainingSettingsOf(c));
      const steps = Math.round((3 * session.dataset.train.count) / c.batchSize);
      const rows: number[][] = [];
      for (const step of checkpointSteps(steps)) {
        while (session.stepCount < step) session.runSteps(step - session.stepCount);
        const { evaluation } = await session.evaluate(false);
        rows.push([evaluation.step, evaluation.trainLoss, evaluation.testLoss]);
      }
      session.dispose();
      const run = results[i];
      expect(run.steps.map((step, k) => [step, run.trainLoss[k], run.testLoss[k]]), `run ${i}`).toEqual(rows);
    }
    expect(results[0].steps.at(-1)).not.toBe(results[2].steps.at(-1));
  });

  it('each result says how many runs its kernel calls advanced: a group’s size, 1 for a run trained alone', async () => {
    const configs = [
      config({ learningRate: 0.01 }),
      config({ learningRate: 0.1 }),
      // Feedback alignment's batched steps take no other algorithm's runs.
      config({ algorithm: 'feedback-alignment' }),
      config({ algorithm: 'feedback-alignment', seed: 2 }),
      config({ algorithm: 'locoprop-m', innerSteps: 2, learningRate: 0.01 }),
      config({ algorithm: 'locoprop-m', innerSteps: 2, learningRate: 0.03 }),
      // A run on plain ops trains alone, through its session.
      config({ kernels: 'plain' }),
    ];
    const { results } = await runSweepJob(configs.map(jobRun), { budgetSteps: 20, yieldControl: noWait });
    expect(results.map((r) => [r.index, r.trainedWith])).toEqual([[0, 2], [1, 2], [2, 2], [3, 2], [4, 2], [5, 2], [6, 1]]);
  });
});
