/**
 * Play moves at once on a GPU (issue 18 §3). A WebGPU backend compiles each shader on its first use: the fused
 * kernel's pipeline on the first tick, and the plain ops' shaders on the first diagnosed step (its targets and
 * probes run on the plain path, diagnosedStep.ts), about a second and then several more on a software GPU.
 * TF.js's WebGL backend compiles each op's program on its first use as well (it has no fused kernel). So,
 * once a configure's runs are shown, a scratch one-seed copy of each new problem shape takes one undiagnosed
 * step, one diagnosed step and one evaluation, and is disposed: every pipeline a tick uses is compiled before
 * Play, while the page is read. The scratch copy is a session of its own (as calibration.ts's is): the live runs
 * never see it, so their trajectories are unchanged (hostWarmUp.test.ts). Heavy runs are not warmed: their steps
 * cost more than their compiles, and a scratch copy would double their start.
 *
 * On WebGPU the shaders compile in parallel, in TF.js's compile-only mode (`WEBGPU_ENGINE_COMPILE_ONLY`: TF.js
 * creates its ops' pipelines with `createComputePipelineAsync` and dispatches nothing; the fused kernels do the
 * same, engine/fused/webgpuDispatch.ts compileLater), in two parts:
 *  - before the runs' first evaluation (warmAhead, host.ts configure): a scratch copy's undiagnosed step, so the
 *    fused kernel's pipeline, which the first tick after Play needs, is ready when the runs show (heavy runs
 *    included: nothing is dispatched);
 *  - once the runs show (warm): the scratch copy's diagnosed step, whose ~40 plain pipelines held the device's
 *    queue for ~2.7 s on SwiftShader (2-8-8-1) when compiled one after another. Compiling, the GPU process holds
 *    the device's other work behind it, so this starts after the first tick of a Play pressed meanwhile, or
 *    DIAGNOSED_COMPILE_DELAY_MS after the runs show. The host holds diagnoses until it is done (tickPlan.ts).
 */
import * as tf from '@tensorflow/tfjs-core';
import type { WebGPUBackend } from '@tensorflow/tfjs-backend-webgpu';
import type { ExperimentConfig } from '../config/experiment';
import type { DataAccess } from '../engine/data/dataSources';
import type { Slice } from '../engine/trainingLoop';
import { calibrationKey } from './calibration';
import { RunGroup } from './runGroup';

/** How long after the warm-up's first step the diagnosed step's compile waits for a first tick (see warm). */
const DIAGNOSED_COMPILE_DELAY_MS = 1000;

export class PipelineWarmer {
  /** The shapes warmed on the current device (calibrationKey: what changes the shaders a step compiles). */
  private readonly warmed = new Set<string>();
  /** The shapes whose fused pipeline warmAhead has compiling or compiled on the current device. */
  private readonly warmedAhead = new Set<string>();
  /** Scratch copies whose diagnosed steps wait to compile (warm, afterTick), with the backend they were made on. */
  private deferred: { scratch: RunGroup; backend: tf.KernelBackend }[] = [];
  private device: number | null = null;
  /** Scratch copies begun, run to the end, stopped by Play after their first step, and run to their step alone (tests read them). */
  started = 0;
  warmUps = 0;
  stopped = 0;
  stepsAlone = 0;
  /** The parallel compile of a scratch copy's diagnosed step (WebGPU), until it completes. */
  private compiling: Promise<void> | null = null;

  /** Whether a scratch copy's pipelines are compiling in parallel (the host holds diagnoses meanwhile). */
  get isCompiling(): boolean {
    return this.compiling !== null;
  }

