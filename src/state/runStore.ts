/**
 * Run data written by worker events: the latest numbers, the points, the grid, status messages, and the
 * metric history. The histories are bounded columnar series (boundedSeries.ts) mutated in place;
 * `historyVersion` says when they changed, so charts can redraw at their own pace without copying the
 * arrays on every tick.
 */
import { create } from 'zustand';
import type { Task } from '../engine/data/generators';
import type { AlgorithmName, RateLog } from '../engine/session';
import type { RangeTestCurve, RangeTestResult } from '../engine/lrfinder/rangeTest';
import { ALGORITHMS } from '../engine/train/algorithmCatalog';
import type { LayerDiagnostics } from '../engine/train/diagnostics';
import type { BackendName, MetricPoint, PointsPayload, StatusLevel, WorkerEvent } from '../worker/protocol';
import { BoundedSeries } from './boundedSeries';

export interface MetricHistory {
  step: number[];
  epoch: number[];
  examplesSeen: number[];
  wallMs: number[];
  trainLoss: number[];
  testLoss: number[];
  learningRate: number[];
}

export interface StatusMessage {
  id: number;
  level: StatusLevel;
  /** Messages with the same code replace each other. */
  code: string;
  text: string;
}

/** The relative target shift ‖T − H‖/‖H‖ of every layer, one entry per diagnosed tick. */
export interface ShiftHistory {
  step: number[];
  /** Index into ALGORITHMS of the algorithm diagnosed: a number, so it compacts with the other columns. */
  algorithm: number[];
  byLayer: number[][];
}

type MetricKey = keyof MetricHistory;
const METRIC_COLUMNS: readonly MetricKey[] = ['step', 'epoch', 'examplesSeen', 'wallMs', 'trainLoss', 'testLoss', 'learningRate'];
const RATE_COLUMNS: readonly (keyof RateLog)[] = ['steps', 'learningRates', 'momenta'];

/**
 * How many points each history of a run holds at most, and how many of the newest at full resolution, so a
 * run of a million steps takes the memory of one of ten thousand (issue 9: the page's heap grew ~23 bytes a
 * step, mostly the per-step rates). The charts draw about 600 points; compaction leaves the older part at
 * least 2,688 points evenly along the steps, 4 or more per drawn point, so spikes survive the charts' own
 * decimation too. 512 recent ticks are the last ~25 s at 20 ticks a second, and 512 rates 2 ticks of 256
 * samples (or the last 512 steps of a slower run): small, because the charts decimate by index and the
 * recent window takes its share of their points however short its span of steps.
 * Together about 0.4 MB of numbers.
 */
export const HISTORY_LIMITS = {
  metrics: { capacity: 4096, recent: 512 },
  rates: { capacity: 4096, recent: 512 },
  /** Diagnosed ticks come at most 4 a second: 256 recent ones are the last minute or so. */
  shifts: { capacity: 2048, recent: 256 },
} as const;

/** The series behind `history`, `rateHistory` and `shiftHistory`, whose arrays are these series' columns. */
export interface RunSeries {
  metrics: BoundedSeries<MetricKey>;
  rates: BoundedSeries<keyof RateLog>;
  /** Created at the first diagnosed tick, when the number of layers is known. */
  shifts: BoundedSeries<string> | null;
}

function newRunSeries(): RunSeries {
  return {
    metrics: new BoundedSeries({ columns: METRIC_COLUMNS, x: 'step', extremes: ['trainLoss', 'testLoss'], ...HISTORY_LIMITS.metrics }),
    rates: new BoundedSeries({ columns: RATE_COLUMNS, x: 'steps', extremes: ['learningRates', 'momenta'], ...HISTORY_LIMITS.rates }),
    shifts: null,
  };
}

const layerColumn = (m: number): string => `layer ${m}`;

function newShiftSeries(layers: number): BoundedSeries<string> {
  const shifts = Array.from({ length: layers }, (_, m) => layerColumn(m));
  return new BoundedSeries({ columns: ['step', 'algorithm', ...shifts], x: 'step', extremes: shifts, ...HISTORY_LIMITS.shifts });
}

