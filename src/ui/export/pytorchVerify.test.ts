/**
 * The exported PyTorch scripts against the playground: each one trains its run's first 100 steps in PyTorch
 * and compares its minibatch losses with those the playground recorded (`--verify --json`, the tolerance of
 * pytorchCli.ts). Runs only where `python3 -c 'import torch'` works (scripts/verify-pytorch.mjs says so when it
 * does not); the comparison of every case is written to $PYTORCH_REPORT_DIR/report.json (default
 * test-results-pytorch). `npm run verify:pytorch` sets LOCOLAB_VERIFY_PAPER_SCENE=1 and adds the paper scene's
 * two runs (the LocoProp-M twin's 100 steps of K = 10 take minutes on the CPU backend, too long for `npm test`).
 */
import '../../test/setupTf';
import { spawnSync } from 'node:child_process';
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { defaultConfig, type ExperimentConfig } from '../../config/experiment';
import { paperScene } from '../../config/paperScene';
import { TrainingHost } from '../../worker/host';
import type { WorkerEvent } from '../../worker/protocol';
import { pytorchScript } from './pytorchScript';
import { cpuOnly } from '../../test/cpuBackendPort';

/** The first Python with torch: $PYTHON, python3, or the system's (Debian's python3-torch). */
const PYTHON = [process.env.PYTHON, 'python3', '/usr/bin/python3'].find((p): p is string => p !== undefined && spawnSync(p, ['-c', 'import torch']).status === 0);
const hasTorch = PYTHON !== undefined;
const STEPS = 100;


const base: ExperimentConfig = { ...defaultConfig(), backend: 'cpu', seed: 3 };
export const VERIFIED_RUNS: Record<string, ExperimentConfig> = {
  'backprop-default': base,
  'backprop-adam-spiral': { ...base, dataset: 'spiral', hidden: [8, 8], activation: ['tanh', 'relu'], optimizer: 'adam', learningRate: 0.01 },
  'backprop-nesterov-cyclical-l2': { ...base, optimizer: 'nesterov', schedule: 'cyclical', maxLearningRate: 0.3, stepSize: 20, cycleMomentum: true, regularization: 'l2', regularizationRate: 0.001 },
  'backprop-rmsprop-one-cycle': { ...base, dataset: 'xor', optimizer: 'rmsprop', schedule: 'one-cycle', maxLearningRate: 0.01, totalSteps: 80 },
  'backprop-momentum-regression': { ...base, dataset: 'plane', optimizer: 'momentum', learningRate: 0.01 },
  'locoprop-m-rmsprop': { ...base, algorithm: 'locoprop-m', innerOptimizer: 'rmsprop', innerSteps: 5, learningRate: 0.01 },
  'locoprop-s-sgd-decay-proximal': { ...base, algorithm: 'locoprop-s', innerOptimizer: 'sgd', innerSteps: 4, innerDecay: true, proximal: true, learningRate: 0.05 },
  'backprop-adam-digits-softmax': { ...base, dataset: 'digits', hidden: [32], activation: ['relu'], optimizer: 'adam', learningRate: 0.003, batchSize: 32 },
  'locoprop-m-digits-autoencoder': { ...base, dataset: 'digits', task: 'autoencoder', hidden: [16], activation: ['sigmoid'], algorithm: 'locoprop-m', innerOptimizer: 'rmsprop', innerSteps: 4, learningRate: 0.003 },
  'backprop-adam-one-cycle-momentum': { ...base, dataset: 'moons', optimizer: 'adam', schedule: 'one-cycle', maxLearningRate: 0.02, totalSteps: 100, cycleMomentum: true },
  'locoprop-m-adam-cosine': { ...base, dataset: 'moons', algorithm: 'locoprop-m', innerOptimizer: 'adam', innerSteps: 3, schedule: 'cosine', warmupSteps: 10, totalSteps: 200, learningRate: 0.01 },
  // Batch 1 drives single-example losses to 0 in float32 where torch gets 1e-7 (relative-only: 2.4e5, exit 1).
  // Feedback alignment: its B (drawn from the run's seed) travels in the export; a 2-D case and a softmax one here,
  // and an Adam-HD one below.
  'feedback-alignment-sgd': { ...base, algorithm: 'feedback-alignment', optimizer: 'sgd', learningRate: 0.1, hidden: [6, 4] },
  'feedback-alignment-adam-digits-l2': { ...base, dataset: 'digits', hidden: [16, 8], activation: ['tanh', 'relu'], algorithm: 'feedback-alignment', optimizer: 'adam', learningRate: 0.003, batchSize: 32, regularization: 'l2', regularizationRate: 0.001 },
  'backprop-adam-penguins-batch1': { ...base, seed: 1, dataset: 'penguins', batchSize: 1, activation: ['relu', 'relu'], optimizer: 'adam', learningRate: 0.03 },
  // SGD-HD and Adam-HD (Baydin et al., ICLR 2018): the script's HypergradientOptimizer; β large enough that α moves
  // well away from α₀ within the 100 steps. The Adam-HD one-cycle case cycles β₁ (the rate is still HD's own).
  'backprop-sgd-hd': { ...base, optimizer: 'sgd-hd', learningRate: 0.05, hypergradientRate: 0.01 },
  'backprop-adam-hd-spiral-l2': { ...base, dataset: 'spiral', hidden: [8, 8], activation: ['tanh', 'relu'], optimizer: 'adam-hd', learningRate: 0.01, hypergradientRate: 1e-3, regularization: 'l2', regularizationRate: 0.001 },
  'backprop-adam-hd-one-cycle-momentum': { ...base, dataset: 'moons', optimizer: 'adam-hd', hypergradientRate: 1e-4, schedule: 'one-cycle', maxLearningRate: 0.02, totalSteps: 100, cycleMomentum: true },
  // Feature inputs (engine/data/features.ts): the script computes them from the points (input_features).
  'backprop-adam-spiral-all-features': { ...base, dataset: 'spiral', features: ['x1', 'x2', 'x1sq', 'x2sq', 'x1x2', 'sinx1', 'sinx2'], hidden: [8, 8], activation: ['tanh', 'relu'], optimizer: 'adam', learningRate: 0.01 },
  'locoprop-m-circle-squares': { ...base, features: ['x1sq', 'x2sq'], hidden: [4], activation: ['tanh'], algorithm: 'locoprop-m', innerOptimizer: 'rmsprop', innerSteps: 5, learningRate: 0.01 },
  'feedback-alignment-adam-hd-digits': { ...base, dataset: 'digits', hidden: [16], activation: ['relu'], algorithm: 'feedback-alignment', optimizer: 'adam-hd', learningRate: 0.003, batchSize: 32, hypergradientRate: 1e-5 },
};

