/**
 * A sweep's training (issue 17; docs/DESIGN.md §1, "a sweep is a job"): a list of runs trained one after another,
 * each an ordinary TrainingSession stepped in chunks, without per-run views (no grid, no gallery, no diagnostics).
 * A run trains for a budget of steps, of epochs of its own data, or of time on its own training clock (then its
 * checkpoints fall at each twentieth of the time, at whatever steps it has reached). Each run records its train,
 * test and validation loss (and accuracy where the task has classes; validation where the run has a validation
 * split) at evenly spaced checkpoints (checkpoints.ts), its final and best values (runRecorder.ts), and whether it
 * diverged (trainingLoop's isDiverging against the loss at step 0, as the live loop judges it); a diverged run
 * keeps what it recorded and the job goes on. Between chunks the job yields a macrotask, so a worker stays
 * responsive and a cancel can arrive; a cancel keeps the finished runs and drops the one in progress.
 *
 * A run's checkpoints equal an ordinary session's evaluated at the same steps, bit for bit: same seed, same
 * batches, and the session's steps do not depend on how they are split into calls (diagnosisIdentity.test.ts);
 * where its steps are fused on the CPU, its checkpoints are measured by the fused CPU evaluation, which equals the
 * session's evaluate() bit for bit (sweepEvaluation.ts, fused/cpuEvaluate.test.ts).
 *
 * Backprop runs fused on the CPU, with timed chunks, train in groups (GROUP_RUNS): consecutive runs of one network
 * shape, batch size and checkpoints, read out of their sessions once and advanced together by one multi-run kernel
 * call per chunk on their own typed arrays, measured on them at each checkpoint (cpuRunGroup.ts), each bit for bit
 * the run trained alone (cpuRunGroup.test.ts); a cancel then drops the group in progress. On WebGPU, backprop runs
 * of one shape, batch size, checkpoints and problem (optimizer, loss, penalty) group likewise: one batched dispatch
 * of one workgroup per run advances them a chunk, and a checkpoint reads their state back once and measures each
 * in its own session (gpuRunGroup.ts; e2e/sweepWebgpuJob.spec.ts). A worker of the page's pool runs a batch of
 * runs per job (worker/sweepPool.ts cpuBatchSize), which groups here like any other.
 */
import { hasClasses } from '../data/problem';
import { buildGeneratedDataset, isGeneratedSpec } from '../data/dataset';
import { sessionOnGeneratedData, TrainingSession, type RunSpec, type TrainingSettings } from '../session';
import { isDiverging } from '../trainingLoop';
import { yieldToMessages } from '../yieldToMessages';
import { budgetSteps as stepsOfBudget } from '../budget';
import { checkpointSteps, SWEEP_CHECKPOINTS } from './checkpoints';
import { SharedDatasets } from './sharedDatasets';
import { sweepEvaluation, testCorrectness, type SweepEvaluation } from './sweepEvaluation';
import { advanceCpuRuns, cpuRunApplies, CpuRun } from './cpuRunGroup';
import { gpuProblemKey, gpuRunApplies, GpuRunGroup } from './gpuRunGroup';
import { RunRecorder } from './runRecorder';
import type { SweepProgress, SweepRunResult } from './types';

/** Steps per call to runSteps between two yields, at most. */
export const DEFAULT_CHUNK_STEPS = 50;
/**
 * Without a given `chunkSteps`, a budget of steps or epochs trains about this long (on the run's clock) between
 * two yields, in chunks sized from the last chunk's pace, the first DEFAULT_CHUNK_STEPS long, at most
 * MAX_TIMED_CHUNK_STEPS: a chunk of 50 fused steps of 2-8-8-1 took about 1 ms, so a sweep called runSteps and
 * yielded twice per checkpoint for nothing (bench/sweep-bench.ts), while a heavy network's 50 steps held a cancel
 * for seconds.
 */
export const CHUNK_MS = 5;
/**
 * With those timed chunks the job yields once this long has passed (on the run's clock) since its last yield, not
 * after every chunk: a checkpoint cuts a chunk short (2,000 steps of 2-8-8-1 have one every 100 steps, about 2 ms),
 * and a yield per chunk was 1,400 yields in the 48-run bench sweep (bench/sweep-bench.ts), 11–14 % of its wall time
 * on a loaded machine, where each yield (a fresh MessageChannel, yieldToMessages.ts) cost 0.5–2 ms. A sweep
 * worker yields for a cancel and its progress only (reported at most every 100 ms, worker/sweepRunner.ts): 20 ms
 * is a frame at 50 Hz, below what a click waits for.
 */
