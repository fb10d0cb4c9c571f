import { describe, expect, it } from 'vitest';
import { defaultConfig } from '../config/experiment';
import { MAX_RUNS } from '../config/runs';
import { createConfigStore } from './configStore';

describe('the experiment store', () => {
  it('adds a copy of the selected run with the same seed, selects it, and edits only it', () => {
    const store = createConfigStore({ ...defaultConfig(), seed: 7 });
    store.getState().addRun();
    const { runs, selectedRunId } = store.getState();
    expect(runs).toHaveLength(2);
    expect(selectedRunId).toBe(runs[1].id);
    expect(runs[1].config).toEqual(runs[0].config);
    store.getState().setField('algorithm', 'locoprop-m');
    expect(store.getState().runs.map((r) => r.config.algorithm)).toEqual(['backprop', 'locoprop-m']);
    expect(store.getState().config.algorithm).toBe('locoprop-m');
    expect(store.getState().runs[1].config.seed).toBe(7);
  });

  it('replaces the whole comparison with new runs (fresh ids, the first selected, shared fields from it)', () => {
    const store = createConfigStore([defaultConfig(), { ...defaultConfig(), learningRate: 0.1 }, defaultConfig()]);
    const before = store.getState().runs.map((r) => r.id);
    store.getState().replaceRuns([
      { ...defaultConfig(), dataset: 'digits', backend: 'cpu' },
      { ...defaultConfig(), dataset: 'digits', algorithm: 'locoprop-m', backend: 'webgl' },
    ]);
    const { runs, selectedRunId, config } = store.getState();
    expect(runs.map((r) => r.config.algorithm)).toEqual(['backprop', 'locoprop-m']);
    expect(runs.some((r) => before.includes(r.id))).toBe(false);
    expect(selectedRunId).toBe(runs[0].id);
    expect(config).toEqual(runs[0].config);
    expect(runs.map((r) => r.config.backend)).toEqual(['cpu', 'cpu']);
  });

  it('writes experiment-wide fields (backend, speed, pacing) to every run', () => {
    const store = createConfigStore(defaultConfig());
    store.getState().addRun();
    store.getState().setField('pacing', 'time');
    store.getState().setField('backend', 'cpu');
    store.getState().selectRun(store.getState().runs[0].id);
    expect(store.getState().runs.map((r) => [r.config.pacing, r.config.backend])).toEqual([
      ['time', 'cpu'],
      ['time', 'cpu'],
    ]);
  });

  it('removes a run (never the last), selecting another when the selected one goes', () => {
    const store = createConfigStore(defaultConfig());
    store.getState().addRun();
    const [first, second] = store.getState().runs;
    store.getState().removeRun(second.id);
    expect(store.getState().runs.map((r) => r.id)).toEqual([first.id]);
    expect(store.getState().selectedRunId).toBe(first.id);
    store.getState().removeRun(first.id);
    expect(store.getState().runs).toHaveLength(1);
  });

  it(`holds at most ${MAX_RUNS} runs`, () => {
    const store = createConfigStore(defaultConfig());
    for (let i = 0; i < MAX_RUNS + 3; i++) store.getState().addRun();
    expect(store.getState().runs).toHaveLength(MAX_RUNS);
  });
});
