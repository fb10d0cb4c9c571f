import { describe, expect, it } from 'vitest';
import { changedFields, defaultConfig, sanitizeConfig } from './experiment';
import { INNER_OPTIMIZER_LABELS, OPTIMIZER_LABELS } from '../engine/names';
import { paperScene } from './paperScene';
import { findScene } from './scenes';

describe("the paper's scene", () => {
  it('is two valid runs on the MNIST 14×14 autoencoder, from the same seed, differing only in the algorithm and its settings', () => {
    const [backprop, locoprop] = paperScene({ ...defaultConfig(), seed: 5 });
    for (const run of [backprop, locoprop]) expect(sanitizeConfig(run).problems).toEqual([]);
    expect(backprop).toMatchObject({ dataset: 'mnist14', task: 'autoencoder', algorithm: 'backprop', optimizer: 'rmsprop', seed: 5 });
    expect(locoprop).toMatchObject({ algorithm: 'locoprop-m', innerOptimizer: 'rmsprop', innerSteps: 10, seed: 5 });
    expect(changedFields(backprop, locoprop).sort()).toEqual(['algorithm', 'gamma', 'innerOptimizer', 'learningRate', 'momentum'].sort());
  });

  it('says on its card that backprop\'s RMSProp (PyTorch) is not LocoProp-M\'s inner RMSProp (TF1), and how', () => {
    const [backprop, locoprop] = paperScene(defaultConfig());
    expect(OPTIMIZER_LABELS[backprop.optimizer]).not.toBe(INNER_OPTIMIZER_LABELS[locoprop.innerOptimizer]);
    const card = findScene('paper-autoencoder')!.narration;
    expect(card).toContain('PyTorch’s RMSProp (mean square from 0, ε outside the root, no momentum)');
    expect(card).toContain('TF1’s RMSProp as the authors’ code does (mean square from 1, ε inside the root, momentum 0.999)');
    expect(card).toContain('differ in the update rule as well as in what LocoProp adds');
  });
});
