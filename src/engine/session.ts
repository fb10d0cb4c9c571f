/**
 * One training run: data, network, optimizer and counters, plus the two things a live playground needs from
 * them: `runSteps` (enqueue steps, no readback) and `evaluate` (train/test loss, the decision-boundary grid
 * and a snapshot of θ and the optimizer, all fetched with ONE `await data()` of one packed tensor).
 * Hot settings (learning rate, optimizer, batch size, …) change between steps; anything structural makes a
 * new session.
 */
import * as tf from '@tensorflow/tfjs-core';
import { buildGeneratedDataset, isGeneratedSpec, MinibatchSampler, nextBatch, type Dataset } from './data/dataset';
import { hasClasses } from './data/problem';
import { lossKindFor, lossValue, type LossKind } from './model/losses';
import { forward, initialParameters, networkLayout, unpackParameters, type NetworkLayout } from './model/mlp';
import { RateRecorder } from './rateRecorder';
import { measurementTensors, planeGridTensor, readMeasurements, uploadConstants, type EvaluationConstants } from './evaluationTensors';
import { chunkingPlan, evaluatedSets, outputsInChunks, type EvaluationSlices } from './evaluationChunks';
import { deriveSeed } from './random';
import { evaluationRowsFor, weightCount } from './cost';
import { scheduleAt, scheduleEnd } from './schedule/schedule';
import type { AlgorithmState, DiagnosticsUnit, StepHyper, TrainingContext } from './train/algorithm';
import { DiagnosisInPieces } from './diagnosedStep';
import { diagnosticsLength, unpackDiagnostics } from './train/diagnostics';
import { probesLength, readProbes } from './probeReadback';
import { penaltyApplies, penaltyBalanceTensor, type PenaltyBalance } from './train/regularization';
import { adaptsLearningRate, FlatOptimizer } from './train/optimizers';
import { ALGORITHM_IMPLEMENTATIONS, registerAlgorithmKernels } from '../algorithms/workerRegistry';
import { fusedStepsAvailable, runFusedSteps } from './fused/fusedSteps';
import { cpuLiveMeasurements, liveFusedEvaluationApplies } from './fused/cpuLiveEvaluation';
import { neuronsLength, neuronsShape, readNeurons } from '../probes/neurons/declaration';
import { measureNeurons, neuronInputs } from '../probes/neurons/measure';

export { ALGORITHMS, type AlgorithmName } from '../algorithms/registry';
export { FINE_GRID_SIZE, GALLERY_SIZE, GRID_SIZE, gridSizeFor, optimizerKindFor, type Evaluation, type RateLog, type RunSpec, type SessionSnapshot, type TrainingSettings } from './sessionTypes';
import { EVALUATION_ROWS, optimizerKindFor, type Evaluation, type RunSpec, type SessionSnapshot, type TrainingSettings } from './sessionTypes';

const SEED_STREAM_INIT = 3;
const SEED_STREAM_BATCHES = 4;
/** The seed an algorithm draws its per-run state from (feedback alignment's B). */
const SEED_STREAM_ALGORITHM = 5;

/** An evaluation's measurements and the state they are of. */
type Evaluated = { evaluation: Evaluation; snapshot: SessionSnapshot };

