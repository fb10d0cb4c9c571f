/**
 * Parity of the fused WebGPU training kernel with the plain TF.js path (the reference: backpropAlgorithm
 * and FlatOptimizer, as cpuTrainSteps.test.ts runs it in Node) from the same θ on the same batches, rates
 * and momenta. The fused kernel runs on WebGPU; the reference on WebGPU or, where SwiftShader makes 100
 * plain steps too slow for every case (~0.3 s per step here), on TF.js's CPU backend: the same ops, the
 * backend the Node parity test uses. Runs in the test page (e2e/fused/index.html).
 */
import * as tf from '@tensorflow/tfjs-core';
import { fusedTrainSteps } from '../../src/algorithms/backprop/kernel';
import { LOSS_KINDS, lossValue, type LossKind } from '../../src/engine/model/losses';
import { forward, initialParameters, networkLayout, unpackParameters, weightMask, type NetworkLayout } from '../../src/engine/model/mlp';
import { ACTIVATIONS, FUSED_OPTIMIZERS, type Activation, type Regularization } from '../../src/engine/names';
import { createRandom } from '../../src/engine/random';
import { backpropAlgorithm } from '../../src/algorithms/backprop/step';
import { FlatOptimizer, type OptimizerKind } from '../../src/engine/train/optimizers';
import { keptRun } from './plainRuns';
import { measureSensitivity, type RoundingPattern } from './sensitivity';

export const BATCH = 8;
export const ROWS = 40;
const REGULARIZATION_RATE = 0.01;
/**
 * SGD-HD's and Adam-HD's β (the plain path's and the kernel's): large enough that α moves by a good share of itself
 * over 100 steps here (Adam-HD's hypergradient is a sum of |g|-sized terms, SGD-HD's of g² ones).
 */
const HYPERGRADIENT_RATE: Partial<Record<OptimizerKind, number>> = { 'sgd-hd': 0.01, 'adam-hd': 0.0001 };

export interface ParityCase {
  activation: Activation;
  lossKind: LossKind;
  optimizer: OptimizerKind;
  regularization: Regularization;
  /** The network; default 2-6-5-1 (2-6-5-3 for softmax). Wider than 64 takes the fused kernel's wide path. */
  network?: ParityNetwork;
  /**
   * Where the fused steps are cut in two calls: the state after the first read back, then restored into a fresh
   * optimizer and θ from those host values (as a restore or a backend move does) for the second; one call where absent.
   */
  splitAt?: number;
}

export interface ParityNetwork {
  inputs: number;
  hidden: number[];
  outputs: number;
}

/** The case's network: its own, or cpuTrainSteps.test.ts's 2-6-5-1 (2-6-5-3 for softmax). */
export function networkOf(c: Pick<ParityCase, 'lossKind' | 'network'>): ParityNetwork {
  return c.network ?? { inputs: 2, hidden: [6, 5], outputs: outputsOf(c.lossKind) };
}

/** Worst relative error of θ, of the slots and of the losses (scale-relative, as cpuTrainSteps.test.ts). */
export interface ParityErrors {
  theta: number;
  slots: number;
  losses: number;
}

export interface ParityResult {
  name: string;
  /** Keyed by the step count compared ("1", "100"). */
  errors: Record<string, ParityErrors>;
  /**
   * Where asked: how far the plain path's own θ (and slots, for backprop) moves, relative, when its rounding is
   * moved by about one ulp (θ₀, and θ after every step from pattern 1 on; on the CPU backend), per step count,
   * the worst over the patterns measured (sensitivity.ts): below that, float32 parity cannot be asked of any path.
   */
  sensitivity?: Record<string, number>;
  /** How many rounding patterns measured `sensitivity` (1, or all where the first's bound was exceeded). */
  patterns?: number;
}

/** Every activation × loss × optimizer without a penalty, then L1 and L2 with every optimizer. */
export function parityCases(): ParityCase[] {
  const optimizers: OptimizerKind[] = [...FUSED_OPTIMIZERS, 'rmsprop-tf1'];
  const cases: ParityCase[] = [];
  for (const activation of ACTIVATIONS) {
    for (const lossKind of LOSS_KINDS) {
      for (const optimizer of optimizers) cases.push({ activation, lossKind, optimizer, regularization: 'none' });
    }
  }
  for (const regularization of ['l1', 'l2'] as const) {
    for (const optimizer of optimizers) cases.push({ activation: 'tanh', lossKind: 'sigmoid-cross-entropy', optimizer, regularization });
  }
  return cases;
}

