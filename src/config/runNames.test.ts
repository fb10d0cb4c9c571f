import { describe, expect, it } from 'vitest';
import { INNER_OPTIMIZER_LABELS, OPTIMIZER_LABELS } from '../engine/names';
import { defaultConfig } from './experiment';
import { paperScene } from './paperScene';
import { describeDifference, describeFirstRun } from './runNames';

describe('run names', () => {
  const first = defaultConfig();

  it('describe the first run by what trains it', () => {
    expect(describeFirstRun(first)).toBe('Backprop, Adam, lr 0.01');
    expect(describeFirstRun({ ...first, algorithm: 'locoprop-m', schedule: 'cyclical' })).toBe('LocoProp-M, inner Adam, lr 0.01, cyclical');
  });

  it('name another run by its differences from the first, with LocoProp named with its γ', () => {
    expect(describeDifference(first, { ...first, algorithm: 'locoprop-m' })).toBe('LocoProp-M, γ = 3');
    expect(describeDifference(first, { ...first, learningRate: 0.1, schedule: 'cyclical' })).toBe('lr 0.1, cyclical');
    expect(describeDifference(first, { ...first, seed: 4, hidden: [16, 16], activation: ['relu', 'relu'] })).toBe('seed 4, layers 16-16, relu');
  });

  it('tell backprop\'s PyTorch RMSProp from LocoProp\'s inner TF1 RMSProp, which share the value rmsprop', () => {
    const [backprop, locoprop] = paperScene(first);
    expect(describeFirstRun(backprop)).toContain('Backprop, RMSProp (PyTorch), lr');
    expect(describeFirstRun(locoprop)).toContain('LocoProp-M, inner RMSProp (TF1), lr');
    expect(OPTIMIZER_LABELS.rmsprop).toBe('RMSProp (PyTorch)');
    expect(INNER_OPTIMIZER_LABELS.rmsprop).toBe('RMSProp (TF1, as in the LocoProp code)');
  });

  it('ignore settings that hold for the whole experiment', () => {
    expect(describeDifference(first, { ...first, backend: 'cpu', speed: 10 })).toBe('same settings');
  });
});
