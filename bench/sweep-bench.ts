/**
 * `npm run bench`, the sweep rows (issue 17 §8; Node, TF.js CPU backend, the sweep code the page runs):
 * 1. A 48-run learning-rate sweep (16 values, log, 0.001–1, × 3 seeds) of 2-8-8-1 tanh on the circle, batch 16,
 *    backprop with Adam (the default optimizer), 2,000 steps a run: the sweep job (engine/sweep/sweepJob.ts) on this
 *    thread against ONE fused run of 96,000 steps (the same steps, no evaluation). The job's time split into session
 *    construction (runs of the same data sharing one data set, as the job's default), steps (its multi-run kernel
 *    calls, engine/sweep/cpuRunGroup.ts), evaluations and yields between chunks (each timed), the rest being
 *    recording, disposal and garbage collection; the job through its sessions one run at a time (as before
 *    cpuRunGroup.ts; its results must equal the job's, every value);
 *    the job again with its checkpoints on the plain evaluation (session.evaluate, as before the fused CPU
 *    evaluation of engine/sweep/sweepEvaluation.ts; its results must equal the job's, every value); and the job
 *    with checkpoints [0, 2000] only.
 * 2. The same sweep through the page's pool (worker/sweepPool.ts) of 1 and of 2 worker threads, each running the
 *    page's SweepRunner (bench/sweepThread.ts), the pool handing each thread batches of runs (sweepPool.ts
 *    cpuBatchSize). The threads are started and ready before the clock starts (their start-up is reported apart),
 *    so the figure is the sweep's, not tsx's transpiling; cold (fresh threads, their JIT compiling as they train)
 *    warmed up (threads given the warm-up of the page's workers started ahead, worker/sweepRunner.ts warmUp) and warm
 *    (threads that trained the same sweep before, as the page's workers waiting after a sweep).
 * 3. A two-field sweep: learning rate (8 values, log, 0.001–1) × hidden width of every layer (`width`, 2–16, 8
 *    values) × 3 seeds = 192 runs, 1,000 steps each (the panel's default budget), on 2 worker threads.
 * SWEEP_ALGORITHM=locoprop-m (any algorithm's name) runs the same sweep of that algorithm at its default settings.
 * SWEEP_ROWS=job runs the first rows only (the fused run and the job on this thread), to profile the job alone.
 * Every measurement runs ROUNDS times (interleaved); the table gives the median and the range, and the load
 * average before each round, because the machine's cores are shared.
 */
import * as tf from '@tensorflow/tfjs-core';
import '@tensorflow/tfjs-backend-cpu';
import { loadavg } from 'node:os';
import { Worker } from 'node:worker_threads';
import { defaultConfig, type ExperimentConfig } from '../src/config/experiment';
import { expandSweep, type SweepRun, type SweepSpec } from '../src/config/sweep';
import { runSpecOf, trainingSettingsOf } from '../src/config/toEngine';
import { buildGeneratedDataset, isGeneratedSpec } from '../src/engine/data/dataset';
import { sessionOnGeneratedData, TrainingSession } from '../src/engine/session';
import { SharedDatasets } from '../src/engine/sweep/sharedDatasets';
import { checkpointSteps } from '../src/engine/sweep/checkpoints';
import { runSweepJob, type SweepJobRun } from '../src/engine/sweep/sweepJob';
import { sweepEvaluation, type SweepEvaluation } from '../src/engine/sweep/sweepEvaluation';
import { yieldToMessages } from '../src/engine/yieldToMessages';
import type { SweepRunResult } from '../src/engine/sweep/types';
import { startSweepPool, type SweepWorkerLike } from '../src/worker/sweepPool';
import type { SweepWorkerCommand, SweepWorkerEvent } from '../src/worker/sweepProtocol';
import { WARM_UP_MS } from '../src/worker/sweepRunner';
import { printTable } from './table';
import { ALGORITHM_INFO } from '../src/algorithms/registry';
import { recorded } from '../src/test/sweepResults';

