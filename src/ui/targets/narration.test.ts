import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { createNarrationPlayer, narrationPhases } from './narration';

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
