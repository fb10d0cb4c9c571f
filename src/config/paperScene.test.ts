import { describe, expect, it } from 'vitest';
import { changedFields, defaultConfig, sanitizeConfig } from './experiment';
import { paperScene } from './paperScene';

describe("the paper's scene", () => {
  it('is two valid runs on the MNIST 14×14 autoencoder, from the same seed, differing only in the algorithm and its settings', () => {
    const [backprop, locoprop] = paperScene({ ...defaultConfig(), seed: 5 });
    for (const run of [backprop, locoprop]) expect(sanitizeConfig(run).problems).toEqual([]);
    expect(backprop).toMatchObject({ dataset: 'mnist14', task: 'autoencoder', algorithm: 'backprop', optimizer: 'rmsprop', seed: 5 });
    expect(locoprop).toMatchObject({ algorithm: 'locoprop-m', innerOptimizer: 'rmsprop', innerSteps: 10, seed: 5 });
    expect(changedFields(backprop, locoprop).sort()).toEqual(['algorithm', 'gamma', 'innerOptimizer', 'learningRate', 'momentum'].sort());
  });
});
