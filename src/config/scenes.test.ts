import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { defaultConfig, FIELD_NAMES, sanitizeConfig, scopeOf } from './experiment';
import { decodeExperiment, encodeExperiment, sceneOfQuery } from './experimentUrl';
import { paperScene } from './paperScene';
import { findScene, SCENES, sceneConfigs } from './scenes';

const REQUIRED_TITLES = [
  'Backprop learns a spiral',
  'LocoProp-M vs backprop from the same start',
  'What LocoProp’s targets look like',
  'LR range test, then cyclical learning rates',
  'One-cycle vs constant',
  'Too high a learning rate',
  'γ and K: LocoProp’s two knobs',
  'The paper: a deep autoencoder',
];

describe('the scene library', () => {
  it('has at least 8 scenes with unique URL-safe names, the required titles, narration and what to watch', () => {
    expect(SCENES.length).toBeGreaterThanOrEqual(8);
    expect(new Set(SCENES.map((s) => s.name)).size).toBe(SCENES.length);
    for (const scene of SCENES) {
      expect(scene.name).toMatch(/^[a-z0-9]+(-[a-z0-9]+)*$/);
      expect(encodeURIComponent(scene.name)).toBe(scene.name);
      const sentences = scene.narration.split(/(?<=[.!?])\s+(?=[A-Z])/);
      expect(sentences.length, scene.name).toBeGreaterThanOrEqual(2);
      expect(sentences.length, scene.name).toBeLessThanOrEqual(3);
      expect(scene.watch.length, scene.name).toBeGreaterThan(20);
      expect(scene.runs.length, scene.name).toBeGreaterThanOrEqual(1);
    }
    for (const title of REQUIRED_TITLES) expect(SCENES.map((s) => s.title)).toContain(title);
  });

  it.each(SCENES.map((s) => [s.name]))('%s validates against the schema with no problem and sets no experiment-wide field', (name) => {
    const scene = findScene(name)!;
    for (const layer of [scene.base, ...scene.runs]) {
      for (const field of Object.keys(layer)) {
        expect(FIELD_NAMES as string[]).toContain(field);
        expect(scopeOf(field as (typeof FIELD_NAMES)[number]), `${name}.${field}`).toBe('run');
      }
      expect(sanitizeConfig({ ...defaultConfig(), ...scene.base, ...layer }).problems).toEqual([]);
    }
    const configs = sceneConfigs(scene);
    expect(configs).toHaveLength(scene.runs.length);
    // Every run is a real change from the defaults (a scene that sets nothing would be no scene).
    expect(configs[0]).not.toEqual(defaultConfig());
  });

  it('the paper scene is config/paperScene.ts, run for run', () => {
    expect(sceneConfigs(findScene('paper-autoencoder')!)).toEqual(paperScene(defaultConfig()));
  });

  it('keeps the viewer’s backend and other experiment-wide fields', () => {
    const configs = sceneConfigs(findScene('too-high-learning-rate')!, { ...defaultConfig(), backend: 'cpu', pacing: 'time', seed: 9 });
    expect(configs.map((c) => [c.backend, c.pacing, c.seed])).toEqual([['cpu', 'time', 1], ['cpu', 'time', 1], ['cpu', 'time', 1]]);
  });
});

describe('?scene= in the address: a layer over the scene', () => {
  it.each(SCENES.map((s) => [s.name]))('?scene=%s alone opens the scene, and the scene encodes as its name only', (name) => {
    const scene = findScene(name)!;
    const decoded = decodeExperiment(`?scene=${name}`);
    expect(decoded.problems).toEqual([]);
    expect(decoded.scene).toBe(scene);
    expect(decoded.runs).toEqual(sceneConfigs(scene));
    expect(encodeExperiment(decoded.runs, scene)).toBe(`scene=${name}`);
  });

  it('round-trips a scene with overrides on every layer, writing only the differences', () => {
    const scene = findScene('gamma-and-k')!;
    const [r1, r2, r3, r4] = sceneConfigs(scene, { ...defaultConfig(), backend: 'cpu' });
    // The plain layer (learning rate) applies to all runs; run 3 changes γ again; one run more than the scene.
    const runs = [
      { ...r1, learningRate: 0.02 },
      { ...r2, learningRate: 0.02 },
      { ...r3, learningRate: 0.02, gamma: 10 },
      { ...r4, learningRate: 0.02 },
      { ...r1, learningRate: 0.02, innerOptimizer: 'sgd' as const },
    ];
    const query = encodeExperiment(runs, scene);
    expect(query).toBe('scene=gamma-and-k&learningRate=0.02&backend=cpu&runs=5&r3.gamma=10&r5.innerOptimizer=sgd&v=1');
    const decoded = decodeExperiment(query);
    expect(decoded.problems).toEqual([]);
    expect(decoded.scene).toBe(scene);
    expect(decoded.runs).toEqual(runs);
  });

  it('round-trips fewer runs than the scene, and a change of the network over the scene', () => {
    const scene = findScene('paper-autoencoder')!;
    const [backprop] = sceneConfigs(scene);
    const runs = [{ ...backprop, hidden: [64, 16, 64], activation: ['tanh' as const, 'linear' as const, 'tanh' as const], seed: 4 }];
    const query = encodeExperiment(runs, scene);
    expect(query).toBe('scene=paper-autoencoder&seed=4&hidden=64,16,64&activation=tanh,linear,tanh&runs=1&v=1');
    const decoded = decodeExperiment(query);
    expect(decoded.problems).toEqual([]);
    expect(decoded.runs).toEqual(runs);
  });

  it('hidden layers given over a scene without activations take the scene’s first activation', () => {
    const decoded = decodeExperiment('?scene=digits&hidden=16,16');
    expect(decoded.problems).toEqual([]);
    expect(decoded.runs[0]).toMatchObject({ dataset: 'digits', hidden: [16, 16], activation: ['relu', 'relu'] });
  });

  it('a bad value falls back to the scene’s, by name', () => {
    const decoded = decodeExperiment('?scene=too-high-learning-rate&learningRate=abc&r3.learningRate=-1');
    expect(decoded.problems.map((p) => p.field)).toEqual(['learningRate', 'r3.learningRate']);
    expect(decoded.problems[0].message).toContain("using the scene's value, 0.05");
    expect(decoded.runs.map((r) => r.learningRate)).toEqual([0.05, 0.5, 5]);
  });

  it('an unknown scene is reported by name and the defaults are used', () => {
    const decoded = decodeExperiment('?scene=no-such-scene&seed=3');
    expect(decoded.scene).toBeNull();
    expect(decoded.problems).toHaveLength(1);
    expect(decoded.problems[0].field).toBe('scene');
    expect(decoded.problems[0].message).toContain('"no-such-scene"');
    expect(decoded.problems[0].message).toContain('using the defaults');
    expect(decoded.runs).toEqual([{ ...defaultConfig(), seed: 3 }]);
    expect(sceneOfQuery('?scene=no-such-scene')).toBeNull();
    expect(sceneOfQuery('?scene=digits&seed=2')?.name).toBe('digits');
  });
});

describe('README', () => {
  it('lists every scene name in the URL parameters table', () => {
    const readme = readFileSync(new URL('../../README.md', import.meta.url), 'utf8');
    const row = readme.split('\n').find((line) => line.startsWith('| `scene` |')) ?? '';
    for (const scene of SCENES) expect(row).toContain(scene.name);
  });
});
