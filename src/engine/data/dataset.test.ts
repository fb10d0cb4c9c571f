import { describe, expect, it } from 'vitest';
import { createRandom } from '../random';
import { buildDataset, MinibatchSampler, pointCount } from './dataset';
import { CLASSIFICATION_DATASETS, DATASET_NAMES, generatePoints, REGRESSION_DATASETS } from './generators';

const spec = (name: (typeof DATASET_NAMES)[number], seed = 7) => ({
  name,
  points: 400,
  noisePercent: 10,
  trainPercent: 60,
  seed,
});

describe('data sets', () => {
  it.each(DATASET_NAMES)('%s is the same for the same seed and differs for another seed', (name) => {
    const a = buildDataset(spec(name));
    const b = buildDataset(spec(name));
    const c = buildDataset(spec(name, 8));
    expect(a.train.inputs).toEqual(b.train.inputs);
    expect(a.test.targets).toEqual(b.test.targets);
    expect(a.train.inputs).not.toEqual(c.train.inputs);
  });

  it.each(DATASET_NAMES)('%s has the requested sizes and inputs inside [-1, 1]', (name) => {
    const data = buildDataset(spec(name));
    expect(pointCount(data.train)).toBe(240);
    expect(pointCount(data.test)).toBe(160);
    expect(data.train.inputs.length).toBe(480);
    for (const v of [...data.train.inputs, ...data.test.inputs]) {
      expect(Math.abs(v)).toBeLessThanOrEqual(1);
    }
  });

  it.each(['circle', 'gaussians', 'spiral', 'moons'] as const)('%s without noise has exactly balanced labels', (name) => {
    const { targets } = generatePoints(name, 500, 0, createRandom(3));
    const positives = targets.reduce((s, t) => s + t, 0);
    expect(positives).toBe(250);
    expect(new Set(targets)).toEqual(new Set([0, 1]));
  });

  it('xor labels are roughly balanced and follow the quadrant rule without noise', () => {
    const { inputs, targets } = generatePoints('xor', 2000, 0, createRandom(4));
    const positives = targets.reduce((s, t) => s + t, 0);
    expect(positives).toBeGreaterThan(900);
    expect(positives).toBeLessThan(1100);
    for (let i = 0; i < targets.length; i++) {
      expect(targets[i]).toBe(inputs[2 * i] * inputs[2 * i + 1] >= 0 ? 1 : 0);
    }
  });

  it('circle without noise puts class 1 inside radius 2.5 (of 6) and class 0 outside 3.5', () => {
    const { inputs, targets } = generatePoints('circle', 400, 0, createRandom(5));
    for (let i = 0; i < targets.length; i++) {
      const r = Math.hypot(inputs[2 * i], inputs[2 * i + 1]) * 6;
      if (targets[i] === 1) expect(r).toBeLessThan(2.5 + 1e-6);
      else expect(r).toBeGreaterThan(3.5 - 1e-6);
    }
  });

  it.each(REGRESSION_DATASETS)('%s regression targets lie in [-1.2, 1.2] and are not constant', (name) => {
    const { targets } = generatePoints(name, 500, 0, createRandom(6));
    expect(Math.max(...targets)).toBeLessThanOrEqual(1.2);
    expect(Math.min(...targets)).toBeGreaterThanOrEqual(-1.2);
    expect(Math.max(...targets) - Math.min(...targets)).toBeGreaterThan(1);
  });

  it('classification sets have 0/1 labels', () => {
    for (const name of CLASSIFICATION_DATASETS) {
      const { targets } = generatePoints(name, 200, 0.3, createRandom(1));
      for (const t of targets) expect(t === 0 || t === 1).toBe(true);
    }
  });
});

describe('minibatches', () => {
  it('visit every training point exactly once per epoch, in a seeded order', () => {
    const data = buildDataset(spec('spiral'));
    const n = pointCount(data.train);
    const seen = new Map<string, number>();
    const sampler = new MinibatchSampler(data.train, 11);
    const batch = 8;
    const inputs = new Float32Array(batch * 2);
    const targets = new Float32Array(batch);
    for (let step = 0; step < n / batch; step++) {
      sampler.next(inputs, targets);
      for (let i = 0; i < batch; i++) {
        const key = `${inputs[2 * i]},${inputs[2 * i + 1]}`;
        seen.set(key, (seen.get(key) ?? 0) + 1);
      }
    }
    expect(seen.size).toBe(n);
    expect([...seen.values()].every((c) => c === 1)).toBe(true);

    const again = new MinibatchSampler(data.train, 11);
    const first = new Float32Array(batch * 2);
    again.next(first, new Float32Array(batch));
    const other = new MinibatchSampler(data.train, 12);
    const second = new Float32Array(batch * 2);
    other.next(second, new Float32Array(batch));
    const reference = new MinibatchSampler(data.train, 11);
    const third = new Float32Array(batch * 2);
    reference.next(third, new Float32Array(batch));
    expect(first).toEqual(third);
    expect(first).not.toEqual(second);
  });
});
