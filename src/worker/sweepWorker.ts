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
import { SweepRunner } from './sweepRunner';
import type { SweepWorkerCommand, SweepWorkerEvent } from './sweepProtocol';

interface WorkerScope {
  postMessage(message: SweepWorkerEvent): void;
  onmessage: ((event: MessageEvent<SweepWorkerCommand>) => void) | null;
}
const scope = self as unknown as WorkerScope;

const ready = tf.setBackend('cpu').then(() => tf.ready());

/** WebGPU for the runs of `runGroup` commands, or the CPU with the reason WebGPU did not start. */
async function startWebGpu(): Promise<{ backend: 'webgpu' | 'cpu'; detail: string }> {
  try {
    if (typeof navigator === 'undefined' || !('gpu' in navigator) || !navigator.gpu) return { backend: 'cpu', detail: 'navigator.gpu is missing' };
    await import('@tensorflow/tfjs-backend-webgpu');
    if (await tf.setBackend('webgpu')) {
      await tf.ready();
      return { backend: 'webgpu', detail: '' };
    }
    await tf.setBackend('cpu');
    return { backend: 'cpu', detail: 'the WebGPU backend did not start' };
  } catch (error) {
    await tf.setBackend('cpu');
    return { backend: 'cpu', detail: error instanceof Error ? error.message : String(error) };
  }
}

const runner = new SweepRunner(
  (event) => scope.postMessage(event),
  {
    readShipped,
    customData: () => null,
  },
  () => performance.now(),
  startWebGpu,
);
scope.onmessage = (event) => {
  void ready.then(() => runner.handle(event.data));
};
