import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { defaultConfig } from '../../config/experiment';
import { createNarrationPlayer, narratedOptimizer, narrationPhases } from './narration';

const diagnostics = [0.1, 0.2, 0.3].map((shift) => ({
  activation: new Float32Array(),
  target: new Float32Array(),
  landed: new Float32Array(),
  shift,
  localLoss: new Float32Array([0, -0.01, -0.02, -0.03]),
}));
const base = { layerNames: ['layer 1', 'layer 2', 'the output layer'], diagnostics, targetGamma: 3, innerIterations: 3, optimizerName: 'Adam' };

describe('slow-step narration', () => {
  it('LocoProp: forward through every layer, backward in reverse, targets, K inner iterations, landing', () => {
    const phases = narrationPhases({ ...base, algorithm: 'locoprop-m' });
    expect(phases.map((p) => p.active)).toEqual([[1], [2], [3], [3], [2], [1], [1, 2, 3], [1, 2, 3], [1, 2, 3], [1, 2, 3], [1, 2, 3]]);
    expect(phases[6].sentence).toContain('Y − γ·G');
    expect(phases[6].sentence).toContain('0.10, 0.20, 0.30');
    expect(phases[9].sentence).toContain('Inner iteration 3 of 3');
    expect(phases[9].sentence).toContain('-0.030');
  });

  it('says which layer\'s local loss rose over the inner iterations, and suggests why (the +0.016 seen with inner Adam)', () => {
    const rising = diagnostics.map((d, i) => ({ ...d, localLoss: i === 0 ? new Float32Array([0, 0.02, 0.018, 0.016]) : d.localLoss }));
    const layerNames = ['layer 1: 8 tanh', 'layer 2: 8 tanh', 'output: 1 sigmoid'];
    const phases = narrationPhases({ ...base, layerNames, diagnostics: rising, algorithm: 'locoprop-m' });
    const last = phases[9].sentence;
    expect(last).toContain('The local loss of layer 1 +0.016 rose over the 3 inner iterations');
    expect(last).not.toMatch(/layer 2 \+|output \+/);
    expect(last).toContain('inner learning rate ρ is likely too high for that layer');
    expect(last).toContain("Adam's first steps");
    expect(last).toContain('Try a lower inner learning rate ρ or fewer inner iterations K');
    // Only the last inner iteration says it, once the whole loop is seen.
    expect(phases[8].sentence).not.toContain('rose');
    // Two layers, with plain SGD: both named, and the reason does not blame an adaptive optimizer.
    const both = rising.map((d, i) => (i === 2 ? { ...d, localLoss: new Float32Array([0, 0.1, 0.2, 0.3]) } : d));
    const sgd = narrationPhases({ ...base, layerNames, diagnostics: both, algorithm: 'locoprop-m', optimizerName: 'SGD' })[9].sentence;
    expect(sgd).toContain('The local loss of layer 1 +0.016, output +0.30 rose');
    expect(sgd).toContain('too high for those layers');
    expect(sgd).not.toContain('first steps');
    // The inner TF1 RMSProp's mean square starts at 1, so its first steps scale with the gradient, as SGD's: not
    // blamed on a step of about ρ.
    const tf1 = narrationPhases({ ...base, layerNames, diagnostics: rising, algorithm: 'locoprop-m', optimizerName: 'RMSProp (TF1)' })[9].sentence;
    expect(tf1).toContain('rose over the 3 inner iterations');
    expect(tf1).not.toContain('first steps');
    expect(narrationPhases({ ...base, layerNames, diagnostics: rising, algorithm: 'locoprop-m', optimizerName: 'RMSProp (PyTorch)' })[9].sentence).toContain("RMSProp (PyTorch)'s first steps");
    // Falling local losses, and float32 rounding around zero, say nothing of the kind.
    expect(phases.filter((p) => p.sentence.includes('rose'))).toHaveLength(1);
    const flat = diagnostics.map((d) => ({ ...d, localLoss: new Float32Array([0, 1e-8, 2e-8, 3e-8]) }));
    expect(narrationPhases({ ...base, diagnostics: flat, algorithm: 'locoprop-m' })[9].sentence).not.toContain('rose');
    expect(narrationPhases({ ...base, algorithm: 'locoprop-m' })[9].sentence).not.toContain('rose');
  });

  it('names the two RMSProps apart, as the Training panel does: backprop\'s PyTorch one, LocoProp\'s inner TF1 one', () => {
    const config = { ...defaultConfig(), optimizer: 'rmsprop' as const, innerOptimizer: 'rmsprop' as const };
    const backprop = narratedOptimizer('backprop', config);
    const inner = narratedOptimizer('locoprop-m', config);
    expect(backprop).toBe('RMSProp (PyTorch)');
    expect(inner).toBe('RMSProp (TF1)');
    expect(narratedOptimizer('locoprop-s', config)).toBe('RMSProp (TF1)');
    expect(narratedOptimizer('backprop', { ...config, optimizer: 'adam-hd' })).toBe('Adam-HD');
    const update = narrationPhases({ ...base, algorithm: 'backprop', optimizerName: backprop }).map((p) => p.sentence).join(' ');
    expect(update).toContain('Update: RMSProp (PyTorch) moves every weight');
    const rising = diagnostics.map((d, i) => ({ ...d, localLoss: i === 0 ? new Float32Array([0, 0.02, 0.018, 0.016]) : d.localLoss }));
    const phases = narrationPhases({ ...base, diagnostics: rising, algorithm: 'locoprop-m', optimizerName: inner });
    expect(phases[9].sentence).toContain('every layer takes one RMSProp (TF1) step on its own local loss');
    expect(phases.map((p) => p.sentence).join(' ')).not.toMatch(/RMSProp(?! \((TF1|PyTorch)\))/);
  });

  it('backprop: one update instead of targets and an inner loop', () => {
    const phases = narrationPhases({ ...base, algorithm: 'backprop' });
    expect(phases).toHaveLength(8);
    expect(phases[6].sentence).toContain('A − γ·G');
    expect(phases.some((p) => p.sentence.includes('Inner iteration'))).toBe(false);
  });
});

