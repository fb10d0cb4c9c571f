/** What React components reach through context: the config store and the training client. */
import { createContext, useContext } from 'react';
import type { ExperimentConfig, FieldName } from '../config/experiment';
import type { RunId } from '../config/runs';
import type { ConfigStore } from '../state/configStore';
import { useRunStore, type RunData } from '../state/runStore';
import { useThrottledSelector } from './useThrottled';
import type { TrainingClient } from '../worker/client';

export interface Services {
  configStore: ConfigStore;
  client: TrainingClient;
}

export const ServicesContext = createContext<Services | null>(null);

export function useServices(): Services {
  const services = useContext(ServicesContext);
  if (!services) throw new Error('useServices must be used inside <ServicesContext.Provider>');
  return services;
}

export function useConfigValue<K extends FieldName>(name: K): ExperimentConfig[K] {
  return useServices().configStore((state) => state.config[name]);
}

export function useSetField(): <K extends FieldName>(name: K, value: ExperimentConfig[K]) => void {
  return useServices().configStore((state) => state.setField);
}

/** The run the panels show and edit. */
export function useSelectedRunId(): RunId {
  return useServices().configStore((state) => state.selectedRunId);
}

/**
 * A value of the selected run's data (`fallback` until the worker has reported the run). The selector must
 * return something already in the store (a field), not a new object, or React re-renders without end.
 */
export function useSelectedRun<T>(selector: (run: RunData) => T, fallback: T): T {
  const id = useSelectedRunId();
  return useRunStore((state) => {
    const run = state.runs[id];
    return run ? selector(run) : fallback;
  });
}

/** Like useSelectedRun, re-rendering at most every `intervalMs` (charts, previews). */
export function useThrottledRun<T>(selector: (run: RunData) => T, fallback: T, intervalMs: number, paused = false): T {
  const id = useSelectedRunId();
  return useThrottledSelector(useRunStore, (state) => (state.runs[id] ? selector(state.runs[id]) : fallback), intervalMs, id, paused);
}
