import { describe, expect, it } from 'vitest';
import { agreementColor, difficultyGroups, difficultyModel, FILTER_ALL, FILTER_DIFFER, filterMask, filterOptions, rightAndWrong, testSetKey, type DifficultyRun } from './difficultyModel';

const circle = testSetKey({ dataset: 'circle', task: 'supervised', points: 500, noise: 10, trainPercent: 50, seed: 1 });
const run = (id: string, algorithm: string, correct: number[] | null, testSet = circle): DifficultyRun => ({
  id,
  label: `Run ${id}`,
  name: `${algorithm} run`,
  algorithm,
  testSet,
  correct: correct ? Uint8Array.from(correct) : null,
});

// Six test examples, worked out by hand:    0  1  2  3  4  5
const r1 = run('1', 'Backprop', /*       */ [1, 1, 0, 0, 1, 0]);
const r2 = run('2', 'LocoProp-M', /*     */ [1, 0, 0, 1, 1, 0]);
const r3 = run('3', 'Backprop', /*       */ [1, 1, 0, 0, 0, 0]);
// right for all three: example 0; for none: 2 and 5; for some: 1, 3 and 4.

describe('difficultyModel: learned by all, by none, by some', () => {
  it('counts and shares on a hand-made case', () => {
    const model = difficultyModel([r1, r2, r3]);
    expect(model).not.toBeNull();
    if (!model) return;
    expect(model.count).toBe(6);
    expect(Array.from(model.right)).toEqual([3, 2, 0, 1, 2, 0]);
    expect(Array.from(model.share)).toEqual([1, 2 / 3, 0, 1 / 3, 2 / 3, 0].map(Math.fround));
    expect(model.all).toEqual({ count: 1, share: 1 / 6 });
    expect(model.none).toEqual({ count: 2, share: 2 / 6 });
    expect(model.some).toEqual({ count: 3, share: 3 / 6 });
    expect(model.leftOut).toEqual([]);
  });

  it('leaves out runs on another test set, without a readback, or with another number of examples, and says why', () => {
    const otherSeed = run('4', 'Backprop', [0, 0, 0, 0, 0, 0], testSetKey({ dataset: 'circle', task: 'supervised', points: 500, noise: 10, trainPercent: 50, seed: 2 }));
    const notYet = run('5', 'Backprop', null);
    const cut = run('6', 'Backprop', [1, 1, 1]);
    const model = difficultyModel([r1, otherSeed, r2, notYet, cut, r3], '1');
    expect(model?.runs.map((r) => r.id)).toEqual(['1', '2', '3']);
    expect(model?.leftOut.map((r) => r.id)).toEqual(['4', '5', '6']);
    expect(model?.leftOut[0].reason).toContain('seed 2');
    expect(model?.leftOut[1].reason).toBe('not evaluated yet');
    expect(model?.leftOut[2].reason).toBe('3 test examples evaluated, not 6');
    // The split is the three runs' alone: the all-wrong run on the other test set would have made example 0 "some".
    expect(model?.all.count).toBe(1);
    expect(model?.some.count).toBe(3);
  });

  it('compares on the selected run\'s test set, else on the one most runs share', () => {
    const elsewhere = testSetKey({ dataset: 'moons', task: 'supervised', points: 500, noise: 10, trainPercent: 50, seed: 1 });
    const a = run('a', 'Backprop', [1, 0], elsewhere);
    expect(difficultyModel([a, r1, r2], 'a')?.runs.map((r) => r.id)).toEqual(['a']);
    expect(difficultyModel([a, r1, r2], null)?.runs.map((r) => r.id)).toEqual(['1', '2']);
    expect(difficultyModel([run('x', 'Backprop', null)])).toBeNull();
  });

  it('names the test set by what decides it: points and noise only for the generated sets', () => {
    const base = { dataset: 'circle', task: 'supervised', points: 500, noise: 10, trainPercent: 50, seed: 1 } as const;
    expect(testSetKey({ ...base, noise: 20 })).not.toBe(testSetKey(base));
    expect(testSetKey({ ...base, trainPercent: 60 })).not.toBe(testSetKey(base));
    const digits = { ...base, dataset: 'digits' } as const;
    expect(testSetKey({ ...digits, points: 1000, noise: 0 })).toBe(testSetKey(digits));
    expect(testSetKey({ ...digits, seed: 3 })).not.toBe(testSetKey(digits));
  });
});

describe('where runs differ', () => {
  const model = difficultyModel([r1, r2, r3]);
  if (!model) throw new Error('three runs with readbacks');
  const groups = difficultyGroups(model);

  it('run A right and run B wrong, both ways', () => {
    const [g1, g2] = groups;
    expect(Array.from(rightAndWrong(model, g1, g2))).toEqual([0, 1, 0, 0, 0, 0]);
    expect(Array.from(rightAndWrong(model, g2, g1))).toEqual([0, 0, 0, 1, 0, 0]);
  });

  it('groups the runs by algorithm too (two algorithms, one with two runs): every Backprop run right and LocoProp-M wrong', () => {
    expect(groups.map((g) => g.key)).toEqual(['run:1', 'run:2', 'run:3', 'algorithm:Backprop', 'algorithm:LocoProp-M']);
    const backprop = groups[3];
    const locoprop = groups[4];
    expect(backprop.runIds).toEqual(['1', '3']);
    expect(Array.from(rightAndWrong(model, backprop, locoprop))).toEqual([0, 1, 0, 0, 0, 0]);
    expect(Array.from(rightAndWrong(model, locoprop, backprop))).toEqual([0, 0, 0, 1, 0, 0]);
    // One run per algorithm: no algorithm groups (they would repeat the runs).
    const two = difficultyModel([r1, r2]);
    expect(two && difficultyGroups(two).map((g) => g.key)).toEqual(['run:1', 'run:2']);
  });

  it('the filter: all examples, where runs differ, or one pair, in the select\'s words', () => {
    const options = filterOptions(groups);
    expect(options.slice(0, 2).map((o) => o.label)).toEqual(['all examples', 'where runs differ']);
    const pair = options.find((o) => o.label === 'where Run 1 (Backprop run) is right and Run 2 (LocoProp-M run) wrong');
    expect(pair).toBeDefined();
    // A group is never paired with a group that holds one of its runs (Run 1 against every Backprop run).
    expect(options.some((o) => o.label.includes('Run 1 (Backprop run) is right and every Backprop'))).toBe(false);
    expect(filterMask(model, groups, FILTER_ALL)).toBeNull();
    expect(Array.from(filterMask(model, groups, FILTER_DIFFER) ?? [])).toEqual([0, 1, 0, 1, 1, 0]);
    expect(Array.from(filterMask(model, groups, pair?.value ?? '') ?? [])).toEqual([0, 1, 0, 0, 0, 0]);
    // A pair whose runs are gone reads as all examples.
    expect(filterMask(model, groups, 'run:1>run:9')).toBeNull();
  });
});

describe('agreementColor', () => {
  it('runs from black (no run right) through reddish purple to white (every run), lighter as more runs are right', () => {
    expect(agreementColor(0)).toEqual([0, 0, 0]);
    expect(agreementColor(0.5)).toEqual([204, 121, 167]);
    expect(agreementColor(1)).toEqual([255, 255, 255]);
    const lightness = (share: number): number => agreementColor(share).reduce((a, b) => a + b, 0);
    for (let s = 0; s < 1; s += 0.125) expect(lightness(s + 0.125)).toBeGreaterThan(lightness(s));
  });
});