describe('narration pacing', () => {
  const phases = narrationPhases({ ...base, algorithm: 'locoprop-m' });
  beforeEach(() => {
    vi.useFakeTimers();
  });
  afterEach(() => {
    vi.useRealTimers();
  });

  it('does not advance without Next when auto-advance is off (the default), however long it waits', () => {
    const seen: (number | null)[] = [];
    const player = createNarrationPlayer((state) => seen.push(state ? state.index : null));
    player.open(phases);
    vi.advanceTimersByTime(10 * 60_000);
    expect(player.state?.index).toBe(0);
    expect(vi.getTimerCount()).toBe(0);
    player.next();
    player.next();
    vi.advanceTimersByTime(60_000);
    expect(player.state?.index).toBe(2);
    player.back();
    expect(player.state?.index).toBe(1);
    player.back();
    player.back(); // the first phase stays
    expect(player.state?.index).toBe(0);
    expect(seen).toEqual([0, 1, 2, 1, 0]);
  });

  it('closes after the last phase, and Next or Back then do nothing', () => {
    const player = createNarrationPlayer(() => {});
    player.open(phases.slice(0, 2));
    player.next();
    expect(player.state?.index).toBe(1);
    player.next();
    expect(player.state).toBeNull();
    player.next();
    player.back();
    expect(player.state).toBeNull();
  });

  it('auto-advance moves on after each phase’s own duration, and stops when turned off', () => {
    const player = createNarrationPlayer(() => {});
    player.setAutoAdvance(true);
    player.open(phases);
    vi.advanceTimersByTime(phases[0].durationMs - 1);
    expect(player.state?.index).toBe(0);
    vi.advanceTimersByTime(1);
    expect(player.state?.index).toBe(1);
    vi.advanceTimersByTime(phases[1].durationMs);
    expect(player.state?.index).toBe(2);
    player.setAutoAdvance(false);
    vi.advanceTimersByTime(60_000);
    expect(player.state?.index).toBe(2);
    player.setAutoAdvance(true); // the phase on screen gets its full time again
    vi.advanceTimersByTime(phases[2].durationMs);
    expect(player.state?.index).toBe(3);
    player.close();
    expect(vi.getTimerCount()).toBe(0);
  });
});
