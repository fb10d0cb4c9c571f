/**
 * Keeps the address bar equal to the experiment: replaceState (no history entry per slider tick), at most
 * every 250 ms while something is being dragged (Chrome throttles bursts of history updates).
 */
import { encodeExperiment } from '../config/experimentUrl';
import type { ConfigStore } from './configStore';

const INTERVAL_MS = 250;

export function syncConfigToUrl(store: ConfigStore): () => void {
  let timer: ReturnType<typeof setTimeout> | null = null;
  const write = (): void => {
    timer = null;
    const query = encodeExperiment(store.getState().runs.map((run) => run.config));
    const url = `${window.location.pathname}${query ? `?${query}` : ''}${window.location.hash}`;
    if (url !== `${window.location.pathname}${window.location.search}${window.location.hash}`) {
      window.history.replaceState(window.history.state, '', url);
    }
  };
  write();
  const unsubscribe = store.subscribe((state, previous) => {
    if (state.runs !== previous.runs && timer === null) timer = setTimeout(write, INTERVAL_MS);
  });
  return () => {
    unsubscribe();
    if (timer !== null) clearTimeout(timer);
  };
}
