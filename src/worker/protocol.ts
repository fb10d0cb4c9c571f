/** The typed messages between the page and the training worker. Only the worker touches tensors. */
import type { ExperimentConfig } from '../config/experiment';
import type { Task } from '../engine/data/generators';
import type { AlgorithmName, RateLog } from '../engine/session';
import type { RangeTestCurve, RangeTestResult } from '../engine/lrfinder/rangeTest';
import type { LayerDiagnostics } from '../engine/train/diagnostics';

export type BackendName = 'webgpu' | 'webgl' | 'cpu';

export type WorkerCommand =
  | { type: 'configure'; config: ExperimentConfig }
  | { type: 'play' }
  | { type: 'pause' }
  /** Exactly one optimizer step, then a full evaluation; `requestId` comes back on its tick. */
  | { type: 'step'; requestId?: number }
  /** A new run with the same config (fresh weights from the seed). */
  | { type: 'reset' }
  /** The LR range test of the current config's sweep on the live run, which it then restores exactly. */
  | { type: 'rangeTest' }
  | { type: 'cancelRangeTest' }
  /** Times a few steps of every algorithm on the current weights, then puts the run back exactly. */
  | { type: 'measureCost' }
  /** Automation hook: destroy the WebGPU device as a driver crash would, to exercise the recovery path. */
  | { type: 'simulateDeviceLoss' };

export interface MetricPoint {
  step: number;
  epoch: number;
  examplesSeen: number;
  /** Milliseconds spent training in this run (paused time excluded). */
  wallMs: number;
  trainLoss: number;
  testLoss: number;
  /** Learning rate of the latest step; NaN before the first step. */
  learningRate: number;
}

export interface PointsPayload {
  /** n×2, row-major, in [-1, 1]. */
  inputs: Float32Array;
  targets: Float32Array;
}

export type StatusLevel = 'info' | 'warning' | 'error';

export type WorkerEvent =
  | { type: 'backend'; backend: BackendName; detail: string; fallbackReason: string | null }
  | {
      type: 'run';
      runId: number;
      task: Task;
      train: PointsPayload;
      test: PointsPayload;
      parameterCount: number;
    }
  | {
      type: 'tick';
      runId: number;
      metric: MetricPoint;
      /** gridSize² predictions over [-1, 1]², row 0 at the top, or null when not recomputed. */
      grid: Float32Array | null;
      gridSize: number;
      stepsPerSecond: number;
      /** The algorithm that made these steps, its measured cost per step (ms), and its targets. */
      algorithm: AlgorithmName;
      msPerStep: number | null;
      diagnostics: LayerDiagnostics[] | null;
      /** The requestId of the step command that made this tick, if one did. */
      requestId: number | null;
      /** Learning rate and momentum of this tick's steps (decimated when many). */
      rates: RateLog;
    }
  | { type: 'cost'; msPerStep: Record<AlgorithmName, number>; backend: BackendName }
  | { type: 'rangeTestProgress'; curve: RangeTestCurve; done: number; total: number }
  | { type: 'rangeTestResult'; result: RangeTestResult; algorithm: AlgorithmName }
  | { type: 'playing'; playing: boolean }
  | { type: 'status'; level: StatusLevel; code: string; text: string }
  /** The condition a status message described no longer holds: take down the message with this code. */
  | { type: 'clearStatus'; code: string };
