/**
 * `npm run verify:optuna` (issue 17 §7): the exported Optuna script against LocoLab's own sweep. A 4-point
 * learning-rate grid (backprop, SGD, the circle, 1 seed, 200 steps) is trained by runSweepJob in Node (TF.js CPU
 * backend) for the expected final losses; the script is exported as the page exports it (exportOptunaScript
 * through the worker host's `exportConfig`), run with Debian's Python (python3-torch, python3-optuna) once in
 * float32 and once with --float64, and then twice at once on one SQLite storage after --create-only (the header's
 * "share the study").
 *
 * Each trial's value a (the script's float32 final train loss) must match the sweep's final train loss b, and its
 * test_loss attribute the sweep's final test loss, within
 *     |a − b| ≤ 1e-5·max(|a|, |b|) + 64·2⁻²³·|L0| + 2·|a − a64|
 * the PyTorch export's rule (src/ui/export/pytorchCli.ts) with its relative term cut from 1e-3 to 1e-5 (84 float32
 * ulps): both programs compute the same float32 operations summed in other orders (relative term); float32 resolves a loss only to 2⁻²³ of the loss's scale L0 (the
 * sweep's untrained train loss), so below the floor two correct programs differ by rounding alone; a64 is the
 * script's float64 run, and |a − a64| is how far float32 rounding alone moves this run over its 200 steps, which
 * two differently rounding float32 programs may each be (triangle inequality: twice).
 *
 * Where /usr/bin/python3 (or $PYTHON), torch or optuna is missing it says it could not run and exits 2: never a pass.
 * With both present, a script that exits non-zero fails the check (exit 1, with its stderr's tail): optunaVerdict.ts.
 */
