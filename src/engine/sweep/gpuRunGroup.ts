/**
 * A sweep's runs on WebGPU in groups (issue 17 §8, "the runs of a sweep share kernels: on WebGPU, one workgroup
 * per run in one dispatch"), for an algorithm whose worker-registry entry declares batched WebGPU steps
 * (`sweepBatch.webgpu`, engine/fused/sweepBatch.ts: backprop's, LocoProp-S's and -M's, feedback alignment's) that fit the network: the WebGPU
 * counterpart of cpuRunGroup.ts (an algorithm without them trains its sweep runs one at a time). A group's θ,
 * optimizer slots and algorithm state (B) are read out of its sessions once and stacked on the device (runs ×
 * parameters); each chunk
 * between checkpoints is ONE call of the algorithm's `sweepBatch.webgpu.steps`, workgroup r training run r on its
 * own rows, rates and Adam counters. At a checkpoint the stacked state is read back once (`await data()`, never a
 * synchronous read on WebGPU) and each run measured by its own session's evaluate() on WebGPU after putting the
 * run's state back into it, so a checkpoint is what the run opened alone on WebGPU measures.
 *
 * The steps are the session's fused WebGPU steps, operation for operation (session.ts runFused, the algorithm's fused.ts):
 * the rows its sampler would draw, the schedule's rate and momentum at each step (scheduleAt, rounded to float32
 * as the kernel's tensor inputs round them), and Adam's β₁ product advanced by those float32 factors
 * (FlatOptimizer.advance). The batched kernel's run r equals the one-workgroup kernel's run alone bit for bit
 * (e2e/sweepWebgpu.spec.ts), so a run here is the run trained alone (e2e/sweepWebgpuJob.spec.ts).
 */
import * as tf from '@tensorflow/tfjs-core';
import type { WebGPUBackend } from '@tensorflow/tfjs-backend-webgpu';
import { ALGORITHM_IMPLEMENTATIONS } from '../../algorithms/workerRegistry';
import { MinibatchSampler, type Examples, type SamplerSnapshot } from '../data/dataset';
import type { FusedProblem } from '../fused/fusedProblem';
import type { SweepBatch, WebGpuSweepRun } from '../fused/sweepBatch';
import { scheduleAt } from '../schedule/schedule';
import { optimizerKindFor, type TrainingSession, type TrainingSettings } from '../session';
import { adaptsLearningRate } from '../names';
import type { SweepEvaluation } from './sweepEvaluation';

type GpuSteps = NonNullable<SweepBatch['webgpu']>;
type GpuBatch = SweepBatch & { webgpu: GpuSteps };

/** The algorithm's batched sweep steps where it has WebGPU ones (its worker-registry entry's sweepBatch), or undefined. */
function gpuBatchOf(settings: TrainingSettings): GpuBatch | undefined {
  const batch = ALGORITHM_IMPLEMENTATIONS[settings.algorithm].sweepBatch;
  return batch?.webgpu ? { ...batch, webgpu: batch.webgpu } : undefined;
}

/** The run's problem as its algorithm's batched kernel takes it (SweepBatch.problem), with the session's optimizer. */
export function problemOf(batch: SweepBatch, session: TrainingSession, settings: TrainingSettings): FusedProblem {
  const { regularization, regularizationRate } = settings;
  const optimizer = optimizerKindFor(settings);
  // SGD-HD's and Adam-HD's β is the group's (a run of another β is another problem).
  const hypergradient = adaptsLearningRate(optimizer) ? { hypergradientRate: settings.hypergradientRate } : {};
  return batch.problem({ layout: session.layout, lossKind: session.lossKind, regularization, regularizationRate, optimizer, ...hypergradient }, settings.settings);
}

/** What runs must share to train in one dispatch: their problem (network, loss, optimizer, penalty, the algorithm's settings). */
export function gpuProblemKey(session: TrainingSession, settings: TrainingSettings): string {
  const batch = gpuBatchOf(settings);
  return batch ? JSON.stringify(problemOf(batch, session, settings)) : '';
}

