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
 * On WebGPU the diagnosed step's plain ops compile in parallel: they are recorded with TF.js's
 * `WEBGPU_ENGINE_COMPILE_ONLY` on, so TF.js creates their pipelines with `createComputePipelineAsync` and dispatches
 * nothing. Compiled one after another in the device's queue (as before) they held it for ~2.7 s on SwiftShader
 * (2-8-8-1), and a Play pressed meanwhile waited behind them; now the first ticks (undiagnosed, on the fused kernel,
 * whose pipeline the scratch step compiled) run at once, and the host holds diagnoses until the compile is done
 * (host.ts, tickPlan.ts).
 */
import * as tf from '@tensorflow/tfjs-core';
import type { WebGPUBackend } from '@tensorflow/tfjs-backend-webgpu';
import type { ExperimentConfig } from '../config/experiment';
import type { DataAccess } from '../engine/data/dataSources';
import type { Slice } from '../engine/trainingLoop';
import { calibrationKey } from './calibration';
import { RunGroup } from './runGroup';

export class PipelineWarmer {
  /** The shapes warmed on the current device (calibrationKey: what changes the shaders a step compiles). */
  private readonly warmed = new Set<string>();
  private device: number | null = null;
  /** Scratch copies begun, run to the end, and stopped by Play after their first step (tests read them). */
  started = 0;
  warmUps = 0;
  stopped = 0;
  /** The parallel compile of a scratch copy's diagnosed step (WebGPU), until it completes. */
  private compiling: Promise<void> | null = null;

  /** Whether a scratch copy's pipelines are compiling in parallel (the host holds diagnoses meanwhile). */
  get isCompiling(): boolean {
    return this.compiling !== null;
  }

  /** Resolves once the parallel compile is done (at once when none runs); never rejects. */
  compiled(): Promise<void> {
    return this.compiling ?? Promise.resolve();
  }

  /**
   * Warms `config`'s shape on the device of backend generation `device` unless done there already; a new
   * device (a lost one replaced, a backend switch) compiles anew. It stops after its first step once `stop()`
   * says so (Play was pressed). Returns whether it ran to the end.
   */
  async warm(config: ExperimentConfig, device: number, data: DataAccess, slice: Slice, stop: () => boolean): Promise<boolean> {
    if (device !== this.device) {
      this.device = device;
      this.warmed.clear();
    }
    const key = calibrationKey(config);
    if (this.warmed.has(key)) return false;
    this.warmed.add(key);
    this.started += 1;
    const scratch = await RunGroup.create('warm-up', { ...config, repeatSeeds: 1 }, data);
    let disposeLater = false;
    try {
      const { session } = scratch.lead;
      session.runSteps(1);
      await session.sync();
      // Play pressed meanwhile: the first tick (undiagnosed) needs only what is compiled now; its next tick
      // compiles the rest on first use, as without a warm-up.
      await slice();
      if (stop()) {
        this.stopped += 1;
        return false;
      }
      if (tf.getBackend() === 'webgpu') {
        await session.evaluate(true);
        await session.sync();
        this.compileInParallel(() => session.runSteps(1, true), () => scratch.dispose());
        disposeLater = true;
      } else {
        session.runSteps(1, true);
        await session.evaluate(true);
        await session.sync();
      }
    } finally {
      if (!disposeLater) scratch.dispose();
    }
    this.warmUps += 1;
    return true;
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
    tf.env().set('WEBGPU_ENGINE_COMPILE_ONLY', true);
    try {
      ops();
    } finally {
      tf.env().set('WEBGPU_ENGINE_COMPILE_ONLY', false);
    }
    const pending = Object.entries(cache).filter((entry): entry is [string, Promise<GPUComputePipeline>] => entry[1] instanceof Promise);
    for (const [key] of pending) delete cache[key];
    this.compiling = Promise.all(
      pending.map(([key, compiling]) =>
        compiling.then(
          (pipeline) => {
            if (!(key in cache)) cache[key] = pipeline;
          },
          () => undefined,
        ),
      ),
    ).then(() => {
      this.compiling = null;
      done();
    });
  }
}

/** TF.js's pipelines by shader key (private in its typings; a compile-only op leaves a promise there). */
function pipelineCacheOf(backend: WebGPUBackend): Record<string, GPUComputePipeline | Promise<GPUComputePipeline>> {
  return (backend as unknown as { pipelineCache: Record<string, GPUComputePipeline | Promise<GPUComputePipeline>> }).pipelineCache;
}