export const YIELD_MS = 20;
/**
 * On WebGPU a chunk is one dispatch, timed from its queueing to the device's report that it ran (Lockstep.settle):
 * about this long. Timed on its encoding alone, as before, every chunk grew to MAX_TIMED_CHUNK_STEPS and the job
 * queued a checkpoint's steps at once, so a cancel, the progress bar and a lost device all waited for a dispatch
 * that took over 20 s on SwiftShader under load (the sweep panel's device-loss test failed on CI so).
 */
export const GPU_CHUNK_MS = 50;
export const MAX_TIMED_CHUNK_STEPS = 1000;
/**
 * With timed chunks, consecutive backprop runs fused on the CPU with the same network shape, batch size and
 * checkpoints train as one group (cpuRunGroup.ts): one kernel call advances all of them, on their own typed
 * arrays, up to GROUP_RUNS runs and GROUP_PARAMETERS parameters together (a group's sessions are alive at once).
 * A cancel drops the group in progress.
 */
export const GROUP_RUNS = 16;
/**
 * On WebGPU a group is one dispatch of a workgroup per run (gpuRunGroup.ts), and the more runs a dispatch holds the
 * more of the GPU it fills: the 48-run bench sweep in one group, up to 64 runs (GROUP_PARAMETERS still caps them).
 */
export const GPU_GROUP_RUNS = 64;
export const GROUP_PARAMETERS = 1 << 16;

/** A group's runs trained in lockstep, each on its own state; `active` indexes the group's members. */
interface Lockstep {
  stepCountOf(member: number): number;
  advance(active: readonly number[], count: number): void;
  /**
   * Resolves once the steps advanced so far have run, where `advance` only queues them (WebGPU): the chunk is then
   * timed on the device's work, not on its encoding.
   */
  settle?(): Promise<void>;
  measure(active: readonly number[]): Promise<SweepEvaluation[]>;
  /** A member's θ as its last measure left it (its final checkpoint's at the end). */
  thetaOf(member: number): Promise<Float32Array>;
  dispose(): void;
}

export interface SweepJobRun {
  spec: RunSpec;
  settings: TrainingSettings;
}

export interface SweepJobOptions {
  budgetSteps: number;
  /** Checkpoint steps, ascending, the first 0 (default: checkpointSteps(budgetSteps)). */
  checkpoints?: readonly number[];
  /**
   * A budget in epochs instead (issue 17 §1): each run trains this many passes over its own training rows at its
   * own batch size (engine/budget.ts, as the schedule counts epochs), recorded at checkpointSteps of that; then
   * `budgetSteps` and `checkpoints` are not read. Runs of different batch sizes or data sizes so stop at
   * different steps after the same data.
   */
  budgetEpochs?: number;
  /**
   * Or equal training time (issue 17 §1): each run trains until its own training clock (evaluations excluded)
   * reaches this many seconds, evaluated each time it passes a twentieth of it; so a costlier step gets fewer
   * steps, as a comparison against wall time asks. The steps reached depend on the device and its load.
   */
  budgetSeconds?: number;
  /** The training clock in ms (default performance.now), which also paces the chunks; tests give one that counts steps. */
  clock?: () => number;
  /** Steps per chunk between two yields, fixed; default: about CHUNK_MS of steps on the run's clock. */
  chunkSteps?: number;
  /** Makes a run's session (default: on the generated 2-D sets, shared by runs of the same data); the job disposes it. */
  makeSession?: (run: SweepJobRun) => TrainingSession | Promise<TrainingSession>;
  onProgress?: (progress: SweepProgress) => void;
  /** Each finished run, as it finishes (results fill in live). */
  onResult?: (result: SweepRunResult) => void;
  isCancelled?: () => boolean;
  /** What the job awaits between chunks (default: a macrotask). */
  yieldControl?: () => Promise<void>;
  /**
   * Measures a run at a checkpoint (default: sweepEvaluation.ts, fused on the CPU where the steps are); given, the
   * runs train one by one through their sessions (the path before cpuRunGroup.ts), which benches compare.
   */
  evaluate?: (session: TrainingSession) => Promise<SweepEvaluation>;
  /** Runs a grouped run's steps or checkpoint measurements (default: runs them); benches time each part. */
  timePart?: <T>(part: 'steps' | 'evaluations', work: () => T) => T;
}

export interface SweepJobResult {
  results: SweepRunResult[];
  cancelled: boolean;
}