/** The paper scene's backprop and LocoProp-M runs (src/config/paperScene.ts), as the scene opens them. */
const [paperBackprop, paperLocoProp] = paperScene({ ...defaultConfig(), backend: 'cpu' });
export const PAPER_SCENE_RUNS: Record<string, ExperimentConfig> = { 'paper-scene-backprop': paperBackprop, 'paper-scene-locoprop-m': paperLocoProp };
const cases = process.env.LOCOLAB_VERIFY_PAPER_SCENE === '1' ? { ...VERIFIED_RUNS, ...PAPER_SCENE_RUNS } : VERIFIED_RUNS;

async function scriptFor(config: ExperimentConfig): Promise<string> {
  const events: WorkerEvent[] = [];
  const readShipped = async (file: string): Promise<Uint8Array> => new Uint8Array(await readFile(new URL(`../../../public/data/${file}`, import.meta.url)));
  const host = new TrainingHost((event) => events.push(event), cpuOnly, readShipped);
  host.handle({ type: 'configure', runs: [{ runId: 'run-1', config }] });
  host.handle({ type: 'exportRun', runId: 'run-1', steps: STEPS });
  await host.idle();
  const answer = events.find((e): e is Extract<WorkerEvent, { type: 'runExport' }> => e.type === 'runExport');
  if (!answer?.payload) throw new Error(`no export: ${answer?.error}`);
  return pytorchScript({ config, runName: 'verification', export: answer.payload });
}

describe.runIf(hasTorch)('the exported PyTorch scripts', () => {
  it('reproduce the playground\'s first 100 minibatch losses', async () => {
    const out = process.env.PYTORCH_REPORT_DIR ?? 'test-results-pytorch';
    mkdirSync(out, { recursive: true });
    const names = Object.keys(cases);
    const jobs: { argv: string[]; stdout: string; stderr: string }[] = [];
    for (const name of names) {
      const file = join(out, `${name}.py`);
      writeFileSync(file, await scriptFor(cases[name]));
      jobs.push({ argv: [file, '--verify', '--json', '--tolerance', '1e-3'], stdout: join(out, `${name}.out`), stderr: join(out, `${name}.err`) });
    }
    // Each script in a process of its own, as `python3 SCRIPT --verify` runs it, forked from one that imported
    // torch once (scripts/run-forked.py): the import cost more CPU than the scripts' own 100 steps.
    const jobsFile = join(out, 'jobs.json');
    writeFileSync(jobsFile, JSON.stringify(jobs));
    const runner = spawnSync(PYTHON ?? 'python3', [fileURLToPath(new URL('../../../scripts/run-forked.py', import.meta.url)), jobsFile], { encoding: 'utf8' });
    expect(runner.stderr).toBe('');
    const statuses = JSON.parse(runner.stdout) as number[];
    expect(statuses.length).toBe(names.length);
    const report: Record<string, unknown> = {};
    names.forEach((name, i) => {
      const last = readFileSync(jobs[i].stdout, 'utf8').trim().split('\n').pop() || '{}';
      report[name] = { exit: statuses[i], ...(JSON.parse(last) as object), stderr: readFileSync(jobs[i].stderr, 'utf8').slice(-2000) };
    });
    writeFileSync(join(out, 'report.json'), JSON.stringify(report, null, 2));
    console.log(JSON.stringify(report, null, 2));
    for (const [name, entry] of Object.entries(report)) expect({ name, exit: (entry as { exit: number }).exit }).toEqual({ name, exit: 0 });
  }, process.env.LOCOLAB_VERIFY_PAPER_SCENE === '1' ? 1_800_000 : 300_000);
});

if (!hasTorch) console.log('PyTorch verification skipped: python3 -c "import torch" fails here (Debian: apt-get install python3-torch).');