const batchSizeOf = (session: TrainingSession, settings: TrainingSettings): number => Math.min(settings.batchSize, session.dataset.train.count);

/**
 * Whether the session's steps may run here: its fused kernel, on WebGPU, with batched WebGPU steps that take the
 * problem (every layer one workgroup wide, the run's arrays in a workgroup's memory: SweepBatch.webgpu.fits).
 */
export function gpuRunApplies(session: TrainingSession, settings: TrainingSettings): boolean {
  if (session.kernelPath !== 'fused' || tf.getBackend() !== 'webgpu') return false;
  const batch = gpuBatchOf(settings);
  if (!batch) return false;
  const { limits } = (tf.backend() as unknown as WebGPUBackend).device;
  return batch.webgpu.fits(problemOf(batch, session, settings), batchSizeOf(session, settings), limits.maxComputeWorkgroupStorageSize);
}

/**
 * One run's schedule and counters on the host (no tensor): the session's batch order, step counter and Adam
 * counters, advanced as the session's fused steps advance them. `rowOffset` moves its rows into the group's
 * concatenated training set.
 */
export class GpuRunPlan {
  stepCount: number;
  optimizerSteps: number;
  beta1Product: number;
  lastLearningRate = Number.NaN;
  private readonly sampler: MinibatchSampler;
  private readonly stepsPerEpoch: number;

  constructor(
    private readonly settings: TrainingSettings,
    private readonly batch: SweepBatch,
    private readonly problem: FusedProblem,
    readonly batchSize: number,
    trainCount: number,
    readonly rowOffset: number,
    state: { sampler: SamplerSnapshot; stepCount: number; optimizerSteps: number; beta1Product: number },
  ) {
    this.sampler = new MinibatchSampler(trainCount, 0);
    this.sampler.restore(state.sampler);
    this.stepsPerEpoch = trainCount / batchSize;
    this.stepCount = state.stepCount;
    this.optimizerSteps = state.optimizerSteps;
    this.beta1Product = state.beta1Product;
  }

  /** The next `count` steps as the batched kernel takes them (counters before them); then advances the counters. */
  plan(count: number): WebGpuSweepRun {
    const rows = new Int32Array(count * this.batchSize);
    this.sampler.nextRows(rows);
    if (this.rowOffset !== 0) for (let i = 0; i < rows.length; i++) rows[i] += this.rowOffset;
    // Rounded to float32 where the algorithm's kernel takes them as tensors, the schedule's doubles where as attributes.
    const Rates = this.batch.rates === 'float32' ? Float32Array : Float64Array;
    const learningRates = new Rates(count);
    const momenta = new Rates(count);
    for (let s = 0; s < count; s++) {
      const scheduled = scheduleAt(this.stepCount + s, this.settings.schedule, this.stepsPerEpoch);
      learningRates[s] = scheduled.lr;
      momenta[s] = scheduled.momentum;
      if (s === count - 1) this.lastLearningRate = scheduled.lr;
    }
    const run = { rows, learningRates, momenta, stepCount: this.optimizerSteps, beta1Product: this.beta1Product };
    // The counters as the algorithm's fused path advances them after its kernel (SweepBatch.countersAfter).
    const counters = this.batch.countersAfter(this.problem, { stepCount: this.optimizerSteps, beta1Product: this.beta1Product }, momenta);
    this.optimizerSteps = counters.stepCount;
    this.beta1Product = counters.beta1Product;
    this.stepCount += count;
    return run;
  }

  sampled(): SamplerSnapshot {
    return this.sampler.snapshot();
  }
}

/** A run that has left the group (diverged): its workgroup still runs, on row 0 at rate 0, and nothing is kept. */
function idle(count: number, batchSize: number): WebGpuSweepRun {
  return { rows: new Int32Array(count * batchSize), learningRates: new Float32Array(count), momenta: new Float32Array(count), stepCount: 0, beta1Product: 1 };
}