export class TrainingSession {
  readonly dataset: Dataset;
  readonly layout: NetworkLayout;
  readonly lossKind: LossKind;
  stepCount = 0;
  examplesSeen = 0;
  lastLearningRate = Number.NaN;
  private settings: TrainingSettings;
  private optimizer: FlatOptimizer;
  /** The active algorithm's per-run state, if it keeps one (made when the algorithm is chosen). */
  private algorithmState: AlgorithmState | null = null;
  private readonly theta: tf.Variable<tf.Rank.R1>;
  private readonly sampler: MinibatchSampler;
  /** The latest diagnosed step's diagnostics and probes (diagnosedStep.ts), read back by the next evaluate(). */
  private diagnosis: DiagnosisInPieces | null = null;
  /** Each step's rate and momentum until the next evaluation (the -HD rules' α read back with it). */
  private readonly rates = new RateRecorder();
  /** The schedule end already reported, so the run stops there once and then holds the final rate. */
  private reportedScheduleEnd: number | null = null;
  private scheduleEnded: Evaluation['scheduleEnded'] = null;
  lastMomentum = Number.NaN;
  private readonly constants: EvaluationConstants;
  /** Whether the page shows this run's units (probes/neurons), and whether the next evaluation owes it a reading. */
  private neuronView = false;
  private neuronsDue = false;
  /** The view's enlarged unit: a diagnosed step samples its targets too (train/diagnostics.ts packDiagnostics). */
  private neuronUnit: DiagnosticsUnit | null = null;
  /** Evaluations measured by the fused CPU evaluation (fused/cpuLiveEvaluation.ts), not the plain TF.js ops. */
  fusedEvaluations = 0;

  /** `dataset` comes from data/dataSources.ts (loaded asynchronously); its problem sizes the network. */
  constructor(dataset: Dataset, readonly spec: RunSpec, settings: TrainingSettings) {
    this.dataset = dataset;
    registerAlgorithmKernels();
    const { problem } = dataset;
    this.lossKind = lossKindFor(problem.task);
    this.layout = networkLayout(problem.inputSize, spec.hidden, spec.activations, problem.outputSize);
    this.settings = settings;
    const seed = spec.dataset.seed;
    const initial = initialParameters(this.layout, spec.init, deriveSeed(seed, SEED_STREAM_INIT));
    this.theta = tf.tidy(() => tf.variable(tf.tensor1d(initial), false));
    this.optimizer = new FlatOptimizer(optimizerKindFor(settings), this.layout.parameterCount);
    this.sampler = new MinibatchSampler(dataset.train.count, deriveSeed(seed, SEED_STREAM_BATCHES));
    // A network too big to evaluate on every example each tick is evaluated on fewer (cost.ts); the run says so.
    const weights = weightCount([problem.inputSize, ...spec.hidden, problem.outputSize]);
    const sets = dataset.validation ? 3 : 2;
    this.constants = uploadConstants(dataset, this.layout, evaluationRowsFor(weights, Math.max(EVALUATION_ROWS, dataset.test.count, dataset.validation?.count ?? 0), sets));
    this.algorithmState = this.createAlgorithmState(settings.algorithm);
  }

  private createAlgorithmState(algorithm: TrainingSettings['algorithm'], restored?: readonly Float32Array[]): AlgorithmState | null {
    const source = { layout: this.layout, init: this.spec.init, seed: deriveSeed(this.spec.dataset.seed, SEED_STREAM_ALGORITHM) };
    return ALGORITHM_IMPLEMENTATIONS[algorithm].createState?.(source, restored) ?? null;
  }

  private replaceAlgorithmState(state: AlgorithmState | null): void {
    this.algorithmState?.tensors.forEach((t) => t.dispose());
    this.algorithmState = state;
  }

  /** Examples the evaluations measure: the train sample's, the validation set's and the test set's rows (fewer for a big network). */
  get evaluationRows(): { train: number; validation: number; test: number } {
    const { evalInputs, validationInputs, testInputs } = this.constants;
    return { train: evalInputs.shape[0], validation: validationInputs?.shape[0] ?? 0, test: testInputs.shape[0] };
  }

  /** Cells per side of the plane's grid (evaluate's `grid` has gridSize² rows). */
  get gridSize(): number {
    return this.constants.grid ? Math.round(Math.sqrt(this.constants.grid.shape[0])) : 0;
  }

  /** Another grid resolution from the next evaluation on (the page draws the plane larger or smaller). */
  setGridSize(size: number): void {
    const { grid } = this.constants;
    if (!grid || size === this.gridSize) return;
    grid.dispose();
    this.constants.grid = planeGridTensor(this.dataset.problem, size);
  }