tf.env().set('PROD', true);
await tf.setBackend('cpu');

const ROUNDS = Math.max(1, Number(process.env.SWEEP_ROUNDS ?? 3));
/** SWEEP_ROWS=job: only the fused run and the job on this thread (the first rows), for profiling the job alone. */
const JOB_ONLY = process.env.SWEEP_ROWS === 'job';
const BUDGET = 2000;
/** SWEEP_ALGORITHM=locoprop-m (or any algorithm's name): the same sweep of that algorithm at its default settings. */
const ALGORITHM = (process.env.SWEEP_ALGORITHM ?? defaultConfig().algorithm) as ExperimentConfig['algorithm'];
const base: ExperimentConfig = { ...defaultConfig(), dataset: 'circle', hidden: [8, 8], activation: ['tanh', 'tanh'], batchSize: 16, algorithm: ALGORITHM };
const lrAxis = { field: 'learningRate', values: { kind: 'range' as const, from: 0.001, to: 1, count: 16, scale: 'log' as const } };

function plan(spec: SweepSpec): SweepRun[] {
  const expansion = expandSweep(spec, [base], { msPerStep: 1e-6, maxMs: Number.MAX_VALUE });
  if (!expansion.ok) throw new Error(expansion.reasons.join(' '));
  return expansion.plan.runs;
}

const lrRuns = plan({ axes: [lrAxis], seeds: 3, budget: BUDGET, budgetUnit: 'steps' });
const jobRuns: SweepJobRun[] = lrRuns.map((run) => ({ spec: runSpecOf(run.config), settings: trainingSettingsOf(run.config) }));
const totalSteps = lrRuns.length * BUDGET;

interface Timed {
  wallMs: number;
  cpuMs: number;
}

/** Wall and this process's CPU time of `work`. */
async function timed<T>(work: () => Promise<T>): Promise<Timed & { value: T }> {
  const cpu = process.cpuUsage();
  const started = performance.now();
  const value = await work();
  const wallMs = performance.now() - started;
  const used = process.cpuUsage(cpu);
  return { wallMs, cpuMs: (used.user + used.system) / 1000, value };
}

/** One session trained `steps` steps in chunks of 500 (no evaluation), construction included. */
async function fusedRun(steps: number): Promise<Timed> {
  return timed(async () => {
    const session = sessionOnGeneratedData(runSpecOf(base), trainingSettingsOf(base));
    while (session.stepCount < steps) session.runSteps(Math.min(500, steps - session.stepCount));
    await session.sync();
    session.dispose();
  });
}

interface JobSplit {
  constructMs: number;
  stepMs: number;
  evaluateMs: number;
  evaluations: number;
  /** The job's yields between chunks (a macrotask each), and how many. */
  yieldMs: number;
  yields: number;
  /** The same parts' CPU time (this process's, all threads: the figure a loaded machine leaves comparable). */
  constructCpuMs: number;
  stepCpuMs: number;
  evaluateCpuMs: number;
  yieldCpuMs: number;
}

/** This process's CPU time so far, ms. */
function cpuNow(): number {
  const used = process.cpuUsage();
  return (used.user + used.system) / 1000;
}

/** The session's own evaluate(), as the job measured its checkpoints before the fused CPU evaluation. */
const plainEvaluation = async (session: TrainingSession): Promise<SweepEvaluation> => (await session.evaluate(false)).evaluation;

/**
 * The sweep job on this thread with its own defaults (chunks, yields), each part timed. `evaluate` undefined: the
 * job's own path (runs of one shape advanced together on their typed arrays, engine/sweep/cpuRunGroup.ts, each
 * part timed through the job's `timePart`); given, the runs train one by one through their sessions (the path
 * before cpuRunGroup.ts) and `evaluate` measures the checkpoints.
 */