import * as tf from '@tensorflow/tfjs-core';
import '@tensorflow/tfjs-backend-cpu';
import { spawn, spawnSync } from 'node:child_process';
import { mkdirSync, rmSync, writeFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { defaultConfig, type ExperimentConfig } from '../src/config/experiment';
import { expandSweep } from '../src/config/sweep';
import { runSpecOf, trainingSettingsOf } from '../src/config/toEngine';
import { runSweepJob } from '../src/engine/sweep/sweepJob';
import { sweepResponse } from '../src/engine/sweep/response';
import { exportOptunaScript } from '../src/ui/export/optunaExport';
import { TrainingHost } from '../src/worker/host';
import type { WorkerEvent } from '../src/worker/protocol';
import type { TrainingListener } from '../src/worker/client';
import { cpuOnly } from '../src/test/cpuBackendPort';
import { scriptVerdict } from './optunaVerdict';

tf.env().set('PROD', true);
await tf.setBackend('cpu');

const PYTHON = process.env.PYTHON ?? '/usr/bin/python3';
const OUT = resolve(process.env.OPTUNA_REPORT_DIR ?? 'test-results-optuna');
const RTOL = 1e-5;
const FLOOR_ULPS = 64;
const EPS32 = 2 ** -23;

function couldNotRun(why: string): never {
  console.error(`verify-optuna: NOT verified — could not run: ${why}`);
  process.exit(2);
}

const probe = spawnSync(PYTHON, ['-c', 'import torch, optuna; print(torch.__version__, optuna.__version__)'], { encoding: 'utf8' });
if (probe.error || probe.status !== 0) {
  couldNotRun(`${PYTHON} -c "import torch, optuna" failed (${probe.error?.message ?? probe.stderr.trim().split('\n').pop()}). Debian: apt-get install python3-torch python3-optuna.`);
}
const [torchVersion, optunaVersion] = probe.stdout.trim().split(' ');
console.log(`verify-optuna: ${PYTHON}, torch ${torchVersion}, optuna ${optunaVersion}`);

// ---- the sweep, trained by LocoLab ------------------------------------------------------------------------------
// Group 1 is the brief's grid (backprop, SGD, the circle); group 2 runs the same grid with LocoProp-M (Adam inside,
// K = 5), so the script's per-algorithm steps and one study per group are checked too.
// A 20 % validation split, as the page's sweeps hold out: a trial returns the validation loss the sweep selects on.
const base: ExperimentConfig = { ...defaultConfig(), backend: 'cpu', dataset: 'circle', algorithm: 'backprop', optimizer: 'sgd', seed: 7, validationPercent: 20 };
const locoprop: ExperimentConfig = { ...base, algorithm: 'locoprop-m', innerOptimizer: 'adam', innerSteps: 5, gamma: 3 };
const grid = { kind: 'range', from: 0.003, to: 0.1, count: 4, scale: 'log' } as const;
const expansion = expandSweep({ axes: [{ field: 'learningRate', values: grid }], seeds: 1, budget: 200, budgetUnit: 'steps' }, [base, locoprop], { msPerStep: 1, maxMs: Number.POSITIVE_INFINITY });
if (!expansion.ok) throw new Error(expansion.reasons.join(' '));
const { plan } = expansion;
const sweep = await runSweepJob(plan.runs.map((run) => ({ spec: runSpecOf(run.config), settings: trainingSettingsOf(run.config) })), { budgetSteps: plan.budgetSteps });
const expected = (of: 'trainLoss' | 'testLoss' | 'validationLoss') => sweepResponse(plan.runs, sweep.results, { kind: 'final', of }).cells;

// ---- the script, exported as the page exports it (the worker host's exportConfig) ------------------------------
const listeners = new Set<TrainingListener>();
const host = new TrainingHost((event: WorkerEvent) => listeners.forEach((listener) => listener(event)), cpuOnly);
const client = {
  send: (command: Parameters<TrainingHost['handle']>[0]) => host.handle(command),
  subscribe: (listener: TrainingListener) => {
    listeners.add(listener);
    return () => void listeners.delete(listener);
  },
};
host.handle({ type: 'configure', runs: [{ runId: 'run-1', config: base }] });
const script = await exportOptunaScript(plan, client, { groupNames: ['Backprop, SGD, circle', 'LocoProp-M, Adam inside, K = 5, circle'], studyName: 'verify-optuna' });
mkdirSync(OUT, { recursive: true });
const file = join(OUT, 'sweep.py');
writeFileSync(file, script);
console.log(`verify-optuna: wrote ${file} (${script.length.toLocaleString('en-US')} characters); sweep: 2 groups x learningRate in {${plan.axisValues[0].join(', ')}}, seed ${base.seed}, ${plan.budgetSteps} steps`);

interface TrialJson {
  group: number;
  params: Record<string, number>;
  value: number | string;
  user_attrs: { test_loss: number | string; train_loss: number | string; diverged_at: (number | null)[] };
}
const num = (v: number | string): number => (typeof v === 'number' ? v : Number(v));

/** Every group's finished trials (the script prints one JSON line per group). */
function trialsOf(stdout: string): TrialJson[] {
  return stdout.trim().split('\n').filter((l) => l.startsWith('{')).flatMap((line) => {
    const { group, trials } = JSON.parse(line) as { group: number; trials: Omit<TrialJson, 'group'>[] };
    return trials.map((t) => ({ ...t, group: group - 1 }));
  });
}

/** The script's trials; a script that fails with torch and optuna present is a failed check (optunaVerdict.ts). */
function runScript(args: string[]): TrialJson[] {
  const result = spawnSync(PYTHON, [file, '--json', ...args], { encoding: 'utf8', timeout: 600_000 });
  const verdict = scriptVerdict(result, args);
  if (verdict.kind === 'could-not-run') couldNotRun(verdict.why);
  if (verdict.kind === 'failed') {
    console.error(verdict.stderrTail.trimEnd());
    console.log(`verify-optuna: NOT VERIFIED\n  ${verdict.why}; its stderr's last lines are above`);
    process.exit(verdict.exitCode);
  }
  return trialsOf(result.stdout);
}

const started = performance.now();
const trials32 = runScript([]);
const trials64 = runScript(['--float64']);
const seconds = (performance.now() - started) / 1000;

// ---- the comparison ---------------------------------------------------------------------------------------------
const keyOf = (group: number, rate: number): string => `${group}:${rate}`;
const byPoint = (trials: TrialJson[]): Map<string, TrialJson> => new Map(trials.map((t) => [keyOf(t.group, t.params.learningRate), t]));
const [at32, at64] = [byPoint(trials32), byPoint(trials64)];
const points = plan.groups * plan.axisValues[0].length;
const failures: string[] = [];
if (trials32.length !== points) failures.push(`${trials32.length} trials in float32, the sweep has ${points} grid points`);
const rows: string[] = [];
let worst = 0;
const [trainCells, testCells, validationCells] = [expected('trainLoss'), expected('testLoss'), expected('validationLoss')];
validationCells.forEach((cell, c) => {
  const rate = plan.axisValues[0][cell.point[0]] as number;
  const [t32, t64] = [at32.get(keyOf(cell.group, rate)), at64.get(keyOf(cell.group, rate))];
  if (!t32 || !t64) {
    failures.push(`group ${cell.group + 1}: no trial at learningRate ${rate} (the grid value exactly)`);
    return;
  }
  const runs = plan.runs.filter((run) => run.group === cell.group && run.point[0] === cell.point[0]);
  const divergedAt = runs.map((run) => sweep.results[run.index].diverged?.atStep ?? null);
  if (JSON.stringify(divergedAt) !== JSON.stringify(t32.user_attrs.diverged_at)) failures.push(`group ${cell.group + 1}, learningRate ${rate}: diverged at ${JSON.stringify(t32.user_attrs.diverged_at)}, the sweep at ${JSON.stringify(divergedAt)}`);
  const floor = FLOOR_ULPS * EPS32 * Math.abs(sweep.results[runs[0].index].trainLoss[0]);
  for (const [what, a, b, a64] of [
    ['valid', num(t32.value), cell.median, num(t64.value)],
    ['train', num(t32.user_attrs.train_loss), trainCells[c].median, num(t64.user_attrs.train_loss)],
    ['test', num(t32.user_attrs.test_loss), testCells[c].median, num(t64.user_attrs.test_loss)],
  ] as const) {
    const diff = a === b ? 0 : Math.abs(a - b); // two +inf (diverged alike) are equal
    const tolerance = RTOL * Math.max(Math.abs(a), Math.abs(b)) + floor + 2 * (a === a64 ? 0 : Math.abs(a - a64));
    const ratio = diff === 0 ? 0 : diff / tolerance;
    worst = Math.max(worst, ratio);
    if (!(ratio <= 1)) failures.push(`group ${cell.group + 1}, learningRate ${rate}: ${what} loss ${a} against the sweep's ${b} (|a-b| ${diff.toExponential(2)} > ${tolerance.toExponential(2)})`);
    rows.push(`  g${cell.group + 1} lr ${String(rate).padEnd(21)} ${what.padEnd(5)}  sweep ${b.toFixed(7)}  optuna ${a.toFixed(7)}  float64 ${a64.toFixed(7)}  |a-b| ${diff.toExponential(2)}  rel ${(diff === 0 ? 0 : diff / Math.max(Math.abs(a), Math.abs(b))).toExponential(2)}  tol ${tolerance.toExponential(2)}`);
  }
});
console.log(`verify-optuna: ${trials32.length} trials in float32 and ${trials64.length} in float64 (${seconds.toFixed(1)} s)`);
console.log(rows.join('\n'));
console.log(`  tolerance: |a-b| <= ${RTOL}*max(|a|,|b|) + 64*2^-23*|L0| + 2*|a-a64|; worst ${worst.toFixed(3)} x its tolerance`);

// ---- the shared study: two processes at once on one SQLite storage ----------------------------------------------
const database = join(OUT, 'shared.db');
rmSync(database, { force: true });
const storage = `sqlite:///${database}`;
const create = spawnSync(PYTHON, [file, '--storage', storage, '--study-name', 'shared', '--create-only'], { encoding: 'utf8', timeout: 600_000 });
if (create.status !== 0) failures.push(`--create-only exited with ${create.status}: ${create.stderr.slice(-500)}`);
const worker = (): Promise<number | null> => new Promise((done) => spawn(PYTHON, [file, '--storage', storage, '--study-name', 'shared'], { stdio: 'ignore' }).on('exit', done));
const codes = await Promise.all([worker(), worker()]);
const reader = spawnSync(PYTHON, [file, '--json', '--storage', storage, '--study-name', 'shared'], { encoding: 'utf8', timeout: 600_000 });
const sharedList = trialsOf(reader.stdout);
const shared = byPoint(sharedList);
const sharedSame = sharedList.every((t) => t.value === at32.get(keyOf(t.group, t.params.learningRate))?.value);
console.log(`verify-optuna: shared SQLite study (--create-only, then 2 processes at once): exits ${codes.join(', ')}, ${sharedList.length} finished trials, every grid point ${shared.size === points ? 'done' : 'NOT done'}, values ${sharedSame ? 'equal to' : 'DIFFERENT from'} the single process's; a third process started after found nothing left (exit ${reader.status})`);
if (codes.some((code) => code !== 0) || shared.size !== points || !sharedSame || reader.status !== 0) failures.push('the shared-storage run did not cover the grid with the same values');

if (failures.length > 0) {
  console.log(`verify-optuna: NOT VERIFIED\n  ${failures.join('\n  ')}`);
  process.exit(1);
}
console.log('verify-optuna: VERIFIED — every trial\'s value matches the sweep\'s final validation loss (its selection set), and its train and test loss the sweep\'s, within its tolerance.');
process.exit(0);