  /**
   * The per-unit view on or off (probes/neurons/declaration.ts): while on, the evaluations after a diagnosed step
   * carry `neurons`, and so does the first one after it is turned on. `unit`: the view's enlarged unit, whose
   * targets the diagnosed steps sample while the view is on.
   */
  setNeuronView(on: boolean, unit: DiagnosticsUnit | null = null): void {
    if (on && !this.neuronView) this.neuronsDue = true;
    this.neuronView = on;
    this.neuronUnit = on ? unit : null;
  }

  get currentSettings(): TrainingSettings {
    return this.settings;
  }

  /**
   * Applies on the next step. The weights always stay; a different optimizer (another kind, or switching
   * between backprop and LocoProp's inner optimizer) starts from a fresh state.
   */
  updateSettings(settings: TrainingSettings): void {
    this.diagnosis?.finish();
    const kind = optimizerKindFor(settings);
    const fresh = kind !== this.optimizer.kind || settings.algorithm !== this.settings.algorithm;
    if (fresh) {
      this.optimizer.dispose();
      this.optimizer = new FlatOptimizer(kind, this.layout.parameterCount);
    }
    // SGD-HD and Adam-HD own their rate once started (α₀ is the schedule's rate at their first step); a new
    // learning rate starts α again from the schedule's rate now, so the setting still does what it says.
    const restartRate = !fresh && adaptsLearningRate(kind) && settings.schedule.learningRate !== this.settings.schedule.learningRate;
    if (settings.algorithm !== this.settings.algorithm) this.replaceAlgorithmState(this.createAlgorithmState(settings.algorithm));
    this.settings = settings;
    if (restartRate) this.optimizer.setRate(this.hyperAt(this.stepCount, this.dataset.train.count / this.effectiveBatchSize()).learningRate);
  }

  private trainingContext(): TrainingContext {
    return {
      theta: this.theta,
      layout: this.layout,
      lossKind: this.lossKind,
      optimizer: this.optimizer,
      weightMask: this.constants.weightMask,
      state: this.algorithmState,
    };
  }

  private effectiveBatchSize(): number {
    return Math.min(this.settings.batchSize, this.dataset.train.count);
  }

  /** The next minibatch as tensors (call inside a tidy). */
  private nextBatch(batchSize: number): { inputs: tf.Tensor2D; targets: tf.Tensor2D } {
    const { inputSize, outputSize } = this.dataset.problem;
    const { inputs, targets } = nextBatch(this.sampler, this.dataset.train, this.dataset.problem, batchSize);
    return { inputs: tf.tensor2d(inputs, [batchSize, inputSize]), targets: tf.tensor2d(targets, [batchSize, outputSize]) };
  }

  /**
   * Enqueues `count` optimizer steps; nothing is read back. With `diagnoseLast`, the last step also
   * records its per-layer targets and the probes, which the next evaluate() returns. Returns the steps actually
   * run: fewer when a schedule's end is reached (see Evaluation.scheduleEnded). A diagnosed step runs on the
   * same kernels as the others and its diagnostics are computed beside it (diagnosedStep.ts), so diagnosing
   * never changes the run's trajectory. `inPieces`: the diagnosis is left to the caller (unfinishedDiagnosis).
   */
  runSteps(count: number, diagnoseLast = false, inPieces = false): number {
    this.diagnosis?.finish();
    if (!diagnoseLast || count < 1) return this.stepOnPath(count);
    const ran = this.stepOnPath(count - 1);
    const last = ran < count - 1 ? 0 : this.diagnosedStep();
    if (!inPieces) this.diagnosis?.finish();
    return ran + last;
  }

  /** The latest diagnosed step's diagnosis while pieces of it remain (settled before θ or the settings change). */
  get unfinishedDiagnosis(): DiagnosisInPieces | null {
    return this.diagnosis?.pending ? this.diagnosis : null;
  }

  /** The step's hyperparameters: the settings with the schedule's rate and momentum at `step`. */
  private hyperAt(step: number, stepsPerEpoch: number): TrainingSettings & StepHyper {
    const scheduled = scheduleAt(step, this.settings.schedule, stepsPerEpoch);
    return { ...this.settings, learningRate: scheduled.lr, momentum: scheduled.momentum };
  }

