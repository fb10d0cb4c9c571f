import '../test/setupTf';
import * as tf from '@tensorflow/tfjs-core';
import { describe, expect, it } from 'vitest';
import { defaultConfig, type ExperimentConfig } from '../config/experiment';
import { runSpecOf, trainingSettingsOf } from '../config/toEngine';
import { sessionOnGeneratedData, type TrainingSession } from './session';
import { ALGORITHM_IMPLEMENTATIONS } from '../algorithms/workerRegistry';
import type { AlgorithmName } from '../algorithms/registry';
import { initialParameters, networkLayout, weightMask } from './model/mlp';
import { FlatOptimizer } from './train/optimizers';
import type { StepHyper, TrainingContext } from './train/algorithm';

/**
 * A diagnosed step's diagnosis in pieces (diagnosedStep.ts, issue 21 item 3): run piece by piece it reports what
 * it reports in one call, bit for bit; dropped after any piece it frees every tensor it made and leaves the run as
 * a run never diagnosed.
 */

const INNER_STEPS = 4;

function session(overrides: Partial<ExperimentConfig>): TrainingSession {
  const config = { ...defaultConfig(), hidden: [8, 6], activation: ['tanh', 'relu'], innerSteps: INNER_STEPS, ...overrides } as ExperimentConfig;
  return sessionOnGeneratedData(runSpecOf(config), trainingSettingsOf(config));
}

/**
 * The pieces: the side step's phases (backprop and feedback alignment: the gradient, then the update and the
 * diagnostics; LocoProp: the targets, each inner iteration, the diagnostics), the minibatch gradient, the probes.
 */
const CASES: [string, Partial<ExperimentConfig>, number][] = [
  ['backprop, Adam, fused', { kernels: 'fused', optimizer: 'adam' }, 4],
  ['backprop, RMSProp, plain', { kernels: 'plain', optimizer: 'rmsprop' }, 4],
  ['LocoProp-S, fused', { kernels: 'fused', algorithm: 'locoprop-s' }, INNER_STEPS + 4],
  ['LocoProp-M, plain, inner Adam with a reset', { kernels: 'plain', algorithm: 'locoprop-m', innerOptimizer: 'adam', innerReset: true }, INNER_STEPS + 4],
  ['feedback alignment', { algorithm: 'feedback-alignment' }, 4],
];

/** What an evaluation reads back of a run: its step, θ, the diagnostics and the probes. */
async function readBack(s: TrainingSession): Promise<unknown[]> {
  const { evaluation, snapshot } = await s.evaluate(false);
  return [evaluation.step, Array.from(snapshot.theta), evaluation.diagnostics, evaluation.probes];
}

/** One algorithm's step on a 2-3-4-2 network, from the same θ, optimizer state and batch each time. */
function algorithmStep(name: AlgorithmName) {
  const layout = networkLayout(2, [3, 4], ['tanh', 'relu'], 2);
  const algorithm = ALGORITHM_IMPLEMENTATIONS[name];
  const hyper = {
    learningRate: 0.05,
    momentum: 0.9,
    regularization: 'l2',
    regularizationRate: 0.01,
    targetGamma: 0.5,
    settings: { gamma: 0.5, innerSteps: INNER_STEPS, innerDecay: true, proximalWeight: 0.1, resetInner: false },
  } as StepHyper;
  const make = () => {
    const context: TrainingContext = {
      theta: tf.variable(tf.tensor1d(initialParameters(layout, 'glorot', 3)), false),
      layout,
      lossKind: 'softmax-cross-entropy',
      optimizer: new FlatOptimizer('adam', layout.parameterCount),
      weightMask: tf.tensor1d(weightMask(layout)),
      state: algorithm.createState?.({ layout, init: 'glorot', seed: 9 }) ?? null,
    };
    const batch = { inputs: tf.tensor2d([0.3, -1, 2, 0.5, -0.7, 0.1], [3, 2]), targets: tf.tensor2d([1, 0, 0, 1, 1, 0], [3, 2]) };
    const dispose = () => {
      tf.dispose([context.theta, context.weightMask, batch.inputs, batch.targets, ...(context.state?.tensors ?? [])]);
      context.optimizer.dispose();
    };
    return { context, batch, dispose };
  };
  return { algorithm, hyper, make };
}

