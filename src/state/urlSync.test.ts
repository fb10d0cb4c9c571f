import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { decodeExperiment } from '../config/experimentUrl';
import { findScene } from '../config/scenes';
import { createConfigStore } from './configStore';
import { openScene, syncConfigToUrl, useSceneStore } from './urlSync';

/** The address bar as urlSync sees it: location and history.replaceState, nothing else. */
function fakeWindow(search: string): { location: { pathname: string; search: string; hash: string } } {
  const location = { pathname: '/', search, hash: '' };
  const history = {
    state: null,
    replaceState: (_state: unknown, _title: string, url: string) => {
      location.search = url.slice(url.indexOf('?') === -1 ? url.length : url.indexOf('?'));
    },
  };
  vi.stubGlobal('window', { location, history });
  return { location };
}

describe('the address bar over a scene', () => {
  beforeEach(() => vi.useFakeTimers());
  afterEach(() => {
    vi.useRealTimers();
    vi.unstubAllGlobals();
    useSceneStore.getState().setScene(null);
  });

  it('keeps ?scene= from start-up, follows the picker, and writes only what differs', () => {
    const { location } = fakeWindow('?scene=digits&backend=cpu&seed=4');
    const store = createConfigStore(decodeExperiment(location.search).runs);
    const stop = syncConfigToUrl(store);
    expect(useSceneStore.getState().scene?.name).toBe('digits');
    expect(location.search).toBe('?scene=digits&seed=4&backend=cpu&v=1');

    openScene(store, findScene('one-cycle-vs-constant')!);
    vi.advanceTimersByTime(300);
    expect(store.getState().runs).toHaveLength(2);
    expect(location.search).toBe('?scene=one-cycle-vs-constant&backend=cpu&v=1');

    store.getState().setField('learningRate', 0.03);
    vi.advanceTimersByTime(300);
    // Run 1 changed alone: the plain layer says 0.03 for every run, and run 2 keeps the scene's 0.02.
    expect(location.search).toBe('?scene=one-cycle-vs-constant&learningRate=0.03&backend=cpu&r2.learningRate=0.02&v=1');

    // No scene: the same runs, written over the defaults.
    openScene(store, null);
    vi.advanceTimersByTime(300);
    expect(location.search).toMatch(/^\?dataset=moons&.*learningRate=0\.03.*&runs=2&.*r2\.learningRate=0\.02.*r2\.schedule=one-cycle/);
    expect(decodeExperiment(location.search).runs).toEqual(store.getState().runs.map((r) => r.config));
    stop();
  });

  it('an unknown scene at start-up is no scene: the address is written over the defaults', () => {
    const { location } = fakeWindow('?scene=nope&seed=2');
    const store = createConfigStore(decodeExperiment(location.search).runs);
    const stop = syncConfigToUrl(store);
    expect(useSceneStore.getState().scene).toBeNull();
    expect(location.search).toBe('?seed=2&v=1');
    stop();
  });
});
