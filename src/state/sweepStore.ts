/**
 * A sweep on the page (issue 17): the spec being written (mirrored in the address), the plan it expanded to,
 * the results as they arrive from the sweep workers (worker/sweepPool.ts), progress, and what is read off them
 * (the metric and the checkpoint). Finished results are kept through a cancel and until the next sweep starts
 * or one is imported. TF.js-free.
 */
import { create } from 'zustand';
import type { ExperimentConfig } from '../config/experiment';
import { checkpointSteps, expandSweep, type SweepLimits, type SweepPlan, type SweepSpec } from '../config/sweep';
import { DEFAULT_SWEEP_BUDGET, DEFAULT_SWEEP_SEEDS } from '../config/sweepUrl';
import type { SweepMetric } from '../engine/sweep/response';
import type { SweepRunResult } from '../engine/sweep/types';
import type { PoolListener, PoolOptions, PoolProgress, PoolRun, SweepPoolHandle } from '../worker/sweepPool';
import type { SkippedBackend } from '../worker/backendFacts';
import type { SweepCsvFile } from '../worker/sweepProtocol';
import { sweepFailureText } from './dataMessages';

export type SweepStatus = 'idle' | 'running' | 'done' | 'cancelled';

export interface SweepFailure {
  index: number;
  message: string;
}

/** What a finished or running sweep is: the plan, the names of its groups, and how it was run. */
export interface SweepRecord {
  spec: SweepSpec;
  /** The base config of each group, as the sweep started (the plan overrides the swept fields and the seed). */
  groups: ExperimentConfig[];
  plan: SweepPlan;
  groupNames: string[];
  /** Sweep workers used (0 for an imported sweep). */
  workers: number;
  /**
   * Where the runs train: `webgpu` where the comparison trains on WebGPU (one worker, many runs a dispatch),
   * the CPU otherwise (absent: the CPU, or an imported sweep). `fallback`: why a sweep meant for WebGPU trains on
   * the CPU, as its worker's facts (issue 20 §6; backendMessages.ts sweepFallbackText words them).
   */
  backend?: 'cpu' | 'webgpu';
  fallback?: SkippedBackend;
  /**
   * The sweep began on WebGPU and its device was lost (`message`: the browser's message or reason, as given):
   * what it had not finished trained again on the CPU.
   */
  deviceLost?: { message: string };
  startedAt: string;
  /** The file it was loaded from (an imported sweep), absent for one trained here. */
  file?: string;
}

export interface SweepState {
  /** The sweep as written in the panel (and the address). */
  spec: SweepSpec;
  /** Whether the address should carry the spec: it came from one, or a sweep was started. */
  specInAddress: boolean;
  status: SweepStatus;
  record: SweepRecord | null;
  results: SweepRunResult[];
  failures: SweepFailure[];
  progress: PoolProgress | null;
  /** The share of each run's training points held out to choose on (issue 17 §4: never the test set). */
  validationPercent: number;
  /** How the current comparison was chosen from this sweep ("each at its best"), or null. */
  tuned: { statement: string; configs: ExperimentConfig[] } | null;
  /** Why the last sweep asked for was refused (nothing was started), or null. */
  refused: string[] | null;
  metric: SweepMetric;
  /** The checkpoint read ("at step" slider), or null for the latest. */
  checkpoint: number | null;
  /** The grid point whose learning curves are shown, by point index, or null. */
  selectedPoint: number[] | null;
  setSpec: (spec: SweepSpec, inAddress?: boolean) => void;
  setMetric: (metric: SweepMetric) => void;
  setValidationPercent: (percent: number) => void;
  setTuned: (tuned: SweepState['tuned']) => void;
  setCheckpoint: (checkpoint: number | null) => void;
  selectPoint: (point: number[] | null) => void;
  /**
   * Expands the spec over these groups and starts it (replacing a sweep still running), or records why it was
   * refused. The pool starter may start the workers in a later task (the page's does: startSweepPoolLater).
   */
  /** `csv`: the session's CSV file, for groups on `dataset=custom` (the sweep workers parse it as the live worker did). */
  start: (groups: readonly ExperimentConfig[], groupNames: readonly string[], limits: SweepLimits, csv?: SweepCsvFile, backend?: 'cpu' | 'webgpu') => boolean;
  cancel: () => void;
  /** Destroys the WebGPU device of a sweep running there (automation: e2e tests; DESIGN §6). */
  simulateDeviceLoss: () => void;
  /** A sweep read from a file (ui/sweep/sweepFile.ts): shown as if it had just finished. */
  load: (record: SweepRecord, results: SweepRunResult[], failures: SweepFailure[]) => void;
}

export type PoolStarter = (runs: readonly PoolRun[], options: PoolOptions, listener: PoolListener) => SweepPoolHandle;

export const DEFAULT_SPEC: SweepSpec = {
  axes: [{ field: 'learningRate', values: { kind: 'range', from: 0.001, to: 1, count: 7, scale: 'log' } }],
  seeds: DEFAULT_SWEEP_SEEDS,
  budget: DEFAULT_SWEEP_BUDGET,
  budgetUnit: 'steps',
};

/** The longest the page waits to show a sweep's reports. */
export const FLUSH_MS = 250;

/** Chosen on the validation split by default: the final validation loss. */
export const DEFAULT_METRIC: SweepMetric = { kind: 'final', of: 'validationLoss' };
export const DEFAULT_VALIDATION_PERCENT = 20;