/**
 * CI's share of parityCases(): every pair of activation, loss and optimizer at least once (optimizer i with
 * activation j takes loss (i + j) mod 3: for a fixed activation, or a fixed optimizer, the losses cycle through all
 * three), then L1 and L2 with every optimizer as in the full grid: 24 + 12 of its 84 cases. The kernel's WGSL puts
 * the activation, the loss's output gradient and the optimizer's update in separate lines (trainStepsWgsl.ts), so
 * a pair covers how two of them meet; each case is a pipeline of its own to compile (~0.6 s on SwiftShader).
 * FUSED_PARITY_FULL=1 runs the whole grid.
 */
export function pairwiseParityCases(): ParityCase[] {
  const optimizers: OptimizerKind[] = [...FUSED_OPTIMIZERS, 'rmsprop-tf1'];
  const pairs = optimizers.flatMap((optimizer, i) =>
    ACTIVATIONS.map((activation, j): ParityCase => ({ activation, lossKind: LOSS_KINDS[(i + j) % LOSS_KINDS.length], optimizer, regularization: 'none' })),
  );
  return [...pairs, ...parityCases().filter((c) => c.regularization !== 'none')];
}

/** Networks too wide for one workgroup (the fused kernel's wide path): two hidden layers of 96, and an autoencoder-like 12-72-8-72-12. */
export const WIDE_NETWORK = (lossKind: LossKind): ParityNetwork => ({ inputs: 2, hidden: [96, 96], outputs: outputsOf(lossKind) });
export const WIDE_AUTOENCODER: ParityNetwork = { inputs: 12, hidden: [72, 8, 72], outputs: 12 };

/** parityCases() on WIDE_NETWORK, then every optimizer on WIDE_AUTOENCODER (tanh, squared error). */
export function wideParityCases(): ParityCase[] {
  const optimizers: OptimizerKind[] = [...FUSED_OPTIMIZERS, 'rmsprop-tf1'];
  const onWide = parityCases().map((c) => ({ ...c, network: WIDE_NETWORK(c.lossKind) }));
  const onAutoencoder = optimizers.map((optimizer): ParityCase => ({ activation: 'tanh', lossKind: 'squared-error', optimizer, regularization: 'none', network: WIDE_AUTOENCODER }));
  return [...onWide, ...onAutoencoder];
}

/** The outputs of the parity problem: 3 classes for a softmax output, else 1 unit. */
export function outputsOf(lossKind: LossKind): number {
  return lossKind === 'softmax-cross-entropy' ? 3 : 1;
}

/**
 * ROWS examples of `inputCount` inputs in [−1, 1) and their targets: one-hot classes, 0/1 labels or values in
 * [−1, 1) (each output unit its own draw, row by row).
 */
export function parityData(lossKind: LossKind, inputCount = 2, outputs = outputsOf(lossKind)): { inputs: Float32Array; targets: Float32Array } {
  const random = createRandom(9);
  const inputs = Float32Array.from({ length: ROWS * inputCount }, () => random.uniform(-1, 1));
  const targets = new Float32Array(ROWS * outputs);
  for (let r = 0; r < ROWS; r++) {
    if (lossKind === 'softmax-cross-entropy') targets[r * outputs + Math.floor(random.next() * outputs)] = 1;
    else for (let j = 0; j < outputs; j++) targets[r * outputs + j] = lossKind === 'squared-error' ? random.uniform(-1, 1) : random.next() < 0.5 ? 0 : 1;
  }
  return { inputs, targets };
}