export class GpuRunGroup {
  private constructor(
    readonly sessions: readonly TrainingSession[],
    readonly plans: readonly GpuRunPlan[],
    private readonly batch: GpuSteps,
    private readonly problem: FusedProblem,
    private readonly data: { inputs: tf.Tensor2D; targets: tf.Tensor2D },
    private theta: tf.Tensor,
    private slots: tf.Tensor[],
    /** Each array of the runs' own state (feedback alignment's B), stacked as θ is; read only. */
    private readonly algorithmState: readonly tf.Tensor[],
    /** SGD-HD's and Adam-HD's α of each run (runs floats), null for the other rules. */
    private rate: tf.Tensor | null,
  ) {}

  /** The sessions where they stand (one readback each); every session of one algorithm, shape, batch size and optimizer. */
  static async of(members: readonly { session: TrainingSession; settings: TrainingSettings }[]): Promise<GpuRunGroup> {
    const first = members[0];
    const batch = gpuBatchOf(first.settings);
    if (!batch) throw new Error(`sweep: ${first.settings.algorithm} has no batched WebGPU steps`);
    const problem = problemOf(batch, first.session, first.settings);
    const key = gpuProblemKey(first.session, first.settings);
    if (members.some(({ session, settings }) => settings.algorithm !== first.settings.algorithm || gpuProblemKey(session, settings) !== key)) {
      throw new Error('sweep: a WebGPU run group takes runs of one algorithm and one problem');
    }
    const snapshots = await Promise.all(members.map(({ session }) => session.snapshot()));
    const { layout } = first.session;
    const optimizer = snapshots[0].optimizer.kind;
    // Runs on one data set share its rows; different sets are laid one after another.
    const sets: Examples[] = [];
    const offsets = members.map(({ session }) => {
      const train = session.dataset.train;
      let at = sets.indexOf(train);
      if (at < 0) at = sets.push(train) - 1;
      return sets.slice(0, at).reduce((rows, set) => rows + set.count, 0);
    });
    const plans = members.map(({ session, settings }, i) => {
      const snapshot = snapshots[i];
      const batchSize = batchSizeOf(session, settings);
      const state = { sampler: snapshot.sampler, stepCount: snapshot.stepCount, optimizerSteps: snapshot.optimizer.stepCount, beta1Product: snapshot.optimizer.beta1Product };
      if (snapshot.optimizer.kind !== optimizer || session.layout.parameterCount !== layout.parameterCount) throw new Error('sweep: a WebGPU run group takes runs of one shape and optimizer');
      return new GpuRunPlan(settings, batch, problem, batchSize, session.dataset.train.count, offsets[i], state);
    });
    const rowCount = sets.reduce((rows, set) => rows + set.count, 0);
    const joined = (part: 'inputs' | 'targets', width: number): Float32Array => {
      const values = new Float32Array(rowCount * width);
      let at = 0;
      for (const set of sets) {
        values.set(set[part].subarray(0, set.count * width), at);
        at += set.count * width;
      }
      return values;
    };
    const { inputSize, outputSize } = first.session.dataset.problem;
    const data = { inputs: tf.tensor2d(joined('inputs', inputSize), [rowCount, inputSize]), targets: tf.tensor2d(joined('targets', outputSize), [rowCount, outputSize]) };
    const stacked = (parts: readonly Float32Array[]): tf.Tensor => {
      const size = parts[0].length;
      if (parts.some((part) => part.length !== size)) throw new Error('sweep: the runs of a WebGPU group disagree on the size of their state');
      const values = new Float32Array(parts.length * size);
      parts.forEach((part, r) => values.set(part, r * size));
      return tf.tensor1d(values);
    };
    const theta = stacked(snapshots.map((s) => s.theta));
    const slots = snapshots[0].optimizer.slots.map((_, k) => stacked(snapshots.map((s) => s.optimizer.slots[k])));
    if (snapshots.some((s) => s.algorithmState.length !== snapshots[0].algorithmState.length)) throw new Error('sweep: the runs of a WebGPU group disagree on their algorithm state');
    const algorithmState = snapshots[0].algorithmState.map((_, k) => stacked(snapshots.map((s) => s.algorithmState[k])));
    const rate = adaptsLearningRate(optimizer) ? tf.tensor1d(snapshots.map((s) => s.optimizer.rate ?? Number.NaN)) : null;
    return new GpuRunGroup(members.map((m) => m.session), plans, batch.webgpu, problem, data, theta, slots, algorithmState, rate);
  }