/** `cores()` is read when a sweep starts (navigator.hardwareConcurrency in the page). */
/** The pool's budget for a plan in epochs or seconds (a budget in steps is budgetSteps itself). */
function budgetOptions(plan: SweepPlan): Pick<PoolOptions, 'budgetEpochs' | 'budgetSeconds'> {
  if (plan.budgetUnit === 'epochs') return { budgetEpochs: plan.budget };
  if (plan.budgetUnit === 'seconds') return { budgetSeconds: plan.budget };
  return {};
}

export function createSweepStore(startPool: PoolStarter, cores: () => number | undefined) {
  let handle: SweepPoolHandle | null = null;
  /** Which start the pool's reports belong to: a replaced sweep's late reports are dropped. */
  let generation = 0;
  return create<SweepState>((set, get) => ({
    spec: DEFAULT_SPEC,
    specInAddress: false,
    status: 'idle',
    record: null,
    results: [],
    failures: [],
    progress: null,
    refused: null,
    validationPercent: DEFAULT_VALIDATION_PERCENT,
    tuned: null,
    metric: DEFAULT_METRIC,
    checkpoint: null,
    selectedPoint: null,
    setSpec: (spec, inAddress) => set((state) => ({ spec, specInAddress: inAddress ?? state.specInAddress, refused: null })),
    setMetric: (metric) => set({ metric }),
    setValidationPercent: (validationPercent) => set({ validationPercent }),
    setTuned: (tuned) => set({ tuned }),
    setCheckpoint: (checkpoint) => set({ checkpoint }),
    selectPoint: (selectedPoint) => set({ selectedPoint }),
    start: (groups, groupNames, limits, csv, backend = 'cpu') => {
      const expansion = expandSweep(get().spec, groups, limits);
      if (!expansion.ok) {
        set({ refused: expansion.reasons });
        return false;
      }
      const { plan } = expansion;
      // A sweep still running is replaced: cancelled, its reports dropped from here on.
      handle?.cancel();
      const mine = ++generation;
      const current = (): boolean => mine === generation;
      // Reports reach the page at most every FLUSH_MS (results, failures and progress together): each one
      // re-reads the response and redraws the charts, and several workers report many times a second.
      let pending: { results: SweepRunResult[]; failures: SweepFailure[]; progress: PoolProgress | null } = { results: [], failures: [], progress: null };
      let timer: ReturnType<typeof setTimeout> | null = null;
      const flush = (): void => {
        timer = null;
        if (!current()) return;
        const { results, failures, progress } = pending;
        pending = { results: [], failures: [], progress: null };
        set((state) => ({
          results: results.length > 0 ? [...state.results, ...results] : state.results,
          failures: failures.length > 0 ? [...state.failures, ...failures] : state.failures,
          progress: progress ?? state.progress,
        }));
      };
      const later = (): void => {
        if (timer === null) timer = setTimeout(flush, FLUSH_MS);
      };
      const listener: PoolListener = {
        onResult: (result) => (pending.results.push(result), later()),
        onFailed: (index, failure) => (pending.failures.push({ index, message: sweepFailureText(failure) }), later()),
        onProgress: (progress) => ((pending.progress = progress), later()),
        onBackend: (started) => {
          const { record } = get();
          if (!current() || !record) return;
          set({ record: { ...record, backend: started.backend, ...(started.backend === 'cpu' ? { fallback: started.skipped } : {}) } });
        },
        onDeviceLost: (message, workers) => {
          const { record } = get();
          if (!current() || !record) return;
          set({ record: { ...record, backend: 'cpu', deviceLost: { message }, workers } });
        },
        onDone: ({ cancelled }) => {
          if (!current()) return;
          if (timer !== null) clearTimeout(timer);
          flush();
          handle = null;
          set({ status: cancelled ? 'cancelled' : 'done' });
        },
      };
      // The caller's count (what fits in memory, state/sweepMemory.ts), else one per core; on WebGPU one, with these
      // for the CPU should its device be lost (worker/sweepPool.ts).
      const workers = Math.max(1, limits.workers ?? cores() ?? 1);
      set({
        status: 'running',
        specInAddress: true,
        record: { spec: get().spec, groups: [...groups], plan, groupNames: [...groupNames], workers: backend === 'webgpu' ? 1 : Math.min(workers, plan.runs.length), backend, startedAt: new Date().toISOString() },
        results: [],
        failures: [],
        progress: null,
        refused: null,
        checkpoint: null,
        selectedPoint: null,
      });
      handle = startPool(
        plan.runs.map((run) => ({ index: run.index, config: run.config })),
        { budgetSteps: plan.budgetSteps, checkpoints: checkpointSteps(plan.budgetSteps), workers, backend, ...budgetOptions(plan), ...(csv ? { csv } : {}) },
        listener,
      );
      return true;
    },
    cancel: () => handle?.cancel(),
    simulateDeviceLoss: () => handle?.simulateDeviceLoss(),
    load: (record, results, failures) => {
      handle?.cancel();
      handle = null;
      generation++;
      set({ status: 'done', record, results, failures, progress: null, refused: null, checkpoint: null, selectedPoint: null });
    },
  }));
}

export type SweepStore = ReturnType<typeof createSweepStore>;
