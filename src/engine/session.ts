/**
 * One training run: data, network, optimizer and counters, plus the two things a live playground needs from
 * them: `runSteps` (enqueue steps, no readback) and `evaluate` (train/test loss, the decision-boundary grid
 * and a snapshot of θ and the optimizer, all fetched with ONE `await data()` of one packed tensor).
 * Hot settings (learning rate, optimizer, batch size, …) change between steps; anything structural makes a
 * new session.
 */
import * as tf from '@tensorflow/tfjs-core';
import { buildDataset, MinibatchSampler, pointCount, type Dataset } from './data/dataset';
import { lossKindFor, lossValue, outputActivationFor, type LossKind } from './model/losses';
import {
  forward,
  initialParameters,
  networkLayout,
  unpackParameters,
  weightMask,
  type NetworkLayout,
} from './model/mlp';
import { decimateMinMax } from './decimate';
import { deriveSeed } from './random';
import { scheduleAt, scheduleEnd } from './schedule/schedule';
import type { Algorithm, StepDiagnostics, TrainingContext } from './train/algorithm';
import { backpropAlgorithm } from './train/backpropAlgorithm';
import { diagnosticsLength, unpackDiagnostics } from './train/diagnostics';
import { locopropAlgorithm } from './train/locoprop';
import { layerGradientNorms, packLayerStatistics, unpackLayerStatistics } from './train/layerStatistics';
import { penaltyApplies, penaltyBalanceTensor, type PenaltyBalance } from './train/regularization';
import { FlatOptimizer } from './train/optimizers';

import type { AlgorithmName } from './train/algorithmCatalog';
import { fusedKernelFits } from './fused/webgpuKernel';
import { fusedStepsAvailable, runFusedSteps } from './fused/fusedSteps';

export { ALGORITHMS, type AlgorithmName } from './train/algorithmCatalog';
export { GRID_SIZE, optimizerKindFor, type Evaluation, type RateLog, type RunSpec, type SessionSnapshot, type TrainingSettings } from './sessionTypes';
import { GRID_SIZE, optimizerKindFor, type Evaluation, type RateLog, type RunSpec, type SessionSnapshot, type TrainingSettings } from './sessionTypes';

const ALGORITHM_IMPLEMENTATIONS: Record<AlgorithmName, Algorithm> = {
  backprop: backpropAlgorithm,
  'locoprop-s': locopropAlgorithm('S'),
  'locoprop-m': locopropAlgorithm('M'),
};

const SEED_STREAM_INIT = 3;
const SEED_STREAM_BATCHES = 4;

/** At most this many (step, rate) samples per evaluation. */
const MAX_RATE_SAMPLES = 256;

function gridInputs(): Float32Array {
  const values = new Float32Array(GRID_SIZE * GRID_SIZE * 2);
  for (let row = 0; row < GRID_SIZE; row++) {
    for (let col = 0; col < GRID_SIZE; col++) {
      const i = row * GRID_SIZE + col;
      values[2 * i] = -1 + (2 * (col + 0.5)) / GRID_SIZE;
      values[2 * i + 1] = 1 - (2 * (row + 0.5)) / GRID_SIZE;
    }
  }
  return values;
}

export class TrainingSession {
  readonly dataset: Dataset;
  readonly layout: NetworkLayout;
  readonly lossKind: LossKind;
  stepCount = 0;
  examplesSeen = 0;
  lastLearningRate = Number.NaN;
  private settings: TrainingSettings;
  private optimizer: FlatOptimizer;
  private readonly theta: tf.Variable<tf.Rank.R1>;
  private readonly sampler: MinibatchSampler;
  private pendingDiagnostics: StepDiagnostics | null = null;
  private pendingLayerStatistics: tf.Tensor1D | null = null;
  private rateLog: RateLog = { steps: [], learningRates: [], momenta: [] };
  /** The schedule end already reported, so the run stops there once and then holds the final rate. */
  private reportedScheduleEnd: number | null = null;
  private scheduleEnded: Evaluation['scheduleEnded'] = null;
  lastMomentum = Number.NaN;
  private readonly constants: {
    trainInputs: tf.Tensor2D;
    trainTargets: tf.Tensor2D;
    testInputs: tf.Tensor2D;
    testTargets: tf.Tensor2D;
    grid: tf.Tensor2D;
    weightMask: tf.Tensor1D;
  };

