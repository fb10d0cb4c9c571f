/**
 * Parity of the fused WebGPU LocoProp kernel (webgpuLocoPropSteps.ts) with the plain TF.js path (the
 * reference: train/locoprop.ts and FlatOptimizer, as cpuLocoPropSteps.test.ts runs it in Node) from the same
 * θ on the same batches, inner rates and momenta: θ, the inner optimizer's slots and the minibatch losses
 * after each step count. The fused kernel runs on WebGPU; the reference on WebGPU (or the CPU backend, the
 * same ops). Runs in the test page (e2e/fused/index.html).
 */
import * as tf from '@tensorflow/tfjs-core';
import { fusedLocoPropSteps } from '../../src/algorithms/locoprop/locopropKernel';
import { lossValue, type LossKind } from '../../src/engine/model/losses';
import { forward, initialParameters, networkLayout, unpackParameters, weightMask, type NetworkLayout } from '../../src/engine/model/mlp';
import type { Activation, Regularization } from '../../src/engine/names';
import { createRandom } from '../../src/engine/random';
import type { LocoPropSettings } from '../../src/algorithms/locoprop/settings';
import { locopropAlgorithm, type LocoPropVariant } from '../../src/algorithms/locoprop/step';
import { FlatOptimizer, type OptimizerKind } from '../../src/engine/train/optimizers';
import { INNER_OPTIMIZERS, locopropGrid } from '../../src/algorithms/locoprop/parityGrid';
import { keptRun } from './plainRuns';
import { measureSensitivity, type RoundingPattern } from './sensitivity';
import { networkOf, parityBatch, parityData, parityTrainingSet, relativeError, ROWS, type ParityErrors, type ParityNetwork, type ParityResult, type ReferenceBackend } from './parityHarness';

const BATCH = 8;
const REGULARIZATION_RATE = 0.01;

export interface LocoPropParityCase {
  variant: LocoPropVariant;
  activation: Activation;
  lossKind: LossKind;
  optimizer: OptimizerKind;
  regularization: Regularization;
  locoprop: LocoPropSettings;
  /** The network; default 2-6-5-1 (2-6-5-3 for softmax). Wider than 64 takes the fused kernel's wide path. */
  network?: ParityNetwork;
}

/**
 * cpuLocoPropSteps.test.ts's grid: parityGrid.ts's covering design of variant, K, inner optimizer, decay,
 * proximal term, reset, network and loss (32 cases; FUSED_PARITY_FULL=1 its 96); then L1 and L2 with S and M;
 * then a softmax output with S and M × each inner optimizer.
 */
export function locopropParityCases(full = false): LocoPropParityCase[] {
  const cases: LocoPropParityCase[] = locopropGrid(full).map((c) => ({ ...c, regularization: 'none' }));
  for (const regularization of ['l1', 'l2'] as const) {
    for (const variant of ['S', 'M'] as const) {
      const locoprop = { gamma: 1.5, innerSteps: 10, innerDecay: true, proximalWeight: 0.5, resetInner: false };
      cases.push({ variant, activation: 'tanh', lossKind: 'sigmoid-cross-entropy', optimizer: 'adam', regularization, locoprop });
    }
  }
  // The softmax output (S's target on the logits; M's local gradient softmax(Ã) − T), every inner optimizer.
  for (const variant of ['S', 'M'] as const) {
    for (const optimizer of INNER_OPTIMIZERS) {
      const locoprop = { gamma: 1.5, innerSteps: 10, innerDecay: true, proximalWeight: 0.5, resetInner: false };
      cases.push({ variant, activation: variant === 'S' ? 'relu' : 'tanh', lossKind: 'softmax-cross-entropy', optimizer, regularization: 'none', locoprop });
    }
  }
  return cases;
}

