/**
 * A sweep worker's entry (docs/DESIGN.md §1, "a sweep is a job"): a SweepRunner on TF.js's CPU backend. The
 * page starts one per core (sweepPool.ts); the CPU is what several workers run side by side on. Where the
 * comparison trains on WebGPU, the page starts one worker and its `runGroup` commands switch it to WebGPU, whose
 * code is loaded then (a chunk of its own, as in the training worker).
 */
import '../config/zodSetup';
import * as tf from '@tensorflow/tfjs-core';
import '@tensorflow/tfjs-backend-cpu';
import { readShipped } from './shippedFiles';
import { startSweepWebGpu, SweepRunner } from './sweepRunner';
import type { SweepBackendStart, SweepWorkerCommand, SweepWorkerEvent } from './sweepProtocol';

interface WorkerScope {
  postMessage(message: SweepWorkerEvent): void;
  onmessage: ((event: MessageEvent<SweepWorkerCommand>) => void) | null;
}
const scope = self as unknown as WorkerScope;

const ready = tf.setBackend('cpu').then(() => tf.ready());

/** The WebGPU device TF.js's backend holds, once started. */
const webGpuDevice = (): GPUDevice | undefined => (tf.getBackend() === 'webgpu' ? (tf.backend() as unknown as { device?: GPUDevice }).device : undefined);

/** The started device's loss, with the browser's message (sweepRunner.ts reports it). */
let lost: Promise<string> | null = null;

/**
 * WebGPU for the runs of `runGroup` commands, or the CPU and why WebGPU did not start, as facts (sweepRunner.ts
 * startSweepWebGpu). A device lost later is reported (`deviceLost`): the page ends this worker and trains what it
 * had not finished on the CPU.
 */
async function startWebGpu(): Promise<SweepBackendStart> {
  const started = await startSweepWebGpu({
    gpu: () => (typeof navigator === 'undefined' || !('gpu' in navigator) ? undefined : navigator.gpu),
    load: () => import('@tensorflow/tfjs-backend-webgpu'),
    setBackend: (name) => tf.setBackend(name),
    ready: () => tf.ready(),
  });
  if (started.backend === 'webgpu') {
    const device = webGpuDevice();
    lost = device ? device.lost.then((info) => info.message || info.reason) : null;
  }
  return started;
}

const runner = new SweepRunner(
  (event) => scope.postMessage(event),
  {
    readShipped,
    customData: () => null,
  },
  () => performance.now(),
  { start: startWebGpu, lose: () => webGpuDevice()?.destroy(), lost: () => lost },
);
scope.onmessage = (event) => {
  void ready.then(() => runner.handle(event.data));
};