async function jobSweep(checkpoints?: number[], evaluate?: (session: TrainingSession) => Promise<SweepEvaluation>): Promise<Timed & JobSplit & { results: SweepRunResult[] }> {
  const split: JobSplit = { constructMs: 0, stepMs: 0, evaluateMs: 0, evaluations: 0, yieldMs: 0, yields: 0, constructCpuMs: 0, stepCpuMs: 0, evaluateCpuMs: 0, yieldCpuMs: 0 };
  const timedYield = async (): Promise<void> => {
    const [at, cpu] = [performance.now(), cpuNow()];
    await yieldToMessages();
    split.yieldMs += performance.now() - at;
    split.yieldCpuMs += cpuNow() - cpu;
    split.yields += 1;
  };
  const timePart = <T>(part: 'steps' | 'evaluations', work: () => T): T => {
    const [at, cpu] = [performance.now(), cpuNow()];
    const result = work();
    if (part === 'steps') {
      split.stepMs += performance.now() - at;
      split.stepCpuMs += cpuNow() - cpu;
    } else {
      split.evaluateMs += performance.now() - at;
      split.evaluateCpuMs += cpuNow() - cpu;
      split.evaluations += 1;
    }
    return result;
  };
  const timedEvaluate = async (session: TrainingSession): Promise<SweepEvaluation> => {
    const [at, cpu] = [performance.now(), cpuNow()];
    const result = await (evaluate ?? sweepEvaluation)(session);
    split.evaluateMs += performance.now() - at;
    split.evaluateCpuMs += cpuNow() - cpu;
    split.evaluations += 1;
    return result;
  };
  // As the job's default sessions: runs of the same data share one data set (engine/sweep/sharedDatasets.ts).
  const datasets = new SharedDatasets();
  const makeSession = async (run: SweepJobRun): Promise<TrainingSession> => {
    const [started, cpu] = [performance.now(), cpuNow()];
    const dataset = run.spec.dataset;
    if (!isGeneratedSpec(dataset)) throw new Error(`the sweep bench trains on generated data, not ${dataset.name}`);
    const session = new TrainingSession(await datasets.get(dataset, () => buildGeneratedDataset(dataset)), run.spec, run.settings);
    split.constructMs += performance.now() - started;
    split.constructCpuMs += cpuNow() - cpu;
    const runSteps = session.runSteps.bind(session);
    // The CPU backend runs a kernel when it is called, so a runSteps call's time is its steps' time.
    session.runSteps = (count, diagnoseLast) => {
      const [at, cpu] = [performance.now(), cpuNow()];
      const ran = runSteps(count, diagnoseLast);
      split.stepMs += performance.now() - at;
      split.stepCpuMs += cpuNow() - cpu;
      return ran;
    };
    return session;
  };
  const run = await timed(() => runSweepJob(jobRuns, { budgetSteps: BUDGET, checkpoints, makeSession, ...(evaluate ? { evaluate: timedEvaluate } : { timePart }), yieldControl: timedYield }));
  return { ...run, ...split, results: run.value.results };
}

/** A worker thread running the page's SweepRunner, shaped as the pool's worker. */
class ThreadWorker implements SweepWorkerLike {
  onmessage: ((event: MessageEvent<SweepWorkerEvent>) => void) | null = null;
  onerror: ((event: ErrorEvent) => void) | null = null;
  readonly ready: Promise<void>;
  /** Kept alive past the pool's terminate (a warm-up sweep's threads, as the page's waiting workers: ui/sweep/warmSweepWorkers.ts). */
  keepAlive = false;
  private readonly thread = new Worker(new URL('./sweepThreadBoot.mjs', import.meta.url), { workerData: { entry: new URL('./sweepThread.ts', import.meta.url).href } });

  constructor() {
    this.ready = new Promise((resolve, reject) => {
      this.thread.once('error', reject);
      this.thread.once('message', () => resolve());
    });
    void this.ready.then(() => {
      this.thread.on('message', (data: SweepWorkerEvent) => this.onmessage?.({ data } as MessageEvent<SweepWorkerEvent>));
      this.thread.on('error', (error: Error) => this.onerror?.({ message: error.message, preventDefault: () => undefined } as unknown as ErrorEvent));
    });
  }

