/** What React components reach through context: the config store and the training client. */
import { createContext, useContext } from 'react';
import type { ExperimentConfig, FieldName } from '../config/experiment';
import type { ConfigStore } from '../state/configStore';
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