  /** `count` undiagnosed steps: fused as far as the path allows, then plain. */
  private stepOnPath(count: number): number {
    const algorithm = ALGORITHM_IMPLEMENTATIONS[this.settings.algorithm];
    const context = this.trainingContext();
    const batchSize = this.effectiveBatchSize();
    const stepsPerEpoch = this.dataset.train.count / batchSize;
    const end = scheduleEnd(this.settings.schedule, stepsPerEpoch);
    let ran = this.kernelPath === 'fused' ? this.runFused(this.fusedStepCount(count, end), batchSize, stepsPerEpoch) : 0;
    for (let i = ran; i < count; i++) {
      if (end !== null && this.stepCount === end && this.reportedScheduleEnd !== end) {
        // Stop once at the end of the schedule; later steps hold its final rate.
        this.reportedScheduleEnd = end;
        this.scheduleEnded = { atStep: end, learningRate: this.lastLearningRate };
        break;
      }
      const hyper = this.hyperAt(this.stepCount, stepsPerEpoch);
      tf.tidy(() => {
        algorithm.step(this.nextBatch(batchSize), context, hyper, false);
      });
      const learningRate = this.rates.logStep(this.stepCount, hyper.learningRate, hyper.momentum, this.optimizer.adaptedRate);
      this.stepCount += 1;
      this.examplesSeen += batchSize;
      this.lastLearningRate = learningRate;
      this.lastMomentum = hyper.momentum;
      ran += 1;
    }
    return ran;
  }

  /**
   * One step on the path every step takes, its diagnosis (in pieces, not yet run) made from copies: the minibatch it
   * will draw (the sampler put back after the peek), θ and the optimizer as they stood before it.
   */
  private diagnosedStep(): number {
    const batchSize = this.effectiveBatchSize();
    const hyper = this.hyperAt(this.stepCount, this.dataset.train.count / batchSize);
    const peek = this.sampler.snapshot();
    const batch = this.nextBatch(batchSize);
    this.sampler.restore(peek);
    const side = { algorithm: ALGORITHM_IMPLEMENTATIONS[this.settings.algorithm], context: { ...this.trainingContext(), diagnosticsUnit: this.neuronUnit } };
    const diagnosis = new DiagnosisInPieces({ ...side, layout: this.layout, lossKind: this.lossKind, batch, hyper, before: tf.clone(this.theta), after: this.theta, optimizerBefore: this.optimizer.copy() });
    let ran = 0;
    try {
      ran = this.stepOnPath(1);
    } finally {
      // A step the schedule's end refused is not diagnosed; a diagnosis not yet read back gives way to this one.
      const [kept, dropped] = ran > 0 ? [diagnosis, this.diagnosis] : [this.diagnosis, diagnosis];
      dropped?.dispose();
      this.diagnosis = kept;
    }
    return ran;
  }

  /** Which kernels the next steps run on: fused where the settings, the algorithm, its optimizer and the backend allow. */
  get kernelPath(): 'fused' | 'plain' {
    const kernel = ALGORITHM_IMPLEMENTATIONS[this.settings.algorithm].fused;
    return this.settings.kernels !== 'plain' && fusedStepsAvailable(kernel, this.optimizer.kind, this.layout, this.effectiveBatchSize()) ? 'fused' : 'plain';
  }

  /** Steps the fused path may take: not past a schedule's end (the plain loop reports it). */
  private fusedStepCount(wanted: number, end: number | null): number {
    if (end === null || this.stepCount > end || (this.stepCount === end && this.reportedScheduleEnd === end)) return Math.max(0, wanted);
    return Math.max(0, Math.min(wanted, end - this.stepCount));
  }

