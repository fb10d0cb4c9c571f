// Unit tests run the engine on TF.js's CPU backend in Node. PROD silences TF.js's "install tfjs-node" banner.
import * as tf from '@tensorflow/tfjs-core';
import '@tensorflow/tfjs-backend-cpu';
// Autodiff is only used as the reference the hand-written gradients are tested against.
import '@tensorflow/tfjs-core/dist/register_all_gradients';

tf.env().set('PROD', true);
await tf.setBackend('cpu');