  constructor(readonly spec: RunSpec, settings: TrainingSettings) {
    this.dataset = buildDataset(spec.dataset);
    this.lossKind = lossKindFor(this.dataset.task);
    this.layout = networkLayout(2, spec.hidden, spec.activations, 1);
    this.settings = settings;
    const seed = spec.dataset.seed;
    const initial = initialParameters(this.layout, spec.init, deriveSeed(seed, SEED_STREAM_INIT));
    this.theta = tf.tidy(() => tf.variable(tf.tensor1d(initial), false));
    this.optimizer = new FlatOptimizer(optimizerKindFor(settings), this.layout.parameterCount);
    this.sampler = new MinibatchSampler(this.dataset.train, deriveSeed(seed, SEED_STREAM_BATCHES));
    const { train, test } = this.dataset;
    this.constants = {
      trainInputs: tf.tensor2d(train.inputs, [pointCount(train), 2]),
      trainTargets: tf.tensor2d(train.targets, [pointCount(train), 1]),
      testInputs: tf.tensor2d(test.inputs, [pointCount(test), 2]),
      testTargets: tf.tensor2d(test.targets, [pointCount(test), 1]),
      grid: tf.tensor2d(gridInputs(), [GRID_SIZE * GRID_SIZE, 2]),
      weightMask: tf.tensor1d(weightMask(this.layout)),
    };
  }

  get currentSettings(): TrainingSettings {
    return this.settings;
  }

  /**
   * Applies on the next step. The weights always stay; a different optimizer (another kind, or switching
   * between backprop and LocoProp's inner optimizer) starts from a fresh state.
   */
  updateSettings(settings: TrainingSettings): void {
    const kind = optimizerKindFor(settings);
    if (kind !== this.optimizer.kind || settings.algorithm !== this.settings.algorithm) {
      this.optimizer.dispose();
      this.optimizer = new FlatOptimizer(kind, this.layout.parameterCount);
    }
    this.settings = settings;
  }

  private trainingContext(): TrainingContext {
    return {
      theta: this.theta,
      layout: this.layout,
      lossKind: this.lossKind,
      optimizer: this.optimizer,
      weightMask: this.constants.weightMask,
    };
  }

  private effectiveBatchSize(): number {
    return Math.min(this.settings.batchSize, pointCount(this.dataset.train));
  }

  /** The next minibatch as plain arrays (uploaded inside the caller's tidy). */
  private nextBatch(batchSize: number): { inputs: Float32Array; targets: Float32Array } {
    const inputs = new Float32Array(batchSize * 2);
    const targets = new Float32Array(batchSize);
    this.sampler.next(inputs, targets);
    return { inputs, targets };
  }

