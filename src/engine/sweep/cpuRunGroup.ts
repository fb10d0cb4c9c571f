/**
 * A sweep's runs on the CPU as plain typed arrays (issue 17 §8, "the runs of a sweep share kernels: on the CPU,
 * one fused kernel call advances many runs"), for an algorithm whose worker-registry entry declares batched CPU
 * steps (`sweepBatch.cpu`, engine/fused/sweepBatch.ts: backprop's, LocoProp-S's and -M's); an algorithm without them trains its
 * sweep runs one at a time through their sessions. A run's θ, optimizer slots and counters and its batch order
 * are read out of its session once; from then on one call of the algorithm's `sweepBatch.cpu` advances every run
 * of a group on its own arrays, and its checkpoints are measured by the fused CPU evaluation (sweepEvaluation.ts
 * fusedMeasurements) on its θ as it stands: no TF.js tensor made, read back or assigned per chunk or per
 * checkpoint (the session's path cost ~35 µs a kernel call and a θ readback a checkpoint, about 1,300 calls in
 * the 48-run bench sweep).
 *
 * The steps are the session's fused steps, operation for operation: the rows its sampler would draw, the
 * schedule's rate and momentum at each step (scheduleAt, past a schedule's end too, as runSteps goes on there),
 * rounded to float32 where the algorithm's kernel takes them as tensors (backprop) or kept as doubles where it
 * takes them as attributes (LocoProp), the algorithm's own settings in the run's problem (SweepBatch.problem),
 * and the optimizer's counters advanced inside the loop as the kernel advances them (and the fused path's
 * advance after it, by the same factors). So a run here is bit for bit the run trained alone, at every
 * checkpoint (cpuRunGroup.test.ts, sweepJob.test.ts).
 */
import * as tf from '@tensorflow/tfjs-core';
import { ALGORITHM_IMPLEMENTATIONS } from '../../algorithms/workerRegistry';
import { MinibatchSampler } from '../data/dataset';
import type { CpuTrainRun, SweepBatch } from '../fused/sweepBatch';
import type { NetworkLayout } from '../model/mlp';
import type { FusedProblem } from '../fused/fusedProblem';
import { adaptsLearningRate } from '../names';
import { scheduleAt } from '../schedule/schedule';
import type { TrainingSession, TrainingSettings } from '../session';
import { fusedMeasurements, type SweepEvaluation } from './sweepEvaluation';

type CpuSteps = NonNullable<SweepBatch['cpu']>;

/** The algorithm's batched sweep steps where it has CPU ones (its worker-registry entry's sweepBatch), or undefined. */
function cpuBatchOf(settings: TrainingSettings): (SweepBatch & { cpu: CpuSteps }) | undefined {
  const batch = ALGORITHM_IMPLEMENTATIONS[settings.algorithm].sweepBatch;
  return batch?.cpu ? { ...batch, cpu: batch.cpu } : undefined;
}

/** Whether the session's steps may run here: its fused kernel (its kernelPath), on the CPU backend, with batched CPU steps. */
export function cpuRunApplies(session: TrainingSession, settings: TrainingSettings): boolean {
  return session.kernelPath === 'fused' && tf.getBackend() === 'cpu' && cpuBatchOf(settings) !== undefined;
}

/** One layout object per shape, so that runs of one shape share the kernel's work buffers (keyed by layout). */
const layouts = new Map<string, NetworkLayout>();
function sharedLayout(layout: NetworkLayout): NetworkLayout {
  const key = JSON.stringify(layout);
  const known = layouts.get(key);
  if (known) return known;
  if (layouts.size >= 8) layouts.clear();
  layouts.set(key, layout);
  return layout;
}

export class CpuRun {
  stepCount: number;
  /** The algorithm's batched CPU steps, which advance this run. */
  readonly steps: CpuSteps;
  private readonly train: CpuTrainRun;
  /** How the kernel takes the rates and momenta (SweepBatch.rates): float32 or the schedule's doubles. */
  private readonly rates: SweepBatch['rates'];
  private readonly sampler: MinibatchSampler;
  private readonly batchSize: number;
  private readonly stepsPerEpoch: number;
  private lastLearningRate = Number.NaN;