/** The minibatch of `rows` as the plain path takes it. */
export function parityBatch(data: { inputs: Float32Array; targets: Float32Array }, rows: readonly number[], outputs: number): { inputs: tf.Tensor2D; targets: tf.Tensor2D } {
  const width = data.inputs.length / ROWS;
  return {
    inputs: tf.tensor2d(rows.flatMap((r) => Array.from(data.inputs.subarray(r * width, (r + 1) * width))), [rows.length, width]),
    targets: tf.tensor2d(rows.flatMap((r) => Array.from(data.targets.subarray(r * outputs, (r + 1) * outputs))), [rows.length, outputs]),
  };
}

/** The training set as the fused kernel takes it: on the device, ROWS × inputs and ROWS × outputs. */
export function parityTrainingSet(data: { inputs: Float32Array; targets: Float32Array }, outputs: number): { inputs: tf.Tensor2D; targets: tf.Tensor2D } {
  return { inputs: tf.tensor2d(data.inputs, [ROWS, data.inputs.length / ROWS]), targets: tf.tensor2d(data.targets, [ROWS, outputs]) };
}

export function caseName(c: ParityCase): string {
  const shape = c.network ? ` · ${[c.network.inputs, ...c.network.hidden, c.network.outputs].join('-')}` : '';
  const split = c.splitAt === undefined ? '' : ` · restored at ${c.splitAt}`;
  return `${c.activation} · ${c.lossKind} · ${c.optimizer} · ${c.regularization}${shape}${split}`;
}

interface Problem {
  layout: NetworkLayout;
  theta0: Float32Array;
  inputs: Float32Array;
  targets: Float32Array;
  rows: Int32Array;
  learningRates: Float32Array;
  momenta: Float32Array;
}

/** cpuTrainSteps.test.ts's problem (or the case's network), 40 rows, rates and momenta that change every step. */
function problemFor(c: ParityCase, steps: number): Problem {
  const network = networkOf(c);
  const layout = networkLayout(network.inputs, network.hidden, network.hidden.map(() => c.activation), network.outputs);
  const { inputs, targets } = parityData(c.lossKind, network.inputs, network.outputs);
  const schedule = createRandom(13);
  const base = c.optimizer === 'sgd' || c.optimizer === 'sgd-hd' || c.optimizer === 'momentum' || c.optimizer === 'nesterov' ? 0.1 : 0.01;
  return {
    layout,
    theta0: initialParameters(layout, c.activation === 'relu' ? 'he' : 'glorot', 5),
    inputs,
    targets,
    rows: Int32Array.from({ length: steps * BATCH }, () => Math.floor(schedule.next() * ROWS)),
    learningRates: Float32Array.from({ length: steps }, (_, s) => base * (1 + 0.5 * Math.sin(s / 7))),
    momenta: Float32Array.from({ length: steps }, (_, s) => 0.85 + 0.1 * Math.cos(s / 5)),
  };
}

interface State {
  theta: Float32Array;
  slots: Float32Array[];
  losses: Float32Array;
}

async function read(tensor: tf.Tensor): Promise<Float32Array> {
  return new Float32Array(await tensor.data());
}

export type ReferenceBackend = 'webgpu' | 'cpu';

/** The plain path on `backend`, step by step; the state after each step count in `at`. */
async function plainPath(c: ParityCase, p: Problem, at: readonly number[], backend: ReferenceBackend, afterStep: RoundingPattern['afterStep'] = null): Promise<Map<number, State>> {
  await tf.setBackend(backend);
  try {
    return await plainSteps(c, p, at, afterStep);
  } finally {
    await tf.setBackend('webgpu');
  }
}

