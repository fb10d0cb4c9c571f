/**
 * A sweep worker as a Node worker thread, for bench/sweep-bench.ts: the page's sweep worker (src/worker/
 * sweepWorker.ts) with worker_threads' port instead of the worker scope. The same SweepRunner on TF.js's CPU
 * backend; the 2-D data sets are generated, so no file is ever read. Says 'ready' once the backend is set.
 */
import { parentPort } from 'node:worker_threads';
import '../src/config/zodSetup';
import * as tf from '@tensorflow/tfjs-core';
import '@tensorflow/tfjs-backend-cpu';
import { SweepRunner } from '../src/worker/sweepRunner';
import type { SweepWorkerCommand } from '../src/worker/sweepProtocol';

const port = parentPort;
if (!port) throw new Error('sweepThread.ts runs as a worker thread');
tf.env().set('PROD', true);
await tf.setBackend('cpu');
await tf.ready();
const runner = new SweepRunner((event) => port.postMessage(event), {
  readShipped: () => Promise.reject(new Error('the sweep bench reads no files')),
  customData: () => null,
});
port.on('message', (command: SweepWorkerCommand) => void runner.handle(command));
port.postMessage('ready');