  /** `steps` fused steps, with the counters and the rate log kept as the plain loop keeps them. */
  private runFused(steps: number, batchSize: number, stepsPerEpoch: number): number {
    if (steps === 0) return 0;
    const { algorithm, settings, regularization, regularizationRate, schedule } = this.settings;
    const kernel = ALGORITHM_IMPLEMENTATIONS[algorithm].fused;
    if (!kernel) return 0;
    const { learningRates, momenta, adaptedRates } = runFusedSteps(kernel, {
      theta: this.theta,
      optimizer: this.optimizer,
      layout: this.layout,
      lossKind: this.lossKind,
      regularization,
      regularizationRate,
      settings,
      algorithmState: this.algorithmState,
      hypergradientRate: this.settings.hypergradientRate,
      schedule,
      trainInputs: this.constants.trainInputs,
      trainTargets: this.constants.trainTargets,
      sampler: this.sampler,
      batchSize,
      stepsPerEpoch,
      firstStep: this.stepCount,
      count: steps,
    });
    // An -HD rule's α per step is on the device: read back with the next evaluation, NaN until then (as the plain path's).
    if (adaptedRates) this.rates.logAdaptedSteps(this.stepCount, tf.keep(adaptedRates), momenta);
    else this.rates.logSteps(this.stepCount, learningRates, momenta);
    this.stepCount += steps;
    this.examplesSeen += steps * batchSize;
    this.lastLearningRate = adaptedRates ? Number.NaN : learningRates[steps - 1];
    this.lastMomentum = momenta[steps - 1];
    return steps;
  }