/**
 * A macrotask, so that a worker's messages (a cancel) come in between chunks: on the CPU backend `data()` resolves
 * without ever leaving the current task (rangeTest.ts). A MessageChannel message, not setTimeout(0): past a nesting
 * level of 5 a timeout below 4 ms becomes 4 ms (HTML Living Standard, "Timers", timer initialisation steps), and a
 * chunk of 50 fused steps of 2-8-8-1 takes 1–2 ms: one sweep worker in Chromium took 11.3 s for 48 runs of 2,000
 * steps with a timer per chunk, 4.7 s with a message (bench/sweep-browser-bench.ts). The live loop yields the same way.
 */
const macrotask = yieldToMessages;

/** Sessions on the generated 2-D sets, each data set built once for the runs that share it (sharedDatasets.ts). */
function sharedGeneratedSessions(): (run: SweepJobRun) => Promise<TrainingSession> {
  const datasets = new SharedDatasets();
  return async (run) => {
    const { dataset } = run.spec;
    if (!isGeneratedSpec(dataset)) return sessionOnGeneratedData(run.spec, run.settings);
    return new TrainingSession(await datasets.get(dataset, () => buildGeneratedDataset(dataset)), run.spec, run.settings);
  };
}

/** The next chunk's steps: about `target` ms at the pace of the last chunk (`spent` ms for `steps` steps). */
function timedChunk(spent: number, steps: number, last: number, target: number): number {
  if (steps <= 0) return last;
  const perStep = spent / steps;
  return perStep > 0 ? Math.max(1, Math.min(MAX_TIMED_CHUNK_STEPS, Math.floor(target / perStep))) : MAX_TIMED_CHUNK_STEPS;
}

/** Steps the session to `target`, past a schedule's end (runSteps stops there once and then goes on). */
function stepTo(session: TrainingSession, target: number): void {
  let stalls = 0;
  while (session.stepCount < target) {
    const ran = session.runSteps(target - session.stepCount);
    if (ran > 0) stalls = 0;
    else if (++stalls > 1) throw new Error(`sweep: the run made no progress at step ${session.stepCount}`);
  }
}

function checkedCheckpoints(options: Pick<SweepJobOptions, 'budgetSteps' | 'checkpoints'>): number[] {
  const { budgetSteps } = options;
  const checkpoints = [...(options.checkpoints ?? checkpointSteps(budgetSteps))];
  const ascending = checkpoints.every((step, i) => Number.isInteger(step) && (i === 0 ? step === 0 : step > checkpoints[i - 1]));
  if (!ascending || checkpoints.length < 2) throw new Error(`sweep: checkpoints must ascend from 0 (got ${checkpoints.join(', ')})`);
  return checkpoints;
}

