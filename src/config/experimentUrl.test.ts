import { describe, expect, it } from 'vitest';
import { defaultConfig } from './experiment';
import { decodeExperiment, encodeExperiment } from './experimentUrl';

describe('a comparison in the address', () => {
  const first = { ...defaultConfig(), dataset: 'spiral' as const, hidden: [16, 16], activation: ['relu' as const, 'relu' as const], backend: 'cpu' as const };

  it('round-trips three runs, writing only run 1 in full and the others as differences', () => {
    const runs = [
      first,
      { ...first, algorithm: 'locoprop-m' as const, innerOptimizer: 'rmsprop' as const },
      { ...first, learningRate: 0.1, schedule: 'cyclical' as const, repeatSeeds: 3 },
    ];
    const query = encodeExperiment(runs);
    expect(query).toContain('runs=3');
    expect(query).toContain('r2.algorithm=locoprop-m');
    expect(query).toContain('r3.schedule=cyclical');
    expect(query).not.toContain('r2.dataset');
    expect(query).not.toContain('r2.backend');
    const decoded = decodeExperiment(query);
    expect(decoded.problems).toEqual([]);
    expect(decoded.runs).toEqual(runs);
  });

  it('keeps two identical runs (a fresh duplicate) as two runs', () => {
    const decoded = decodeExperiment(encodeExperiment([first, first]));
    expect(decoded.runs).toEqual([first, first]);
  });

  it('reads an old single-run link as one run', () => {
    const decoded = decodeExperiment('?dataset=spiral&hidden=8,8&activation=tanh&algorithm=locoprop-m&seed=3');
    expect(decoded.problems).toEqual([]);
    expect(decoded.runs).toHaveLength(1);
    expect(decoded.runs[0]).toMatchObject({ dataset: 'spiral', algorithm: 'locoprop-m', seed: 3 });
    expect(encodeExperiment(decoded.runs)).not.toContain('runs=');
  });

  it('names every bad part of a comparison and keeps the rest', () => {
    const decoded = decodeExperiment('?runs=3&r2.gamma=-1&r2.colour=red&r3.backend=webgl&r5.seed=2&r3.learningRate=0.5');
    const fields = decoded.problems.map((p) => p.field);
    expect(fields).toEqual(expect.arrayContaining(['r2.gamma', 'r2.colour', 'r3.backend', 'r5']));
    expect(decoded.runs).toHaveLength(3);
    expect(decoded.runs[1].gamma).toBe(defaultConfig().gamma);
    expect(decoded.runs[2].learningRate).toBe(0.5);
    expect(decoded.runs[2].backend).toBe('auto');
  });

  it('rejects a run count out of range or not in decimal notation by name', () => {
    for (const text of ['0', '9', 'x', '2.5', '0x2', '0b10', '%202', 'Infinity']) {
      const decoded = decodeExperiment(`?runs=${text}`);
      expect(decoded.runs).toHaveLength(1);
      expect(decoded.problems.map((p) => p.field)).toContain('runs');
    }
  });

  it('names what run 2 and up lose to the whole-config check, as for run 1 (issue 21: r2.hidden=1024 was dropped in silence)', () => {
    const decoded = decodeExperiment('?runs=3&r2.hidden=1024&r3.activation=relu,relu,relu');
    expect(decoded.runs[1].hidden).toEqual(defaultConfig().hidden);
    expect(decoded.runs[2].activation).toEqual(['tanh', 'tanh']);
    const fields = decoded.problems.map((p) => p.field);
    expect(fields).toEqual(expect.arrayContaining(['r2.hidden', 'r3.activation']));
    expect(decoded.problems.find((p) => p.field === 'r2.hidden')?.message).toMatch(/^Run 2: "hidden" = "1024" is too big for the 2-D data set circle/);
  });

  it('names r2.task=autoencoder on a 2-D data set, the third case issue 21 saw dropped in silence', () => {
    const decoded = decodeExperiment('?runs=2&r2.task=autoencoder');
    expect(decoded.runs[1].task).toBe('supervised');
    expect(decoded.problems).toEqual([{ field: 'r2.task', message: expect.stringMatching(/^Run 2: "task" = "autoencoder" needs image data .* not circle; learning the labels instead\.$/) }]);
  });
  it('names a repeated r<k>. key as run 1\'s are named: the last valid value used, the repetition said (issue 21)', () => {
    const decoded = decodeExperiment('?runs=2&r2.seed=3&r2.seed=4&r2.zz=1&r2.zz=2&r2.zz=3&r2.speed=5&r2.speed=6');
    expect(decoded.runs[1].seed).toBe(4);
    expect(decoded.problems).toEqual([
      { field: 'r2.seed', message: '"r2.seed" was given twice; using the last valid value, "4".' },
      { field: 'r2.zz', message: 'Unknown setting "r2.zz" in the address was ignored (given 3 times).' },
      { field: 'r2.speed', message: '"r2.speed" was ignored (given twice): speed holds for every run; write it without the r2. prefix.' },
    ]);
    const none = decodeExperiment('?runs=2&r2.noise=x&r2.noise=80');
    expect(none.runs[1].noise).toBe(none.runs[0].noise);
    expect(none.problems.map((p) => p.message).at(-1)).toBe('"r2.noise" was given twice and no value was valid; using run 1\'s value.');
  });
  it('resizes the activations run 2 inherits from run 1 to its own hidden layers in silence, as run 1\'s are (only what r2. wrote is named)', () => {
    const wide = '1024,1024,1024,1024,1024,1024,1024,1024';
    const decoded = decodeExperiment(`?runs=2&r2.dataset=mnist&r2.hidden=${wide}`);
    expect(decoded.problems).toEqual([]);
    const alone = decodeExperiment(`?dataset=mnist&hidden=${wide}`);
    expect(alone.problems).toEqual([]);
    expect(decoded.runs[1].hidden).toEqual(alone.runs[0].hidden);
    expect(decoded.runs[1].activation).toHaveLength(8);
    expect(decoded.runs[1].activation).toEqual(alone.runs[0].activation);
    expect(decoded.runs[1].activation).toEqual(Array(8).fill('tanh'));
    // Run 1's own functions (written by the user for run 1) carry over to run 2's layers, its first for each.
    const relu = decodeExperiment('?activation=relu,sigmoid&runs=2&r2.hidden=4,4,4');
    expect(relu.problems).toEqual([]);
    expect(relu.runs[1].activation).toEqual(['relu', 'relu', 'relu']);
    // Run 1 without hidden layers has no function to hand on: run 2's layers take tanh, as run 1's would.
    const none = decodeExperiment('?hidden=&runs=2&r2.hidden=4,4,4');
    expect(none.problems).toEqual([]);
    expect(none.runs[1].activation).toEqual(decodeExperiment('?hidden=4,4,4').runs[0].activation);
    // Over a scene, run 2 (past the scene's one run) resizes run 1's ReLUs, as run 1's are resized over the scene.
    const scene = decodeExperiment('?scene=backprop-spiral&runs=2&r2.hidden=4,4');
    expect(scene.problems).toEqual([]);
    expect(scene.runs[1].activation).toEqual(decodeExperiment('?scene=backprop-spiral&hidden=4,4').runs[0].activation);
    expect(scene.runs[1].activation).toEqual(['relu', 'relu']);
    // What the user did write for run 2 is still checked against its layers and named with its prefix.
    const written = decodeExperiment(`?runs=2&r2.dataset=mnist&r2.hidden=${wide}&r2.activation=relu,relu`);
    expect(written.problems.map((p) => p.field)).toEqual(['r2.activation']);
    expect(written.problems[0].message).toMatch(/^Run 2: "activation" lists 2 functions for 8 hidden layers/);
    expect(written.runs[1].activation).toHaveLength(8);
  });
});