  /**
   * Losses on the whole train and test sets, the grid if asked (and, with it unless `withConfusion` says otherwise,
   * the confusion matrix and which test examples are right), and a snapshot: one readback. With
   * `measurePenalty`, also the penalty's and the data loss's gradient norms (a full-batch backward pass, so
   * callers ask at the diagnostics cadence, not every tick).
   */
  async evaluate(withGrid: boolean, measurePenalty?: boolean): Promise<Evaluated>;
  /**
   * In row chunks with `slices` between them (evaluationChunks.ts): null when cancelled at one, nothing taken. Where
   * the steps are fused on the CPU backend and θ is finite, the measurements come from the fused CPU evaluation
   * (fused/cpuLiveEvaluation.ts, the same bits); the readback then carries only θ and what goes with it.
   */
  async evaluate(withGrid: boolean, measurePenalty: boolean, slices: EvaluationSlices, withConfusion?: boolean): Promise<Evaluated | null>;
  async evaluate(withGrid: boolean, measurePenalty = false, slices?: EvaluationSlices, withConfusion = withGrid): Promise<Evaluated | null> {
    this.diagnosis?.finish();
    const sets = evaluatedSets(this.constants, withGrid);
    const chunkRows = chunkingPlan(this.layout, sets, slices);
    const chunking = chunkRows === null || !slices ? null : { rows: chunkRows, slices };
    const { problem } = this.dataset;
    const network = { layout: this.layout, lossKind: this.lossKind, classCount: hasClasses(problem) ? Math.max(2, problem.outputSize) : 0 };
    const fused = liveFusedEvaluationApplies(this.kernelPath) ? await cpuLiveMeasurements(network, (await this.theta.data()) as Float32Array, this.constants, withGrid, chunking, withConfusion) : 'refused';
    if (fused === null) return null;
    const fusedMeasured = fused === 'refused' ? null : fused;
    if (fusedMeasured) this.fusedEvaluations += 1;
    const outputs = fusedMeasured || !chunking ? null : await outputsInChunks(this.theta, this.layout, sets, chunking.rows, chunking.slices);
    if (chunking && !fusedMeasured && outputs === null) return null;
    const { evalInputs, evalTargets } = this.constants;
    const { regularization, regularizationRate } = this.settings;
    const penaltyMeasured = measurePenalty && penaltyApplies(regularization, regularizationRate) && evalInputs.shape[0] > 0;
    const side = this.diagnosis?.result ?? null;
    const neurons = this.neuronView && (this.neuronsDue || side !== null) ? neuronsShape(this.layout, this.gridSize, this.constants.testInputs.shape[0]) : null;
    this.neuronsDue = false;
    const packed = tf.tidy(() => {
      const params = unpackParameters(this.theta, this.layout);
      const parts = fusedMeasured ? [] : measurementTensors({ ...network, params, outputs }, this.constants, withGrid, withConfusion);
      parts.push(this.theta, ...this.optimizer.stateTensors(), ...this.rates.pendingTensors);
      if (side?.diagnostics) parts.push(side.diagnostics.values);
      if (side) parts.push(side.probes);
      const neuronRows = neurons ? neuronInputs(neurons, this.constants.grid, this.constants.testInputs) : null;
      if (neurons && neuronRows) parts.push(measureNeurons(params, this.layout, neurons, neuronRows));
      if (penaltyMeasured) {
        const { layout, lossKind } = this;
        parts.push(penaltyBalanceTensor(this.theta, layout, lossKind, this.constants.weightMask, evalInputs, evalTargets, regularization, regularizationRate));
      }
      return tf.concat(parts);
    });
    outputs?.forEach((output) => output.dispose());
    const pendingRates = this.rates.takePending();
    this.diagnosis?.dispose();
    this.diagnosis = null;
    const values = await packed.data();
    packed.dispose();
    let offset = 0;
    const take = (length: number): Float32Array => {
      const part = new Float32Array(values.subarray(offset, offset + length));
      offset += length;
      return part;
    };
    const measured = fusedMeasured ?? readMeasurements(take, network, this.constants, withGrid, withConfusion);
    const theta = take(this.layout.parameterCount);
    const slots = this.optimizer.stateTensors().map((t) => take(t.size));
    const latestRate = this.rates.fill(pendingRates, take(RateRecorder.pendingLength(pendingRates)));
    if (latestRate !== null) {
      this.lastLearningRate = latestRate;
      if (this.scheduleEnded) this.scheduleEnded = { ...this.scheduleEnded, learningRate: latestRate };
    }
    const diagnostics = side?.diagnostics ? unpackDiagnostics(take(diagnosticsLength(side.diagnostics.layout)), side.diagnostics.layout) : null;
    const layers = this.layout.layers.length;
    const probes = side ? readProbes(take(probesLength(layers)), layers) : null;
    const neuronReading = neurons ? readNeurons(take(neuronsLength(neurons)), neurons, theta, this.layout, problem.image) : null;
    const norms = penaltyMeasured ? take(2) : null;
    const penalty: PenaltyBalance | null = measurePenalty
      ? { regularization, rate: regularizationRate, penaltyGradientNorm: norms?.[0] ?? 0, lossGradientNorm: norms?.[1] ?? Number.NaN }
      : null;
    const evaluation: Evaluation = {
      step: this.stepCount,
      examplesSeen: this.examplesSeen,
      epoch: this.examplesSeen / this.dataset.train.count,
      trainLoss: measured.trainLoss,
      testLoss: measured.testLoss,
      learningRate: this.lastLearningRate,
      grid: measured.grid,
      gridSize: measured.grid ? this.gridSize : 0,
      diagnostics,
      rates: this.rates.drain(),
      scheduleEnded: this.scheduleEnded,
      penalty,
      probes,
      neurons: neuronReading,
      trainAccuracy: measured.trainAccuracy,
      testAccuracy: measured.testAccuracy,
      validationLoss: measured.validationLoss,
      validationAccuracy: measured.validationAccuracy,
      gallery: measured.gallery,
      confusion: measured.confusion,
      correct: measured.correct,
    };
    this.scheduleEnded = null;
    return { evaluation, snapshot: this.snapshotOf(theta, this.optimizer.snapshotFrom(slots)) };
  }

  /** θ alone, read back (a sweep checkpoint's fused evaluation reads nothing else; snapshot() packs the optimizer too). */
  async thetaValues(): Promise<Float32Array> {
    return (await this.theta.data()) as Float32Array;
  }

