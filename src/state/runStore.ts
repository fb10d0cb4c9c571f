/**
 * The run registry: per run (keyed by its id, DESIGN.md §1) what the worker reported — its points, the latest
 * numbers, the grid, the targets, and bounded histories (boundedSeries.ts) mutated in place, with a version
 * that says when they changed, so charts redraw at their own pace without copying arrays on every tick —
 * plus what is global: the backend, playing, and the status messages.
 */
import { create } from 'zustand';
import type { RunId } from '../config/runs';
import type { Problem } from '../engine/data/problem';
import type { RateLog } from '../engine/session';
import type { RangeTestCurve, RangeTestResult } from '../engine/lrfinder/rangeTest';
import { ALGORITHMS, type AlgorithmName } from '../algorithms/registry';
import type { LayerDiagnostics } from '../engine/train/diagnostics';
import type { NeuronsReading } from '../probes/neurons/declaration';
import type { CalibrationFacts } from '../worker/calibrationFacts';
import type { CpuKernel, SkippedBackend } from '../worker/backendFacts';
import type { BackendName, GalleryPayload, MetricPoint, PointsPayload, StatusLevel, WorkerEvent } from '../worker/protocol';
import type { MessageAction } from './messageActions';
import { appendTick, newRunSeries, seedColumn, type MetricHistory, type ProbeHistory, type RunSeries, type ShiftHistory } from './runSeries';

export { HISTORY_LIMITS, type MetricHistory, type ProbeHistory, type ShiftHistory } from './runSeries';

export interface StatusMessage {
  id: number;
  level: StatusLevel;
  /** Messages with the same code (and run) replace each other. */
  code: string;
  runId: RunId | null;
  text: string;
  /** What the message offers to do (a button beside its words, ui/StatusMessages.tsx). */
  action?: MessageAction;
}

export interface CostInfo {
  /** Measured while training (over the recent ticks, once they pass engine/stepTiming's rule), per algorithm. */
  live: Partial<Record<AlgorithmName, number>>;
  /** From the last "measure cost" request, with the backend it ran on. */
  measured: { msPerStep: Partial<Record<AlgorithmName, number>>; backend: BackendName } | null;
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
  /** On the CPU backend, the loops its fused kernels run (worker/backendFacts.ts); null or absent otherwise. */
  cpuKernel?: CpuKernel | null;
  /** The preferred backends passed over, and why (worker/backendFacts.ts; state/backendMessages.ts words them). */
  skipped: SkippedBackend[];
  /** What `auto` measured, where `name` is its pick (worker/calibrationFacts.ts); null or absent otherwise. */
  calibration?: CalibrationFacts | null;
}

/** Everything the page knows about one run. */
export interface RunData {
  runId: RunId;
  /** What the run learns: sizes, task, class names, image shape (engine/data/problem.ts). */
  problem: Problem;
  /** The points of a 2-input problem (null otherwise). */
  train: PointsPayload | null;
  test: PointsPayload | null;
  /** The first test images of an image problem, and their latest predictions or reconstructions. */
  gallery: GalleryPayload | null;
  galleryOutputs: Float32Array | null;
  /** Test-set confusion counts (true × predicted), for problems with classes. */
  confusion: Float32Array | null;
  /** Per test example, 1 where the run (its first seed) is right, from the same evaluation as `confusion`. */
  correct: Uint8Array | null;
  /** A repeated run's `correct` per seed, in seed order (the first is `correct`), from the same evaluations; null for one seed. */
  seedCorrect: (Uint8Array | null)[] | null;
  parameterCount: number;
  /** The seeds the run trains: one, or N for a repeated run (whose losses are then their median). */
  seeds: number[];
  latest: MetricPoint | null;
  /**
   * The step count shown: the latest tick's step, or ahead of it while the first tick after Play evaluates (its
   * `stepped` event; issue 18 §3).
   */
  stepsTaken: number;
  stepsPerSecond: number;
  grid: Float32Array | null;
  gridSize: number;
  /** Columns of the bounded series: the metrics (and per-seed losses), rates, target shifts, layer statistics. */
  series: RunSeries;
  history: MetricHistory;
  rateHistory: RateLog;
  shiftHistory: ShiftHistory;
  /** Each probe's history by probe name (src/probes), from its first reading. */
  probes: Record<string, ProbeHistory>;
  /** Bumped whenever a history of this run changed. */
  historyVersion: number;
  algorithm: AlgorithmName;
  /** Which kernels the run's steps take, as its latest tick said; null until its first tick (a new run may go either way). */
  kernelPath: 'fused' | 'plain' | null;
  /** Per-layer targets of the latest diagnosed step. */
  diagnostics: LayerDiagnostics[] | null;
  diagnosticsStep: number;
  /** The per-unit view's latest reading (probes/neurons) and the step it was measured at. */
  neurons: NeuronsReading | null;
  neuronsStep: number;
  costs: CostInfo;
  /** requestId of the latest tick that answered a step command. */
  answeredStepRequest: number | null;
  rangeTest: RangeTestState;
}

