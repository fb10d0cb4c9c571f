/**
 * The tasks of issue 18's real-GPU targets and how bench/real-gpu-bench.ts times them: the engine's own training
 * session (engine/session.ts) on the backend the worker's own selection starts (worker/backend.ts), in ticks of N
 * steps with one readback per tick (`session.sync()`), as the live loop reads once per tick (DESIGN §3). Steps are
 * counted by the session's own counter (`stepCount`). `auto`'s calibration is the worker's own (worker/calibration.ts).
 * The configs are the ones the other benches use: the paper scene's two runs as bench/real-data-bench.ts builds
 * them (`paperScene({ ...defaultConfig(), seed: 1 })`), and the default experiment, 2-8-8-1 tanh on the circle,
 * batch 16, Adam (bench/browser-bench.ts, bench/sweep-webgpu-bench.ts).
 */
import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { defaultConfig, type ExperimentConfig } from '../src/config/experiment';
import { paperScene } from '../src/config/paperScene';
import { runSpecOf, trainingSettingsOf } from '../src/config/toEngine';
import { loadDataset, type DataAccess } from '../src/engine/data/dataSources';
import { TrainingSession } from '../src/engine/session';
import { calibrateFor, Calibrator, type Calibration } from '../src/worker/calibration';
import { calibrationCandidates, destroyDevice, deviceLost, selectBackend } from '../src/worker/backend';
import type { BackendPort } from '../src/worker/backendPort';

export type TaskName = 'paper-backprop' | 'paper-locoprop-m' | 'circle';

export interface Task {
  title: string;
  /** Issue 18's target, steps per second (outer steps for LocoProp). */
  target: number;
  config: () => ExperimentConfig;
}

export const TASKS: Record<TaskName, Task> = {
  'paper-backprop': {
    title: 'paper AE 196-128-64-16-64-128-196, backprop RMSProp, batch 128',
    target: 1000,
    config: () => paperScene({ ...defaultConfig(), seed: 1 })[0],
  },
  'paper-locoprop-m': {
    title: 'paper AE, LocoProp-M K=10 inner TF1 RMSProp, batch 128',
    target: 150,
    config: () => paperScene({ ...defaultConfig(), seed: 1 })[1],
  },
  circle: { title: '2-8-8-1 tanh, circle, batch 16, Adam', target: 50000, config: () => defaultConfig() },
};

/** The shipped files under DATA_DIR (default: public/data beside this folder), as the worker reads them. */
const DATA_DIR = process.env.DATA_DIR ?? fileURLToPath(new URL('../public/data/', import.meta.url));
export const DATA_ACCESS: DataAccess = { readShipped: async (file) => new Uint8Array(await readFile(join(DATA_DIR, file))), customData: () => null };

/** The worker's backend port (worker.ts gives the host the same functions). */
const PORT: BackendPort = { select: selectBackend, deviceLost, destroyDevice, candidates: calibrationCandidates };

export interface Timing {
  backend: string;
  detail: string;
  kernelPath: 'fused' | 'plain';
  /** Steps per tick (one readback each), sized so that a tick takes about `tickMs`. */
  stepsPerTick: number;
  ticks: number;
  /** Steps the session counted over the timed ticks, per second of their wall time. */
  stepsPerSecond: number;
  slowestTick: number;
  fastestTick: number;
  /** The first step's call and readback (pipeline compiles on a GPU), ms. */
  firstCallMs: number;
  /** Train loss (whole training set) before the first step and after the timed ticks. */
  lossBefore: number;
  lossAfter: number;
  /** The evaluation that read lossAfter (whole sets, the plain path on WebGPU; compiled by the first one), ms. */
  evaluationMs: number;
  stepsTaken: number;
}

const MAX_STEPS_PER_TICK = 100_000;

async function oneTick(session: TrainingSession, steps: number): Promise<number> {
  const started = performance.now();
  session.runSteps(steps);
  await session.sync();
  return performance.now() - started;
}

/** Trains `config` on `backend` (named, as the backend menu names it) and times it; see the module comment. */
export async function timeTask(config: ExperimentConfig, backend: 'webgpu' | 'cpu', tickMs: number, ticks: number): Promise<Timing> {
  const selection = await selectBackend(backend, []);
  if (selection.backend !== backend) throw new Error(`asked for ${backend}, got ${selection.backend}`);
  const spec = runSpecOf(config);
  const session = new TrainingSession(await loadDataset(spec.dataset, DATA_ACCESS), spec, trainingSettingsOf(config));
  try {
    const lossBefore = (await session.evaluate(false)).evaluation.trainLoss;
    const firstCallMs = await oneTick(session, 1);
    // Size the tick: grow N until a tick takes at least a quarter of tickMs, then scale to tickMs.
    let steps = 1;
    let ms = await oneTick(session, steps);
    while (ms < tickMs / 4 && steps < MAX_STEPS_PER_TICK) {
      steps = Math.min(MAX_STEPS_PER_TICK, steps * 4);
      ms = await oneTick(session, steps);
    }
    steps = Math.max(1, Math.min(MAX_STEPS_PER_TICK, Math.round((steps * tickMs) / Math.max(ms, 1e-3))));
    const rates: number[] = [];
    const fromStep = session.stepCount;
    const from = performance.now();
    for (let i = 0; i < ticks; i++) rates.push((steps * 1000) / (await oneTick(session, steps)));
    const wallMs = performance.now() - from;
    const counted = session.stepCount - fromStep;
    const evaluated = performance.now();
    const lossAfter = (await session.evaluate(false)).evaluation.trainLoss;
    const evaluationMs = performance.now() - evaluated;
    return {
      backend: selection.backend,
      detail: selection.detail,
      kernelPath: session.kernelPath,
      stepsPerTick: steps,
      ticks,
      stepsPerSecond: (counted * 1000) / wallMs,
      slowestTick: Math.min(...rates),
      fastestTick: Math.max(...rates),
      firstCallMs,
      lossBefore,
      lossAfter,
      evaluationMs,
      stepsTaken: session.stepCount,
    };
  } finally {
    session.dispose();
  }
}

/** What `auto` picks for `config`: the worker's calibration, from scratch (nothing cached), no backend active before. */
export async function calibrate(config: ExperimentConfig): Promise<Calibration | null> {
  const auto: ExperimentConfig = { ...config, backend: 'auto' };
  const calibrator = new Calibrator();
  calibrator.recall(auto);
  return calibrateFor(calibrator, auto, PORT, DATA_ACCESS, () => Promise.resolve(), null);
}
