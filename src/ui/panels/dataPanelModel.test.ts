import { describe, expect, it } from 'vitest';
import { defaultConfig } from '../../config/experiment';
import { DATASET_NAMES, type Problem } from '../../engine/data/problem';
import { CIRCLE_PROBLEM } from '../../test/problems';
import { applyPreset } from './networkPresets';
import { configForDataset, controlsFor, DATASET_GROUPS, DATASET_LABELS, featuresInUse, pickDataset, problemSummary, toggleFeature, toggleInputFeature } from './dataPanelModel';

function problem(overrides: Partial<Problem>): Problem {
  return { ...CIRCLE_PROBLEM, ...overrides };
}

describe('data set picker', () => {
  it('offers every data set exactly once, grouped 2-D, images, tables, your data', () => {
    const offered = DATASET_GROUPS.flatMap((group) => group.names);
    expect([...offered].sort()).toEqual([...DATASET_NAMES].sort());
    expect(DATASET_GROUPS.map((g) => g.title)).toEqual(['classification', 'regression', 'images', 'tables', 'your data']);
    expect(DATASET_LABELS.mnist14).toBe('MNIST 14×14');
    expect(DATASET_LABELS.custom).toBe('CSV file');
  });
});

describe('controlsFor', () => {
  it('noise and points only on the 2-D sets', () => {
    for (const name of DATASET_NAMES) {
      const generated = DATASET_GROUPS.slice(0, 2).some((g) => g.names.includes(name));
      expect(controlsFor(name).noise).toBe(generated);
      expect(controlsFor(name).points).toBe(generated);
    }
  });

  it('MNIST has a fixed split instead of the training split; digits, tables and CSV use the slider', () => {
    expect(controlsFor('mnist')).toMatchObject({ trainPercent: false, fixedSplit: 'fixed split: 10,000 train / 2,000 test' });
    expect(controlsFor('mnist14').trainPercent).toBe(false);
    for (const name of ['circle', 'digits', 'iris', 'penguins', 'custom'] as const) expect(controlsFor(name)).toMatchObject({ trainPercent: true, fixedSplit: null });
  });

  it('the task toggle on image sets, feature boxes on shipped tables, the CSV panel on custom', () => {
    expect(controlsFor('digits').task).toBe(true);
    expect(controlsFor('iris').task).toBe(false);
    expect(controlsFor('iris').featureNames).toHaveLength(4);
    expect(controlsFor('penguins').featureNames).toContain('Body Mass (g)');
    expect(controlsFor('mnist').featureNames).toBeNull();
    expect(controlsFor('custom').csv).toBe(true);
    expect(controlsFor('circle').csv).toBe(false);
  });
});

describe('feature choice', () => {
  it('none named means the two defaults', () => {
    expect(featuresInUse('iris', [])).toEqual(['petal length (cm)', 'petal width (cm)']);
    expect(featuresInUse('iris', ['sepal length (cm)'])).toEqual(['sepal length (cm)']);
  });

  it('ticking adds in catalog order; coming back to the defaults gives []', () => {
    const three = toggleFeature('iris', [], 'sepal length (cm)', true);
    expect(three).toEqual(['sepal length (cm)', 'petal length (cm)', 'petal width (cm)']);
    expect(toggleFeature('iris', three, 'sepal length (cm)', false)).toEqual([]);
  });

  it('never empties the list', () => {
    const one = toggleFeature('penguins', [], 'Beak Length (mm)', false);
    expect(one).toEqual(['Flipper Length (mm)']);
    expect(toggleFeature('penguins', one, 'Flipper Length (mm)', false)).toEqual(one);
  });

  it('ignores a name the set does not have', () => {
    expect(toggleFeature('iris', [], 'Body Mass (g)', true)).toEqual([]);
  });
});

describe('configForDataset', () => {
  it('clears features and the autoencoder where they no longer apply', () => {
    const start = { ...defaultConfig(), dataset: 'mnist14' as const, task: 'autoencoder' as const };
    expect(configForDataset(start, 'digits').task).toBe('autoencoder');
    expect(configForDataset(start, 'iris').task).toBe('supervised');
    expect(configForDataset({ ...defaultConfig(), dataset: 'iris', features: ['sepal length (cm)'] }, 'penguins').features).toEqual([]);
  });

  it('cuts a real-data network to the 2-D limits', () => {
    const big = { ...defaultConfig(), dataset: 'mnist14' as const, hidden: [128, 64, 16, 64, 128, 32, 8], activation: Array.from({ length: 7 }, () => 'tanh' as const) };
    const small = configForDataset(big, 'circle');
    expect(small.hidden).toEqual([64, 64, 16, 64, 64, 32]);
    expect(small.activation).toHaveLength(6);
  });

  it('picking the set in use changes nothing', () => {
    const config = { ...defaultConfig(), dataset: 'iris' as const, features: ['sepal length (cm)'] };
    expect(configForDataset(config, 'iris')).toBe(config);
  });
});

