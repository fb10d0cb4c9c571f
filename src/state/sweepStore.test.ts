import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { defaultConfig } from '../config/experiment';
import type { SweepRunResult } from '../engine/sweep/types';
import type { PoolListener, PoolOptions, PoolRun } from '../worker/sweepPool';
import { createSweepStore, FLUSH_MS } from './sweepStore';

beforeEach(() => vi.useFakeTimers());
afterEach(() => vi.useRealTimers());

function harness(cores = 2) {
  const started: { runs: readonly PoolRun[]; options: PoolOptions; listener: PoolListener }[] = [];
  let cancels = 0;
  const store = createSweepStore((runs, options, listener) => {
    started.push({ runs, options, listener });
    return { cancel: () => cancels++, simulateDeviceLoss: () => undefined };
  }, () => cores);
  return { store, started, cancels: () => cancels };
}

const limits = { msPerStep: 0.05, maxMs: 60_000 };

describe('the sweep store', () => {
  it('refuses a sweep over 512 runs with its computed size, and starts nothing', () => {
    const { store, started } = harness();
    store.getState().setSpec({ axes: [{ field: 'learningRate', values: { kind: 'range', from: 1e-4, to: 1, count: 100, scale: 'log' } }], seeds: 3, budget: 100, budgetUnit: 'steps' });
    expect(store.getState().start([defaultConfig(), defaultConfig()], ['a', 'b'], limits)).toBe(false);
    expect(store.getState().refused).toEqual(['The sweep has 600 runs (2 groups × 100 values × 3 seeds); at most 512.']);
    expect(started).toHaveLength(0);
    expect(store.getState().status).toBe('idle');
  });

  it('refuses a sweep whose estimate is over the time limit, saying how long', () => {
    const { store } = harness();
    store.getState().setSpec({ axes: [{ field: 'learningRate', values: { kind: 'range', from: 1e-4, to: 1, count: 10, scale: 'log' } }], seeds: 1, budget: 200_000, budgetUnit: 'steps' });
    store.getState().start([defaultConfig()], ['a'], limits);
    expect(store.getState().refused?.[0]).toBe('The sweep would take about 100.0 s (10 runs × 200,000 steps × 0.05 ms per step); the limit is 60.0 s.');
  });

  it('starts the plan on the pool with its checkpoints, fills results in as they come, and keeps them through a cancel', () => {
    const { store, started, cancels } = harness(4);
    store.getState().setSpec({ axes: [{ field: 'learningRate', values: { kind: 'list', values: [0.01, 0.1] } }], seeds: 2, budget: 40, budgetUnit: 'steps' });
    expect(store.getState().start([defaultConfig()], ['a'], limits)).toBe(true);
    expect(store.getState().status).toBe('running');
    expect(store.getState().specInAddress).toBe(true);
    const [{ runs, options, listener }] = started;
    expect(runs.map((r) => [r.config.learningRate, r.config.seed])).toEqual([
      [0.01, 1],
      [0.01, 2],
      [0.1, 1],
      [0.1, 2],
    ]);
    expect(options).toMatchObject({ budgetSteps: 40, workers: 4 });
    expect(options.checkpoints[0]).toBe(0);
    expect(options.checkpoints[options.checkpoints.length - 1]).toBe(40);
    listener.onResult({ index: 2 } as SweepRunResult, 10);
    listener.onResult({ index: 0 } as SweepRunResult, 10);
    // Shown together, a flush later: the charts redraw once for both.
    expect(store.getState().results).toEqual([]);
    vi.advanceTimersByTime(FLUSH_MS);
    expect(store.getState().results.map((r) => r.index)).toEqual([2, 0]);
    listener.onResult({ index: 3 } as SweepRunResult, 10);
    store.getState().cancel();
    expect(cancels()).toBe(1);
    listener.onDone({ cancelled: true });
    expect(store.getState().status).toBe('cancelled');
    // What was still waiting for a flush is kept too.
    expect(store.getState().results.map((r) => r.index)).toEqual([2, 0, 3]);
  });
});

describe('a sweep started while one runs', () => {
  it('replaces it: the first is cancelled and its late reports are dropped', () => {
    const { store, started, cancels } = harness();
    store.getState().setSpec({ axes: [{ field: 'learningRate', values: { kind: 'list', values: [0.01, 0.1] } }], seeds: 1, budget: 40, budgetUnit: 'steps' });
    store.getState().start([defaultConfig()], ['a'], limits);
    expect(store.getState().start([defaultConfig()], ['a'], limits)).toBe(true);
    expect(cancels()).toBe(1);
    started[0].listener.onResult({ index: 0 } as SweepRunResult, 10);
    started[0].listener.onDone({ cancelled: true });
    expect(store.getState().results).toEqual([]);
    expect(store.getState().status).toBe('running');
    started[1].listener.onResult({ index: 1 } as SweepRunResult, 10);
    vi.advanceTimersByTime(FLUSH_MS);
    expect(store.getState().results.map((r) => r.index)).toEqual([1]);
  });
});

describe('where a sweep meant for WebGPU trains', () => {
  it('keeps its worker’s facts for the panel to word: why WebGPU did not start, then a lost device and the CPU workers', () => {
    const { store, started } = harness(4);
    store.getState().setSpec({ axes: [{ field: 'learningRate', values: { kind: 'list', values: [0.01, 0.1] } }], seeds: 1, budget: 40, budgetUnit: 'steps' });
    store.getState().start([defaultConfig()], ['a'], limits, undefined, 'webgpu');
    const { listener } = started[0];
    listener.onBackend?.({ backend: 'webgpu' });
    expect(store.getState().record).toMatchObject({ backend: 'webgpu', workers: 1 });
    expect(store.getState().record?.fallback).toBeUndefined();
    listener.onDeviceLost?.('Device was destroyed.', 2);
    expect(store.getState().record).toMatchObject({ backend: 'cpu', workers: 2, deviceLost: { message: 'Device was destroyed.' } });
    store.getState().start([defaultConfig()], ['a'], limits, undefined, 'webgpu');
    started[1].listener.onBackend?.({ backend: 'cpu', skipped: { backend: 'webgpu', reason: 'init-failed' } });
    expect(store.getState().record).toMatchObject({ backend: 'cpu', fallback: { backend: 'webgpu', reason: 'init-failed' } });
    expect(store.getState().record?.deviceLost).toBeUndefined();
  });
});

describe('the time estimate', () => {
  it('divides by the workers that share the runs, and says so', () => {
    const { store } = harness();
    store.getState().setSpec({ axes: [{ field: 'learningRate', values: { kind: 'range', from: 1e-4, to: 1, count: 10, scale: 'log' } }], seeds: 1, budget: 400_000, budgetUnit: 'steps' });
    store.getState().start([defaultConfig()], ['a'], { ...limits, workers: 2 });
    expect(store.getState().refused?.[0]).toBe('The sweep would take about 100.0 s (10 runs × 400,000 steps × 0.05 ms per step ÷ 2 workers); the limit is 60.0 s.');
  });
});
