/**
 * The fused CPU evaluation against the plain TF.js path (evaluationTensors.ts measurementTensors on the CPU
 * backend), bit for bit: every hidden activation × every loss (sigmoid and softmax cross-entropy, squared error,
 * the autoencoder's sigmoid cross-entropy on its own inputs), row counts across TF.js's matMul block (48) and this
 * module's chunk (256), inputs wider than a block, a validation set, accuracy included.
 */
import '../../test/setupTf';
import * as tf from '@tensorflow/tfjs-core';
import { describe, expect, it } from 'vitest';
import type { Dataset, Examples } from '../data/dataset';
import { hasClasses, type Problem, type ProblemTask } from '../data/problem';
import { measurementTensors, readMeasurements, uploadConstants } from '../evaluationTensors';
import { lossKindFor } from '../model/losses';
import { networkLayout, unpackParameters, type NetworkLayout } from '../model/mlp';
import type { Activation } from '../names';
import { createRandom, type Random } from '../random';
import { CHUNK_ROWS, cpuMeasurements, type CpuMeasurements } from './cpuEvaluate';
import { MATMUL_BLOCK } from './cpuMatMul';

const OUTPUTS: Record<ProblemTask, number> = { binary: 1, classes: 10, regression: 2, autoencoder: 0 };

function examples(task: ProblemTask, rows: number, inputSize: number, random: Random): Examples {
  // Some exact zeros among the inputs, as image pixels have (the products skip them).
  const inputs = Float32Array.from({ length: rows * inputSize }, () => (task === 'autoencoder' ? random.next() : random.next() < 0.2 ? 0 : random.uniform(-2, 2)));
  if (task === 'autoencoder') return { inputs, targets: inputs, labels: null, count: rows };
  const width = OUTPUTS[task];
  const labels = Uint8Array.from({ length: rows }, () => random.int(task === 'classes' ? width : 2));
  const targets = new Float32Array(rows * width);
  for (let r = 0; r < rows; r++) {
    if (task === 'regression') for (let j = 0; j < width; j++) targets[r * width + j] = random.normal();
    else if (task === 'classes') targets[r * width + labels[r]] = 1;
    else targets[r] = labels[r];
  }
  return { inputs, targets, labels: task === 'regression' ? null : labels, count: rows };
}

function dataset(task: ProblemTask, rows: { train: number; test: number; validation: number }, inputSize: number, seed: number): Dataset {
  const random = createRandom(seed);
  const outputSize = task === 'autoencoder' ? inputSize : OUTPUTS[task];
  const problem: Problem = {
    dataset: 'synthetic',
    title: 'synthetic',
    task,
    inputSize,
    outputSize,
    featureNames: Array.from({ length: inputSize }, (_, i) => `x${i}`),
    classNames: task === 'binary' ? ['0', '1'] : task === 'classes' ? Array.from({ length: outputSize }, (_, c) => `${c}`) : null,
    image: null,
    extent: 0,
    trainCount: rows.train,
    validationCount: rows.validation,
    testCount: rows.test,
  };
  const validation = rows.validation > 0 ? examples(task, rows.validation, inputSize, random) : null;
  return { problem, train: examples(task, rows.train, inputSize, random), validation, test: examples(task, rows.test, inputSize, random) };
}

/** θ drawn wide enough that logits reach the losses' far ranges (saturated sigmoids, large softmax margins). */
function theta(layout: NetworkLayout, seed: number, scale: number): Float32Array {
  const random = createRandom(seed);
  return Float32Array.from({ length: layout.parameterCount }, () => scale * random.normal());
}

/** The plain path: measurementTensors on the CPU backend, read back as the session reads it. */
async function plain(data: Dataset, layout: NetworkLayout, values: Float32Array): Promise<CpuMeasurements> {
  const constants = uploadConstants(data, layout);
  const network = { layout, lossKind: lossKindFor(data.problem.task), classCount: hasClasses(data.problem) ? Math.max(2, data.problem.outputSize) : 0 };
  const packed = tf.tidy(() => tf.concat(measurementTensors({ ...network, params: unpackParameters(tf.tensor1d(values), layout) }, constants, false)));
  const read = await packed.data();
  packed.dispose();
  Object.values(constants).forEach((t) => (t instanceof tf.Tensor ? t.dispose() : undefined));
  let offset = 0;
  const m = readMeasurements((n) => new Float32Array(read.subarray(offset, (offset += n))), network, constants, false);
  return { trainLoss: m.trainLoss, testLoss: m.testLoss, trainAccuracy: m.trainAccuracy, testAccuracy: m.testAccuracy, validationLoss: m.validationLoss, validationAccuracy: m.validationAccuracy };
}