/** The plain path on the active backend (losses stay on the device until a state is read). */
async function plainSteps(c: ParityCase, p: Problem, at: readonly number[], afterStep: RoundingPattern['afterStep']): Promise<Map<number, State>> {
  const theta = tf.variable(tf.tensor1d(p.theta0));
  const optimizer = new FlatOptimizer(c.optimizer, p.layout.parameterCount);
  const mask = tf.tensor1d(weightMask(p.layout));
  const context = { theta, layout: p.layout, lossKind: c.lossKind, optimizer, weightMask: mask };
  const losses: tf.Scalar[] = [];
  const states = new Map<number, State>();
  for (let s = 0; s < Math.max(...at); s++) {
    losses.push(
      tf.tidy(() => {
        const batch = parityBatch(p, Array.from(p.rows.subarray(s * BATCH, (s + 1) * BATCH)), networkOf(c).outputs);
        const before = lossValue(forward(unpackParameters(theta, p.layout), p.layout, batch.inputs).output, batch.targets, c.lossKind);
        const hyper = {
          learningRate: p.learningRates[s],
          momentum: p.momenta[s],
          regularization: c.regularization,
          regularizationRate: REGULARIZATION_RATE,
          hypergradientRate: HYPERGRADIENT_RATE[c.optimizer],
          targetGamma: 1,
          settings: {},
        };
        backpropAlgorithm.step(batch, context, hyper, false);
        // A moved rounding's pattern (sensitivity.ts): θ moved by about one rounding after the step.
        if (afterStep) theta.assign(tf.mul(theta, tf.tensor1d(afterStep())));
        return before;
      }),
    );
    if (at.includes(s + 1)) {
      const stacked = tf.stack(losses);
      states.set(s + 1, { theta: await read(theta), slots: await Promise.all(slotsWithRate(optimizer.slots, optimizer.adaptedRate).map(read)), losses: await read(stacked) });
      stacked.dispose();
    }
  }
  tf.dispose([theta, mask, ...losses]);
  optimizer.dispose();
  return states;
}

/** The optimizer's slots, and an -HD rule's α as one more (so that parity covers it). */
function slotsWithRate(slots: readonly tf.Tensor[], rate: tf.Tensor | null): tf.Tensor[] {
  return rate ? [...slots, rate] : [...slots];
}

/**
 * SGD-HD and Adam-HD on the one-workgroup kernel (the wide path has no hypergradient): each with every activation
 * once, the three losses among them, L2, and its steps cut in two calls with a restore between (the second call's α,
 * counters and Adam-HD's coefficients at t₀ > 0 come from host values).
 */
export function hypergradientParityCases(): ParityCase[] {
  const losses = LOSS_KINDS;
  return (['sgd-hd', 'adam-hd'] as const).flatMap((optimizer, i) => [
    ...ACTIVATIONS.map((activation, j): ParityCase => ({ activation, lossKind: losses[(i + j) % losses.length], optimizer, regularization: 'none' })),
    { activation: 'tanh', lossKind: 'sigmoid-cross-entropy', optimizer, regularization: 'l2' },
    { activation: 'tanh', lossKind: 'sigmoid-cross-entropy', optimizer, regularization: 'none', splitAt: 37 },
  ]);
}

/** One fused call of `count` steps from `first` on θ and the optimizer's state (slots, counters, an -HD rule's α). */
function fusedCall(c: ParityCase, p: Problem, theta: tf.Tensor1D, optimizer: FlatOptimizer, data: { inputs: tf.Tensor2D; targets: tf.Tensor2D }, first: number, count: number) {
  const hypergradientRate = HYPERGRADIENT_RATE[c.optimizer];
  const rate = optimizer.adaptedRate;
  return fusedTrainSteps({
    problem: { layout: p.layout, lossKind: c.lossKind, regularization: c.regularization, regularizationRate: REGULARIZATION_RATE, optimizer: c.optimizer, ...(hypergradientRate === undefined ? {} : { hypergradientRate }) },
    ...(rate ? { rate } : {}),
    theta,
    slots: optimizer.slots,
    ...data,
    batchSize: BATCH,
    rows: p.rows.subarray(first * BATCH, (first + count) * BATCH),
    learningRates: p.learningRates.subarray(first, first + count),
    momenta: p.momenta.subarray(first, first + count),
    ...optimizer.counters,
  });
}

/**
 * The fused kernel: `steps` steps from θ₀ and a fresh optimizer, in one call, or in two cut at the case's `splitAt`
 * (the second from host values: θ and the optimizer restored from what the first read back).
 */
