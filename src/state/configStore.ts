/**
 * The experiment (small, typed, mirrored in the URL): the runs of a comparison, each a full config, and which
 * run the panels edit. `config` is the selected run's config, so every panel reads and edits "the run" as it
 * did before runs existed. Fields that hold for the whole experiment (backend, speed, pacing) are written to
 * every run at once.
 */
import { create } from 'zustand';
import { changedFields, scopeOf, type ExperimentConfig, type FieldName } from '../config/experiment';
import { describeDifference, describeFirstRun } from '../config/runNames';
import { MAX_RUNS, type RunId } from '../config/runs';

export interface RunEntry {
  id: RunId;
  config: ExperimentConfig;
  /**
   * A name given where the run came from (a sweep's point: "Backprop, Adam at learning rate 0.01, seed 5"), shown
   * instead of its difference from run 1; dropped when the run's own settings change. Not in the URL.
   */
  label?: string;
}

/** The `index`-th run's name: its label, else what trains it (run 1) or how it differs from run 1 (config/runNames.ts). */
export function runEntryName(runs: readonly Pick<RunEntry, 'config' | 'label'>[], index: number): string {
  const run = runs[index];
  return run.label ?? (index === 0 ? describeFirstRun(run.config) : describeDifference(runs[0].config, run.config));
}

interface ConfigState {
  runs: RunEntry[];
  selectedRunId: RunId;
  /** The selected run's config. */
  config: ExperimentConfig;
  setField: <K extends FieldName>(name: K, value: ExperimentConfig[K]) => void;
  /** Replaces the selected run's config (experiment-wide fields apply to every run). */
  replace: (config: ExperimentConfig) => void;
  /** A copy of the selected run (same seed: same data, initial weights and batches), selected. */
  addRun: () => void;
  /** A run with this config (a sweep's point, say), named `label` if given, selected; false when the comparison is full. */
  addConfig: (config: ExperimentConfig, label?: string) => boolean;
  removeRun: (id: RunId) => void;
  selectRun: (id: RunId) => void;
  /** A whole new comparison (a preset, say): these runs in this order, the first selected. */
  replaceRuns: (configs: readonly ExperimentConfig[]) => void;
}

/** Keeps the experiment-wide fields of every run equal to `source`'s. */
function withSharedFields(config: ExperimentConfig, source: ExperimentConfig): ExperimentConfig {
  const shared: Partial<Record<FieldName, unknown>> = {};
  for (const name of Object.keys(source) as FieldName[]) if (scopeOf(name) === 'experiment') shared[name] = source[name];
  return { ...config, ...shared } as ExperimentConfig;
}

/** `run` with `next` as its config; a label goes once a setting of the run's own (not the experiment's) changes. */
function edited(run: RunEntry, next: ExperimentConfig): RunEntry {
  const own = changedFields(run.config, next).some((name) => scopeOf(name) !== 'experiment');
  return own ? { id: run.id, config: next } : { ...run, config: next };
}

export function createConfigStore(initial: ExperimentConfig | readonly ExperimentConfig[]) {
  const configs = Array.isArray(initial) ? (initial as readonly ExperimentConfig[]) : [initial as ExperimentConfig];
  let nextId = 1;
  const newId = (): RunId => `run-${nextId++}`;
  const runs = configs.slice(0, MAX_RUNS).map((config) => ({ id: newId(), config: withSharedFields(config, configs[0]) }));

  return create<ConfigState>((set, get) => {
    /** Sets the selected run's config and re-derives `config`; shared fields go to every run. */
    const update = (state: ConfigState, next: ExperimentConfig): Partial<ConfigState> => {
      const updated = state.runs.map((run) => (run.id === state.selectedRunId ? edited(run, next) : { ...run, config: withSharedFields(run.config, next) }));
      return { runs: updated, config: next };
    };
    return {
      runs,
      selectedRunId: runs[0].id,
      config: runs[0].config,
      setField: (name, value) => set((state) => update(state, { ...state.config, [name]: value })),
      replace: (config) => set((state) => update(state, config)),
      addRun: () =>
        set((state) => {
          if (state.runs.length >= MAX_RUNS) return {};
          const copy = { id: newId(), config: state.config };
          return { runs: [...state.runs, copy], selectedRunId: copy.id };
        }),
      addConfig: (config, label) => {
        if (get().runs.length >= MAX_RUNS) return false;
        set((state) => {
          const run: RunEntry = { id: newId(), config: withSharedFields(config, state.config), ...(label ? { label } : {}) };
          return { runs: [...state.runs, run], selectedRunId: run.id, config: run.config };
        });
        return true;
      },
      removeRun: (id) =>
        set((state) => {
          if (state.runs.length <= 1) return {};
          const remaining = state.runs.filter((run) => run.id !== id);
          if (remaining.length === state.runs.length) return {};
          const selected = remaining.find((run) => run.id === state.selectedRunId) ?? remaining[0];
          return { runs: remaining, selectedRunId: selected.id, config: selected.config };
        }),
      selectRun: (id) =>
        set((state) => {
          const run = state.runs.find((r) => r.id === id);
          return run ? { selectedRunId: id, config: run.config } : {};
        }),
      replaceRuns: (configs) =>
        set(() => {
          if (configs.length === 0) return {};
          const fresh = configs.slice(0, MAX_RUNS).map((config) => ({ id: newId(), config: withSharedFields(config, configs[0]) }));
          return { runs: fresh, selectedRunId: fresh[0].id, config: fresh[0].config };
        }),
    };
  });
}

export type ConfigStore = ReturnType<typeof createConfigStore>;