  /**
   * Enqueues `count` optimizer steps; nothing is read back. With `diagnoseLast`, the last step also
   * records its per-layer targets, which the next evaluate() returns. Returns the steps actually run: fewer
   * when a schedule's end is reached (see Evaluation.scheduleEnded).
   */
  runSteps(count: number, diagnoseLast = false): number {
    const algorithm = ALGORITHM_IMPLEMENTATIONS[this.settings.algorithm];
    const context = this.trainingContext();
    const batchSize = this.effectiveBatchSize();
    const stepsPerEpoch = pointCount(this.dataset.train) / batchSize;
    const end = scheduleEnd(this.settings.schedule, stepsPerEpoch);
    let ran = this.kernelPath === 'fused' ? this.runFused(this.fusedStepCount(count, diagnoseLast, end), batchSize, stepsPerEpoch) : 0;
    for (let i = ran; i < count; i++) {
      if (end !== null && this.stepCount === end && this.reportedScheduleEnd !== end) {
        // Stop once at the end of the schedule; later steps hold its final rate.
        this.reportedScheduleEnd = end;
        this.scheduleEnded = { atStep: end, learningRate: this.lastLearningRate };
        break;
      }
      const { inputs: batchInputs, targets: batchTargets } = this.nextBatch(batchSize);
      const scheduled = scheduleAt(this.stepCount, this.settings.schedule, stepsPerEpoch);
      const hyper = { ...this.settings, learningRate: scheduled.lr, momentum: scheduled.momentum };
      const diagnose = diagnoseLast && i === count - 1;
      let diagnostics: StepDiagnostics | null = null;
      // The diagnostics vector is returned from the tidy so it survives it; everything else is freed.
      tf.tidy(() => {
        const batch = {
          inputs: tf.tensor2d(batchInputs, [batchSize, 2]),
          targets: tf.tensor2d(batchTargets, [batchSize, 1]),
        };
        if (!diagnose) {
          algorithm.step(batch, context, hyper, false);
          return [];
        }
        const gradientNorms = layerGradientNorms(this.theta, this.layout, this.lossKind, batch);
        const before = tf.clone(this.theta);
        diagnostics = algorithm.step(batch, context, hyper, true);
        this.pendingLayerStatistics?.dispose();
        this.pendingLayerStatistics = packLayerStatistics(gradientNorms, before, this.theta, this.layout);
        return diagnostics ? [diagnostics.values, this.pendingLayerStatistics] : [this.pendingLayerStatistics];
      });
      if (diagnostics) {
        this.pendingDiagnostics?.values.dispose();
        this.pendingDiagnostics = diagnostics;
      }
      this.rateLog.steps.push(this.stepCount);
      this.rateLog.learningRates.push(hyper.learningRate);
      this.rateLog.momenta.push(hyper.momentum);
      this.stepCount += 1;
      this.examplesSeen += batchSize;
      this.lastLearningRate = hyper.learningRate;
      this.lastMomentum = hyper.momentum;
      ran += 1;
    }
    return ran;
  }

  /** Which kernels the next steps run on: fused where the settings, the algorithm and the backend allow. */
  get kernelPath(): 'fused' | 'plain' {
    return this.settings.kernels !== 'plain' && fusedStepsAvailable(this.settings.algorithm) && fusedKernelFits(this.layout) ? 'fused' : 'plain';
  }

  /** Steps the fused path may take: not the diagnosed last one, and not past a schedule's end (the plain loop reports it). */
  private fusedStepCount(count: number, diagnoseLast: boolean, end: number | null): number {
    const wanted = count - (diagnoseLast ? 1 : 0);
    if (end === null || this.stepCount > end || (this.stepCount === end && this.reportedScheduleEnd === end)) return Math.max(0, wanted);
    return Math.max(0, Math.min(wanted, end - this.stepCount));
  }

  /** `steps` fused steps, with the counters and the rate log kept as the plain loop keeps them. */
  private runFused(steps: number, batchSize: number, stepsPerEpoch: number): number {
    if (steps === 0) return 0;
    const { algorithm, locoprop, regularization, regularizationRate, schedule } = this.settings;
    const { learningRates, momenta } = runFusedSteps({
      algorithm,
      theta: this.theta,
      optimizer: this.optimizer,
      layout: this.layout,
      lossKind: this.lossKind,
      regularization,
      regularizationRate,
      locoprop,
      schedule,
      trainInputs: this.constants.trainInputs,
      trainTargets: this.constants.trainTargets,
      sampler: this.sampler,
      batchSize,
      stepsPerEpoch,
      firstStep: this.stepCount,
      count: steps,
    });
    for (let s = 0; s < steps; s++) {
      this.rateLog.steps.push(this.stepCount + s);
      this.rateLog.learningRates.push(learningRates[s]);
      this.rateLog.momenta.push(momenta[s]);
    }
    this.stepCount += steps;
    this.examplesSeen += steps * batchSize;
    this.lastLearningRate = learningRates[steps - 1];
    this.lastMomentum = momenta[steps - 1];
    return steps;
  }

  /** The rates logged since the last call, min/max-decimated to MAX_RATE_SAMPLES. */
  private drainRates(): RateLog {
    const log = this.rateLog;
    this.rateLog = { steps: [], learningRates: [], momenta: [] };
    if (log.steps.length <= MAX_RATE_SAMPLES) return log;
    const kept = decimateMinMax(log.learningRates, MAX_RATE_SAMPLES);
    return {
      steps: kept.map((i) => log.steps[i]),
      learningRates: kept.map((i) => log.learningRates[i]),
      momenta: kept.map((i) => log.momenta[i]),
    };
  }