  private constructor(
    readonly session: TrainingSession,
    private readonly settings: TrainingSettings,
    snapshot: Awaited<ReturnType<TrainingSession['snapshot']>>,
  ) {
    const batch = cpuBatchOf(settings);
    if (!batch) throw new Error(`sweep: ${settings.algorithm} has no batched CPU steps`);
    this.steps = batch.cpu;
    this.rates = batch.rates;
    const { train } = session.dataset;
    // As the session's effectiveBatchSize and runFused.
    this.batchSize = Math.min(settings.batchSize, train.count);
    this.stepsPerEpoch = train.count / this.batchSize;
    this.stepCount = snapshot.stepCount;
    this.sampler = new MinibatchSampler(train.count, 0);
    this.sampler.restore(snapshot.sampler);
    const { optimizer } = snapshot;
    const shared: FusedProblem = { layout: sharedLayout(session.layout), lossKind: session.lossKind, regularization: settings.regularization, regularizationRate: settings.regularizationRate, optimizer: optimizer.kind };
    // SGD-HD's and Adam-HD's β, and α where it stands (the kernel's trainStepsKernelBody reads them so).
    if (adaptsLearningRate(optimizer.kind)) shared.hypergradientRate = settings.hypergradientRate;
    this.train = {
      problem: batch.problem(shared, settings.settings),
      algorithmState: snapshot.algorithmState,
      state: { theta: snapshot.theta, slots: optimizer.slots, stepCount: optimizer.stepCount, beta1Product: optimizer.beta1Product, ...(optimizer.rate !== null && optimizer.stepCount > 0 ? { rate: optimizer.rate } : {}) },
      data: { inputs: train.inputs, targets: train.targets },
      schedule: { batchSize: this.batchSize, rows: new Int32Array(0), learningRates: new Float32Array(0), momenta: new Float32Array(0) },
      steps: 0,
    };
  }

  /** The session's run where it stands (θ, slots, counters and batch order read back once). */
  static async of(session: TrainingSession, settings: TrainingSettings): Promise<CpuRun> {
    return new CpuRun(session, settings, await session.snapshot());
  }

  /** θ where the run stands (the kernel's own array: read it, do not keep it). */
  get theta(): Float32Array {
    return this.train.state.theta;
  }

  get parameterCount(): number {
    return this.session.layout.parameterCount;
  }

  /** Plans the next `count` steps: rows from the batch order, rate and momentum from the schedule (float32). */
  plan(count: number): CpuTrainRun {
    const { schedule } = this.train;
    if (schedule.learningRates.length < count) {
      const Rates = this.rates === 'float32' ? Float32Array : Float64Array;
      schedule.rows = new Int32Array(count * this.batchSize);
      schedule.learningRates = new Rates(count);
      schedule.momenta = new Rates(count);
    }
    this.sampler.nextRows(schedule.rows.subarray(0, count * this.batchSize));
    let lr = Number.NaN;
    for (let s = 0; s < count; s++) {
      const scheduled = scheduleAt(this.stepCount + s, this.settings.schedule, this.stepsPerEpoch);
      schedule.learningRates[s] = lr = scheduled.lr;
      schedule.momenta[s] = scheduled.momentum;
    }
    this.train.steps = count;
    this.stepCount += count;
    // The session's counter follows the run's (its θ does not), so a clock or a reader of the session sees its steps.
    this.session.stepCount = this.stepCount;
    if (count > 0) this.lastLearningRate = lr;
    return this.train;
  }

  /** The losses and accuracies where the run stands: the fused CPU evaluation; null where θ is not finite. */
  measure(): SweepEvaluation | null {
    const measured = fusedMeasurements(this.session, this.train.state.theta);
    return measured ? { step: this.stepCount, ...measured } : null;
  }

  /** The session's own evaluate(), after putting the run's state back into it (a θ with a non-finite entry). */
  async evaluateInSession(): Promise<SweepEvaluation> {
    const { state, problem } = this.train;
    this.session.restore({
      theta: state.theta,
      optimizer: { kind: problem.optimizer, slots: state.slots, stepCount: state.stepCount, beta1Product: state.beta1Product, rate: adaptsLearningRate(problem.optimizer) ? (state.rate ?? 0) : null },
      sampler: this.sampler.snapshot(),
      stepCount: this.stepCount,
      examplesSeen: this.stepCount * this.batchSize,
      learningRate: this.lastLearningRate,
      algorithmState: [],
    });
    return (await this.session.evaluate(false)).evaluation;
  }
}

/** `count` steps of every run in `runs`: one call of the multi-run steps per algorithm among them (one, in a sweep's group). */
export function advanceCpuRuns(runs: readonly CpuRun[], count: number): void {
  const calls = new Map<CpuSteps, CpuTrainRun[]>();
  for (const run of runs) {
    const planned = run.plan(count);
    const call = calls.get(run.steps);
    if (call) call.push(planned);
    else calls.set(run.steps, [planned]);
  }
  for (const [steps, call] of calls) steps(call);
}
