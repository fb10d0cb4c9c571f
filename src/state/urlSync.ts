/**
 * Keeps the address bar equal to the experiment: replaceState (no history entry per slider tick), at most
 * every 250 ms while something is being dragged (Chrome throttles bursts of history updates).
 *
 * The open scene (config/scenes.ts) is the layer the address is written over: `?scene=<name>` plus only what
 * differs from it. It is read from the address at start-up (an unknown name is no scene; start-up has
 * already reported it) and changed by the scene picker (`openScene`).
 */
import { create } from 'zustand';
import { encodeExperiment, sceneOfQuery } from '../config/experimentUrl';
import { sceneConfigs, type Scene } from '../config/scenes';
import { encodeSweep } from '../config/sweepUrl';
import type { ConfigStore } from './configStore';
import type { SweepStore } from './sweepStore';

const INTERVAL_MS = 250;

interface SceneState {
  /** The scene the experiment was opened from, or null: the address is then laid over the defaults. */
  scene: Scene | null;
  setScene: (scene: Scene | null) => void;
}

export const useSceneStore = create<SceneState>((set) => ({
  scene: null,
  setScene: (scene) => set({ scene }),
}));

/**
 * Replaces the runs with the scene's (keeping the viewer's backend, speed, pacing and kernels) and makes it
 * the address's layer; `null` keeps the runs and writes the address over the defaults again.
 */
export function openScene(store: ConfigStore, scene: Scene | null): void {
  if (scene) store.getState().replaceRuns(sceneConfigs(scene, store.getState().runs[0].config));
  useSceneStore.getState().setScene(scene);
}

/**
 * `sweeps`, when given, adds the sweep's spec (config/sweepUrl.ts) once it came from the address or a sweep started;
 * a scene's own sweep only where it differs from the scene's.
 */
export function syncConfigToUrl(store: ConfigStore, sweeps?: SweepStore): () => void {
  let timer: ReturnType<typeof setTimeout> | null = null;
  const write = (): void => {
    timer = null;
    const experiment = encodeExperiment(
      store.getState().runs.map((run) => run.config),
      useSceneStore.getState().scene,
    );
    const sweep = sweeps?.getState();
    // A scene's own sweep is part of the scene: written only where it was changed.
    const sceneSweep = useSceneStore.getState().scene?.sweep?.spec;
    const writeSweep = sweep !== undefined && (sceneSweep ? encodeSweep(sweep.spec) !== encodeSweep(sceneSweep) : sweep.specInAddress);
    const query = [experiment, writeSweep ? encodeSweep(sweep.spec) : ''].filter(Boolean).join('&');
    const url = `${window.location.pathname}${query ? `?${query}` : ''}${window.location.hash}`;
    if (url !== `${window.location.pathname}${window.location.search}${window.location.hash}`) {
      window.history.replaceState(window.history.state, '', url);
    }
  };
  useSceneStore.getState().setScene(sceneOfQuery(window.location.search));
  write();
  const schedule = (): void => {
    if (timer === null) timer = setTimeout(write, INTERVAL_MS);
  };
  const unsubscribe = store.subscribe((state, previous) => {
    if (state.runs !== previous.runs) schedule();
  });
  const unsubscribeScene = useSceneStore.subscribe((state, previous) => {
    if (state.scene !== previous.scene) schedule();
  });
  const unsubscribeSweep = sweeps?.subscribe((state, previous) => {
    if (state.spec !== previous.spec || state.specInAddress !== previous.specInAddress) schedule();
  });
  return () => {
    unsubscribe();
    unsubscribeScene();
    unsubscribeSweep?.();
    if (timer !== null) clearTimeout(timer);
  };
}