  postMessage(command: SweepWorkerCommand): void {
    this.thread.postMessage(command);
  }

  terminate(): void {
    if (!this.keepAlive) void this.thread.terminate();
  }
}

/**
 * `runs` through the page's pool on `workers` threads, started (and ready) before the clock starts; `warm`: the
 * threads first train the same sweep untimed, as the page's workers waiting after a sweep have (their code compiled
 * by the JIT), and the timed sweep runs on them.
 */
async function poolSweep(runs: SweepRun[], budgetSteps: number, workers: number, warm: 'cold' | 'warm' | 'warmed up' = 'cold'): Promise<{ wallMs: number; cpuMs: number; startMs: number; results: SweepRunResult[] }> {
  const starting = performance.now();
  const threads = Array.from({ length: workers }, () => new ThreadWorker());
  await Promise.all(threads.map((t) => t.ready));
  const startMs = performance.now() - starting;
  const results: SweepRunResult[] = [];
  const failures: string[] = [];
  const sweep = (on: ThreadWorker[], onResult: (result: SweepRunResult) => void): Promise<void> =>
    new Promise<void>((done) => {
      startSweepPool(
        runs.map((run) => ({ index: run.index, config: run.config })),
        { budgetSteps, checkpoints: checkpointSteps(budgetSteps), workers, createWorker: () => on.shift() ?? new ThreadWorker() },
        { onResult, onFailed: (index, message) => failures.push(`run ${index}: ${message}`), onProgress: () => undefined, onDone: () => done() },
      );
    });
  if (warm === 'warmed up') {
    // As the page's workers started ahead (ui/sweep/warmSweepWorkers.ts): each trains its warm-up while the sweep is
    // set up; the bench waits out the warm-up's limit, as a person setting up the sweep would.
    threads.forEach((thread) => thread.postMessage({ type: 'warmUp', config: runs[0].config }));
    await new Promise((resolve) => setTimeout(resolve, WARM_UP_MS + 200));
  }
  if (warm === 'warm') {
    threads.forEach((thread) => (thread.keepAlive = true));
    await sweep([...threads], () => undefined);
    threads.forEach((thread) => (thread.keepAlive = false));
  }
  const cpu = process.cpuUsage();
  const started = performance.now();
  await sweep(threads, (result) => results.push(result));
  const wallMs = performance.now() - started;
  // The process's CPU time counts every thread's: the workers' training and the pool's messages.
  const used = process.cpuUsage(cpu);
  if (failures.length > 0) throw new Error(failures.join('; '));
  return { wallMs, cpuMs: (used.user + used.system) / 1000, startMs, results: results.sort((a, b) => a.index - b.index) };
}

interface Spread {
  median: number;
  min: number;
  max: number;
}
function spread(values: number[]): Spread {
  if (values.length === 0) return { median: Number.NaN, min: Number.NaN, max: Number.NaN };
  const sorted = [...values].sort((a, b) => a - b);
  const mid = sorted.length >> 1;
  const median = sorted.length % 2 ? sorted[mid] : (sorted[mid - 1] + sorted[mid]) / 2;
  return { median, min: sorted[0], max: sorted[sorted.length - 1] };
}
const seconds = (s: Spread): string => `${(s.median / 1000).toFixed(2)} s (${(s.min / 1000).toFixed(2)}–${(s.max / 1000).toFixed(2)})`;
const times = (s: Spread): string => `${s.median.toFixed(2)}× (${s.min.toFixed(2)}–${s.max.toFixed(2)})`;
const load = (): string => loadavg().map((l) => l.toFixed(2)).join(', ');

const stepsTrained = (results: SweepRunResult[]): number => results.reduce((sum, r) => sum + (r.steps.at(-1) ?? 0), 0);
const finals = (results: SweepRunResult[]): string => JSON.stringify(results.map((r) => [r.index, r.steps, r.trainLoss, r.testLoss]));