type TickEvent = Omit<Extract<WorkerEvent, { type: 'tick' }>, 'type'>;
type RunEvent = Omit<Extract<WorkerEvent, { type: 'run' }>, 'type'>;

interface RunState {
  backend: BackendInfo | null;
  playing: boolean;
  runs: Record<RunId, RunData>;
  /** Bumped on every tick of any run (charts over several runs watch this). */
  version: number;
  messages: StatusMessage[];
}

interface RunActions {
  setBackend: (backend: BackendInfo) => void;
  setPlaying: (playing: boolean) => void;
  startRun: (run: RunEvent) => void;
  removeRun: (runId: RunId) => void;
  addTick: (tick: TickEvent) => void;
  /** Applies several ticks, in order, in one store update (one notification of the page's subscribers). */
  addTicks: (ticks: readonly TickEvent[]) => void;
  /** The first tick after Play has stepped (its evaluation to come): the step count moves. */
  stepped: (runId: RunId, step: number) => void;
  setMeasuredCost: (runId: RunId, measured: CostInfo['measured']) => void;
  startRangeTest: (runId: RunId, total: number) => void;
  rangeTestProgress: (runId: RunId, curve: RangeTestCurve, done: number) => void;
  rangeTestResult: (runId: RunId, result: RangeTestResult, algorithm: AlgorithmName) => void;
  report: (level: StatusLevel, code: string, text: string, runId?: RunId | null, action?: MessageAction) => void;
  dismiss: (id: number) => void;
  /** Takes down the message with this code (and run): its condition no longer holds. */
  clearStatus: (code: string, runId?: RunId | null) => void;
}

export const MAX_MESSAGES = 4;

/**
 * Every tick a run reported, at full resolution and append-only (the bounded series compact their older part,
 * so they cannot give the whole history): the metric columns, plus `train@s` / `test@s` per seed of a
 * repeated run, in growable Float64Array columns (10 numbers, 80 bytes, a tick; about 6 MB an hour at 20 ticks
 * a second). Only the CSV export reads it. A tick at or before the last logged step (a divergence's restore, a
 * re-evaluation) replaces what was logged from that step on, as the charts do.
 */
export class MetricLog {
  private data: Float64Array[];
  private rows = 0;

  constructor(readonly columns: readonly string[], initialRows = 256) {
    this.data = columns.map(() => new Float64Array(initialRows));
  }

  get length(): number {
    return this.rows;
  }

  /** Bytes held (capacity, not just the rows in use). */
  get bytes(): number {
    return this.data.reduce((sum, column) => sum + column.byteLength, 0);
  }

  /** The values of one column, row by row (a view: valid until the next append). */
  column(name: string): Float64Array {
    const index = this.columns.indexOf(name);
    return index < 0 ? new Float64Array(0) : this.data[index].subarray(0, this.rows);
  }