  /**
   * Warms `config`'s shape on the device of backend generation `device` unless done there already; a new
   * device (a lost one replaced, a backend switch) compiles anew. It stops after its first step once `stop()`
   * says so (Play was pressed), or there where `stepAlone` (a heavy run on WebGL: its diagnosed step and evaluation
   * cost more than their compiles). Returns whether it ran to the end.
   */
  async warm(config: ExperimentConfig, device: number, data: DataAccess, slice: Slice, stop: () => boolean, stepAlone = false): Promise<boolean> {
    this.onDevice(device);
    const key = calibrationKey(config);
    if (this.warmed.has(key)) return false;
    this.warmed.add(key);
    this.started += 1;
    const scratch = await RunGroup.create('warm-up', { ...config, repeatSeeds: 1 }, data);
    const { session } = scratch.lead;
    const webGpu = tf.getBackend() === 'webgpu';
    let kept = false;
    try {
      session.runSteps(1);
      await session.sync();
      // Play pressed meanwhile: the first tick (undiagnosed) needs only what is compiled now; elsewhere than on
      // WebGPU its next tick compiles the rest on first use, as without a warm-up.
      await slice();
      if (webGpu) {
        // Compiling, the GPU process holds the device's work behind it (on SwiftShader, 2 cores: a readback waited
        // 1.5 s), so it starts once a Play pressed soon after the runs showed has had its first tick, or after
        // DIAGNOSED_COMPILE_DELAY_MS without one.
        this.deferred.push({ scratch, backend: tf.backend() });
        kept = true;
        setTimeout(() => this.afterTick(), DIAGNOSED_COMPILE_DELAY_MS);
      }
      if (stop()) {
        this.stopped += 1;
        return false;
      }
      if (stepAlone && !webGpu) {
        this.stepsAlone += 1;
        return false;
      }
      if (!webGpu) {
        // The diagnosed step in its pieces (stepRounds.ts diagnoseInPieces), Play looked for between two: on WebGL
        // its programs compile as they run, on the worker's thread (0.4–0.8 s on SwiftShader in one call, traced
        // 2026-12-06: a Play pressed then waited for all of it).
        session.runSteps(1, true, true);
        for (const diagnosis = session.unfinishedDiagnosis; diagnosis?.pending; diagnosis.next()) {
          await slice();
          if (stop()) {
            diagnosis.abandon();
            this.stopped += 1;
            return false;
          }
        }
        await slice();
        if (stop()) {
          this.stopped += 1;
          return false;
        }
        await session.evaluate(true);
        await session.sync();
      }
    } finally {
      if (!kept) scratch.dispose();
    }
    this.warmUps += 1;
    return true;
  }

  /** After a tick, or DIAGNOSED_COMPILE_DELAY_MS after the warm-up's first step: the diagnosed step's parallel compile, if still to do. */
  afterTick(): void {
    const waiting = this.deferred;
    this.deferred = [];
    for (const { scratch, backend } of waiting) {
      try {
        // The runs moved meanwhile (a lost device, another backend): the copy goes with its backend.
        if (tf.backend() === backend && tf.getBackend() === 'webgpu') this.compileDiagnosedStep(scratch);
        else scratch.dispose();
      } catch (error) {
        console.warn('The warm-up could not compile a diagnosed step ahead; it compiles on first use.', error);
      }
    }
  }

  private dropDeferred(): void {
    for (const { scratch } of this.deferred) scratch.dispose();
    this.deferred = [];
  }

  /**
   * A scratch copy's diagnosed step, nothing dispatched but its fused kernel (compiled by then): the plain ops'
   * pipelines compile in parallel, and the copy is disposed once they are done.
   */
  private compileDiagnosedStep(scratch: RunGroup): void {
    this.compileScratch(scratch, () => scratch.lead.session.runSteps(1, true));
  }

  /** Whether the warm-up compiles without dispatching (WebGPU), so that it can go before the runs' first evaluation. */
  compilesAhead(): boolean {
    return tf.getBackend() === 'webgpu';
  }

