import '../test/setupTf';
import { describe, expect, it } from 'vitest';
import { defaultConfig } from '../config/experiment';
import type { DataAccess } from '../engine/data/dataSources';
import { startSweepWebGpu, SweepRunner, WARM_UP_MS, type WebGpuStarter } from './sweepRunner';
import { CPU_GROUP_RUNS, WEBGPU_GROUP_RUNS, type SweepWorkerEvent } from './sweepProtocol';
import { GPU_GROUP_RUNS, GROUP_RUNS } from '../engine/sweep/sweepJob';
import { parseCsvTable } from '../engine/data/csv';
import { ShippedFileUnavailable } from './dataFacts';
import { recorded } from '../test/sweepResults';

const NO_FILES: DataAccess = {
  readShipped: () => Promise.reject(new Error('no files in this test')),
  customData: () => null,
};

/** Every string in a posted value, however deep. */
function stringsIn(value: unknown): string[] {
  if (typeof value === 'string') return [value];
  if (value === null || typeof value !== 'object') return [];
  return Object.values(value).flatMap(stringsIn);
}

describe('a sweep worker', () => {
  it('trains the run it is given and reports it under the plan index, with every checkpoint', async () => {
    const events: SweepWorkerEvent[] = [];
    const runner = new SweepRunner((e) => events.push(e), NO_FILES);
    await runner.handle({ type: 'run', index: 7, config: { ...defaultConfig(), hidden: [4] }, budgetSteps: 40, checkpoints: [0, 20, 40] });
    const result = events.find((e) => e.type === 'result');
    expect(result?.type === 'result' && result.result.index).toBe(7);
    expect(result?.type === 'result' && result.result.steps).toEqual([0, 20, 40]);
  });

  it('says by name why a run could not be trained', async () => {
    const events: SweepWorkerEvent[] = [];
    const runner = new SweepRunner((e) => events.push(e), NO_FILES);
    await runner.handle({ type: 'run', index: 2, config: { ...defaultConfig(), dataset: 'digits' }, budgetSteps: 10, checkpoints: [0, 10] });
    expect(events).toEqual([{ type: 'failed', index: 2, failure: { code: 'failed', message: 'no files in this test' } }]);
  });

  it('posts a data file that could not be read as its path and the raw reason, not a sentence', async () => {
    const events: SweepWorkerEvent[] = [];
    const notFound: DataAccess = { readShipped: (file) => Promise.reject(new ShippedFileUnavailable(`/data/${file}`, { code: 'http', status: 404 })), customData: () => null };
    const runner = new SweepRunner((e) => events.push(e), notFound);
    await runner.handle({ type: 'run', index: 4, config: { ...defaultConfig(), dataset: 'iris' }, budgetSteps: 10, checkpoints: [0, 10] });
    expect(events).toEqual([{ type: 'failed', index: 4, failure: { code: 'data-file', file: '/data/iris.bin', problem: { code: 'http', status: 404 } } }]);
  });

  it('runs on the same data share one data set in the worker, each with the results it has on a fresh worker', async () => {
    const configs = [0.03, 0.3].flatMap((learningRate) => [1, 2].map((seed) => ({ ...defaultConfig(), hidden: [4], optimizer: 'sgd' as const, learningRate, seed })));
    const resultsOf = (events: SweepWorkerEvent[]) => events.flatMap((e) => (e.type === 'result' ? [recorded(e.result)] : []));
    const events: SweepWorkerEvent[] = [];
    const runner = new SweepRunner((e) => events.push(e), NO_FILES);
    for (const [index, config] of configs.entries()) await runner.handle({ type: 'run', index, config, budgetSteps: 40, checkpoints: [0, 20, 40] });
    const alone: SweepWorkerEvent[] = [];
    for (const [index, config] of configs.entries()) await new SweepRunner((e) => alone.push(e), NO_FILES).handle({ type: 'run', index, config, budgetSteps: 40, checkpoints: [0, 20, 40] });
    expect(resultsOf(events)).toHaveLength(4);
    expect(resultsOf(events)).toEqual(resultsOf(alone));
    expect(runner.datasets.built).toBe(2);
  });

  it('a CPU batch trains as one job: each run\'s result equals the run trained alone, value for value, under its plan index', async () => {
    const configs = [0.01, 0.1, 1].flatMap((learningRate) => [1, 2].map((seed) => ({ ...defaultConfig(), hidden: [8, 8], activation: ['tanh' as const, 'tanh' as const], batchSize: 16, learningRate, seed })));
    const budget = { budgetSteps: 60, checkpoints: [0, 20, 40, 60] };
    const events: SweepWorkerEvent[] = [];
    await new SweepRunner((e) => events.push(e), NO_FILES).handle({ type: 'runGroup', runs: configs.map((config, k) => ({ index: 10 + k, config })), backend: 'cpu', ...budget });
    const alone: SweepWorkerEvent[] = [];
    for (const [k, config] of configs.entries()) await new SweepRunner((e) => alone.push(e), NO_FILES).handle({ type: 'run', index: 10 + k, config, ...budget });
    const resultsOf = (list: SweepWorkerEvent[]) => list.flatMap((e) => (e.type === 'result' ? [recorded(e.result)] : [])).sort((a, b) => a.index - b.index);
    expect(events.some((e) => e.type === 'backend')).toBe(false);
    expect(resultsOf(events).map((r) => r.index)).toEqual([10, 11, 12, 13, 14, 15]);
    expect(resultsOf(events)).toEqual(resultsOf(alone));
  });

  it('a CPU batch whose job fails trains its runs again one at a time: the run that cannot train fails alone, by its own reason', async () => {
    const events: SweepWorkerEvent[] = [];
    const notFound: DataAccess = { readShipped: (file) => Promise.reject(new ShippedFileUnavailable(`/data/${file}`, { code: 'http', status: 404 })), customData: () => null };
    const runs = [
      { index: 0, config: { ...defaultConfig(), hidden: [4] } },
      { index: 1, config: { ...defaultConfig(), dataset: 'iris' as const } },
      { index: 2, config: { ...defaultConfig(), hidden: [4], seed: 3 } },
    ];
    await new SweepRunner((e) => events.push(e), notFound).handle({ type: 'runGroup', runs, backend: 'cpu', budgetSteps: 10, checkpoints: [0, 10] });
    const outcomes = events.filter((e) => e.type === 'result' || e.type === 'failed').map((e) => (e.type === 'result' ? ['result', e.result.index] : e.type === 'failed' ? ['failed', e.index, e.failure] : []));
    expect(outcomes).toEqual([
      ['result', 0],
      ['failed', 1, { code: 'data-file', file: '/data/iris.bin', problem: { code: 'http', status: 404 } }],
      ['result', 2],
    ]);
  });

  it('stops the run in progress on cancel and reports it cancelled', async () => {
    const events: SweepWorkerEvent[] = [];
    const runner = new SweepRunner((e) => events.push(e), NO_FILES);
    const running = runner.handle({ type: 'run', index: 0, config: defaultConfig(), budgetSteps: 100_000, checkpoints: [0, 50_000, 100_000] });
    await new Promise((resolve) => setTimeout(resolve, 20));
    await runner.handle({ type: 'cancel' });
    await running;
    expect(events.filter((e) => e.type !== 'progress')).toEqual([{ type: 'cancelled', index: 0 }]);
  });
});