function shiftView(series: BoundedSeries<string>, layers: number): ShiftHistory {
  const { columns } = series;
  return { step: columns.step, algorithm: columns.algorithm, byLayer: Array.from({ length: layers }, (_, m) => columns[layerColumn(m)]) };
}

export interface CostInfo {
  /** Measured while training (EMA of the tick planner's per-step cost), per algorithm. */
  live: Partial<Record<AlgorithmName, number>>;
  /** From the last "measure cost" request, with the backend it ran on. */
  measured: { msPerStep: Record<AlgorithmName, number>; backend: BackendName } | null;
}

export interface RangeTestState {
  running: boolean;
  done: number;
  total: number;
  curve: RangeTestCurve | null;
  result: RangeTestResult | null;
  algorithm: AlgorithmName | null;
  /** The previous finished result, kept for comparison (say backprop's before LocoProp's). */
  previous: { result: RangeTestResult; algorithm: AlgorithmName } | null;
}

export interface BackendInfo {
  name: BackendName;
  detail: string;
  fallbackReason: string | null;
}

interface RunState {
  backend: BackendInfo | null;
  playing: boolean;
  runId: number;
  task: Task | null;
  train: PointsPayload | null;
  test: PointsPayload | null;
  parameterCount: number;
  latest: MetricPoint | null;
  stepsPerSecond: number;
  grid: Float32Array | null;
  gridSize: number;
  history: MetricHistory;
  historyVersion: number;
  series: RunSeries;
  messages: StatusMessage[];
  algorithm: AlgorithmName;
  /** Per-layer targets of the latest diagnosed step, and the algorithm that made it. */
  diagnostics: LayerDiagnostics[] | null;
  diagnosticsStep: number;
  shiftHistory: ShiftHistory;
  costs: CostInfo;
  /** requestId of the latest tick that answered a step command. */
  answeredStepRequest: number | null;
  /** Learning rate and momentum actually used, per (sampled) step; grows in place with historyVersion. */
  rateHistory: RateLog;
  rangeTest: RangeTestState;
}

interface RunActions {
  setBackend: (backend: BackendInfo) => void;
  setPlaying: (playing: boolean) => void;
  startRun: (run: { runId: number; task: Task; train: PointsPayload; test: PointsPayload; parameterCount: number }) => void;
  addTick: (tick: Omit<Extract<WorkerEvent, { type: 'tick' }>, 'type'>) => void;
  setMeasuredCost: (measured: CostInfo['measured']) => void;
  startRangeTest: (total: number) => void;
  rangeTestProgress: (curve: RangeTestCurve, done: number) => void;
  rangeTestResult: (result: RangeTestResult, algorithm: AlgorithmName) => void;
  report: (level: StatusLevel, code: string, text: string) => void;
  dismiss: (id: number) => void;
  /** Takes down the message with this code (the worker says its condition no longer holds). */
  clearStatus: (code: string) => void;
}

export const MAX_MESSAGES = 4;

function emptyShiftHistory(): ShiftHistory {
  return { step: [], algorithm: [], byLayer: [] };
}

/** A run's empty histories: the series, and the store's views of their columns. */
function emptyHistories(): Pick<RunState, 'series' | 'history' | 'rateHistory' | 'shiftHistory'> {
  const series = newRunSeries();
  return { series, history: series.metrics.columns, rateHistory: series.rates.columns, shiftHistory: emptyShiftHistory() };
}

let nextMessageId = 1;

