/** A BackendPort for tests of the worker host in Node: always TF.js's CPU backend, no device to lose. */
import * as tf from '@tensorflow/tfjs-core';
import type { BackendPort } from '../worker/backendPort';

export const cpuOnly: BackendPort = {
  select: async () => {
    await tf.setBackend('cpu');
    return { backend: 'cpu', detail: 'test', skipped: [] };
  },
  deviceLost: () => null,
  destroyDevice: () => false,
};
