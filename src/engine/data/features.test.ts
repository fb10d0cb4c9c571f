import { describe, expect, it } from 'vitest';
import { planeGridInputs } from '../evaluationTensors';
import { buildGeneratedDataset } from './dataset';
import { featurizePoints, inputFeaturesOf, INPUT_FEATURES } from './features';
import { isPlanar, planeAxisNames } from './problem';

const spec = (features: string[]) => ({
  name: 'circle' as const,
  points: 200,
  noisePercent: 10,
  trainPercent: 50,
  validationPercent: 20,
  seed: 4,
  goal: 'supervised' as const,
  features,
});

describe('the 2-D feature inputs (TensorFlow Playground, src/playground.ts INPUTS)', () => {
  it('computes each feature of a point, the sines in Playground units (sin 6x), rounded to float32 once', () => {
    const points = new Float32Array([0.5, -0.25]);
    const all = featurizePoints(points, INPUT_FEATURES);
    // sin(3) = 0.1411200080598672 and sin(−1.5) = −0.9974949866040544, rounded to float32.
    expect(Array.from(all)).toEqual([0.5, -0.25, 0.25, 0.0625, -0.125, Math.fround(0.1411200080598672), Math.fround(-0.9974949866040544)]);
    expect(Array.from(featurizePoints(new Float32Array([0.5, -0.25, 0, 1]), ['x2', 'x1x2']))).toEqual([-0.25, -0.125, 1, 0]);
  });

  it('x1, x2 is the points themselves: the same array, so a run without features is the run it was', () => {
    const points = new Float32Array([0.1, 0.2, 0.3, 0.4]);
    expect(featurizePoints(points, ['x1', 'x2'])).toBe(points);
    const plain = buildGeneratedDataset(spec([]));
    expect(plain.problem.inputSize).toBe(2);
    expect(plain.problem.featureNames).toEqual(['x₁', 'x₂']);
    expect(plain.train.points).toBeUndefined();
    expect(buildGeneratedDataset(spec(['x1', 'x2'])).train.inputs).toEqual(plain.train.inputs);
  });

  it('names in catalog order whatever order a link gives; none named (or none known) is x1, x2', () => {
    expect(inputFeaturesOf(['sinx1', 'x1sq', 'x1'])).toEqual(['x1', 'x1sq', 'sinx1']);
    expect(inputFeaturesOf([])).toEqual(['x1', 'x2']);
    expect(inputFeaturesOf(['zz'])).toEqual(['x1', 'x2']);
  });

  it('the input width follows the features; points, split and validation rows do not move', () => {
    const plain = buildGeneratedDataset(spec([]));
    const four = buildGeneratedDataset(spec(['x1', 'x2', 'x1sq', 'sinx1']));
    expect(four.problem.inputSize).toBe(4);
    expect(four.problem.featureNames).toEqual(['x₁', 'x₂', 'x₁²', 'sin 6x₁']);
    expect(four.problem.inputFeatures).toEqual(['x1', 'x2', 'x1sq', 'sinx1']);
    for (const part of ['train', 'validation', 'test'] as const) {
      const a = plain[part];
      const b = four[part];
      if (!a || !b) throw new Error(`no ${part} part`);
      expect(b.points).toEqual(a.inputs);
      expect(b.inputs.length).toBe(b.count * 4);
      for (let i = 0; i < b.count; i++) {
        const [x1, x2] = [a.inputs[2 * i], a.inputs[2 * i + 1]];
        expect(Array.from(b.inputs.subarray(4 * i, 4 * i + 4))).toEqual([x1, x2, Math.fround(x1 * x1), Math.fround(Math.sin(6 * x1))]);
      }
      expect(b.targets).toEqual(a.targets);
    }
    // One feature alone still shows on the plane, whose axes stay x₁ and x₂.
    const one = buildGeneratedDataset(spec(['x1x2']));
    expect(one.problem.inputSize).toBe(1);
    expect(isPlanar(one.problem)).toBe(true);
    expect(planeAxisNames(one.problem)).toEqual(['x₁', 'x₂']);
  });

  it("the plane's grid is fed the same features as the data (planeGridInputs)", () => {
    const { problem } = buildGeneratedDataset(spec(['x2sq', 'sinx2']));
    const grid = planeGridInputs(problem, 4);
    expect(grid.length).toBe(16 * 2);
    // Row 0 is the top (x₂ = 0.75), column 0 the left (x₁ = −0.75): x₂² and sin(6 · 0.75).
    expect(Array.from(grid.subarray(0, 2))).toEqual([Math.fround(0.5625), Math.fround(-0.977530117665097)]);
    // Without features the grid is the points, two columns.
    const plain = buildGeneratedDataset(spec([])).problem;
    expect(Array.from(planeGridInputs(plain, 2))).toEqual([-0.5, 0.5, 0.5, 0.5, -0.5, -0.5, 0.5, -0.5]);
  });
});
