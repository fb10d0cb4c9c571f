/**
 * A sweep worker's entry (docs/DESIGN.md §1, "a sweep is a job"): a SweepRunner on TF.js's CPU backend. The
 * page starts one per core (sweepPool.ts); the CPU is what several workers run side by side on.
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
const runner = new SweepRunner((event) => scope.postMessage(event), {
  readShipped,
  customData: () => null,
});
scope.onmessage = (event) => {
  void ready.then(() => runner.handle(event.data));
};