  /** θ, the optimizer state, the batch order and the counters, read back at once (no evaluation). */
  async snapshot(): Promise<SessionSnapshot> {
    const packed = tf.tidy(() => tf.concat([this.theta, ...this.optimizer.stateTensors()]));
    const values = await packed.data();
    packed.dispose();
    const size = this.layout.parameterCount;
    let offset = size;
    const slots = this.optimizer.stateTensors().map((t) => new Float32Array(values.subarray(offset, (offset += t.size))));
    const optimizer = this.optimizer.snapshotFrom(slots);
    // An -HD rule's α that has not been read back yet is in the optimizer's state: the latest step's rate.
    if (optimizer.rate !== null && optimizer.stepCount > 0) this.lastLearningRate = optimizer.rate;
    return this.snapshotOf(new Float32Array(values.subarray(0, size)), optimizer);
  }

  /** The run's state with θ and the optimizer as read back: the batch order, counters and algorithm state as they stand. */
  private snapshotOf(theta: Float32Array, optimizer: SessionSnapshot['optimizer']): SessionSnapshot {
    return {
      theta,
      optimizer,
      sampler: this.sampler.snapshot(),
      stepCount: this.stepCount,
      examplesSeen: this.examplesSeen,
      learningRate: this.lastLearningRate,
      algorithmState: this.algorithmState?.values ?? [],
    };
  }

  /**
   * One step of the LR range test: the next minibatch, its loss before the update (what fastai records),
   * then the active algorithm's step with the given learning rate (momentum as the schedule has it now).
   * Returns the loss on the device; the caller reads it back in batches. Counters advance (the range test
   * restores them).
   */
  rangeTestStep(learningRate: number): tf.Scalar {
    const scheduled = this.hyperAt(this.stepCount, this.dataset.train.count / this.effectiveBatchSize());
    // SGD-HD and Adam-HD take the tested rate as it is: α set to it, not adapted (β = 0) during the test.
    this.optimizer.setRate(learningRate);
    return this.lossThenStep({ ...scheduled, learningRate, hypergradientRate: 0 });
  }

  /**
   * One step as training takes it (the schedule's rate, or an -HD optimizer's own), with its minibatch loss
   * before the update (the PyTorch export records them, worker/runPayloads.ts); `adaptedRate` is then the
   * rate it used, for the -HD rules. Counters advance; nothing is logged.
   */
  stepWithLoss(): tf.Scalar {
    return this.lossThenStep(this.hyperAt(this.stepCount, this.dataset.train.count / this.effectiveBatchSize()));
  }

  /** SGD-HD's or Adam-HD's α on the device (the rate its latest step used); null for the other rules. */
  get adaptedRate(): tf.Tensor1D | null {
    return this.optimizer.adaptedRate;
  }

  private lossThenStep(hyper: TrainingSettings & StepHyper): tf.Scalar {
    this.diagnosis?.finish();
    const algorithm = ALGORITHM_IMPLEMENTATIONS[this.settings.algorithm];
    const batchSize = this.effectiveBatchSize();
    const context = this.trainingContext();
    const loss = tf.tidy(() => {
      const batch = this.nextBatch(batchSize);
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
    this.diagnosis?.abandon();
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
    if (snapshot.algorithmState.length > 0) this.replaceAlgorithmState(this.createAlgorithmState(this.settings.algorithm, snapshot.algorithmState));
  }

  dispose(): void {
    this.diagnosis?.dispose();
    this.replaceAlgorithmState(null);
    this.rates.dispose();
    this.theta.dispose();
    this.optimizer.dispose();
    new Set(Object.values(this.constants)).forEach((t) => t?.dispose());
  }
}

/** A session on one of the 2-D sets, whose points need no loading (tests and benches). */
export function sessionOnGeneratedData(spec: RunSpec, settings: TrainingSettings): TrainingSession {
  const { dataset } = spec;
  if (!isGeneratedSpec(dataset)) throw new Error(`sessionOnGeneratedData: "${dataset.name}" is not a generated data set`);
  return new TrainingSession(buildGeneratedDataset(dataset), spec, settings);
}