  /**
   * Losses on the whole train and test sets, the grid if asked, and a snapshot: one readback. With
   * `measurePenalty`, also the penalty's and the data loss's gradient norms (a full-batch backward pass, so
   * callers ask at the diagnostics cadence, not every tick).
   */
  async evaluate(withGrid: boolean, measurePenalty = false): Promise<{ evaluation: Evaluation; snapshot: SessionSnapshot }> {
    const { trainInputs, trainTargets, testInputs, testTargets, grid } = this.constants;
    const { regularization, regularizationRate } = this.settings;
    const penaltyMeasured = measurePenalty && penaltyApplies(regularization, regularizationRate) && trainInputs.shape[0] > 0;
    const packed = tf.tidy(() => {
      const params = unpackParameters(this.theta, this.layout);
      const loss = (x: tf.Tensor2D, t: tf.Tensor2D): tf.Scalar =>
        x.shape[0] === 0 ? tf.scalar(Number.NaN) : lossValue(forward(params, this.layout, x).output, t, this.lossKind);
      const accuracy = (x: tf.Tensor2D, t: tf.Tensor2D): tf.Scalar =>
        x.shape[0] === 0 || this.dataset.task !== 'classification'
          ? tf.scalar(Number.NaN)
          : tf.mean(tf.cast(tf.equal(tf.greater(forward(params, this.layout, x).output, 0), tf.greater(t, 0.5)), 'float32'));
      const parts: tf.Tensor1D[] = [
        tf.stack([loss(trainInputs, trainTargets), loss(testInputs, testTargets), accuracy(trainInputs, trainTargets), accuracy(testInputs, testTargets)]) as tf.Tensor1D,
      ];
      if (withGrid) {
        const predictions = forward(params, this.layout, grid, { outputActivation: outputActivationFor(this.lossKind) }).output;
        parts.push(tf.reshape(predictions, [-1]));
      }
      parts.push(this.theta, ...this.optimizer.stateTensors());
      if (this.pendingDiagnostics) parts.push(this.pendingDiagnostics.values);
      if (this.pendingLayerStatistics) parts.push(this.pendingLayerStatistics);
      if (penaltyMeasured) {
        const { layout, lossKind } = this;
        parts.push(penaltyBalanceTensor(this.theta, layout, lossKind, this.constants.weightMask, trainInputs, trainTargets, regularization, regularizationRate));
      }
      return tf.concat(parts);
    });
    const diagnosticsLayout = this.pendingDiagnostics?.layout ?? null;
    this.pendingDiagnostics?.values.dispose();
    this.pendingDiagnostics = null;
    const statisticsTaken = this.pendingLayerStatistics !== null;
    this.pendingLayerStatistics?.dispose();
    this.pendingLayerStatistics = null;
    const values = await packed.data();
    packed.dispose();
    let offset = 4;
    const take = (length: number): Float32Array => {
      const part = new Float32Array(values.subarray(offset, offset + length));
      offset += length;
      return part;
    };
    const gridValues = withGrid ? take(GRID_SIZE * GRID_SIZE) : null;
    const theta = take(this.layout.parameterCount);
    const slots = this.optimizer.stateTensors().map(() => take(this.layout.parameterCount));
    const diagnostics = diagnosticsLayout ? unpackDiagnostics(take(diagnosticsLength(diagnosticsLayout)), diagnosticsLayout) : null;
    const layers = this.layout.layers.length;
    const layerStatistics = statisticsTaken ? unpackLayerStatistics(take(2 * layers), layers) : null;
    const norms = penaltyMeasured ? take(2) : null;
    const penalty: PenaltyBalance | null = measurePenalty
      ? { regularization, rate: regularizationRate, penaltyGradientNorm: norms?.[0] ?? 0, lossGradientNorm: norms?.[1] ?? Number.NaN }
      : null;
    const evaluation: Evaluation = {
      step: this.stepCount,
      examplesSeen: this.examplesSeen,
      epoch: this.examplesSeen / pointCount(this.dataset.train),
      trainLoss: values[0],
      testLoss: values[1],
      learningRate: this.lastLearningRate,
      grid: gridValues,
      diagnostics,
      rates: this.drainRates(),
      scheduleEnded: this.scheduleEnded,
      penalty,
      layerStatistics,
      trainAccuracy: values[2],
      testAccuracy: values[3],
    };
    this.scheduleEnded = null;
    const snapshot: SessionSnapshot = {
      theta,
      optimizer: this.optimizer.snapshotFrom(slots),
      sampler: this.sampler.snapshot(),
      stepCount: this.stepCount,
      examplesSeen: this.examplesSeen,
      learningRate: this.lastLearningRate,
    };
    return { evaluation, snapshot };
  }