describe('the 2-D feature inputs', () => {
  it('are toggles on the 2-D sets only', () => {
    expect(controlsFor('spiral').inputFeatures).toBe(true);
    expect(controlsFor('hills').inputFeatures).toBe(true);
    for (const name of ['digits', 'mnist', 'iris', 'custom'] as const) expect(controlsFor(name).inputFeatures, name).toBe(false);
  });

  it('toggle in catalog order; back at x1, x2 the field is empty again (short links)', () => {
    const squared = toggleInputFeature([], 'x1sq');
    expect(squared).toEqual({ features: ['x1', 'x2', 'x1sq'], refused: null, restarted: "Feature inputs are now x₁, x₂, x₁²: the network's input layer changed, so a new run started from step 0 on them." });
    const sine = toggleInputFeature(squared.features, 'sinx1');
    expect(sine.features).toEqual(['x1', 'x2', 'x1sq', 'sinx1']);
    expect(toggleInputFeature(toggleInputFeature(sine.features, 'sinx1').features, 'x1sq')).toMatchObject({ features: [], refused: null });
    expect(toggleInputFeature([], 'x1')).toEqual({ features: ['x2'], refused: null, restarted: "Feature inputs are now x₂: the network's input layer changed, so a new run started from step 0 on them." });
  });

  it('the last one on stays on, and turning it off says so', () => {
    const refused = toggleInputFeature(['x1x2'], 'x1x2');
    expect(refused.features).toEqual(['x1x2']);
    expect(refused.refused).toBe('x₁x₂ is the only input left on: the network needs at least one.');
    // Refused: nothing changed, no new run to report.
    expect(refused.restarted).toBeNull();
  });

  it('are kept from one 2-D set to another, and cleared for real data', () => {
    const circle = { ...defaultConfig(), features: ['x1sq', 'x2sq'] };
    expect(configForDataset(circle, 'spiral').features).toEqual(['x1sq', 'x2sq']);
    expect(configForDataset(circle, 'digits').features).toEqual([]);
  });
});

describe("picking a data set applies its network unless the user has set one (issue 19 §8)", () => {
  it("MNIST on the default network: MNIST's preset, and a note saying so", () => {
    const { config, note } = pickDataset(defaultConfig(), 'mnist');
    expect(config).toMatchObject({ dataset: 'mnist', hidden: [128, 64], activation: ['relu', 'relu'], init: 'he' });
    expect(note).toBe("Network set to MNIST 28×28's preset 784-128-64-10; your own network is kept when you have set one.");
    expect(pickDataset(defaultConfig(), 'digits').config).toMatchObject({ hidden: [32], activation: ['relu'], init: 'he' });
    expect(pickDataset(defaultConfig(), 'iris').config).toMatchObject({ hidden: [16], activation: ['relu'], init: 'he' });
  });

  it('from one preset to the next, and back to the 2-D default', () => {
    const mnist = pickDataset(defaultConfig(), 'mnist').config;
    const autoencoder = pickDataset({ ...mnist, task: 'autoencoder' }, 'digits');
    expect(autoencoder.config.hidden).toEqual([32]);
    expect(autoencoder.note).toContain('64-32-64;');
    const back = pickDataset(mnist, 'circle');
    expect(back.config).toMatchObject({ hidden: [8, 8], activation: ['tanh', 'tanh'], init: 'glorot' });
    expect(back.note).toBe('Network set to the default network, 2-8-8-1, for Circle; your own network is kept when you have set one.');
    // A CSV file after an image set: the default network too, said as such (not as the file's "preset").
    const csv = pickDataset(pickDataset(defaultConfig(), 'digits').config, 'custom');
    expect(csv.config).toMatchObject({ hidden: [8, 8], activation: ['tanh', 'tanh'], init: 'glorot' });
    expect(csv.note).toBe('Network set to the default network, 8-8 hidden, for CSV file; your own network is kept when you have set one.');
  });

  it("the user's own network is kept, and the note names the preset it was not given", () => {
    const own = { ...defaultConfig(), hidden: [8, 4], activation: ['relu', 'relu'] as ('relu' | 'tanh')[] };
    const { config, note } = pickDataset(own, 'mnist');
    expect(config).toMatchObject({ dataset: 'mnist', hidden: [8, 4], activation: ['relu', 'relu'], init: 'glorot' });
    expect(note).toBe("Your network (8-4 hidden) is kept; MNIST 28×28's preset is 784-128-64-10.");
    // After a Presets button (deep autoencoder on MNIST 14×14), the next pick applies that set's network.
    const afterPreset = pickDataset(applyPreset(defaultConfig(), 'deep-autoencoder'), 'digits');
    expect(afterPreset.config.hidden).toEqual([32]);
    // Changing the preset's initialisation alone is a network of one's own too.
    expect(pickDataset({ ...defaultConfig(), init: 'he' }, 'digits').config.hidden).toEqual([8, 8]);
  });
});

describe('problemSummary', () => {
  it('names the title, the split, the inputs and the classes', () => {
    expect(problemSummary(problem({ dataset: 'mnist14', title: 'MNIST 14×14', task: 'classes', inputSize: 196, outputSize: 10, classNames: Array.from({ length: 10 }, (_, i) => String(i)), trainCount: 10_000, testCount: 2_000 }))).toBe(
      'MNIST 14×14 · 10,000 train / 2,000 test · 196 inputs · 10 classes',
    );
  });

  it('names the validation rows held out of training, when the run has them', () => {
    expect(problemSummary(problem({ trainCount: 200, validationCount: 50 }))).toBe('Circle · 200 train / 50 validation / 250 test · 2 inputs · 2 classes');
  });

  it('says what an autoencoder and a regression predict', () => {
    expect(problemSummary(problem({ title: 'MNIST 14×14', task: 'autoencoder', inputSize: 196, outputSize: 196, classNames: null }))).toContain('196 inputs · reconstructs 196 outputs');
    expect(problemSummary(problem({ title: 'Plane', task: 'regression', classNames: null }))).toBe('Plane · 250 train / 250 test · 2 inputs · regression (1 output)');
    expect(problemSummary(problem({ inputSize: 1 }))).toContain('1 input ·');
  });
});