describe("an algorithm's diagnosed step in phases", () => {
  it.each(['backprop', 'feedback-alignment', 'locoprop-s', 'locoprop-m'] as const)('%s: the phases give step(…, true)\'s θ and diagnostics, bit for bit; returned early they keep no tensor', async (name) => {
    const { algorithm, hyper, make } = algorithmStep(name);
    const whole = make();
    const wholeValues = tf.tidy(() => algorithm.step(whole.batch, whole.context, hyper, true)?.values);
    const phased = make();
    const phases = algorithm.diagnosedPhases?.(phased.batch, phased.context, hyper);
    let result = phases?.next();
    let count = 1;
    while (result && !result.done) [result, count] = [phases?.next(), count + 1];
    expect(count).toBe(name.startsWith('locoprop') ? INNER_STEPS + 2 : 2);
    const diagnostics = result?.done ? result.value : null;
    const read = async (t: tf.Tensor | undefined): Promise<number[]> => Array.from(t ? await t.data() : []);
    expect(await read(diagnostics?.values)).toEqual(await read(wholeValues));
    expect((await read(wholeValues)).length).toBeGreaterThan(0);
    expect(await read(phased.context.theta)).toEqual(await read(whole.context.theta));
    tf.dispose([diagnostics?.values, wholeValues].filter((t): t is tf.Tensor1D => t !== undefined));
    for (let after = 1; after < count; after++) {
      const held = tf.memory().numTensors;
      const cut = algorithm.diagnosedPhases?.(phased.batch, phased.context, hyper);
      for (let i = 0; i < after; i++) cut?.next();
      cut?.return(null);
      expect(tf.memory().numTensors).toBe(held);
    }
    whole.dispose();
    phased.dispose();
  });
});

describe('a diagnosis in pieces', () => {
  it.each(CASES)('%s: piece by piece, the same bits as in one call', async (_, overrides, pieces) => {
    const whole = session(overrides);
    const inPieces = session(overrides);
    whole.runSteps(6, true);
    inPieces.runSteps(6, true, true);
    const diagnosis = inPieces.unfinishedDiagnosis;
    let ran = 0;
    while (diagnosis?.next()) ran += 1;
    expect(ran + 1).toBe(pieces);
    expect(inPieces.unfinishedDiagnosis).toBeNull();
    const [left, right] = [await readBack(whole), await readBack(inPieces)];
    expect(left[2]).not.toBeNull();
    expect(right).toEqual(left);
    whole.dispose();
    inPieces.dispose();
  });

  it.each(CASES)('%s: dropped after any piece, no tensor kept and the run goes on as if never diagnosed', async (_, overrides, pieces) => {
    const plain = session(overrides);
    const dropped = session(overrides);
    plain.runSteps(3);
    dropped.runSteps(3);
    await Promise.all([plain.evaluate(false), dropped.evaluate(false)]);
    for (let after = 0; after < pieces; after++) {
      const held = tf.memory().numTensors;
      plain.runSteps(2);
      dropped.runSteps(2, true, true);
      const diagnosis = dropped.unfinishedDiagnosis;
      for (let i = 0; i < after; i++) diagnosis?.next();
      expect(diagnosis?.pending).toBe(true);
      diagnosis?.abandon();
      expect(dropped.unfinishedDiagnosis).toBeNull();
      expect(tf.memory().numTensors).toBe(held);
      const [left, right] = [await readBack(plain), await readBack(dropped)];
      expect(right[2]).toBeNull();
      expect(right[3]).toBeNull();
      expect(right).toEqual(left);
    }
    plain.dispose();
    dropped.dispose();
  });

  it('a diagnosis left unfinished is finished by the next evaluation, or by the next steps before they run', async () => {
    const overrides = { kernels: 'fused', algorithm: 'locoprop-m' } as const;
    const [whole, evaluated, stepped] = [session(overrides), session(overrides), session(overrides)];
    whole.runSteps(4, true);
    evaluated.runSteps(4, true, true);
    stepped.runSteps(4, true, true);
    evaluated.unfinishedDiagnosis?.next();
    expect(evaluated.unfinishedDiagnosis?.pending).toBe(true);
    expect(await readBack(evaluated)).toEqual(await readBack(whole));
    // The next steps finish it first (it reads θ after its step); it is read back with their evaluation.
    whole.runSteps(3);
    stepped.runSteps(3);
    expect(stepped.unfinishedDiagnosis).toBeNull();
    const [left, right] = [await readBack(whole), await readBack(stepped)];
    expect(right[0]).toBe(left[0]);
    expect(right[1]).toEqual(left[1]);
    expect(right[2]).not.toBeNull();
    for (const s of [whole, evaluated, stepped]) s.dispose();
  });
});