  get size(): number {
    return this.plans.length;
  }

  /** `count` steps of the runs in `active` (the others idle), in one dispatch; nothing is read back. */
  advance(active: readonly number[], count: number): void {
    const running = new Set(active);
    const batchSize = this.plans[0].batchSize;
    const runs = this.plans.map((plan, r) => (running.has(r) ? plan.plan(count) : idle(count, batchSize)));
    const backend = tf.backend() as unknown as WebGPUBackend;
    const rate = this.rate ? { rate: this.rate } : {};
    const out = this.batch.steps(backend, { problem: this.problem, theta: this.theta, slots: this.slots, algorithmState: this.algorithmState, inputs: this.data.inputs, targets: this.data.targets, batchSize, runs, ...rate });
    const [theta, ...rest] = out.map((info) => tf.engine().makeTensorFromTensorInfo(info));
    // The -HD rules: each run's α is its last step's.
    const rates = this.rate ? rest.pop() : undefined;
    const losses = rest.pop();
    if (rates && this.rate) {
      const size = this.size;
      const last = tf.tidy(() => tf.reshape(tf.slice(tf.reshape(rates, [size, count]), [0, count - 1], [size, 1]), [size]));
      tf.dispose([this.rate, rates]);
      this.rate = last;
    }
    tf.dispose([this.theta, ...this.slots, losses as tf.Tensor]);
    this.theta = theta;
    this.slots = rest;
    active.forEach((r) => (this.sessions[r].stepCount = this.plans[r].stepCount));
  }

  /** Resolves once the device has run every dispatch queued so far (also on a lost device: WebGPU resolves it then). */
  settle(): Promise<void> {
    return (tf.backend() as unknown as WebGPUBackend).device.queue.onSubmittedWorkDone();
  }

  /** The runs in `active`, measured where they stand: one readback, then each session's evaluate() on its state. */
  async measure(active: readonly number[]): Promise<SweepEvaluation[]> {
    const packed = tf.concat([this.theta, ...this.slots, ...(this.rate ? [this.rate] : [])]);
    const values = (await packed.data()) as Float32Array;
    packed.dispose();
    const size = this.problem.layout.parameterCount;
    const part = (k: number, r: number): Float32Array => values.slice((k * this.size + r) * size, (k * this.size + r + 1) * size);
    const rateOf = (r: number): number | null => (this.rate ? values[(1 + this.slots.length) * this.size * size + r] : null);
    const measured: SweepEvaluation[] = [];
    for (const r of active) {
      const plan = this.plans[r];
      this.sessions[r].restore({
        theta: part(0, r),
        optimizer: { kind: this.problem.optimizer, slots: this.slots.map((_, k) => part(k + 1, r)), stepCount: plan.optimizerSteps, beta1Product: plan.beta1Product, rate: rateOf(r) },
        sampler: plan.sampled(),
        stepCount: plan.stepCount,
        examplesSeen: plan.stepCount * plan.batchSize,
        learningRate: plan.lastLearningRate,
        algorithmState: [],
      });
      measured.push((await this.sessions[r].evaluate(false)).evaluation);
    }
    return measured;
  }

  dispose(): void {
    tf.dispose([this.theta, ...this.slots, ...this.algorithmState, ...(this.rate ? [this.rate] : []), this.data.inputs, this.data.targets]);
  }
}
