/**
 * A sweep's runs share their data sets (sharedDatasets.ts): runs on shared data give the same results as each
 * built alone, bit for bit; a data set is built once per spec; the key is the whole spec (the seed included);
 * the cache stays within its bounds.
 */
import '../../test/setupTf';
import { describe, expect, it } from 'vitest';
import { defaultConfig, type ExperimentConfig } from '../../config/experiment';
import { runSpecOf, trainingSettingsOf } from '../../config/toEngine';
import { buildGeneratedDataset, isGeneratedSpec, type Dataset, type DatasetSpec } from '../data/dataset';
import { TrainingSession } from '../session';
import { datasetBytes, datasetKey, SharedDatasets } from './sharedDatasets';
import { runSweepJob, type SweepJobRun } from './sweepJob';
import { recorded } from '../../test/sweepResults';

const config = (overrides: Partial<ExperimentConfig>): ExperimentConfig => ({ ...defaultConfig(), dataset: 'circle', points: 200, hidden: [6], activation: ['tanh'], ...overrides });
const jobRun = (c: ExperimentConfig): SweepJobRun => ({ spec: runSpecOf(c), settings: trainingSettingsOf(c) });
const noWait = (): Promise<void> => Promise.resolve();
const generated = (spec: DatasetSpec): Dataset => {
  if (!isGeneratedSpec(spec)) throw new Error(`not generated: ${spec.name}`);
  return buildGeneratedDataset(spec);
};
const options = { budgetSteps: 60, checkpoints: [0, 20, 40, 60], yieldControl: noWait };

describe('shared data sets', () => {
  // Seeds innermost, as a sweep orders its runs (config/sweep.ts): the runs of seed 1 and 2 alternate.
  const runs = [0.03, 0.3].flatMap((learningRate) => [1, 2].map((seed) => jobRun(config({ learningRate, seed, optimizer: 'sgd' }))));

  it('runs that share data sets give the same results as each run built alone, bit for bit, and each set is built once', async () => {
    const datasets = new SharedDatasets();
    const makeSession = async (run: SweepJobRun): Promise<TrainingSession> => new TrainingSession(await datasets.get(run.spec.dataset, generated), run.spec, run.settings);
    const shared = await runSweepJob(runs, { ...options, makeSession });
    const alone = await Promise.all(runs.map(async (run, index) => ({ ...(await runSweepJob([run], options)).results[0], index })));
    expect(shared.results.map(recorded)).toEqual(alone.map(recorded));
    // Two seeds, two data sets (a key without the seed would build one, and give seed 2 the points of seed 1).
    expect(datasets.built).toBe(2);
    // The two seeds' data differ, so sharing the wrong one would show in the results.
    expect(shared.results[0].trainLoss[0]).not.toBe(shared.results[1].trainLoss[0]);
  });

  it("the job's default sessions share data sets with the same results as each run alone", async () => {
    const shared = await runSweepJob(runs, options);
    for (const [index, run] of runs.entries()) expect(recorded(shared.results[index])).toEqual(recorded({ ...(await runSweepJob([run], options)).results[0], index }));
  });

  it('keys a spec by every field, whatever their order', () => {
    const spec = runSpecOf(config({})).dataset;
    const reordered = Object.fromEntries(Object.entries(spec).reverse()) as unknown as DatasetSpec;
    expect(datasetKey(reordered)).toBe(datasetKey(spec));
    for (const other of [{ seed: 2 }, { noise: 37 }, { points: 300 }, { trainPercent: 60 }, { validationPercent: 10 }, { dataset: 'xor' as const }]) {
      expect(datasetKey(runSpecOf(config(other)).dataset)).not.toBe(datasetKey(spec));
    }
  });

  it('keeps the specs used last, and never a set larger than its byte bound', async () => {
    const specs = [1, 2, 3].map((seed) => runSpecOf(config({ seed })).dataset);
    const two = new SharedDatasets(2);
    for (const spec of [...specs, specs[2], specs[0]]) await two.get(spec, generated);
    // 1, 2, 3 built; 3 kept; 1 was the oldest of three and was dropped, so it is built again.
    expect([two.built, two.size]).toEqual([4, 2]);
    const bytes = datasetBytes(generated(specs[0]));
    const small = new SharedDatasets(12, bytes - 1);
    const first = await small.get(specs[0], generated);
    const second = await small.get(specs[0], generated);
    expect([small.built, small.size, first === second]).toEqual([2, 0, false]);
    const roomy = new SharedDatasets(12, bytes);
    expect((await roomy.get(specs[0], generated)) === (await roomy.get(specs[0], generated))).toBe(true);
    expect(roomy.built).toBe(1);
  });
});