export function locopropCaseName(c: LocoPropParityCase): string {
  const { innerSteps, innerDecay, proximalWeight, resetInner } = c.locoprop;
  const on = (flag: boolean, name: string): string => (flag ? name : `no ${name}`);
  return `LocoProp-${c.variant} K=${innerSteps} ${c.optimizer} · ${c.activation} · ${c.lossKind} · ${on(innerDecay, 'decay')}, ${on(proximalWeight > 0, 'prox')}, ${on(resetInner, 'reset')}, ${c.regularization}`;
}

interface Problem {
  layout: NetworkLayout;
  theta0: Float32Array;
  inputs: Float32Array;
  targets: Float32Array;
  rows: Int32Array;
  learningRates: Float64Array;
  momenta: Float64Array;
}

/** 2-6-5-1 (2-6-5-3 for softmax), 40 rows; inner rates and momenta that change every outer step, as the Node parity test's do. */
function problemFor(c: LocoPropParityCase, steps: number): Problem {
  const network = networkOf(c);
  const layout = networkLayout(network.inputs, network.hidden, network.hidden.map(() => c.activation), network.outputs);
  const { inputs, targets } = parityData(c.lossKind, network.inputs, network.outputs);
  const schedule = createRandom(13);
  const base = c.optimizer === 'sgd' ? 0.03 : c.optimizer === 'adam' ? 0.003 : 0.0003;
  return {
    layout,
    theta0: initialParameters(layout, c.activation === 'relu' ? 'he' : 'glorot', 5),
    inputs,
    targets,
    rows: Int32Array.from({ length: steps * BATCH }, () => Math.floor(schedule.next() * ROWS)),
    learningRates: Float64Array.from({ length: steps }, (_, s) => base * (1 + 0.5 * Math.sin(s / 7))),
    momenta: Float64Array.from({ length: steps }, (_, s) => (c.optimizer === 'rmsprop-tf1' ? 0.99 : 0.85) + 0.005 * Math.cos(s / 5)),
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

/** The plain path on `backend`, outer step by outer step; the state after each step count in `at`. */
async function plainPath(c: LocoPropParityCase, p: Problem, at: readonly number[], backend: ReferenceBackend, afterStep: RoundingPattern['afterStep'] = null): Promise<Map<number, State>> {
  await tf.setBackend(backend);
  try {
    return await plainSteps(c, p, at, afterStep);
  } finally {
    await tf.setBackend('webgpu');
  }
}

async function plainSteps(c: LocoPropParityCase, p: Problem, at: readonly number[], afterStep: RoundingPattern['afterStep']): Promise<Map<number, State>> {
  const theta = tf.variable(tf.tensor1d(p.theta0));
  const optimizer = new FlatOptimizer(c.optimizer, p.layout.parameterCount);
  const mask = tf.tensor1d(weightMask(p.layout));
  const context = { theta, layout: p.layout, lossKind: c.lossKind, optimizer, weightMask: mask };
  const algorithm = locopropAlgorithm(c.variant);
  const losses: tf.Scalar[] = [];
  const states = new Map<number, State>();
  for (let s = 0; s < Math.max(...at); s++) {
    losses.push(
      tf.tidy(() => {
        const batch = parityBatch(p, Array.from(p.rows.subarray(s * BATCH, (s + 1) * BATCH)), networkOf(c).outputs);
        const before = lossValue(forward(unpackParameters(theta, p.layout), p.layout, batch.inputs).output, batch.targets, c.lossKind);
        const hyper = { learningRate: p.learningRates[s], momentum: p.momenta[s], regularization: c.regularization, regularizationRate: REGULARIZATION_RATE, targetGamma: c.locoprop.gamma, settings: c.locoprop };
        algorithm.step(batch, context, hyper, false);
        // A moved rounding's pattern (sensitivity.ts): θ moved by about one rounding after the step.
        if (afterStep) theta.assign(tf.mul(theta, tf.tensor1d(afterStep())));
        return before;
      }),
    );
    if (at.includes(s + 1)) {
      const stacked = tf.stack(losses);
      states.set(s + 1, { theta: await read(theta), slots: await Promise.all(optimizer.slots.map(read)), losses: await read(stacked) });
      stacked.dispose();
    }
  }
  tf.dispose([theta, mask, ...losses]);
  optimizer.dispose();
  return states;
}

/** The fused kernel: `steps` outer steps in one call from θ₀ and a fresh inner optimizer. */
async function fusedPath(c: LocoPropParityCase, p: Problem, steps: number): Promise<State> {
  const optimizer = new FlatOptimizer(c.optimizer, p.layout.parameterCount);
  const theta = tf.tensor1d(p.theta0);
  const { inputs, targets } = parityTrainingSet(p, networkOf(c).outputs);
  const result = fusedLocoPropSteps({
    problem: { layout: p.layout, lossKind: c.lossKind, regularization: c.regularization, regularizationRate: REGULARIZATION_RATE, optimizer: c.optimizer, variant: c.variant, locoprop: c.locoprop },
    theta,
    slots: optimizer.stateTensors(),
    inputs,
    targets,
    batchSize: BATCH,
    rows: p.rows.subarray(0, steps * BATCH),
    learningRates: p.learningRates.subarray(0, steps),
    momenta: p.momenta.subarray(0, steps),
    ...optimizer.counters,
  });
  const state = { theta: await read(result.theta), slots: await Promise.all(result.slots.map(read)), losses: await read(result.losses) };
  tf.dispose([theta, inputs, targets, result.theta, result.losses, ...result.slots]);
  optimizer.dispose();
  return state;
}

function compare(fused: State, plain: State): ParityErrors {
  const slots = plain.slots.map((slot, i) => relativeError(fused.slots[i] ?? [], slot));
  return { theta: relativeError(fused.theta, plain.theta), slots: Math.max(0, ...slots), losses: relativeError(fused.losses, plain.losses) };
}

/**
 * Each case after each outer-step count: the fused kernel in one call per count, the plain path once per case.
 * With `sensitivity`, also the plain path with a moved rounding on the CPU backend (fast), against the same
 * plain path from θ₀: how ill-conditioned the case itself is after each count (ParityResult.sensitivity), over
 * every pattern where the first's bound is exceeded (sensitivity.ts).
 */
export async function runLocoPropParity(cases: readonly LocoPropParityCase[], stepCounts: readonly number[], reference: ReferenceBackend, sensitivity = false): Promise<ParityResult[]> {
  if (tf.getBackend() !== 'webgpu') throw new Error(`the fused kernel under test needs WebGPU, not ${tf.getBackend()}`);
  const results: ParityResult[] = [];
  for (const c of cases) {
    const problem = problemFor(c, Math.max(...stepCounts));
    const plain = await keptRun([c, reference], stepCounts, () => plainPath(c, problem, stepCounts, reference));
    const errors: Record<string, ParityErrors> = {};
    for (const steps of stepCounts) {
      const expected = plain.get(steps) as State;
      errors[String(steps)] = compare(await fusedPath(c, problem, steps), expected);
      // The run moved: parity of a frozen network would prove little.
      if (!(relativeError(expected.theta, problem.theta0) > 1e-6)) throw new Error(`${locopropCaseName(c)}: θ did not move in ${steps} steps`);
    }
    const result: ParityResult = { name: locopropCaseName(c), errors };
    if (sensitivity) {
      const onCpu = await keptRun([c, 'cpu'], stepCounts, () => plainPath(c, problem, stepCounts, 'cpu'));
      const move = async (pattern: RoundingPattern): Promise<Record<string, number>> => {
        const moved = await keptRun([c, 'cpu', pattern.index], stepCounts, () => plainPath(c, { ...problem, theta0: pattern.theta0 }, stepCounts, 'cpu', pattern.afterStep));
        return Object.fromEntries(stepCounts.map((steps) => [String(steps), relativeError((moved.get(steps) as State).theta, (onCpu.get(steps) as State).theta)]));
      };
      Object.assign(result, await measureSensitivity(problem.theta0, errors, move));
    }
    results.push(result);
  }
  return results;
}
