import '../../test/setupTf';
import * as tf from '@tensorflow/tfjs-core';
import { describe, expect, it, vi } from 'vitest';
import { defaultConfig, type ExperimentConfig } from '../../config/experiment';
import { runSpecOf, trainingSettingsOf } from '../../config/toEngine';
import { gridInputs } from '../../engine/evaluationTensors';
import { networkLayout, unpackParameters } from '../../engine/model/mlp';
import { sessionOnGeneratedData, TrainingSession } from '../../engine/session';
import { NEURON_BINS, neuronGridSide, neuronsLength, neuronsShape, readNeurons } from './declaration';
import { measureNeurons, neuronInputs } from './measure';

/** A 2 → 3 (tanh) → 2 (relu) → 1 network with every weight written out. */
const W1 = [
  [0.5, -1.2, 0.3],
  [0.8, 0.4, -0.7],
];
const B1 = [0.1, -0.2, 0.05];
const W2 = [
  [1.1, -0.6],
  [-0.9, 0.7],
  [0.25, 1.3],
];
const B2 = [0.2, -0.1];
const W3 = [[0.6], [-0.4]];
const B3 = [0.3];
const flat = (w: number[][]): number[] => w.flat();
const THETA = new Float32Array([...flat(W1), ...B1, ...flat(W2), ...B2, ...flat(W3), ...B3]);
const LAYOUT = networkLayout(2, [3, 2], ['tanh', 'relu'], 1);

/** The hidden outputs at (x1, x2), in float64, by hand. */
function hiddenAt(x1: number, x2: number): number[][] {
  const h1 = [0, 1, 2].map((j) => Math.tanh(x1 * W1[0][j] + x2 * W1[1][j] + B1[j]));
  const h2 = [0, 1].map((j) => Math.max(0, h1[0] * W2[0][j] + h1[1] * W2[1][j] + h1[2] * W2[2][j] + B2[j]));
  return [h1, h2];
}

