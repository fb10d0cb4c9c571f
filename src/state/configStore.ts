/** The experiment config (small, typed, mirrored in the URL). */
import { create } from 'zustand';
import { type ExperimentConfig, type FieldName } from '../config/experiment';

interface ConfigState {
  config: ExperimentConfig;
  setField: <K extends FieldName>(name: K, value: ExperimentConfig[K]) => void;
  replace: (config: ExperimentConfig) => void;
}

export function createConfigStore(initial: ExperimentConfig) {
  return create<ConfigState>((set) => ({
    config: initial,
    setField: (name, value) => set((state) => ({ config: { ...state.config, [name]: value } })),
    replace: (config) => set({ config }),
  }));
}

export type ConfigStore = ReturnType<typeof createConfigStore>;
