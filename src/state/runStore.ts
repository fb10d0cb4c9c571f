/**
 * Run data written by worker events: the latest numbers, the points, the grid, status messages, and the
 * metric history. The history is append-only columnar arrays mutated in place; `historyVersion` says when
 * they grew, so charts can redraw at their own pace without copying the arrays on every tick.
 */
import { create } from 'zustand';
import type { Task } from '../engine/data/generators';
import type { AlgorithmName, RateLog } from '../engine/session';
import type { RangeTestCurve, RangeTestResult } from '../engine/lrfinder/rangeTest';
import type { LayerDiagnostics } from '../engine/train/diagnostics';
import type { BackendName, MetricPoint, PointsPayload, StatusLevel, WorkerEvent } from '../worker/protocol';

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
  algorithm: AlgorithmName[];
  byLayer: number[][];
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

function emptyHistory(): MetricHistory {
  return { step: [], epoch: [], examplesSeen: [], wallMs: [], trainLoss: [], testLoss: [], learningRate: [] };
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
  history: emptyHistory(),
  historyVersion: 0,
  messages: [],
  algorithm: 'backprop',
  diagnostics: null,
  diagnosticsStep: 0,
  shiftHistory: emptyShiftHistory(),
  costs: { live: {}, measured: null },
  answeredStepRequest: null,
  rateHistory: { steps: [], learningRates: [], momenta: [] },
  rangeTest: { running: false, done: 0, total: 0, curve: null, result: null, algorithm: null, previous: null },

  setBackend: (backend) => set({ backend }),
  setPlaying: (playing) => set({ playing }),
  startRun: (run) =>
    set((state) => ({
      ...run,
      latest: null,
      grid: null,
      stepsPerSecond: 0,
      history: emptyHistory(),
      historyVersion: state.historyVersion + 1,
      diagnostics: null,
      shiftHistory: emptyShiftHistory(),
      rateHistory: { steps: [], learningRates: [], momenta: [] },
    })),
  addTick: ({ runId, metric, grid, gridSize, stepsPerSecond, algorithm, msPerStep, diagnostics, requestId, rates }) => {
    const state = get();
    if (runId !== state.runId) return; // a late tick of a run that was replaced
    const history = state.history;
    const last = history.step.length - 1;
    // A tick at the step already charted (a re-evaluation, e.g. after moving backend) replaces it.
    if (last >= 0 && history.step[last] === metric.step) {
      for (const key of Object.keys(history) as (keyof MetricHistory)[]) history[key].pop();
    }
    for (const key of Object.keys(history) as (keyof MetricHistory)[]) history[key].push(metric[key]);
    const rateHistory = state.rateHistory;
    // After a restore (divergence) the step counter went back: forget the rates of the undone steps.
    while (rates.steps.length > 0 && rateHistory.steps.length > 0 && rateHistory.steps[rateHistory.steps.length - 1] >= rates.steps[0]) {
      rateHistory.steps.pop();
      rateHistory.learningRates.pop();
      rateHistory.momenta.pop();
    }
    rates.steps.forEach((step, i) => {
      rateHistory.steps.push(step);
      rateHistory.learningRates.push(rates.learningRates[i]);
      rateHistory.momenta.push(rates.momenta[i]);
    });
    if (diagnostics) {
      const shifts = state.shiftHistory;
      shifts.step.push(metric.step);
      shifts.algorithm.push(algorithm);
      diagnostics.forEach((layer, m) => {
        shifts.byLayer[m] ??= [];
        shifts.byLayer[m][shifts.step.length - 1] = layer.shift;
      });
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