describe('the neurons probe', () => {
  it('on a plane: each unit heatmap is that unit`s output at the plane cell under each coarse cell`s centre (1e-6); layers × units × side²', async () => {
    const extent = 6;
    const gridSize = 48;
    const shape = neuronsShape(LAYOUT, gridSize, 0);
    expect(shape.side).toBe(24);
    const measured = tf.tidy(() => {
      const grid = tf.tensor2d(gridInputs(extent, gridSize), [gridSize * gridSize, 2]);
      const params = unpackParameters(tf.tensor1d(THETA), LAYOUT);
      const rows = neuronInputs(shape, grid, tf.zeros([0, 2]));
      if (!rows) throw new Error('no rows');
      return measureNeurons(params, LAYOUT, shape, rows);
    });
    const values = await measured.data();
    measured.dispose();
    expect(values.length).toBe((3 + 2) * 24 * 24);
    expect(values.length).toBe(neuronsLength(shape));
    const reading = readNeurons(Float32Array.from(values), shape, THETA, LAYOUT, null);
    expect(reading.plane?.layers.map((l) => l.length)).toEqual([3 * 576, 2 * 576]);
    // Coarse cell (r, c) covers fine cells 2r, 2r+1; its centre lies in fine cell 2r+1 (the stride's middle).
    let worst = 0;
    for (let r = 0; r < 24; r++) {
      for (let c = 0; c < 24; c++) {
        const x1 = extent * (-1 + (2 * (2 * c + 1 + 0.5)) / gridSize);
        const x2 = extent * (1 - (2 * (2 * r + 1 + 0.5)) / gridSize);
        const expected = hiddenAt(x1, x2);
        expected.forEach((layer, m) =>
          layer.forEach((value, unit) => {
            worst = Math.max(worst, Math.abs((reading.plane?.layers[m][unit * 576 + r * 24 + c] ?? NaN) - value));
          }),
        );
      }
    }
    expect(worst).toBeLessThan(1e-6);
    // The edges and ranges come from θ as it is.
    expect(Array.from(reading.edges?.[1].weights ?? [])).toEqual(Array.from(Float32Array.from(flat(W2))));
    expect(reading.incoming[0].min[1]).toBeCloseTo(-1.2, 6);
    expect(reading.incoming[0].max[1]).toBeCloseTo(0.4, 6);
    expect(reading.incoming[1].bias[1]).toBeCloseTo(-0.1, 6);
  });

  it('without a plane: each unit`s histogram counts its activations over the test batch in its layer`s bins', async () => {
    const inputs = [
      [0, 0],
      [1, -1],
      [-2, 0.5],
      [0.3, 0.3],
      [3, 2],
    ];
    const shape = neuronsShape(LAYOUT, 0, inputs.length);
    expect(shape).toMatchObject({ side: 0, examples: 5, bins: NEURON_BINS });
    // Every kernel the histograms run takes float32 inputs only: TF.js WebGPU 4.22 casts int32 or bool to float32
    // by relabelling the buffer, and a later shader reading it failed to compile, zeroing the tick's readback.
    const engine = tf.engine();
    const runKernel = engine.runKernel.bind(engine);
    const notFloat: string[] = [];
    const spy = vi.spyOn(engine, 'runKernel').mockImplementation((name, kernelInputs, attrs) => {
      for (const [key, t] of Object.entries(kernelInputs)) if (t && t.dtype !== 'float32') notFloat.push(`${name}.${key}: ${t.dtype}`);
      return runKernel(name, kernelInputs, attrs);
    });
    const params = unpackParameters(tf.tensor1d(THETA), LAYOUT);
    const rows = neuronInputs(shape, null, tf.tensor2d(inputs));
    if (!rows) throw new Error('no rows');
    let measured: tf.Tensor1D;
    try {
      measured = tf.tidy(() => measureNeurons(params, LAYOUT, shape, rows));
    } finally {
      spy.mockRestore();
      tf.dispose([rows, ...params.flatMap((p) => [p.weights, p.bias])]);
    }
    expect(notFloat).toEqual([]);
    const values = await measured.data();
    measured.dispose();
    const reading = readNeurons(Float32Array.from(values), shape, THETA, LAYOUT, null);
    const h = reading.histograms;
    if (!h) throw new Error('no histograms');
    [0, 1].forEach((m) => {
      const acts = inputs.map(([a, b]) => hiddenAt(a, b)[m]);
      const low = Math.min(...acts.flat());
      const high = Math.max(...acts.flat());
      expect(h.low[m]).toBeCloseTo(low, 6);
      expect(h.high[m]).toBeCloseTo(high, 6);
      acts[0].forEach((_, unit) => {
        const expected = new Array<number>(NEURON_BINS).fill(0);
        for (const a of acts) expected[Math.min(NEURON_BINS - 1, Math.floor(((a[unit] - low) / Math.max(high - low, 1e-12)) * NEURON_BINS))] += 1;
        expect(Array.from(h.counts[m].slice(unit * NEURON_BINS, (unit + 1) * NEURON_BINS))).toEqual(expected);
      });
    });
  });

  it('keeps to the budget: 6 × 64 units at 16² on a 48 grid, the default network at 24²; a 96 grid keeps the sides', () => {
    expect(neuronGridSide(48, 384)).toBe(16);
    expect(neuronGridSide(48, 16)).toBe(24);
    expect(neuronGridSide(96, 384)).toBe(16);
    expect(neuronGridSide(96, 16)).toBe(24);
  });
});

function session(overrides: Partial<ExperimentConfig>): TrainingSession {
  const config = { ...defaultConfig(), ...overrides };
  return sessionOnGeneratedData(runSpecOf(config), trainingSettingsOf(config));
}