async function fusedPath(c: ParityCase, p: Problem, steps: number): Promise<State> {
  const data = parityTrainingSet(p, networkOf(c).outputs);
  const cut = c.splitAt !== undefined && c.splitAt < steps ? c.splitAt : steps;
  let optimizer = new FlatOptimizer(c.optimizer, p.layout.parameterCount);
  let theta = tf.tensor1d(p.theta0);
  const losses: Float32Array[] = [];
  let state: State | null = null;
  for (const [first, count] of cut < steps ? [[0, cut], [cut, steps - cut]] : [[0, steps]]) {
    if (state) {
      // The restore: θ and the optimizer from host values.
      const restored = new FlatOptimizer(c.optimizer, p.layout.parameterCount);
      restored.restore(await optimizer.snapshot());
      optimizer.dispose();
      optimizer = restored;
      theta.dispose();
      theta = tf.tensor1d(state.theta);
    }
    const result = fusedCall(c, p, theta, optimizer, data, first, count);
    optimizer.advance(result.slots, p.momenta.subarray(first, first + count), result.rates ?? null);
    tf.dispose([theta, ...result.slots, ...(result.rates ? [result.rates] : [])]);
    theta = result.theta;
    losses.push(await read(result.losses));
    result.losses.dispose();
    state = { theta: await read(theta), slots: await Promise.all(slotsWithRate(optimizer.slots, optimizer.adaptedRate).map(read)), losses: new Float32Array(0) };
  }
  tf.dispose([theta, data.inputs, data.targets]);
  optimizer.dispose();
  if (!state) throw new Error('no fused call ran');
  return { ...state, losses: Float32Array.from(losses.flatMap((part) => Array.from(part))) };
}

/** Largest |a − b| relative to the largest |b| of the vector. */
export function relativeError(a: ArrayLike<number>, b: ArrayLike<number>): number {
  if (a.length !== b.length) return Infinity;
  let scale = 1e-12;
  let worst = 0;
  for (let i = 0; i < b.length; i++) scale = Math.max(scale, Math.abs(b[i]));
  for (let i = 0; i < b.length; i++) worst = Math.max(worst, Number.isNaN(a[i] - b[i]) ? Infinity : Math.abs(a[i] - b[i]));
  return worst / scale;
}

function compare(fused: State, plain: State): ParityErrors {
  const slots = plain.slots.map((slot, i) => relativeError(fused.slots[i] ?? [], slot));
  return { theta: relativeError(fused.theta, plain.theta), slots: Math.max(0, ...slots), losses: relativeError(fused.losses, plain.losses) };
}

/**
 * Each case after each step count in `stepCounts`: the fused kernel in one call per count, the plain path
 * once per case, to the longest count. With `sensitivity`, also the plain path with a moved rounding on the
 * CPU backend against the same from θ₀: the worst relative move of θ and the slots, how ill-conditioned the
 * case itself is (ParityResult.sensitivity), over every pattern where the first's bound is exceeded.
 */
export async function runParity(cases: readonly ParityCase[], stepCounts: readonly number[], reference: ReferenceBackend, sensitivity = false): Promise<ParityResult[]> {
  if (tf.getBackend() !== 'webgpu') throw new Error(`the fused kernel under test needs WebGPU, not ${tf.getBackend()}`);
  const results: ParityResult[] = [];
  for (const c of cases) {
    const problem = problemFor(c, Math.max(...stepCounts));
    const plain = await keptRun([c, reference], stepCounts, () => plainPath(c, problem, stepCounts, reference));
    const errors: Record<string, ParityErrors> = {};
    for (const steps of stepCounts) errors[String(steps)] = compare(await fusedPath(c, problem, steps), plain.get(steps) as State);
    const result: ParityResult = { name: caseName(c), errors };
    if (sensitivity) {
      const onCpu = await keptRun([c, 'cpu'], stepCounts, () => plainPath(c, problem, stepCounts, 'cpu'));
      const move = async (pattern: RoundingPattern): Promise<Record<string, number>> => {
        const moved = await keptRun([c, 'cpu', pattern.index], stepCounts, () => plainPath(c, { ...problem, theta0: pattern.theta0 }, stepCounts, 'cpu', pattern.afterStep));
        const byCount = stepCounts.map((steps) => compare(moved.get(steps) as State, onCpu.get(steps) as State));
        return Object.fromEntries(stepCounts.map((steps, i) => [String(steps), Math.max(byCount[i].theta, byCount[i].slots)]));
      };
      Object.assign(result, await measureSensitivity(problem.theta0, errors, move));
    }
    results.push(result);
  }
  return results;
}