/** Trains every run in turn; see the module comment. */
export async function runSweepJob(runs: readonly SweepJobRun[], options: SweepJobOptions): Promise<SweepJobResult> {
  const epochs = options.budgetEpochs;
  const seconds = options.budgetSeconds;
  if (seconds !== undefined && !(seconds > 0 && Number.isFinite(seconds))) throw new Error(`sweep: a budget of ${seconds} s is not above 0`);
  const clock = options.clock ?? (() => performance.now());
  if (epochs !== undefined && !(epochs > 0 && Number.isFinite(epochs))) throw new Error(`sweep: a budget of ${epochs} epochs is not above 0`);
  const stepCheckpoints = epochs === undefined ? checkedCheckpoints(options) : null;
  /** The run's checkpoints: the job's, or its epochs in its own steps. */
  const checkpointsOf = (session: TrainingSession, run: SweepJobRun): number[] =>
    stepCheckpoints ?? checkedCheckpoints({ budgetSteps: stepsOfBudget({ value: epochs ?? 0, unit: 'epochs' }, session.dataset.train.count, run.settings.batchSize) ?? 1 });
  let budgetSteps = stepCheckpoints ? stepCheckpoints[stepCheckpoints.length - 1] : 0;
  const chunkSteps = Math.max(1, Math.floor(options.chunkSteps ?? DEFAULT_CHUNK_STEPS));
  const timedChunks = options.chunkSteps === undefined;
  const yieldControl = options.yieldControl ?? macrotask;
  const makeSession = options.makeSession ?? sharedGeneratedSessions();
  const evaluate = options.evaluate ?? sweepEvaluation;
  const results: SweepRunResult[] = [];
  const report = (step: number, together = 1): void => options.onProgress?.({ runsDone: results.length, runsTotal: runs.length, step, budgetSteps, together });
  const grouping = timedChunks && seconds === undefined && options.evaluate === undefined;
  const timePart = options.timePart ?? (<T>(_part: string, work: () => T): T => work());
  /** Records a finished run, with which test examples its final θ gets right (testCorrectness). */
  const finish = (index: number, recorder: RunRecorder, diverged: SweepRunResult['diverged'], step: number, session: TrainingSession, theta: Float32Array, trainedWith: number): void => {
    const result = { ...recorder.result(index, diverged, diverged === null ? testCorrectness(session, theta) : null), trainedWith };
    results.push(result);
    options.onResult?.(result);
    report(step, 0);
  };

  /** The group's runs as one lockstep: on the CPU (cpuRunGroup.ts) or on WebGPU (gpuRunGroup.ts). */
  const lockstepOf = async (members: readonly { index: number; session: TrainingSession }[]): Promise<Lockstep> => {
    if (gpuRunApplies(members[0].session, runs[members[0].index].settings)) {
      const gpu = await GpuRunGroup.of(members.map(({ index, session }) => ({ session, settings: runs[index].settings })));
      return {
        stepCountOf: (i) => gpu.plans[i].stepCount,
        advance: (active, count) => timePart('steps', () => gpu.advance(active, count)),
        settle: () => gpu.settle(),
        measure: (active) => gpu.measure(active),
        // measure() puts each run's state back into its session before evaluating it.
        thetaOf: (i) => members[i].session.thetaValues(),
        dispose: () => gpu.dispose(),
      };
    }
    const group = await Promise.all(members.map(({ index, session }) => CpuRun.of(session, runs[index].settings)));
    const measure = async (run: CpuRun): Promise<SweepEvaluation> => timePart('evaluations', () => run.measure()) ?? (await run.evaluateInSession());
    return {
      stepCountOf: (i) => group[i].stepCount,
      advance: (active, count) => timePart('steps', () => advanceCpuRuns(active.map((i) => group[i]), count)),
      measure: async (active) => {
        const measured: SweepEvaluation[] = [];
        for (const i of active) measured.push(await measure(group[i]));
        return measured;
      },
      thetaOf: async (i) => group[i].theta,
      dispose: () => undefined,
    };
  };

  /** Trains a group of runs in lockstep (cpuRunGroup.ts, gpuRunGroup.ts); true when the sweep was cancelled meanwhile. */
  const trainGroup = async (members: readonly { index: number; session: TrainingSession }[], checkpoints: readonly number[]): Promise<boolean> => {
    const group = await lockstepOf(members);
    try {
      return await trainLockstep(members, group, checkpoints);
    } finally {
      group.dispose();
    }
  };

  const trainLockstep = async (members: readonly { index: number; session: TrainingSession }[], group: Lockstep, checkpoints: readonly number[]): Promise<boolean> => {
    const recorders = members.map(({ session }) => new RunRecorder(hasClasses(session.dataset.problem), session.dataset.validation !== null));
    const initial = await group.measure(members.map((_, i) => i));
    initial.forEach((evaluation, i) => recorders[i].add(evaluation));
    const diverged: SweepRunResult['diverged'][] = members.map(() => null);
    let active = members.map((_, i) => i);
    let step = checkpoints[0];
    let chunk = chunkSteps;
    let yieldedAt = clock();
    for (const checkpoint of checkpoints.slice(1)) {
      while (step < checkpoint) {
        const count = Math.min(checkpoint - step, chunk);
        const started = clock();
        group.advance(active, count);
        if (group.settle) await group.settle();
        const now = clock();
        step += count;
        chunk = timedChunk(now - started, count, chunk, group.settle ? GPU_CHUNK_MS : CHUNK_MS);
        if (now - yieldedAt < YIELD_MS) continue;
        report(step, active.length);
        await yieldControl();
        if (options.isCancelled?.()) return true;
        yieldedAt = clock();
      }
      const measured = await group.measure(active);
      active.forEach((i, k) => {
        const evaluation = measured[k];
        recorders[i].add(evaluation);
        if (isDiverging(evaluation.trainLoss, initial[i].trainLoss)) diverged[i] = { atStep: evaluation.step, trainLoss: evaluation.trainLoss };
      });
      active = active.filter((i) => diverged[i] === null);
      if (active.length === 0) break;
    }
    for (const [i, { index, session }] of members.entries()) finish(index, recorders[i], diverged[i], group.stepCountOf(i), session, await group.thetaOf(i), members.length);
    return false;
  };

  /** A session made for the next run that did not join the group before it. */
  let carried: TrainingSession | null = null;
  for (let index = 0; index < runs.length; index++) {
    await yieldControl();
    if (options.isCancelled?.()) {
      carried?.dispose();
      return { results, cancelled: true };
    }
    const session = carried ?? (await makeSession(runs[index]));
    carried = null;
    const groupable = (s: TrainingSession, run: SweepJobRun): boolean => cpuRunApplies(s, run.settings) || gpuRunApplies(s, run.settings);
    if (grouping && groupable(session, runs[index])) {
      const checkpoints = checkpointsOf(session, runs[index]);
      budgetSteps = checkpoints[checkpoints.length - 1];
      const members = [{ index, session }];
      const shape = (s: TrainingSession, run: SweepJobRun): string => JSON.stringify([
          // One batched call takes one algorithm's steps (its registry entry's sweepBatch).
          run.settings.algorithm,
          s.layout,
          Math.min(run.settings.batchSize, s.dataset.train.count),
          checkpointsOf(s, run),
          // One WebGPU dispatch takes one problem: optimizer, loss, penalty and its rate, the algorithm's settings.
          gpuRunApplies(s, run.settings) ? gpuProblemKey(s, run.settings) : null,
        ]);
      const key = shape(session, runs[index]);
      let parameters = session.layout.parameterCount;
      try {
        const cap = gpuRunApplies(session, runs[index].settings) ? GPU_GROUP_RUNS : GROUP_RUNS;
        while (members.length < cap && index + members.length < runs.length) {
          const next = index + members.length;
          const joining = await makeSession(runs[next]);
          parameters += joining.layout.parameterCount;
          if (parameters > GROUP_PARAMETERS || !groupable(joining, runs[next]) || shape(joining, runs[next]) !== key) {
            carried = joining;
            break;
          }
          members.push({ index: next, session: joining });
        }
        if (await trainGroup(members, checkpoints)) {
          carried?.dispose();
          return { results, cancelled: true };
        }
      } catch (error) {
        carried?.dispose();
        throw error;
      } finally {
        members.forEach((member) => member.session.dispose());
      }
      index += members.length - 1;
      continue;
    }
    try {
      const checkpoints = seconds === undefined ? checkpointsOf(session, runs[index]) : [0];
      budgetSteps = checkpoints[checkpoints.length - 1];
      const recorder = new RunRecorder(hasClasses(session.dataset.problem), session.dataset.validation !== null);
      const initial = await evaluate(session);
      recorder.add(initial);
      let diverged: SweepRunResult['diverged'] = null;
      /** Evaluates and records the run where it stands; true once it has diverged. */
      const checkpointHere = async (): Promise<boolean> => {
        const evaluation = await evaluate(session);
        recorder.add(evaluation);
        if (isDiverging(evaluation.trainLoss, initial.trainLoss)) diverged = { atStep: evaluation.step, trainLoss: evaluation.trainLoss };
        return diverged !== null;
      };
      /** Reports, yields; true when the sweep was cancelled meanwhile. */
      const pause = async (): Promise<boolean> => {
        report(session.stepCount);
        await yieldControl();
        return options.isCancelled?.() ?? false;
      };
      if (seconds === undefined) {
        let chunk = chunkSteps;
        let yieldedAt = clock();
        for (const checkpoint of checkpoints.slice(1)) {
          while (session.stepCount < checkpoint) {
            const [before, started] = [session.stepCount, clock()];
            stepTo(session, Math.min(checkpoint, session.stepCount + chunk));
            const now = clock();
            if (timedChunks) chunk = timedChunk(now - started, session.stepCount - before, chunk, CHUNK_MS);
            // Fixed chunks yield after each one; timed chunks once YIELD_MS has passed.
            if (timedChunks && now - yieldedAt < YIELD_MS) continue;
            if (await pause()) return { results, cancelled: true };
            yieldedAt = clock();
          }
          if (await checkpointHere()) break;
        }
      } else {
        const budgetMs = seconds * 1000;
        let trainedMs = 0;
        let passed = 0;
        let chunk = 1;
        while (passed < SWEEP_CHECKPOINTS) {
          const [before, started] = [session.stepCount, clock()];
          stepTo(session, session.stepCount + chunk);
          const spent = clock() - started;
          trainedMs += spent;
          // Chunks of about a hundredth of the budget (10 ms at most) between yields, from the last chunk's pace.
          const perStep = spent / (session.stepCount - before);
          chunk = perStep > 0 ? Math.max(1, Math.min(chunkSteps, Math.floor(Math.min(10, budgetMs / 100) / perStep))) : chunkSteps;
          if (await pause()) return { results, cancelled: true };
          const due = Math.min(SWEEP_CHECKPOINTS, Math.floor((trainedMs * SWEEP_CHECKPOINTS) / budgetMs));
          if (due > passed) {
            passed = due;
            if (await checkpointHere()) break;
          }
        }
        budgetSteps = session.stepCount;
      }
      finish(index, recorder, diverged, session.stepCount, session, await session.thetaValues(), 1);
    } finally {
      session.dispose();
    }
  }
  return { results, cancelled: false };
}
