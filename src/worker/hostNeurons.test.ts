import '../test/setupTf';
import { describe, expect, it } from 'vitest';
import { defaultConfig, type ExperimentConfig } from '../config/experiment';
import { TrainingHost } from './host';
import type { WorkerEvent } from './protocol';
import { cpuOnly } from '../test/cpuBackendPort';

type Tick = Extract<WorkerEvent, { type: 'tick' }>;

const base: ExperimentConfig = { ...defaultConfig(), backend: 'cpu', seed: 11, speed: 0, hidden: [5, 3], activation: ['tanh', 'relu'] };

describe('the per-unit view in the host', () => {
  it('is measured only while the page asks: at once when asked while paused, with every diagnosed step, and never after', async () => {
    const events: WorkerEvent[] = [];
    const host = new TrainingHost((event) => events.push(event), cpuOnly);
    const ticks = (): Tick[] => events.filter((e): e is Tick => e.type === 'tick' && e.runId === 'run-1');
    // A second run, not shown: never measured.
    host.handle({ type: 'configure', runs: [{ runId: 'run-1', config: base }, { runId: 'run-2', config: { ...base, seed: 12 } }] });
    host.handle({ type: 'step' });
    host.handle({ type: 'step' });
    await host.idle();
    expect(ticks().length).toBe(3);
    expect(ticks().every((t) => !t.neurons)).toBe(true);

    host.handle({ type: 'neuronView', runId: 'run-1' });
    await host.idle();
    expect(ticks().length).toBe(4);
    const shown = ticks()[3];
    expect(shown.metric.step).toBe(2);
    expect(shown.neurons?.units).toEqual([5, 3]);
    expect(shown.neurons?.plane?.layers.map((l) => l.length)).toEqual([5 * 24 * 24, 3 * 24 * 24]);

    // A step command diagnoses its step, so each of its ticks carries the view.
    host.handle({ type: 'step' });
    host.handle({ type: 'step' });
    await host.idle();
    expect(ticks().slice(4).map((t) => [t.metric.step, t.neurons?.units ?? null])).toEqual([
      [3, [5, 3]],
      [4, [5, 3]],
    ]);

    host.handle({ type: 'neuronView', runId: null });
    host.handle({ type: 'step' });
    await host.idle();
    expect(ticks().at(-1)?.metric.step).toBe(5);
    expect(ticks().at(-1)?.neurons ?? null).toBeNull();
    expect(events.some((e) => e.type === 'tick' && e.runId === 'run-2' && e.neurons)).toBe(false);
  });

  it('a run started while the view is on brings its reading with its first tick', async () => {
    const events: WorkerEvent[] = [];
    const host = new TrainingHost((event) => events.push(event), cpuOnly);
    host.handle({ type: 'neuronView', runId: 'run-1' });
    host.handle({ type: 'configure', runs: [{ runId: 'run-1', config: { ...base, hidden: [2], activation: ['tanh'] } }] });
    await host.idle();
    const first = events.find((e): e is Tick => e.type === 'tick');
    expect(first?.metric.step).toBe(0);
    expect(first?.neurons?.units).toEqual([2]);
  });
});