export const useRunStore = create<RunState & RunActions>((set, get) => ({
  backend: null,
  playing: false,
  runId: 0,
  task: null,
  train: null,
  test: null,
  parameterCount: 0,
  latest: null,
  stepsPerSecond: 0,
  grid: null,
  gridSize: 0,
  ...emptyHistories(),
  historyVersion: 0,
  messages: [],
  algorithm: 'backprop',
  diagnostics: null,
  diagnosticsStep: 0,
  costs: { live: {}, measured: null },
  answeredStepRequest: null,
  rangeTest: { running: false, done: 0, total: 0, curve: null, result: null, algorithm: null, previous: null },

  setBackend: (backend) => set({ backend }),
  setPlaying: (playing) => set({ playing }),
  startRun: (run) =>
    set((state) => ({
      ...run,
      latest: null,
      grid: null,
      stepsPerSecond: 0,
      ...emptyHistories(),
      historyVersion: state.historyVersion + 1,
      diagnostics: null,
    })),
  addTick: ({ runId, metric, grid, gridSize, stepsPerSecond, algorithm, msPerStep, diagnostics, requestId, rates }) => {
    const state = get();
    if (runId !== state.runId) return; // a late tick of a run that was replaced
    const { metrics, rates: rateSeries } = state.series;
    // A tick at the step already charted (a re-evaluation, e.g. after moving backend) replaces it.
    if (metrics.last('step') === metric.step) metrics.pop();
    metrics.push(metric);
    // After a restore (divergence) the step counter went back: forget the rates of the undone steps.
    // Compaction keeps the step order, so popping from the end still finds every undone step, compacted or not.
    while (rates.steps.length > 0 && (rateSeries.last('steps') ?? -Infinity) >= rates.steps[0]) rateSeries.pop();
    rates.steps.forEach((step, i) => rateSeries.push({ steps: step, learningRates: rates.learningRates[i], momenta: rates.momenta[i] }));
    let newShifts: Pick<RunState, 'series' | 'shiftHistory'> | null = null;
    if (diagnostics && diagnostics.length > 0) {
      // The layer count is fixed within a run (a new architecture starts a new run); if it differs anyway,
      // the old columns no longer name these layers, so start over.
      let shifts = state.series.shifts;
      if (!shifts || state.shiftHistory.byLayer.length !== diagnostics.length) {
        shifts = newShiftSeries(diagnostics.length);
        newShifts = { series: { ...state.series, shifts }, shiftHistory: shiftView(shifts, diagnostics.length) };
      }
      const point: Record<string, number> = { step: metric.step, algorithm: ALGORITHMS.indexOf(algorithm) };
      diagnostics.forEach((layer, m) => {
        point[layerColumn(m)] = layer.shift;
      });
      shifts.push(point);
    }
    const live = msPerStep === null ? state.costs.live : { ...state.costs.live, [algorithm]: msPerStep };
    set({
      latest: metric,
      stepsPerSecond,
      algorithm,
      historyVersion: state.historyVersion + 1,
      costs: { ...state.costs, live },
      ...(grid ? { grid, gridSize } : {}),
      ...(diagnostics ? { diagnostics, diagnosticsStep: metric.step } : {}),
      ...newShifts,
      ...(requestId !== null ? { answeredStepRequest: requestId } : {}),
    });
  },
  setMeasuredCost: (measured) => set((state) => ({ costs: { ...state.costs, measured } })),
  startRangeTest: (total) => set((state) => ({ rangeTest: { ...state.rangeTest, running: true, done: 0, total, curve: null } })),
  rangeTestProgress: (curve, done) => set((state) => ({ rangeTest: { ...state.rangeTest, curve, done } })),
  rangeTestResult: (result, algorithm) =>
    set((state) => {
      const { result: last, algorithm: lastAlgorithm } = state.rangeTest;
      const previous = last && lastAlgorithm && last.outcome !== 'cancelled' ? { result: last, algorithm: lastAlgorithm } : state.rangeTest.previous;
      return { rangeTest: { running: false, done: result.losses.length, total: result.plannedSteps, curve: result, result, algorithm, previous } };
    }),
  report: (level, code, text) =>
    set((state) => {
      const others = state.messages.filter((m) => m.code !== code);
      return { messages: [...others, { id: nextMessageId++, level, code, text }].slice(-MAX_MESSAGES) };
    }),
  dismiss: (id) => set((state) => ({ messages: state.messages.filter((m) => m.id !== id) })),
  clearStatus: (code) => set((state) => ({ messages: state.messages.filter((m) => m.code !== code) })),
}));