function fused(data: Dataset, layout: NetworkLayout, values: Float32Array): CpuMeasurements | null {
  const { problem } = data;
  const network = { layout, lossKind: lossKindFor(problem.task), classCount: hasClasses(problem) ? Math.max(2, problem.outputSize) : 0 };
  const rows = (e: Examples) => ({ inputs: e.inputs, targets: e.targets, rows: e.count });
  return cpuMeasurements(network, values, { train: rows(data.train), test: rows(data.test), validation: data.validation ? rows(data.validation) : null });
}

const TASKS: ProblemTask[] = ['binary', 'classes', 'regression', 'autoencoder'];
const ACTIVATIONS: Activation[] = ['tanh', 'relu', 'sigmoid', 'linear'];

describe('fused CPU evaluation', () => {
  it('the block and chunk sizes the row counts below straddle', () => {
    expect([MATMUL_BLOCK, CHUNK_ROWS]).toEqual([48, 256]);
  });

  it.each(TASKS.flatMap((task) => ACTIVATIONS.map((activation) => [task, activation] as const)))(
    'equals the plain TF.js evaluation bit for bit: %s, %s hidden units, rows 1 to 300, 2 and 60 inputs',
    async (task, activation) => {
      const cases = [
        { rows: { train: 1, test: 47, validation: 0 }, inputSize: 2, scale: 1 },
        { rows: { train: 48, test: 49, validation: 5 }, inputSize: 60, scale: 0.5 },
        { rows: { train: 300, test: 97, validation: 48 }, inputSize: 3, scale: 3 },
      ];
      for (const [i, c] of cases.entries()) {
        const data = dataset(task, c.rows, c.inputSize, 11 + i);
        const layout = networkLayout(c.inputSize, [7, 5], [activation, activation], data.problem.outputSize);
        const values = theta(layout, 101 + i, c.scale);
        const expected = await plain(data, layout, values);
        expect(fused(data, layout, values)).toEqual(expected);
        // Accuracy is measured where there are classes, and only there.
        expect(Number.isNaN(expected.trainAccuracy)).toBe(!hasClasses(data.problem));
        expect(Number.isNaN(expected.validationLoss)).toBe(c.rows.validation === 0);
      }
    },
  );

  it.each(TASKS)('equals it on single rows, where no mean hides the rounding of one example loss: %s', async (task) => {
    for (let seed = 0; seed < 40; seed++) {
      const data = dataset(task, { train: 1, test: 1, validation: 1 }, 3, 500 + seed);
      const layout = networkLayout(3, [6], ['tanh'], data.problem.outputSize);
      const values = theta(layout, 700 + seed, 0.3 + (seed % 4));
      expect(fused(data, layout, values)).toEqual(await plain(data, layout, values));
    }
  });

  it('a θ with a non-finite entry is refused (the plain path measures it)', () => {
    const data = dataset('binary', { train: 10, test: 10, validation: 0 }, 2, 3);
    const layout = networkLayout(2, [4], ['relu'], 1);
    const values = theta(layout, 5, 1);
    expect(fused(data, layout, values)).not.toBeNull();
    values[3] = Number.POSITIVE_INFINITY;
    expect(fused(data, layout, values)).toBeNull();
    values[3] = Number.NaN;
    expect(fused(data, layout, values)).toBeNull();
  });

  it("a NaN input gives the plain path's NaN loss through every activation (ReLU keeps it, as its kernel does)", async () => {
    for (const activation of ACTIVATIONS) {
      const data = dataset('binary', { train: 10, test: 10, validation: 0 }, 2, 3);
      data.train.inputs[4] = Number.NaN;
      const layout = networkLayout(2, [4], [activation], 1);
      const values = theta(layout, 5, 1);
      const expected = await plain(data, layout, values);
      expect(expected.trainLoss).toBeNaN();
      expect(fused(data, layout, values)).toEqual(expected);
    }
  });
});