const samples = { fused: [] as number[], fusedCpu: [] as number[], job: [] as number[], jobCpu: [] as number[], ends: [] as number[], construct: [] as number[], steps: [] as number[], evals: [] as number[], yields: [] as number[], constructCpu: [] as number[], stepsCpu: [] as number[], evalsCpu: [] as number[], yieldsCpu: [] as number[], restCpu: [] as number[], yieldCount: [] as number[], rest: [] as number[], plain: [] as number[], plainCpu: [] as number[], plainEvals: [] as number[], sessions: [] as number[], sessionsCpu: [] as number[], sessionsRatio: [] as number[] };
const pool = { one: [] as number[], two: [] as number[], oneCpu: [] as number[], twoCpu: [] as number[], speedUp: [] as number[], warmOne: [] as number[], warmTwo: [] as number[], warmSpeedUp: [] as number[], warmedUpOne: [] as number[], warmedUpTwo: [] as number[], warmedUpSpeedUp: [] as number[], ratio: [] as number[], cpuRatio: [] as number[], start: [] as number[] };
const loads: string[] = [];
let jobResults: SweepRunResult[] = [];
let identical = true;
/** Whether the job's results with the plain evaluation equal its results with the fused one, every value. */
let samePlain = true;
/** Whether the job through its sessions (one run at a time) gives the grouped job's results, every value. */
let sameSessions = true;
for (let round = 0; round < ROUNDS; round++) {
  loads.push(load());
  const fused = await fusedRun(totalSteps);
  const job = await jobSweep();
  // The same job through its sessions, one run at a time (before cpuRunGroup.ts): its results must equal the job's.
  const sessions = await jobSweep(undefined, sweepEvaluation);
  sameSessions &&= JSON.stringify(sessions.results.map(recorded)) === JSON.stringify(job.results.map(recorded));
  samples.sessions.push(sessions.wallMs);
  samples.sessionsCpu.push(sessions.cpuMs);
  samples.sessionsRatio.push(sessions.cpuMs / fused.cpuMs);
  jobResults = job.results;
  samples.fused.push(fused.wallMs);
  samples.fusedCpu.push(fused.cpuMs);
  samples.job.push(job.wallMs);
  samples.jobCpu.push(job.cpuMs);
  samples.construct.push(job.constructMs);
  samples.steps.push(job.stepMs);
  samples.evals.push(job.evaluateMs);
  samples.yields.push(job.yieldMs);
  samples.yieldCount.push(job.yields);
  samples.rest.push(job.wallMs - job.constructMs - job.stepMs - job.evaluateMs - job.yieldMs);
  samples.constructCpu.push(job.constructCpuMs);
  samples.stepsCpu.push(job.stepCpuMs);
  samples.evalsCpu.push(job.evaluateCpuMs);
  samples.yieldsCpu.push(job.yieldCpuMs);
  samples.restCpu.push(job.cpuMs - job.constructCpuMs - job.stepCpuMs - job.evaluateCpuMs - job.yieldCpuMs);
  pool.ratio.push(job.wallMs / fused.wallMs);
  pool.cpuRatio.push(job.cpuMs / fused.cpuMs);
  if (JOB_ONLY) continue;
  const ends = await jobSweep([0, BUDGET]);
  const plain = await jobSweep(undefined, plainEvaluation);
  const one = await poolSweep(lrRuns, BUDGET, 1);
  const two = await poolSweep(lrRuns, BUDGET, 2);
  const warmOne = await poolSweep(lrRuns, BUDGET, 1, 'warm');
  const warmTwo = await poolSweep(lrRuns, BUDGET, 2, 'warm');
  const warmedUpOne = await poolSweep(lrRuns, BUDGET, 1, 'warmed up');
  const warmedUpTwo = await poolSweep(lrRuns, BUDGET, 2, 'warmed up');
  identical &&= [one, two, warmOne, warmTwo, warmedUpOne, warmedUpTwo].every((sweep) => finals(sweep.results) === finals(job.results));
  pool.warmedUpOne.push(warmedUpOne.wallMs);
  pool.warmedUpTwo.push(warmedUpTwo.wallMs);
  pool.warmedUpSpeedUp.push(warmedUpOne.wallMs / warmedUpTwo.wallMs);
  pool.warmOne.push(warmOne.wallMs);
  pool.warmTwo.push(warmTwo.wallMs);
  pool.warmSpeedUp.push(warmOne.wallMs / warmTwo.wallMs);
  samePlain &&= JSON.stringify(plain.results.map(recorded)) === JSON.stringify(job.results.map(recorded));
  samples.plain.push(plain.wallMs);
  samples.plainCpu.push(plain.cpuMs);
  samples.plainEvals.push(plain.evaluateMs);
  samples.ends.push(ends.wallMs);
  pool.one.push(one.wallMs);
  pool.two.push(two.wallMs);
  pool.oneCpu.push(one.cpuMs);
  pool.twoCpu.push(two.cpuMs);
  pool.speedUp.push(one.wallMs / two.wallMs);
  pool.start.push(one.startMs, two.startMs);
}