describe('a sweep worker on the session\'s CSV file', () => {
  const csvText = ['a,b,c,kind', ...Array.from({ length: 40 }, (_, i) => `${(i % 7) / 3},${(i % 5) / 2},${i / 40},${i % 2 === 0 ? 'even' : 'odd'}`)].join('\n');
  const file = (text: string, features = [0, 1, 2]) => ({ fileName: 'rows.csv', bytes: new TextEncoder().encode(text), dropMissing: false, label: 3, features });
  const custom = { ...defaultConfig(), dataset: 'custom' as const, hidden: [4], activation: ['tanh' as const] };

  it('trains a run on dataset=custom from the file it was sent, on the columns chosen', async () => {
    const events: SweepWorkerEvent[] = [];
    const runner = new SweepRunner((e) => events.push(e), NO_FILES);
    await runner.handle({ type: 'csv', file: file(csvText, [0, 2]) });
    await runner.handle({ type: 'run', index: 3, config: custom, budgetSteps: 20, checkpoints: [0, 10, 20] });
    const result = events.find((e) => e.type === 'result');
    expect(result?.type === 'result' && result.result.steps).toEqual([0, 10, 20]);
    expect(result?.type === 'result' && Number.isFinite(result.result.final.trainLoss)).toBe(true);
  });

  it('a new file is new data under the same spec: the next run trains on it, as on a fresh worker', async () => {
    const otherText = ['a,b,c,kind', ...Array.from({ length: 40 }, (_, i) => `${(i % 3) / 2},${(i % 11) / 5},${1 - i / 40},${i % 3 === 0 ? 'even' : 'odd'}`)].join('\n');
    const finalOf = (events: SweepWorkerEvent[]) => events.flatMap((e) => (e.type === 'result' ? [e.result.final] : []));
    const events: SweepWorkerEvent[] = [];
    const runner = new SweepRunner((e) => events.push(e), NO_FILES);
    await runner.handle({ type: 'csv', file: file(csvText) });
    await runner.handle({ type: 'run', index: 0, config: custom, budgetSteps: 20, checkpoints: [0, 10, 20] });
    await runner.handle({ type: 'csv', file: file(otherText) });
    await runner.handle({ type: 'run', index: 1, config: custom, budgetSteps: 20, checkpoints: [0, 10, 20] });
    const fresh: SweepWorkerEvent[] = [];
    const other = new SweepRunner((e) => fresh.push(e), NO_FILES);
    await other.handle({ type: 'csv', file: file(otherText) });
    await other.handle({ type: 'run', index: 1, config: custom, budgetSteps: 20, checkpoints: [0, 10, 20] });
    const [first, second] = finalOf(events);
    expect(second).toEqual(finalOf(fresh)[0]);
    expect(second).not.toEqual(first);
  });

  it('without the file, or with a refused one, the run fails by name', async () => {
    const events: SweepWorkerEvent[] = [];
    const runner = new SweepRunner((e) => events.push(e), NO_FILES);
    await runner.handle({ type: 'run', index: 0, config: custom, budgetSteps: 10, checkpoints: [0, 10] });
    await runner.handle({ type: 'csv', file: file('a,b\n1\n2,3,4\n') });
    const parsed = parseCsvTable(new TextEncoder().encode('a,b\n1\n2,3,4\n'), 'rows.csv', { dropMissing: false });
    const refusal = parsed.ok ? null : parsed.error;
    expect(refusal?.message).toMatch(/rows\.csv/);
    await runner.handle({ type: 'run', index: 1, config: custom, budgetSteps: 10, checkpoints: [0, 10] });
    expect(events).toEqual([
      { type: 'failed', index: 0, failure: { code: 'failed', message: 'This link uses a CSV file ("dataset=custom") that is not loaded here: load the file again under Data.' } },
      { type: 'failed', index: 1, failure: { code: 'csv-refused', fileName: 'rows.csv', error: refusal } },
    ]);
  });

  it('a group meant for WebGPU trains on the CPU where WebGPU does not start, says so once, and gives each run what it gives alone', async () => {
    const configs = [0.03, 0.3].flatMap((learningRate) => [1, 2].map((seed) => ({ ...defaultConfig(), hidden: [4], learningRate, seed })));
    const resultsOf = (events: SweepWorkerEvent[]) => events.flatMap((e) => (e.type === 'result' ? [recorded(e.result)] : [])).sort((a, b) => a.index - b.index);
    const events: SweepWorkerEvent[] = [];
    let starts = 0;
    const runner = new SweepRunner((e) => events.push(e), NO_FILES, () => performance.now(), {
      start: () => {
        starts += 1;
        return Promise.resolve({ backend: 'cpu', skipped: { backend: 'webgpu', reason: 'unavailable', code: 'no-adapter' } });
      },
      lose: () => undefined,
      lost: () => null,
    });
    const runs = configs.map((config, i) => ({ index: 10 + i, config }));
    await runner.handle({ type: 'runGroup', runs: runs.slice(0, 3), backend: 'webgpu', budgetSteps: 40, checkpoints: [0, 20, 40] });
    await runner.handle({ type: 'runGroup', runs: runs.slice(3), backend: 'webgpu', budgetSteps: 40, checkpoints: [0, 20, 40] });
    expect(starts).toBe(1);
    expect(events.filter((e) => e.type === 'backend')).toEqual([{ type: 'backend', backend: 'cpu', skipped: { backend: 'webgpu', reason: 'unavailable', code: 'no-adapter' } }]);
    const alone: SweepWorkerEvent[] = [];
    for (const { index, config } of runs) await new SweepRunner((e) => alone.push(e), NO_FILES).handle({ type: 'run', index, config, budgetSteps: 40, checkpoints: [0, 20, 40] });
    expect(resultsOf(events).map((r) => r.index)).toEqual([10, 11, 12, 13]);
    expect(resultsOf(events)).toEqual(resultsOf(alone));
  });

  it('a group cancelled midway reports every unfinished run cancelled; a failure fails each by name', async () => {
    const events: SweepWorkerEvent[] = [];
    const runner = new SweepRunner((e) => events.push(e), NO_FILES);
    const runs = [1, 2].map((seed, i) => ({ index: i, config: { ...defaultConfig(), hidden: [4], seed } }));
    const running = runner.handle({ type: 'runGroup', runs, backend: 'webgpu', budgetSteps: 40_000, checkpoints: [0, 20_000, 40_000] });
    await new Promise((resolve) => setTimeout(resolve, 0));
    await runner.handle({ type: 'cancel' });
    await running;
    expect(events.filter((e) => e.type === 'cancelled')).toEqual([{ type: 'cancelled', index: 0 }, { type: 'cancelled', index: 1 }]);
    const failed: SweepWorkerEvent[] = [];
    await new SweepRunner((e) => failed.push(e), NO_FILES).handle({ type: 'runGroup', runs: runs.map((r) => ({ ...r, config: { ...r.config, dataset: 'digits' as const } })), backend: 'webgpu', budgetSteps: 10, checkpoints: [0, 10] });
    expect(failed.filter((e) => e.type === 'failed')).toEqual([0, 1].map((index) => ({ type: 'failed', index, failure: { code: 'failed', message: 'no files in this test' } })));
  });

  it('says why WebGPU did not start as codes, its only text an error’s message as thrown, never a sentence (issue 20 §6)', async () => {
    const thrown = 'GPUAdapter.requestDevice: the device could not be created.';
    const chosen: string[] = [];
    const tf = (gpu: unknown, setBackend: (name: 'webgpu' | 'cpu') => Promise<boolean>): WebGpuStarter => ({
      gpu: () => gpu,
      load: () => Promise.resolve(),
      setBackend: (name) => (chosen.push(name), setBackend(name)),
      ready: () => Promise.resolve(),
    });
    const started = [
      await startSweepWebGpu(tf(undefined, () => Promise.resolve(true))),
      await startSweepWebGpu(tf({}, (name) => Promise.resolve(name === 'cpu'))),
      await startSweepWebGpu(tf({}, (name) => (name === 'webgpu' ? Promise.reject(new Error(thrown)) : Promise.resolve(true)))),
      await startSweepWebGpu(tf({}, () => Promise.resolve(true))),
    ];
    expect(started).toEqual([
      { backend: 'cpu', skipped: { backend: 'webgpu', reason: 'unavailable', code: 'no-navigator-gpu' } },
      { backend: 'cpu', skipped: { backend: 'webgpu', reason: 'init-failed' } },
      { backend: 'cpu', skipped: { backend: 'webgpu', reason: 'error', detail: thrown } },
      { backend: 'webgpu' },
    ]);
    // Back on the CPU after a refusal or a throw; not asked for WebGPU at all without navigator.gpu.
    expect(chosen).toEqual(['webgpu', 'cpu', 'webgpu', 'cpu', 'webgpu']);
    // A runner given no WebGPU (Node has no navigator.gpu) posts the same code.
    const events: SweepWorkerEvent[] = [];
    await new SweepRunner((e) => events.push(e), NO_FILES).handle({ type: 'runGroup', runs: [{ index: 0, config: { ...defaultConfig(), hidden: [4] } }], backend: 'webgpu', budgetSteps: 10, checkpoints: [0, 10] });
    const posted = events.filter((e) => e.type === 'backend');
    expect(posted).toEqual([{ type: 'backend', backend: 'cpu', skipped: { backend: 'webgpu', reason: 'unavailable', code: 'no-navigator-gpu' } }]);
    const strings = [...posted, ...started].flatMap(stringsIn);
    expect(strings.filter((text) => text !== thrown && !/^[a-z0-9-]+$/.test(text))).toEqual([]);
  });

  it('a cancel while WebGPU starts is kept: the group reports its runs cancelled and trains none', async () => {
    const events: SweepWorkerEvent[] = [];
    let started: () => void = () => undefined;
    const runner = new SweepRunner((e) => events.push(e), NO_FILES, () => performance.now(), {
      start: () => new Promise((resolve) => (started = () => resolve({ backend: 'webgpu' }))),
      lose: () => undefined,
      lost: () => null,
    });
    const runs = [1, 2].map((seed, i) => ({ index: i, config: { ...defaultConfig(), hidden: [4], seed } }));
    const running = runner.handle({ type: 'runGroup', runs, backend: 'webgpu', budgetSteps: 40, checkpoints: [0, 20, 40] });
    await runner.handle({ type: 'cancel' });
    started();
    await running;
    expect(events.map((e) => e.type)).toEqual(['backend', 'cancelled', 'cancelled']);
  });

  it('a group whose WebGPU device is lost reports the loss, not its runs as failed; without a loss they fail by name', async () => {
    const run = async (loss: Promise<string> | null): Promise<SweepWorkerEvent[]> => {
      const events: SweepWorkerEvent[] = [];
      const runner = new SweepRunner((e) => events.push(e), NO_FILES, () => performance.now(), {
        start: () => Promise.resolve({ backend: 'webgpu' }),
        lose: () => undefined,
        lost: () => loss,
      });
      // Digits with no files: the group throws, as an operation on a lost device would.
      const runs = [0, 1].map((index) => ({ index, config: { ...defaultConfig(), dataset: 'digits' as const } }));
      await runner.handle({ type: 'runGroup', runs, backend: 'webgpu', budgetSteps: 10, checkpoints: [0, 10] });
      await new Promise((resolve) => setTimeout(resolve, 0));
      return events;
    };
    let lose: (message: string) => void = () => undefined;
    const lossOnItsWay = new Promise<string>((resolve) => (lose = resolve));
    setTimeout(() => lose('Device was destroyed.'), 20);
    expect((await run(lossOnItsWay)).map((e) => e.type)).toEqual(['backend', 'deviceLost']);
    expect((await run(new Promise<string>(() => undefined))).map((e) => (e.type === 'failed' ? `failed ${e.index}` : e.type))).toEqual(['backend', 'failed 0', 'failed 1']);
  });

  it('a group command holds as many runs as one group of the job, on WebGPU and on the CPU', () => {
    expect(WEBGPU_GROUP_RUNS).toBe(GPU_GROUP_RUNS);
    expect(CPU_GROUP_RUNS).toBe(GROUP_RUNS);
  });
});