  /** θ, the optimizer state, the batch order and the counters, read back at once (no evaluation). */
  async snapshot(): Promise<SessionSnapshot> {
    const packed = tf.tidy(() => tf.concat([this.theta, ...this.optimizer.stateTensors()]));
    const values = await packed.data();
    packed.dispose();
    const size = this.layout.parameterCount;
    const slots = this.optimizer.stateTensors().map((_, i) => new Float32Array(values.subarray((i + 1) * size, (i + 2) * size)));
    return {
      theta: new Float32Array(values.subarray(0, size)),
      optimizer: this.optimizer.snapshotFrom(slots),
      sampler: this.sampler.snapshot(),
      stepCount: this.stepCount,
      examplesSeen: this.examplesSeen,
      learningRate: this.lastLearningRate,
    };
  }

  /**
   * One step of the LR range test: the next minibatch, its loss before the update (what fastai records),
   * then the active algorithm's step with the given learning rate (momentum as the schedule has it now).
   * Returns the loss on the device; the caller reads it back in batches. Counters advance (the range test
   * restores them).
   */
  rangeTestStep(learningRate: number): tf.Scalar {
    const algorithm = ALGORITHM_IMPLEMENTATIONS[this.settings.algorithm];
    const batchSize = this.effectiveBatchSize();
    const { inputs: batchInputs, targets: batchTargets } = this.nextBatch(batchSize);
    const scheduled = scheduleAt(this.stepCount, this.settings.schedule, pointCount(this.dataset.train) / batchSize);
    const hyper = { ...this.settings, learningRate, momentum: scheduled.momentum };
    const context = this.trainingContext();
    const loss = tf.tidy(() => {
      const batch = { inputs: tf.tensor2d(batchInputs, [batchSize, 2]), targets: tf.tensor2d(batchTargets, [batchSize, 1]) };
      const before = lossValue(forward(unpackParameters(this.theta, this.layout), this.layout, batch.inputs).output, batch.targets, this.lossKind);
      algorithm.step(batch, context, hyper, false);
      return before;
    });
    this.stepCount += 1;
    this.examplesSeen += batchSize;
    return loss;
  }

  /** Waits until every enqueued step has run (one tiny readback), for timing. */
  async sync(): Promise<void> {
    const probe = tf.tidy(() => tf.slice(this.theta, 0, 1));
    await probe.data();
    probe.dispose();
  }

  /** Puts θ, the optimizer state and the counters back to a snapshot (of this run, on any backend). */
  restore(snapshot: SessionSnapshot): void {
    tf.tidy(() => this.theta.assign(tf.tensor1d(snapshot.theta)));
    if (snapshot.optimizer.kind !== this.optimizer.kind) {
      this.optimizer.dispose();
      this.optimizer = new FlatOptimizer(snapshot.optimizer.kind, this.layout.parameterCount);
    }
    this.optimizer.restore(snapshot.optimizer);
    this.sampler.restore(snapshot.sampler);
    this.stepCount = snapshot.stepCount;
    this.examplesSeen = snapshot.examplesSeen;
    this.lastLearningRate = snapshot.learningRate;
  }

  dispose(): void {
    this.pendingDiagnostics?.values.dispose();
    this.pendingLayerStatistics?.dispose();
    this.theta.dispose();
    this.optimizer.dispose();
    Object.values(this.constants).forEach((t) => t.dispose());
  }
}