describe('the neurons probe in a session', () => {
  it('comes only while the view is on: at the first evaluation after, then with each diagnosed step, equal to the network read back with it', async () => {
    const s = session({ hidden: [4, 3], activation: ['tanh', 'sigmoid'] });
    expect((await s.evaluate(true)).evaluation.neurons).toBeNull();
    s.setNeuronView(true);
    const first = await s.evaluate(false);
    expect(first.evaluation.neurons?.plane?.layers.map((l) => l.length)).toEqual([4 * 576, 3 * 576]);
    s.runSteps(3);
    expect((await s.evaluate(true)).evaluation.neurons).toBeNull();
    s.runSteps(3, true);
    const { evaluation, snapshot } = await s.evaluate(false);
    const reading = evaluation.neurons;
    if (!reading?.plane) throw new Error('no reading after a diagnosed step');
    // Independently: the network of the snapshot θ on the plane cells the heatmap samples, unit by unit.
    const { extent } = s.dataset.problem;
    const gridSize = s.gridSize;
    const side = reading.plane.side;
    const stride = gridSize / side;
    const theta = snapshot.theta;
    const layers = s.layout.layers;
    const act = (f: string, a: number): number => (f === 'tanh' ? Math.tanh(a) : 1 / (1 + Math.exp(-a)));
    let worst = 0;
    for (let r = 0; r < side; r++) {
      for (let c = 0; c < side; c++) {
        const fine = [Math.floor(c * stride + stride / 2), Math.floor(r * stride + stride / 2)];
        let x = [extent * (-1 + (2 * (fine[0] + 0.5)) / gridSize), extent * (1 - (2 * (fine[1] + 0.5)) / gridSize)];
        for (let m = 0; m < 2; m++) {
          const { inputSize, outputSize, weightOffset, biasOffset, activation } = layers[m];
          const y = Array.from({ length: outputSize }, (_, j) => act(activation, x.reduce((sum, xi, i) => sum + xi * theta[weightOffset + i * outputSize + j], theta[biasOffset + j])));
          y.forEach((value, j) => (worst = Math.max(worst, Math.abs(reading.plane!.layers[m][j * side * side + r * side + c] - value))));
          expect(inputSize).toBe(x.length);
          x = y;
        }
      }
    }
    expect(worst).toBeLessThan(1e-6);
    s.setNeuronView(false);
    s.runSteps(2, true);
    expect((await s.evaluate(false)).evaluation.neurons).toBeNull();
    s.dispose();
  });

  it('samples the enlarged unit`s targets at a diagnosed step: unit 12 of 16, X·W + b before and after the step', async () => {
    const s = session({ algorithm: 'backprop', hidden: [16], activation: ['tanh'] });
    const { inputSize, outputSize, weightOffset, biasOffset } = s.layout.layers[0];
    expect(inputSize).toBe(2);
    s.setNeuronView(true, { layer: 0, unit: 11 });
    const before = (await s.snapshot()).theta;
    s.runSteps(1, true);
    const { evaluation, snapshot } = await s.evaluate(false);
    const layer = evaluation.diagnostics?.[0];
    const column = layer?.column;
    if (!layer || !column) throw new Error('no column for unit 12');
    expect(column.unit).toBe(11);
    expect(column.activation.length).toBe(8);
    // Backprop's H is A₁ = X·W₁ + b₁: each row's input x from units 1 and 2 of the block, then unit 12 by hand.
    const w = (theta: Float32Array, i: number, j: number): number => theta[weightOffset + i * outputSize + j];
    const at = (theta: Float32Array, x: number[], j: number): number => x[0] * w(theta, 0, j) + x[1] * w(theta, 1, j) + theta[biasOffset + j];
    for (let r = 0; r < 8; r++) {
      const [p, q] = [layer.activation[r * 8] - before[biasOffset], layer.activation[r * 8 + 1] - before[biasOffset + 1]];
      const det = w(before, 0, 0) * w(before, 1, 1) - w(before, 1, 0) * w(before, 0, 1);
      const x = [(p * w(before, 1, 1) - q * w(before, 1, 0)) / det, (q * w(before, 0, 0) - p * w(before, 0, 1)) / det];
      expect(column.activation[r]).toBeCloseTo(at(before, x, 11), 4);
      expect(column.landed[r]).toBeCloseTo(at(snapshot.theta, x, 11), 4);
    }
    // The view off: no unit is sampled past the block.
    s.setNeuronView(false);
    s.runSteps(1, true);
    expect((await s.evaluate(false)).evaluation.diagnostics?.[0].column).toBeUndefined();
    s.dispose();
  });

  it('on images: histograms of the first test examples and the first layer`s weights as images', async () => {
    const s = session({ hidden: [5], activation: ['relu'] });
    // The 2-D session stands in for the layout; the image reading is read from θ by shape alone.
    const theta = (await s.snapshot()).theta;
    const layout = networkLayout(4, [5], ['relu'], 1);
    const image = readNeurons(new Float32Array(0), { units: [5], shown: [5], side: 0, gridSize: 0, examples: 0, bins: NEURON_BINS }, theta.slice(0, layout.parameterCount), layout, { width: 2, height: 2 });
    const images = image.firstLayerImages;
    expect(images?.values.length).toBe(5 * 4);
    // Unit 3's image is column 3 of W₁ (inputs × units, row-major).
    expect(Array.from(images?.values.slice(12, 16) ?? [])).toEqual([0, 1, 2, 3].map((i) => theta[i * 5 + 3]));
    s.dispose();
  });
});
