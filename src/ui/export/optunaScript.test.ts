/**
 * The Optuna script's text (optunaScript.ts) from a sweep plan and exports made up here (no TF.js): the grid's
 * values, the seeds and the budget exactly; a choice field; a two-field grid; shared data written once; an
 * algorithm without a PyTorch export refused by name. Python parses it where python3 exists; that it trains the
 * sweep's runs to the sweep's losses is scripts/verify-optuna.ts's check (npm run verify:optuna).
 */
import { spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { defaultConfig, type ExperimentConfig } from '../../config/experiment';
import { expandSweep, type SweepPlan, type SweepSpec } from '../../config/sweep';
import type { Problem } from '../../engine/data/problem';
import type { ConfigExportPayload } from '../../worker/protocol';
import { optunaRefusal, optunaScript } from './optunaScript';
import { pytorchEmitterOf } from './pytorchScript';

const hasPython = spawnSync('python3', ['--version']).status === 0;

const base: ExperimentConfig = { ...defaultConfig(), dataset: 'circle', hidden: [3], activation: ['tanh'], algorithm: 'backprop', optimizer: 'sgd', seed: 5 };

function planOf(spec: SweepSpec, groups: ExperimentConfig[] = [base]): SweepPlan {
  const expansion = expandSweep(spec, groups, { msPerStep: 1, maxMs: Number.POSITIVE_INFINITY });
  if (!expansion.ok) throw new Error(expansion.reasons.join(' '));
  return expansion.plan;
}

/** A made-up export of a 2-3-1 run on 10 training and 4 test points; `seed` varies every number in it. */
function exportFor(seed: number, task: Problem['task'] = 'binary'): ConfigExportPayload {
  const values = (n: number, offset: number): Float32Array => Float32Array.from({ length: n }, (_, i) => Math.fround(Math.sin(seed * 7 + offset + i) / 3));
  const problem = { dataset: 'circle', title: 'Circle', task, inputSize: 2, outputSize: 1, featureNames: ['x1', 'x2'], classNames: ['0', '1'], image: null, extent: 6, trainCount: 10, validationCount: 0, testCount: 4 } as Problem;
  return {
    problem,
    theta: values(2 * 3 + 3 + 3 + 1, 1),
    trainInputs: values(20, 2),
    trainTargets: Float32Array.from({ length: 10 }, (_, i) => (i + seed) % 2),
    trainCount: 10,
    batchSize: 10,
    rows: new Int32Array(0),
    losses: new Float32Array(0),
    learningRates: new Float64Array(0),
    momenta: new Float64Array(0),
    samplerState: 1000 + seed,
    algorithmState: [],
    evaluationRows: { train: 10, validation: 0, test: 4 },
    testInputs: values(8, 3),
    testTargets: Float32Array.from({ length: 4 }, (_, i) => i % 2),
    validationInputs: null,
    validationTargets: null,
  };
}

/** One export per (group, seed), shared by the grid's points, as the page asks the worker for them. */
function exportsOf(plan: SweepPlan): ConfigExportPayload[] {
  const bySeed = new Map<string, ConfigExportPayload>();
  return plan.runs.map((run) => {
    const key = `${run.group}:${run.config.seed}`;
    const made = bySeed.get(key) ?? exportFor(run.config.seed + 10 * run.group);
    bySeed.set(key, made);
    return made;
  });
}

/** The right-hand side of `NAME = …` on its line. */
function assigned(script: string, name: string): string {
  const match = new RegExp(`^${name} = (.*)$`, 'm').exec(script);
  if (!match) throw new Error(`${name} not found`);
  return match[1];
}

/** RUNS' keys, as written: "(group, (point...), seed index)". */
const runKeys = (script: string): string[] => [...script.matchAll(/^ {4}(\(\d+, \([\d, ]+\), \d+\)): \{/gm)].map((m) => m[1]);

describe('the Optuna script', () => {
  it('holds the grid values, the seeds and the budget exactly, one trial per point over every seed', () => {
    const values = [1e-3, 0.0031622776601683794, 0.01, 0.031072325059538594];
    const plan = planOf({ axes: [{ field: 'learningRate', values: { kind: 'list', values } }], seeds: 3, budget: 150, budgetUnit: 'steps' });
    const script = optunaScript({ plan, exports: exportsOf(plan) });
    const axis = /^AXIS_VALUES = \[\[(.*)\]\]$/m.exec(script)?.[1].split(', ').map(Number);
    expect(axis).toEqual(values);
    expect(assigned(script, 'SEEDS')).toBe('[[5, 6, 7]]  # per group: a trial trains every one and returns the median');
    expect(assigned(script, 'BUDGET_STEPS')).toBe('150');
    expect(assigned(script, 'CHECKPOINTS')).toMatch(/^frozenset\(\[8, 15, .*, 143, 150\]\)/);
    expect(assigned(script, 'GRID_POINTS')).toBe('4');
    expect(script).toContain('trial.suggest_float("learningRate", 0.001, 0.031072325059538594, log=True)');
    expect(script).toContain('sampler=optuna.samplers.GridSampler(SEARCH_SPACE)');
    expect(script).toContain('statistics.median(r["train_loss"] for r in runs)');
    // Every (point, seed) is a run; each run sets its own rate and its seed's sampler state.
    expect(runKeys(script)).toEqual(values.flatMap((_, p) => [0, 1, 2].map((s) => `(0, (${p},), ${s})`)));
    expect(script).toMatch(/^ {4}\(0, \(3,\), 2\): \{"LEARNING_RATE": 0\.031072325059538594, .*"SAMPLER_STATE": 1007[,}]/m);
    // The header says the trial is the median over the seeds, and how to share the study.
    expect(script).toContain('MEDIAN OVER THE SEEDS of the final train loss');
    expect(script).toContain('load_if_exists=True');
    expect(script).toContain('"postgresql://user:password@db-host/optuna"');
  });

  it('sweeps a choice field by its options', () => {
    const plan = planOf({ axes: [{ field: 'optimizer', values: { kind: 'list', values: ['sgd', 'adam', 'rmsprop'] } }], seeds: 1, budget: 40, budgetUnit: 'steps' });
    const script = optunaScript({ plan, exports: exportsOf(plan) });
    expect(assigned(script, 'AXIS_VALUES')).toBe('[["sgd", "adam", "rmsprop"]]');
    expect(script).toContain('trial.suggest_categorical("optimizer", AXIS_VALUES[0])');
    expect(script).toMatch(/^ {4}\(0, \(1,\), 0\): \{"OPTIMIZER": "adam", "CARRIER_OPTIMIZER": "adam"/m);
    // What every run shares is written once, at module level; the optimizer is not among it.
    expect(assigned(script, 'LEARNING_RATE')).toBe('0.01');
    expect(script).not.toMatch(/^OPTIMIZER = /m);
  });

  it('sweeps two fields over their product', () => {
    const plan = planOf({
      axes: [
        { field: 'learningRate', values: { kind: 'range', from: 0.01, to: 0.1, count: 2, scale: 'log' } },
        { field: 'batchSize', values: { kind: 'list', values: [4, 8, 16] } },
      ],
      seeds: 2,
      budget: 60,
      budgetUnit: 'steps',
    });
    const script = optunaScript({ plan, exports: exportsOf(plan) });
    expect(assigned(script, 'FIELDS')).toBe('["learningRate", "batchSize"]');
    expect(assigned(script, 'AXIS_VALUES')).toBe('[[0.01, 0.1], [4, 8, 16]]');
    expect(assigned(script, 'GRID_POINTS')).toBe('6');
    expect(script).toContain('values = (trial.suggest_float("learningRate", 0.01, 0.1, log=True), trial.suggest_int("batchSize", 4, 16, log=False))');
    expect(runKeys(script)).toHaveLength(12);
    // batch 16 on 10 training examples is clipped to 10, as the playground clips it.
    expect(script).toMatch(/^ {4}\(0, \(1, 2\), 1\): \{"LEARNING_RATE": 0\.1, .*"BATCH_SIZE": 10[,}]/m);
    expect(script).toMatch(/^ {4}\(0, \(0, 0\), 0\): \{"LEARNING_RATE": 0\.01, .*"BATCH_SIZE": 4[,}]/m);
  });

  it('a budget in epochs gives each run its own steps and checkpoints, from its training rows and batch size', () => {
    const plan = planOf({ axes: [{ field: 'batchSize', values: { kind: 'list', values: [2, 5] } }], seeds: 1, budget: 3, budgetUnit: 'epochs' });
    const script = optunaScript({ plan, exports: exportsOf(plan) });
    // 10 training rows: 3 epochs are 15 steps at batch 2 and 6 at batch 5, evaluated at their own checkpoints.
    expect(script).toMatch(/^ {4}\(0, \(0,\), 0\): \{.*"BUDGET_STEPS": 15[,}]/m);
    expect(script).toMatch(/^ {4}\(0, \(1,\), 0\): \{.*"BUDGET_STEPS": 6[,}]/m);
    expect(script).toMatch(/^ {4}\(0, \(1,\), 0\): \{.*"CHECKPOINTS": frozenset\(\[1, 2, 3, 4, 5, 6\]\)/m);
    expect(script).toContain('3 epochs a run');
  });

  it('refuses a sweep budgeted in training time, which a script cannot replay step for step', () => {
    const plan = planOf({ axes: [{ field: 'learningRate', values: { kind: 'list', values: [0.01, 0.1] } }], seeds: 1, budget: 3, budgetUnit: 'seconds' });
    expect(optunaRefusal(plan)).toContain('a budget of training time');
    expect(() => optunaScript({ plan, exports: exportsOf(plan) })).toThrow('a budget of training time');
  });

  it('with a validation split a trial returns the validation loss, on the held-out rows, and says so', () => {
    const plan = planOf({ axes: [{ field: 'learningRate', values: { kind: 'list', values: [0.01, 0.1] } }], seeds: 1, budget: 20, budgetUnit: 'steps' }, [{ ...base, validationPercent: 20 }]);
    const held = (data: ConfigExportPayload): ConfigExportPayload => ({
      ...data,
      evaluationRows: { ...data.evaluationRows, validation: 2 },
      validationInputs: Float32Array.from([0.5, -0.25, 0.125, 1]),
      validationTargets: Float32Array.from([1, 0]),
    });
    const script = optunaScript({ plan, exports: exportsOf(plan).map(held) });
    expect(script).toMatch(/^VALID_X = torch\.tensor\(\[\s*0\.5, -0\.25, 0\.125, 1\.0,?\s*\], dtype=torch\.float32\)\.reshape\(2, 2\)/m);
    expect(script).toMatch(/^VALID_Y = torch\.tensor\(\[\s*1\.0, 0\.0,?\s*\], dtype=torch\.float32\)\.reshape\(2, 1\)/m);
    expect(script).toContain('the MEDIAN OVER THE SEEDS of the final validation loss');
    const withoutSplit = optunaScript({ plan: planOf({ ...plan, axes: [{ field: 'learningRate', values: { kind: 'list', values: [0.01, 0.1] } }], seeds: 1, budget: 20, budgetUnit: 'steps' }), exports: exportsOf(plan) });
    expect(assigned(withoutSplit, 'VALID_X')).toBe('None');
    expect(withoutSplit).toContain('the MEDIAN OVER THE SEEDS of the final train loss');
  });

  it('writes each run start\'s data and weights once, named by every run that has it', () => {
    const plan = planOf({ axes: [{ field: 'learningRate', values: { kind: 'list', values: [0.01, 0.1] } }], seeds: 2, budget: 20, budgetUnit: 'steps' }, [base, { ...base, algorithm: 'locoprop-m' }]);
    const script = optunaScript({ plan, exports: exportsOf(plan) });
    // Two groups × two seeds: four starts, so four initial θ, each written once and named by its runs at both rates.
    const names = (name: string): string[] => [...script.matchAll(new RegExp(`"${name}": (_D\\d+)`, 'g'))].map((m) => m[1]);
    expect(names('THETA0')).toHaveLength(8);
    expect(new Set(names('THETA0')).size).toBe(4);
    const defined = [...script.matchAll(/^(_D\d+) = /gm)].map((m) => m[1]);
    expect(new Set(defined).size).toBe(defined.length);
    // What every run has alike is written once, at module level: the made-up test labels do not depend on the seed.
    expect(script).toMatch(/^TEST_Y = torch\.tensor\(\[\n {4}0\.0, 1\.0, 0\.0, 1\.0,\n\], dtype=torch\.float32\)\.reshape\(4, 1\)$/m);
    expect(script).not.toMatch(/"TEST_Y": /);
    // Both algorithms' steps are in the script, each under its own name.
    expect(script).toContain('ALGORITHM_STEPS["backprop"] = make_step');
    expect(script).toContain('ALGORITHM_STEPS["locoprop-m"] = make_step');
    expect(script).toMatch(/"ALGORITHM": "locoprop-m"/);
  });

  it("recomputes the training code's module-level values for each run (the output function of its loss)", () => {
    const plan = planOf({ axes: [{ field: 'learningRate', values: { kind: 'list', values: [0.01, 0.1] } }], seeds: 1, budget: 20, budgetUnit: 'steps' }, [base, { ...base, dataset: 'plane' }]);
    const exports = plan.runs.map((run) => exportFor(run.config.seed, run.group === 0 ? 'binary' : 'regression'));
    const script = optunaScript({ plan, exports });
    expect(script).toMatch(/^ {4}\(1, \(0,\), 0\): \{"LOSS": "squared-error"/m);
    expect(script).toMatch(/^ {4}\(0, \(0,\), 0\): \{"LOSS": "sigmoid-cross-entropy"/m);
    expect(script).toMatch(/^def recompute_derived\(\):\n.*\n {4}global OUTPUT_FUNCTION\b.*\n {4}OUTPUT_FUNCTION = \{.*\}\[LOSS\]$/m);
    expect(script).toMatch(/^def use_run\(key\):\n.*\n {4}globals\(\)\.update\(RUNS\[key\]\)\n {4}recompute_derived\(\)$/m);
  });

  it('refuses an algorithm without a PyTorch export, by name', () => {
    const plan = planOf({ axes: [{ field: 'learningRate', values: { kind: 'list', values: [0.01] } }], seeds: 1, budget: 10, budgetUnit: 'steps' }, [base, { ...base, algorithm: 'locoprop-m' }]);
    const emitterOf: typeof pytorchEmitterOf = (name) => (name === 'locoprop-m' ? { emitter: null, unavailable: 'its inner solver has no torch counterpart yet' } : pytorchEmitterOf(name));
    const reason = 'Group 2 trains LocoProp-M, which has no PyTorch export: its inner solver has no torch counterpart yet';
    expect(optunaRefusal(plan, emitterOf)).toBe(reason);
    expect(() => optunaScript({ plan, exports: exportsOf(plan), emitterOf })).toThrow(reason);
    expect(optunaRefusal(plan)).toBeNull();
  });

  it('refuses the fastai one-cycle schedule, which torch has no scheduler for', () => {
    const fastai = { ...base, schedule: 'one-cycle', oneCycleStyle: 'fastai' } as const;
    const plan = planOf({ axes: [{ field: 'maxLearningRate', values: { kind: 'list', values: [0.1, 0.3] } }], seeds: 1, budget: 10, budgetUnit: 'steps' }, [fastai]);
    expect(optunaRefusal(plan)).toMatch(/^Group 1 uses the fastai one-cycle schedule/);
  });

  it.runIf(hasPython)('is valid Python', () => {
    const plan = planOf({ axes: [{ field: 'optimizer', values: { kind: 'list', values: ['sgd', 'adam'] } }, { field: 'innerSteps', values: { kind: 'list', values: [1, 3] } }], seeds: 2, budget: 30, budgetUnit: 'steps' }, [base, { ...base, algorithm: 'locoprop-m' }, { ...base, algorithm: 'feedback-alignment' }]);
    const dir = mkdtempSync(join(tmpdir(), 'optuna-'));
    const file = join(dir, 'sweep.py');
    writeFileSync(file, optunaScript({ plan, exports: exportsOf(plan).map((e) => ({ ...e, algorithmState: [Float32Array.from({ length: 16 }, (_, i) => i / 16)] })) }));
    const parsed = spawnSync('python3', ['-c', 'import ast, sys; ast.parse(open(sys.argv[1]).read())', file], { encoding: 'utf8' });
    rmSync(dir, { recursive: true, force: true });
    expect(parsed.stderr).toBe('');
    expect(parsed.status).toBe(0);
  });
});
