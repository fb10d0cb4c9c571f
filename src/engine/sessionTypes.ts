/**
 * The vocabulary of a training run, apart from the session that implements it: what fixes a run, what may
 * change between steps, what an evaluation reports and what a snapshot holds.
 */
import type { DatasetSpec, SamplerSnapshot } from './data/dataset';
import type { Activation } from './model/activations';
import type { Initializer } from './model/mlp';
import type { KernelChoice } from './names';
import type { ScheduleSettings } from './schedule/schedule';
import type { StepHyper } from './train/algorithm';
import { ALGORITHM_INFO, type AlgorithmName } from '../algorithms/registry';
import type { LayerDiagnostics } from './train/diagnostics';
import type { ProbeReadings } from '../probes/declaration';
import type { NeuronsReading } from '../probes/neurons/declaration';
import type { BackpropOptimizer, OptimizerKind, OptimizerSnapshot } from './train/optimizers';
import type { PenaltyBalance } from './train/regularization';

/** What fixes a run: changing any of it starts a new one. */
export interface RunSpec {
  dataset: DatasetSpec;
  hidden: readonly number[];
  activations: readonly Activation[];
  init: Initializer;
}

/**
 * What may change between two steps of the same run. The learning rate and momentum of each step come from
 * the schedule (a constant schedule gives a fixed rate).
 */
export interface TrainingSettings extends Omit<StepHyper, 'learningRate' | 'momentum'> {
  algorithm: AlgorithmName;
  /**
   * The config's optimizer (backprop's, feedback alignment's); an algorithm whose settings group declares its own
   * (LocoProp's inner optimizer) gets that one through its step settings instead (optimizerKindFor).
   */
  optimizer: BackpropOptimizer;
  batchSize: number;
  /** Learning rate and momentum per step. */
  schedule: ScheduleSettings;
  /** Fused kernels where the backend and algorithm have them (auto, fused), or plain ops. */
  kernels: KernelChoice;
}

/** The learning rate and momentum each step used, in step order (decimated when long). */
export interface RateLog {
  steps: number[];
  learningRates: number[];
  momenta: number[];
}

/** The optimizer the active algorithm updates θ with: its settings group's own, from its step settings, or the config's. */
export function optimizerKindFor(settings: TrainingSettings): OptimizerKind {
  return ALGORITHM_INFO[settings.algorithm].settings?.optimizer?.kind(settings.settings) ?? settings.optimizer;
}

export interface Evaluation {
  step: number;
  examplesSeen: number;
  epoch: number;
  trainLoss: number;
  testLoss: number;
  /** Learning rate used by the latest step (NaN before the first). */
  learningRate: number;
  /**
   * gridSize² predictions (× outputSize, row-major) over [−extent, extent]², row 0 at the top, when asked for
   * and the problem has two inputs.
   */
  grid: Float32Array | null;
  /** Cells per side of `grid` (0 without one). */
  gridSize: number;
  /** The predictions (class probabilities, or reconstructions) for the first GALLERY_SIZE test images, with the grid. */
  gallery: Float32Array | null;
  /** Test-set counts, true class × predicted class (row-major C×C), with the grid, when the task has classes. */
  confusion: Float32Array | null;
  /** Per test example, 1 where the predicted class is the label (the confusion's diagonal one by one), with it. */
  correct: Uint8Array | null;
  /** Per-layer targets of the latest diagnosed step (see runSteps), once. */
  diagnostics: LayerDiagnostics[] | null;
  /** The rates of the steps since the previous evaluation. */
  rates: RateLog;
  /** Set when these steps reached the end of a schedule that has one (cosine, one-cycle). */
  scheduleEnded: { atStep: number; learningRate: number } | null;
  /** The penalty's pull against the data, when asked for (see evaluate). */
  penalty: PenaltyBalance | null;
  /** Every probe's reading of the latest diagnosed step (src/probes), once. */
  probes: ProbeReadings | null;
  /** The per-unit view's reading (probes/neurons), while the page shows it: see TrainingSession.setNeuronView. */
  neurons?: NeuronsReading | null;
  /**
   * Share of correctly classified examples (the largest output, or output above ½ for one sigmoid unit); NaN
   * without classes or for an empty set. Train figures are over the first EVALUATION_ROWS training examples.
   */
  trainAccuracy: number;
  testAccuracy: number;
  /**
   * Loss and accuracy on the validation rows (training rows held out of training, data/dataset.ts
   * carveValidation), measured whole as the test set is; NaN without a validation split (accuracy: or classes).
   */
  validationLoss: number;
  validationAccuracy: number;
}

export interface SessionSnapshot {
  theta: Float32Array;
  optimizer: OptimizerSnapshot;
  sampler: SamplerSnapshot;
  stepCount: number;
  examplesSeen: number;
  learningRate: number;
  /** The algorithm's per-run state (feedback alignment's B), empty for algorithms without one. */
  algorithmState: Float32Array[];
}

/** The plane's grid: 48 × 48 cells, or 96 × 96 when the page draws the plane large (gridSizeFor). */
export const GRID_SIZE = 48;
export const FINE_GRID_SIZE = 96;

/** The grid for a plane drawn `pixels` wide: about one cell per 8 px, so a large plane does not look blocky. */
export function gridSizeFor(pixels: number): number {
  return pixels > 480 ? FINE_GRID_SIZE : GRID_SIZE;
}
/** Test images shown with their predictions (or reconstructions). */
export const GALLERY_SIZE = 24;
/**
 * The train loss and accuracy are measured on at most this many training examples (the first ones, always
 * the same), so that a tick's evaluation stays cheap on MNIST's 10,000 (the test set is measured whole).
 */
export const EVALUATION_ROWS = 2000;