  append(point: Readonly<Record<string, number>>): void {
    const steps = this.data[this.columns.indexOf('step')];
    while (this.rows > 0 && steps[this.rows - 1] >= point.step) this.rows -= 1;
    if (this.rows === this.data[0].length) {
      this.data = this.data.map((column) => {
        const grown = new Float64Array(column.length * 2);
        grown.set(column);
        return grown;
      });
    }
    this.columns.forEach((name, c) => (this.data[c][this.rows] = point[name] ?? Number.NaN));
    this.rows += 1;
  }
}

const LOG_COLUMNS = ['step', 'epoch', 'examplesSeen', 'wallMs', 'trainLoss', 'testLoss', 'trainAccuracy', 'testAccuracy', 'learningRate', 'validationLoss'] as const;
const metricLogs = new Map<RunId, MetricLog>();

/** The full metric history of a run (empty until it starts). */
export function metricLogOf(runId: RunId): MetricLog {
  return metricLogs.get(runId) ?? new MetricLog(LOG_COLUMNS, 1);
}

function newMetricLog(seedCount: number): MetricLog {
  const seedColumns = seedCount > 1 ? Array.from({ length: seedCount }, (_, s) => [seedColumn('train', s), seedColumn('test', s)]).flat() : [];
  return new MetricLog([...LOG_COLUMNS, ...seedColumns]);
}

const emptyRangeTest = (): RangeTestState => ({ running: false, done: 0, total: 0, curve: null, result: null, algorithm: null, previous: null });

function newRun(event: RunEvent, previous: RunData | undefined): RunData {
  const series = newRunSeries(event.seeds.length);
  return {
    ...event,
    latest: null,
    stepsTaken: 0,
    stepsPerSecond: 0,
    grid: null,
    gridSize: 0,
    galleryOutputs: null,
    confusion: null,
    correct: null,
    seedCorrect: null,
    series,
    history: series.metrics.columns as MetricHistory,
    rateHistory: series.rates.columns,
    shiftHistory: { step: [], algorithm: [], byLayer: [] },
    probes: {},
    historyVersion: (previous?.historyVersion ?? 0) + 1,
    algorithm: previous?.algorithm ?? ALGORITHMS[0],
    kernelPath: null,
    diagnostics: null,
    diagnosticsStep: 0,
    neurons: null,
    neuronsStep: 0,
    costs: previous?.costs ?? { live: {}, measured: null },
    answeredStepRequest: null,
    rangeTest: previous?.rangeTest ?? emptyRangeTest(),
  };
}

/** A run after one tick: its bounded series appended to in place, its full log appended to, its latest numbers. */
function applyTick(run: RunData, tick: TickEvent): RunData {
  const views = appendTick(run.series, tick);
  const logged: Record<string, number> = { ...tick.metric };
  tick.seedLosses?.train.forEach((loss, s) => (logged[seedColumn('train', s)] = loss));
  tick.seedLosses?.test.forEach((loss, s) => (logged[seedColumn('test', s)] = loss));
  metricLogs.get(tick.runId)?.append(logged);
  const { metric, algorithm, msPerStep, grid, gridSize, gallery, confusion, correct, seedCorrect, diagnostics, requestId, stepsPerSecond, kernelPath, neurons } = tick;
  const live = msPerStep === null ? run.costs.live : { ...run.costs.live, [algorithm]: msPerStep };
  return {
    ...run,
    ...views,
    probes: views.probes ? { ...run.probes, ...views.probes } : run.probes,
    latest: metric,
    stepsTaken: metric.step,
    stepsPerSecond,
    algorithm,
    kernelPath,
    historyVersion: run.historyVersion + 1,
    costs: { ...run.costs, live },
    ...(grid ? { grid, gridSize } : {}),
    ...(gallery ? { galleryOutputs: gallery } : {}),
    ...(confusion ? { confusion } : {}),
    ...(correct ? { correct, seedCorrect } : {}),
    ...(diagnostics ? { diagnostics, diagnosticsStep: metric.step } : {}),
    ...(neurons ? { neurons, neuronsStep: metric.step } : {}),
    ...(requestId !== null ? { answeredStepRequest: requestId } : {}),
  };
}

