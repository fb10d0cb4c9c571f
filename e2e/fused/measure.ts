/**
 * In-page measurement for bench/webgpu-fused-bench.ts: steps per second of a real training session
 * (engine/session.ts, steps only, no evaluation) on the fused or the plain path, and what one call costs
 * the GPU queue: compute dispatches, submits, buffer writes and buffer copies, counted by wrapping the
 * WebGPU prototypes while it runs.
 */
import { defaultConfig, type ExperimentConfig } from '../../src/config/experiment';
import { paperScene } from '../../src/config/paperScene';
import { runSpecOf, trainingSettingsOf } from '../../src/config/toEngine';
import { swapFusedLocoPropWebGpuKernel, swapFusedWebGpuKernel } from './kernelOptions';
import type { WebGpuLocoPropOptions } from '../../src/algorithms/locoprop/webgpuLocoPropSteps';
import type { AlgorithmName } from '../../src/algorithms/registry';
import type { OptimizerKind } from '../../src/engine/train/optimizers';
import { sessionOnGeneratedData, TrainingSession } from '../../src/engine/session';
import { loadDataset, type DataAccess } from '../../src/engine/data/dataSources';
import type { ShippedDatasetName } from '../../src/engine/data/problem';
import type { WebGpuStepsOptions } from '../../src/engine/fused/webgpuDispatch';

/** The shipped files from the page's own origin; no CSV here. */
const SHIPPED_FROM_PAGE: DataAccess = {
  readShipped: async (file) => new Uint8Array(await (await fetch(`/data/${file}`)).arrayBuffer()),
  customData: () => null,
};

export interface MeasureRequest {
  hidden: number[];
  batchSize: number;
  kernels: 'fused' | 'plain';
  /** Steps per runSteps call (then one readback): N per dispatch on the fused path. */
  stepsPerCall: number;
  durationMs: number;
  optimizer?: Exclude<OptimizerKind, 'rmsprop-tf1'>;
  options?: Partial<WebGpuStepsOptions>;
  /** Backprop unless set; LocoProp runs K inner iterations (default 10) with its inner TF1 RMSProp. */
  algorithm?: AlgorithmName;
  innerSteps?: number;
  locopropOptions?: Partial<WebGpuLocoPropOptions>;
  /** A shipped data set (fetched from the page's origin, as the worker does) instead of the default 2-D one. */
  dataset?: ShippedDatasetName;
  /** 'paper': the paper scene's backprop run, or its LocoProp-M run with algorithm 'locoprop-m' (paperScene.ts: the MNIST 14×14 autoencoder, batch 128); hidden, batch, optimizer, K ignored. */
  scene?: 'paper';
}

export interface QueueCounts {
  dispatches: number;
  submits: number;
  writes: number;
  copies: number;
}

export interface Measurement {
  stepsPerSecond: number;
  steps: number;
  calls: number;
  /** Per runSteps call plus its readback, averaged. */
  perCall: QueueCounts;
  kernelPath: 'fused' | 'plain';
  firstCallMs: number;
  /** The layer sizes, as 2-8-8-1. */
  network: string;
}

/** Counts queue traffic until the returned function is called (which restores the prototypes). */
function countQueue(counts: QueueCounts): () => void {
  const restore: (() => void)[] = [];
  const wrap = <T extends object>(proto: T, name: keyof T & string, key: keyof QueueCounts) => {
    const original = proto[name] as unknown as (...args: unknown[]) => unknown;
    (proto as Record<string, unknown>)[name] = function (this: unknown, ...args: unknown[]) {
      counts[key] += 1;
      return original.apply(this, args);
    };
    restore.push(() => ((proto as Record<string, unknown>)[name] = original));
  };
  wrap(GPUComputePassEncoder.prototype, 'dispatchWorkgroups', 'dispatches');
  wrap(GPUQueue.prototype, 'submit', 'submits');
  wrap(GPUQueue.prototype, 'writeBuffer', 'writes');
  wrap(GPUCommandEncoder.prototype, 'copyBufferToBuffer', 'copies');
  return () => restore.forEach((undo) => undo());
}

export async function measure(request: MeasureRequest): Promise<Measurement> {
  swapFusedWebGpuKernel(request.options ?? {});
  swapFusedLocoPropWebGpuKernel(request.locopropOptions ?? {});
  const config: ExperimentConfig = request.scene === 'paper' ? { ...paperScene()[request.algorithm === 'locoprop-m' ? 1 : 0], kernels: request.kernels } : {
    ...defaultConfig(),
    hidden: request.hidden,
    activation: request.hidden.map(() => 'tanh' as const),
    batchSize: request.batchSize,
    kernels: request.kernels,
    optimizer: request.optimizer ?? 'adam',
    algorithm: request.algorithm ?? 'backprop',
    innerOptimizer: 'rmsprop',
    innerSteps: request.innerSteps ?? 10,
  };
  if (request.dataset) config.dataset = request.dataset;
  const spec = runSpecOf(config);
  const session = request.dataset || request.scene
    ? new TrainingSession(await loadDataset(spec.dataset, SHIPPED_FROM_PAGE), spec, trainingSettingsOf(config))
    : sessionOnGeneratedData(spec, trainingSettingsOf(config));
  try {
    const started = performance.now();
    session.runSteps(request.stepsPerCall);
    await session.sync();
    const firstCallMs = performance.now() - started;
    const counts: QueueCounts = { dispatches: 0, submits: 0, writes: 0, copies: 0 };
    const stopCounting = countQueue(counts);
    let steps = 0;
    let calls = 0;
    const from = performance.now();
    try {
      while (performance.now() - from < request.durationMs || calls < 2) {
        steps += session.runSteps(request.stepsPerCall);
        await session.sync();
        calls += 1;
      }
    } finally {
      stopCounting();
    }
    const seconds = (performance.now() - from) / 1000;
    const perCall = Object.fromEntries(Object.entries(counts).map(([key, value]) => [key, value / calls])) as unknown as QueueCounts;
    const network = [...session.layout.layers.map((layer) => layer.inputSize), session.layout.layers[session.layout.layers.length - 1].outputSize].join('-');
    return { stepsPerSecond: steps / seconds, steps, calls, perCall, kernelPath: session.kernelPath, firstCallMs, network };
  } finally {
    session.dispose();
    swapFusedWebGpuKernel({});
    swapFusedLocoPropWebGpuKernel({});
  }
}
