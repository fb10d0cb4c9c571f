import '../../test/setupTf';
import { execFileSync, spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { defaultConfig, type ExperimentConfig } from '../../config/experiment';
import { MinibatchSampler } from '../../engine/data/dataset';
import { TrainingHost } from '../../worker/host';
import type { RunExportPayload, WorkerEvent } from '../../worker/protocol';
import { PYTHON_SAMPLER } from './pytorchTemplate';
import { ALGORITHMS } from '../../algorithms/registry';
import { base64Of, emitterOrReason, pythonSchedule, pytorchEmitterOf, pytorchScript, trainingDataCsv } from './pytorchScript';
import { cpuOnly } from '../../test/cpuBackendPort';


const hasPython = spawnSync('python3', ['--version']).status === 0;

/** The worker's export of a run (the real host, on the CPU backend); every event it sent goes to `events`. */
async function exportOf(config: ExperimentConfig, steps: number, events: WorkerEvent[] = []): Promise<RunExportPayload> {
  const host = new TrainingHost((event) => events.push(event), cpuOnly);
  host.handle({ type: 'configure', runs: [{ runId: 'run-1', config }] });
  host.handle({ type: 'step' });
  host.handle({ type: 'exportRun', runId: 'run-1', steps });
  await host.idle();
  const answer = events.find((e): e is Extract<WorkerEvent, { type: 'runExport' }> => e.type === 'runExport');
  if (!answer?.payload) throw new Error(`no export: ${answer?.error}`);
  return answer.payload;
}

/** The numbers of a Python list assigned to `name` in the script. */
function listIn(script: string, name: string): number[] {
  const match = new RegExp(`^${name} = (?:torch\\.tensor\\()?\\[([^\\]]*)\\]`, 'm').exec(script);
  if (!match) throw new Error(`${name} not found`);
  return match[1].split(',').map((s) => s.trim()).filter(Boolean).map(Number);
}

const base: ExperimentConfig = { ...defaultConfig(), backend: 'cpu', seed: 5, dataset: 'spiral', hidden: [8, 6], activation: ['tanh', 'relu'], optimizer: 'adam', learningRate: 0.03 };

describe('the PyTorch export', () => {
  it('holds the run: layer sizes, exact initial weights, data, optimizer, schedule and the first losses', async () => {
    const data = await exportOf(base, 100);
    expect(data.losses).toHaveLength(100);
    expect(data.rows).toHaveLength(100 * data.batchSize);
    expect(Array.from(data.losses).every(Number.isFinite)).toBe(true);
    // The twin's first loss is the untrained network's on the first minibatch; it falls over 100 Adam steps.
    expect(data.losses[99]).toBeLessThan(data.losses[0]);
    const script = pytorchScript({ config: base, runName: 'Run 1 · Backprop, Adam, lr 0.03', export: data });
    expect(script).toContain('LAYER_SIZES = [2, 8, 6, 1]');
    expect(script).toContain('HIDDEN_ACTIVATIONS = ["tanh", "relu"]');
    expect(script).toContain('OPTIMIZER = "adam"');
    expect(script).toContain('LOSS = "sigmoid-cross-entropy"');
    expect(script).toContain('"kind": "constant"');
    expect(script).toContain(`SAMPLER_STATE = ${data.samplerState}`);
    // Weights written as readable numbers parse back to the very float32 values.
    const theta = listIn(script, 'THETA0');
    expect(theta).toHaveLength(2 * 8 + 8 + 8 * 6 + 6 + 6 + 1);
    expect(Float32Array.from(theta)).toEqual(data.theta);
    expect(theta.slice(24, 24 + 48).some((w) => w !== 0)).toBe(true);
    expect(Float32Array.from(listIn(script, 'PLAYGROUND_LOSSES'))).toEqual(data.losses);
    expect(trainingDataCsv(data).split('\n')).toHaveLength(data.trainCount + 1);
  });

  it('writes torch schedulers and LocoProp settings where they apply', async () => {
    const config: ExperimentConfig = { ...base, algorithm: 'locoprop-m', innerOptimizer: 'rmsprop', innerSteps: 5, schedule: 'one-cycle', maxLearningRate: 0.1, totalSteps: 300 };
    const data = await exportOf(config, 20);
    const script = pytorchScript({ config, runName: 'Run 1', export: data });
    expect(script).toContain('ALGORITHM = "locoprop-m"');
    expect(script).toContain('INNER_OPTIMIZER = "rmsprop"');
    expect(script).toContain('INNER_STEPS = 5');
    // The schedule torch's scheduler is built from (make_scheduler picks OneCycleLR by its kind).
    expect(pythonSchedule(config, data.trainCount / config.batchSize)).toMatchObject({ kind: 'one-cycle', maxLearningRate: 0.1, totalSteps: 300, divFactor: config.divFactor });
    expect(script).toContain('"kind": "one-cycle"');
    expect(script).toContain('"totalSteps": 300');
    expect(script).toContain('"maxLearningRate": 0.1');
    // The rates the twin used follow the one-cycle warm-up: rising from max_lr / div_factor.
    expect(data.learningRates[0]).toBeCloseTo(0.1 / config.divFactor, 10);
    expect(data.learningRates[19]).toBeGreaterThan(data.learningRates[0]);
  });

  it('reports each step of the export\'s twin before its answer, so the page can show a long export moving', async () => {
    const events: WorkerEvent[] = [];
    await exportOf(base, 30, events);
    const progress = events.flatMap((e) => (e.type === 'runExportProgress' ? [`${e.runId} ${e.done}/${e.total}`] : []));
    expect(progress).toEqual(Array.from({ length: 31 }, (_, done) => `run-1 ${done}/30`));
    expect(events.findIndex((e) => e.type === 'runExport')).toBeGreaterThan(events.findLastIndex((e) => e.type === 'runExportProgress'));
  });

  it('writes big arrays as base64 of their exact bytes', () => {
    const values = Float32Array.from([1.5, -2.25, Math.fround(0.1)]);
    expect(Buffer.from(base64Of(values), 'base64')).toEqual(Buffer.from(values.buffer));
  });

  it.runIf(hasPython)('is valid Python (py_compile), and its sampler draws the playground\'s batch order', async () => {
    const data = await exportOf(base, 100);
    const dir = mkdtempSync(join(tmpdir(), 'locolab-pytorch-'));
    const file = join(dir, 'run.py');
    writeFileSync(file, pytorchScript({ config: base, runName: 'Run 1 · "quoted" \\ name', export: data }));
    execFileSync('python3', ['-m', 'py_compile', file]);
    // Three epochs and a bit from the Python sampler against the TypeScript one.
    const count = data.trainCount;
    const draws = Math.max(3 * count + 7, data.rows.length);
    const program = `import math\n${PYTHON_SAMPLER}\nprint(",".join(map(str, MinibatchSampler(${count}, ${data.samplerState}).next_rows(${draws}))))`;
    const python = execFileSync('python3', ['-c', program], { encoding: 'utf8' }).trim().split(',').map(Number);
    const sampler = new MinibatchSampler(count, 0);
    sampler.restore({ order: Uint32Array.from({ length: count }, (_, i) => i), position: count, randomState: data.samplerState });
    const rows = new Int32Array(draws);
    sampler.nextRows(rows);
    expect(python).toEqual(Array.from(rows));
    expect(python.slice(0, data.rows.length)).toEqual(Array.from(data.rows));
    rmSync(dir, { recursive: true, force: true });
  });
});

describe('each algorithm’s PyTorch step', () => {
  it('is its own: feedback alignment’s script carries its B and no LocoProp inner loop; LocoProp’s names its variant', async () => {
    const aligned = pytorchScript({ config: { ...base, algorithm: 'feedback-alignment' }, runName: 'fa', export: await exportOf({ ...base, algorithm: 'feedback-alignment' }, 3) });
    expect(aligned).toContain('FEEDBACK = [None, torch.tensor(');
    expect(aligned).toContain('g @ FEEDBACK[m].t()');
    expect(aligned).not.toContain('InnerOptimizer(INNER_OPTIMIZER');
    expect(aligned).toContain('CARRIER_OPTIMIZER = "adam"');
    const locoprop = pytorchScript({ config: { ...base, algorithm: 'locoprop-s' }, runName: 'lp', export: await exportOf({ ...base, algorithm: 'locoprop-s' }, 3) });
    expect(locoprop).toContain('LOCOPROP_VARIANT = "S"');
    expect(locoprop).not.toContain('FEEDBACK');
    expect(locoprop).toContain('CARRIER_OPTIMIZER = "momentum"');
  });

  it('is refused, with the reason, for an algorithm whose description has no emitter', () => {
    expect(emitterOrReason({ unavailable: 'its inner solver has no torch counterpart yet' })).toEqual({ emitter: null, unavailable: 'its inner solver has no torch counterpart yet' });
    for (const name of ALGORITHMS) expect(pytorchEmitterOf(name).emitter, name).not.toBeNull();
  });
});