describe('a sweep worker warmed up before its sweep', () => {
  const config = { ...defaultConfig(), hidden: [8, 8], activation: ['tanh' as const, 'tanh' as const], batchSize: 16 };
  const budget = { budgetSteps: 60, checkpoints: [0, 20, 40, 60] };
  const runs = [0.01, 0.1].map((learningRate, k) => ({ index: k, config: { ...config, learningRate } }));
  const resultsOf = (list: SweepWorkerEvent[]) => list.flatMap((e) => (e.type === 'result' ? [e.result] : []));

  it('trains its throwaway runs to the end and posts nothing; the sweep after it gives the results of a fresh worker, on the data set it built', async () => {
    const events: SweepWorkerEvent[] = [];
    // A clock that stands still: only the steps end the warm-up.
    const runner = new SweepRunner((e) => events.push(e), NO_FILES, () => 0);
    await runner.handle({ type: 'warmUp', config });
    expect(runner.lastWarmUp).toBe('trained');
    expect(events).toEqual([]);
    await runner.handle({ type: 'runGroup', runs, backend: 'cpu', ...budget });
    const fresh: SweepWorkerEvent[] = [];
    await new SweepRunner((e) => fresh.push(e), NO_FILES).handle({ type: 'runGroup', runs, backend: 'cpu', ...budget });
    expect(resultsOf(events)).toHaveLength(2);
    expect(resultsOf(events)).toEqual(resultsOf(fresh));
    expect(runner.datasets.built).toBe(1);
  });

  it('stops at its next yield when the sweep’s runs come, which then start and give the results of a fresh worker', async () => {
    const events: SweepWorkerEvent[] = [];
    const runner = new SweepRunner((e) => events.push(e), NO_FILES, () => 0);
    const warming = runner.handle({ type: 'warmUp', config });
    const sweep = runner.handle({ type: 'runGroup', runs, backend: 'cpu', ...budget });
    await Promise.all([warming, sweep]);
    expect(runner.lastWarmUp).toBe('ended by a command');
    const fresh: SweepWorkerEvent[] = [];
    await new SweepRunner((e) => fresh.push(e), NO_FILES).handle({ type: 'runGroup', runs, backend: 'cpu', ...budget });
    expect(resultsOf(events)).toEqual(resultsOf(fresh));
  });

  it('a cancel sent right after the runs, while the warm-up is stopping, still cancels them', async () => {
    const events: SweepWorkerEvent[] = [];
    const runner = new SweepRunner((e) => events.push(e), NO_FILES, () => 0);
    const warming = runner.handle({ type: 'warmUp', config });
    const sweep = runner.handle({ type: 'runGroup', runs, backend: 'cpu', budgetSteps: 100_000, checkpoints: [0, 100_000] });
    const cancel = runner.handle({ type: 'cancel' });
    await Promise.all([warming, sweep, cancel]);
    expect(events.filter((e) => e.type === 'cancelled').map((e) => (e.type === 'cancelled' ? e.index : -1))).toEqual([0, 1]);
    expect(events.some((e) => e.type === 'result')).toBe(false);
  });

  it(`ends once ${WARM_UP_MS} ms have passed on its clock`, async () => {
    let now = 0;
    // Each reading of the clock is past the limit: the warm-up stops at its first look.
    const runner = new SweepRunner(() => undefined, NO_FILES, () => (now += WARM_UP_MS + 1));
    await runner.handle({ type: 'warmUp', config });
    expect(runner.lastWarmUp).toBe('out of time');
  });

  it('trains nothing for runs on real data, whose sweeps are long, and loads no file for it', async () => {
    let reads = 0;
    const counting: DataAccess = { readShipped: () => ((reads += 1), Promise.reject(new Error('no files in this test'))), customData: () => null };
    const runner = new SweepRunner(() => undefined, counting);
    await runner.handle({ type: 'warmUp', config: { ...defaultConfig(), dataset: 'digits' } });
    expect(runner.lastWarmUp).toBeNull();
    expect(reads).toBe(0);
  });
});