let nextMessageId = 1;

export const useRunStore = create<RunState & RunActions>((set, get) => {
  /** Applies `change` to one run, if the page still has it. */
  const updateRun = (runId: RunId, change: (run: RunData) => Partial<RunData>): void =>
    set((state) => {
      const run = state.runs[runId];
      return run ? { runs: { ...state.runs, [runId]: { ...run, ...change(run) } } } : {};
    });
  const sameMessage = (m: StatusMessage, code: string, runId: RunId | null): boolean => m.code === code && m.runId === runId;

  return {
    backend: null,
    playing: false,
    runs: {},
    version: 0,
    messages: [],

    setBackend: (backend) => set({ backend }),
    setPlaying: (playing) => set({ playing }),
    startRun: (event) => {
      const previous = get().runs[event.runId];
      // Put back by a new worker (its old one died): the run keeps its charts and log; the tick at the resumed
      // step that follows replaces what was charted from that step on (appendTick, MetricLog.append).
      if (event.resumedAt !== undefined && previous && previous.seeds.length === event.seeds.length) {
        set((state) => ({ runs: { ...state.runs, [event.runId]: { ...previous, ...event } }, version: state.version + 1 }));
        return;
      }
      metricLogs.set(event.runId, newMetricLog(event.seeds.length));
      set((state) => ({ runs: { ...state.runs, [event.runId]: newRun(event, state.runs[event.runId]) }, version: state.version + 1 }));
    },
    removeRun: (runId) =>
      set((state) => {
        metricLogs.delete(runId);
        const runs = { ...state.runs };
        delete runs[runId];
        return { runs, version: state.version + 1, messages: state.messages.filter((m) => m.runId !== runId) };
      }),
    addTick: (tick) => get().addTicks([tick]),
    addTicks: (ticks) => {
      const state = get();
      let runs = state.runs;
      let applied = 0;
      for (const tick of ticks) {
        const run = runs[tick.runId];
        if (!run) continue; // a late tick of a run that was removed
        if (runs === state.runs) runs = { ...state.runs };
        runs[tick.runId] = applyTick(run, tick);
        applied++;
      }
      if (applied > 0) set({ runs, version: state.version + applied });
    },
    stepped: (runId, step) =>
      set((state) => {
        const run = state.runs[runId];
        return run ? { runs: { ...state.runs, [runId]: { ...run, stepsTaken: step } }, version: state.version + 1 } : {};
      }),
    setMeasuredCost: (runId, measured) => updateRun(runId, (run) => ({ costs: { ...run.costs, measured } })),
    startRangeTest: (runId, total) => updateRun(runId, (run) => ({ rangeTest: { ...run.rangeTest, running: true, done: 0, total, curve: null } })),
    rangeTestProgress: (runId, curve, done) => updateRun(runId, (run) => ({ rangeTest: { ...run.rangeTest, curve, done } })),
    rangeTestResult: (runId, result, algorithm) =>
      updateRun(runId, (run) => {
        const { result: last, algorithm: lastAlgorithm } = run.rangeTest;
        const previous = last && lastAlgorithm && last.outcome !== 'cancelled' ? { result: last, algorithm: lastAlgorithm } : run.rangeTest.previous;
        return { rangeTest: { running: false, done: result.losses.length, total: result.plannedSteps, curve: result, result, algorithm, previous } };
      }),
    report: (level, code, text, runId = null, action) =>
      set((state) => {
        const others = state.messages.filter((m) => !sameMessage(m, code, runId));
        return { messages: [...others, { id: nextMessageId++, level, code, runId, text, ...(action ? { action } : {}) }].slice(-MAX_MESSAGES) };
      }),
    dismiss: (id) => set((state) => ({ messages: state.messages.filter((m) => m.id !== id) })),
    clearStatus: (code, runId = null) => set((state) => ({ messages: state.messages.filter((m) => !sameMessage(m, code, runId)) })),
  };
});
