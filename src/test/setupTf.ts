// Unit tests run the engine on TF.js's CPU backend in Node. PROD silences TF.js's "install tfjs-node" banner.
// Not a global setup file: each test file that runs TF.js (directly or through the modules it imports) imports
// this one first (`import '../test/setupTf';`), so the files that never touch TF.js do not load it. A file that
// forgets fails loudly: TF.js finds no backend registered in Node.
import * as tf from '@tensorflow/tfjs-core';
import '@tensorflow/tfjs-backend-cpu';
// No gradients here: autodiff is only the reference the hand-written gradients are tested against, and its
// registration (tfjs-core's ESM gradient modules, several hundred, inlined by Vitest) took most of each file's
// import time. The files that call tf.grad import ./setupTfGradients instead.

tf.env().set('PROD', true);
await tf.setBackend('cpu');