  /**
   * On WebGPU, before the runs' first evaluation: each new shape's fused kernel, the pipeline the first tick after
   * Play needs, compiled in parallel from a scratch copy's undiagnosed step (nothing dispatched). A failure (a lost
   * device) is left to the runs, whose first evaluation meets it.
   */
  async warmAhead(configs: readonly ExperimentConfig[], device: number, data: DataAccess): Promise<void> {
    this.onDevice(device);
    try {
      for (const config of configs) {
        const key = calibrationKey(config);
        if (this.warmedAhead.has(key) || this.warmed.has(key)) continue;
        this.warmedAhead.add(key);
        const scratch = await RunGroup.create('warm-up', { ...config, repeatSeeds: 1 }, data);
        this.compileScratch(scratch, () => scratch.lead.session.runSteps(1));
      }
    } catch (error) {
      // A lost device: the runs' first evaluation meets it and recovers as usual.
      console.warn('The warm-up could not compile ahead; the pipelines compile on first use.', error);
    }
  }

  /** A new device (a lost one replaced, a backend switch) compiles anew. */
  private onDevice(device: number): void {
    if (device === this.device) return;
    this.device = device;
    this.warmed.clear();
    this.warmedAhead.clear();
    this.dropDeferred();
  }

  /** compileInParallel over a scratch copy's `ops`, the copy disposed once they are compiled (or at once if they throw). */
  private compileScratch(scratch: RunGroup, ops: () => void): void {
    try {
      this.compileInParallel(ops, () => scratch.dispose());
    } catch (error) {
      scratch.dispose();
      throw error;
    }
  }

  /**
   * Records `ops` on WebGPU without dispatching them, their new pipelines compiled in parallel (TF.js's
   * `WEBGPU_ENGINE_COMPILE_ONLY`; the flag is on only while `ops` runs, synchronously), then `done` once every one
   * has settled. TF.js leaves a promise in its pipeline cache for each, and a dispatch that meets one throws; live
   * work may use the same shader keys at any time (an evaluation's slice does), so the promises are taken out of
   * the cache at once: an op needing one meanwhile compiles it itself, as it would have without the warm-up, and
   * each pipeline compiled here goes in where its key is still free.
   */
  private compileInParallel(ops: () => void, done: () => void): void {
    const cache = pipelineCacheOf(tf.backend() as unknown as WebGPUBackend);
    if (typeof cache !== 'object' || cache === null) throw new Error("TF.js's WebGPU backend has no pipelineCache to compile into");
    tf.env().set('WEBGPU_ENGINE_COMPILE_ONLY', true);
    try {
      ops();
    } catch (error) {
      // Thrown part-way, the promises made so far still leave the cache: one left there fails every op with its key.
      tf.env().set('WEBGPU_ENGINE_COMPILE_ONLY', false);
      void settleOutsideCache(cache);
      throw error;
    }
    tf.env().set('WEBGPU_ENGINE_COMPILE_ONLY', false);
    const these = settleOutsideCache(cache).then(done).catch((error: unknown) => console.warn('The warm-up could not dispose of its scratch copy.', error));
    // Another shape's compile may be under way: `compiling` covers both.
    const all: Promise<void> = Promise.all([this.compiling, these]).then(() => {
      if (this.compiling === all) this.compiling = null;
    });
    this.compiling = all;
  }
}

/**
 * Takes the promises out of a pipeline cache at once, and resolves once each has settled: a compiled pipeline goes
 * back where its key is still free (a dispatch that needed it meanwhile compiled its own), a failed one stays out.
 */
export function settleOutsideCache<P extends object>(cache: Record<string, P | Promise<P>>): Promise<void> {
  const pending = Object.entries(cache).filter((entry): entry is [string, Promise<P>] => entry[1] instanceof Promise);
  for (const [key] of pending) delete cache[key];
  return Promise.all(
    pending.map(([key, compiling]) =>
      compiling.then(
        (pipeline) => {
          if (!(key in cache)) cache[key] = pipeline;
        },
        () => undefined,
      ),
    ),
  ).then(() => undefined);
}

/** TF.js's pipelines by shader key (private in its typings; a compile-only op leaves a promise there). */
function pipelineCacheOf(backend: WebGPUBackend): Record<string, GPUComputePipeline | Promise<GPUComputePipeline>> {
  return (backend as unknown as { pipelineCache: Record<string, GPUComputePipeline | Promise<GPUComputePipeline>> }).pipelineCache;
}
