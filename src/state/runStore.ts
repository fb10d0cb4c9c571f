/**
 * Run data written by worker events: the latest numbers, the points, the grid, status messages, and the
 * metric history. The history is append-only columnar arrays mutated in place; `historyVersion` says when
 * they grew, so charts can redraw at their own pace without copying the arrays on every tick.
 */
import { create } from 'zustand';
import type { Task } from '../engine/data/generators';
import type { BackendName, MetricPoint, PointsPayload, StatusLevel } from '../worker/protocol';

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
}

interface RunActions {
  setBackend: (backend: BackendInfo) => void;
  setPlaying: (playing: boolean) => void;
  startRun: (run: { runId: number; task: Task; train: PointsPayload; test: PointsPayload; parameterCount: number }) => void;
  addTick: (tick: { runId: number; metric: MetricPoint; grid: Float32Array | null; gridSize: number; stepsPerSecond: number }) => void;
  report: (level: StatusLevel, code: string, text: string) => void;
  dismiss: (id: number) => void;
}

export const MAX_MESSAGES = 4;

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
    })),
  addTick: ({ runId, metric, grid, gridSize, stepsPerSecond }) => {
    const state = get();
    if (runId !== state.runId) return; // a late tick of a run that was replaced
    const history = state.history;
    const last = history.step.length - 1;
    // A tick at the step already charted (a re-evaluation, e.g. after moving backend) replaces it.
    if (last >= 0 && history.step[last] === metric.step) {
      for (const key of Object.keys(history) as (keyof MetricHistory)[]) history[key].pop();
    }
    for (const key of Object.keys(history) as (keyof MetricHistory)[]) history[key].push(metric[key]);
    set({
      latest: metric,
      stepsPerSecond,
      historyVersion: state.historyVersion + 1,
      ...(grid ? { grid, gridSize } : {}),
    });
  },
  report: (level, code, text) =>
    set((state) => {
      const others = state.messages.filter((m) => m.code !== code);
      return { messages: [...others, { id: nextMessageId++, level, code, text }].slice(-MAX_MESSAGES) };
    }),
  dismiss: (id) => set((state) => ({ messages: state.messages.filter((m) => m.id !== id) })),
}));