const widthRuns = plan({ axes: [{ ...lrAxis, values: { ...lrAxis.values, count: 8 } }, { field: 'width', values: { kind: 'range', from: 2, to: 16, count: 8, scale: 'linear' } }], seeds: 3, budget: 1000, budgetUnit: 'steps' });
const twoField: number[] = [];
const twoFieldCpu: number[] = [];
const twoFieldLoads: string[] = [];
for (let round = 0; round < (JOB_ONLY ? 0 : ROUNDS); round++) {
  twoFieldLoads.push(load());
  const grid = await poolSweep(widthRuns, 1000, 2);
  twoField.push(grid.wallMs);
  twoFieldCpu.push(grid.cpuMs);
}

const fusedSpread = spread(samples.fused);
const jobSpread = spread(samples.job);
const share = (part: number[]): string => `${seconds(spread(part))}, ${((spread(part).median / jobSpread.median) * 100).toFixed(0)}% of the job`;
const jobCpuSpread = spread(samples.jobCpu);
const cpuShare = (part: number[]): string => `CPU ${seconds(spread(part))}, ${((spread(part).median / jobCpuSpread.median) * 100).toFixed(0)}% of the job's`;
const diverged = jobResults.filter((r) => r.diverged).length;
const allRows: string[][] = [
  ['one fused run of 96,000 steps, 1 thread (no evaluation)', seconds(fusedSpread), `CPU ${seconds(spread(samples.fusedCpu))}`],
  ['48-run sweep job, 1 thread (21 checkpoints a run)', seconds(jobSpread), `${times(spread(pool.ratio))} the fused run (goal ≤ 1.1×); CPU ${seconds(spread(samples.jobCpu))}, ${times(spread(pool.cpuRatio))} the fused run's`],
  ['  of which: session construction (48)', share(samples.construct), cpuShare(samples.constructCpu)],
  ['  of which: steps (multi-run kernel calls)', share(samples.steps), `${cpuShare(samples.stepsCpu)}; the fused run: ${seconds(fusedSpread)} wall, ${seconds(spread(samples.fusedCpu))} CPU`],
  ['  of which: evaluations (21 × 48, fused CPU evaluation)', share(samples.evals), `${cpuShare(samples.evalsCpu)}; ${(spread(samples.evals).median / (21 * lrRuns.length)).toFixed(2)} ms each (CPU ${(spread(samples.evalsCpu).median / (21 * lrRuns.length)).toFixed(2)} ms)`],
  ['  of which: yields between chunks (a macrotask each)', share(samples.yields), `${cpuShare(samples.yieldsCpu)}; ${spread(samples.yieldCount).median} yields`],
  ['  of which: the rest (recording, disposal, garbage collection)', share(samples.rest), cpuShare(samples.restCpu)],
  ['48-run sweep job through its sessions, one run at a time (before cpuRunGroup.ts)', seconds(spread(samples.sessions)), `CPU ${seconds(spread(samples.sessionsCpu))}, ${times(spread(samples.sessionsRatio))} the fused run's`],
  ['48-run sweep job, checkpoints on the plain evaluation (session.evaluate, before)', seconds(spread(samples.plain)), `${times(spread(samples.plain.map((e, i) => e / samples.fused[i])))} the fused run; CPU ${seconds(spread(samples.plainCpu))}, ${times(spread(samples.plainCpu.map((c, i) => c / samples.fusedCpu[i])))} the fused run's; evaluations ${seconds(spread(samples.plainEvals))}, ${(spread(samples.plainEvals).median / (21 * lrRuns.length)).toFixed(2)} ms each`],
  ['48-run sweep job, checkpoints [0, 2000] only', seconds(spread(samples.ends)), `${times(spread(samples.ends.map((e, i) => e / samples.fused[i])))} the fused run`],
  ['48-run sweep, pool of 1 worker thread', seconds(spread(pool.one)), `CPU (all threads) ${seconds(spread(pool.oneCpu))}`],
  ['48-run sweep, pool of 2 worker threads', seconds(spread(pool.two)), `${times(spread(pool.speedUp))} faster than 1 (goal ≥ 1.7×); CPU (all threads) ${seconds(spread(pool.twoCpu))}`],
  ['48-run sweep, pool of 1 worker thread warmed up ahead (its warm-up trained)', seconds(spread(pool.warmedUpOne)), `as the page's workers started ahead of a sweep (ui/sweep/warmSweepWorkers.ts; sweepRunner.ts warmUp, ≤ ${WARM_UP_MS} ms)`],
  ['48-run sweep, pool of 2 worker threads warmed up ahead', seconds(spread(pool.warmedUpTwo)), `${times(spread(pool.warmedUpSpeedUp))} faster than 1 warmed up (goal ≥ 1.7×)`],
  ['48-run sweep, pool of 1 warm worker thread (trained a sweep before)', seconds(spread(pool.warmOne)), 'as the page\'s workers waiting after a sweep (ui/sweep/warmSweepWorkers.ts)'],
  ['48-run sweep, pool of 2 warm worker threads', seconds(spread(pool.warmTwo)), `${times(spread(pool.warmSpeedUp))} faster than 1 warm (goal ≥ 1.7×)`],
  ['WebGPU: the same sweep against 48 runs in turn', 'not in Node', 'bench/sweep-webgpu-bench.ts (the kernels in Chromium) and bench/sweep-browser-bench.ts (the panel on WebGPU)'],
  ['192-run sweep (8 rates × width 2–16 × 3 seeds), 1,000 steps, 2 threads', seconds(spread(twoField)), `CPU (all threads) ${seconds(spread(twoFieldCpu))}`],
];
const rows = JOB_ONLY ? allRows.slice(0, 8) : allRows;
console.log(`\nSweeps (issue 17 §8): Node ${process.version}, TF.js CPU backend, ${ROUNDS} rounds, median (min–max). 2-8-8-1 tanh, circle, batch 16, ${ALGORITHM_INFO[ALGORITHM].label} at its default settings, learning rate 0.001–1 (16, log) × 3 seeds, 2,000 steps.`);
printTable(['sweep', 'wall time', 'against'], rows);
console.log(`Steps trained by the 48 runs: ${stepsTrained(jobResults).toLocaleString('en-US')} of ${totalSteps.toLocaleString('en-US')} (${diverged} diverged and stopped early). Pool results equal the job's at every checkpoint: ${identical ? 'yes' : 'NO'}. The job's results with the plain evaluation equal its results with the fused one: ${samePlain ? 'yes' : 'NO'}; through its sessions, one run at a time: ${sameSessions ? 'yes' : 'NO'}. Thread start-up (not timed above): ${seconds(spread(pool.start))}.`);
console.log(`Load average (1, 5, 15 min) before each round: ${loads.join(' | ')}; before the 192-run sweeps: ${twoFieldLoads.join(' | ')}.`);
