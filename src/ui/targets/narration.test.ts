import { describe, expect, it } from 'vitest';
import { narrationPhases } from './narration';

const diagnostics = [0.1, 0.2, 0.3].map((shift) => ({
  activation: new Float32Array(),
  target: new Float32Array(),
  landed: new Float32Array(),
  shift,
  localLoss: new Float32Array([0, -0.01, -0.02, -0.03]),
}));
const base = { layerNames: ['layer 1', 'layer 2', 'the output layer'], diagnostics, gamma: 3, innerSteps: 3, optimizerName: 'Adam' };

describe('slow-step narration', () => {
  it('LocoProp: forward through every layer, backward in reverse, targets, K inner iterations, landing', () => {
    const phases = narrationPhases({ ...base, algorithm: 'locoprop-m' });
    expect(phases.map((p) => p.active)).toEqual([[1], [2], [3], [3], [2], [1], [1, 2, 3], [1, 2, 3], [1, 2, 3], [1, 2, 3], [1, 2, 3]]);
    expect(phases[6].sentence).toContain('Y − γ·G');
    expect(phases[6].sentence).toContain('0.10, 0.20, 0.30');
    expect(phases[9].sentence).toContain('Inner iteration 3 of 3');
    expect(phases[9].sentence).toContain('-0.030');
  });

  it('backprop: one update instead of targets and an inner loop', () => {
    const phases = narrationPhases({ ...base, algorithm: 'backprop' });
    expect(phases).toHaveLength(8);
    expect(phases[6].sentence).toContain('A − γ·G');
    expect(phases.some((p) => p.sentence.includes('Inner iteration'))).toBe(false);
  });
});
