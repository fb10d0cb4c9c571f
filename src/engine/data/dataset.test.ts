import { describe, expect, it } from 'vitest';
import { createRandom } from '../random';
import { buildGeneratedDataset, MinibatchSampler, nextBatch } from './dataset';
import { CLASSIFICATION_DATASETS, GENERATED_DATASETS, generatePoints, REGRESSION_DATASETS, type GeneratedDataset } from './generators';

const spec = (name: GeneratedDataset, seed = 7) => ({
  name,
  points: 400,
  noisePercent: 10,
  trainPercent: 60,
  validationPercent: 0,
  seed,
  goal: 'supervised' as const,
  features: [],
});
const buildDataset = buildGeneratedDataset;
const pointCount = (examples: { count: number }): number => examples.count;

describe('data sets', () => {
  it.each(GENERATED_DATASETS)('%s is the same for the same seed and differs for another seed', (name) => {
    const a = buildDataset(spec(name));
    const b = buildDataset(spec(name));
    const c = buildDataset(spec(name, 8));
    expect(a.train.inputs).toEqual(b.train.inputs);
    expect(a.test.targets).toEqual(b.test.targets);
    expect(a.train.inputs).not.toEqual(c.train.inputs);
  });

  it.each(GENERATED_DATASETS)('%s has the requested sizes and inputs inside [-1, 1]', (name) => {
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
    const sampler = new MinibatchSampler(data.train.count, 11);
    const batch = 8;
    for (let step = 0; step < n / batch; step++) {
      const { inputs } = nextBatch(sampler, data.train, data.problem, batch);
      for (let i = 0; i < batch; i++) {
        const key = `${inputs[2 * i]},${inputs[2 * i + 1]}`;
        seen.set(key, (seen.get(key) ?? 0) + 1);
      }
    }
    expect(seen.size).toBe(n);
    expect([...seen.values()].every((c) => c === 1)).toBe(true);

    const first = nextBatch(new MinibatchSampler(data.train.count, 11), data.train, data.problem, batch).inputs;
    const second = nextBatch(new MinibatchSampler(data.train.count, 12), data.train, data.problem, batch).inputs;
    const third = nextBatch(new MinibatchSampler(data.train.count, 11), data.train, data.problem, batch).inputs;
    expect(first).toEqual(third);
    expect(first).not.toEqual(second);
  });
});
