/**
 * `npm run bench`, part 1 (Node, TF.js CPU backend): steps per second and kernels per training step of our
 * engine, against TF.js's own `optimizer.minimize` on the same network, loss and batch.
 * Kernels are counted with tf.profile (every kernel record, including free ones such as Reshape); the
 * "dispatches" column leaves out the records that never run a GPU program: Reshape and Identity (metadata
 * only) and the `…__op` records tf.profile adds for ops built with customGrad (fused.matMul), whose real
 * kernel (_FusedMatMul) is counted separately.
 */
import * as tf from '@tensorflow/tfjs-core';
import '@tensorflow/tfjs-backend-cpu';
import '@tensorflow/tfjs-core/dist/register_all_gradients';
import { defaultConfig } from '../src/config/experiment';
import { runSpecOf, trainingSettingsOf } from '../src/config/toEngine';
import { sessionOnGeneratedData, TrainingSession } from '../src/engine/session';
import type { BackpropOptimizer } from '../src/engine/train/optimizers';
import { printTable } from './table';

tf.env().set('PROD', true);
await tf.setBackend('cpu');

const NETWORKS = [
  [8, 8],
  [64, 64, 64],
];
const BATCH = 32;
const MEASURE_MS = 2000;
const FREE_KERNELS = new Set(['Reshape', 'Identity']);

async function syncBackend(): Promise<void> {
  const probe = tf.zeros([1]);
  await probe.data();
  probe.dispose();
}

interface Count {
  kernels: number;
  dispatches: number;
}

async function countKernels(run: () => void): Promise<Count> {
  const profile = await tf.profile(run);
  const names = profile.kernels.map((k) => k.name);
  return { kernels: names.length, dispatches: names.filter((n) => !FREE_KERNELS.has(n) && !n.endsWith('__op')).length };
}

async function stepsPerSecond(run: (steps: number) => void, sync: () => Promise<void>): Promise<number> {
  run(20); // warm-up
  await sync();
  let steps = 0;
  const start = performance.now();
  while (performance.now() - start < MEASURE_MS) {
    run(50);
    steps += 50;
    await sync();
  }
  return steps / ((performance.now() - start) / 1000);
}

function ourSession(hidden: number[], optimizer: BackpropOptimizer): TrainingSession {
  const config = { ...defaultConfig(), hidden, activation: hidden.map(() => 'tanh' as const), batchSize: BATCH, optimizer };
  return sessionOnGeneratedData(runSpecOf(config), trainingSettingsOf(config));
}

/** The reference: TF.js layers of variables, autodiff, and a built-in optimizer's minimize(). */
function minimizeBaseline(hidden: number[], optimizer: 'sgd' | 'adam') {
  const sizes = [2, ...hidden, 1];
  const layers = sizes.slice(1).map((out, i) => ({
    w: tf.variable(tf.randomUniform([sizes[i], out], -0.5, 0.5, 'float32', 1)),
    b: tf.variable(tf.zeros([out])),
  }));
  const opt = optimizer === 'sgd' ? tf.train.sgd(0.01) : tf.train.adam(0.01);
  const x = tf.randomUniform([BATCH, 2], -1, 1, 'float32', 2);
  const t = tf.cast(tf.greater(tf.randomUniform([BATCH, 1], 0, 1, 'float32', 3), 0.5), 'float32');
  const loss = (): tf.Scalar => {
    let h: tf.Tensor = x;
    layers.forEach((layer, m) => {
      const a = tf.add(tf.matMul(h, layer.w), layer.b);
      h = m < layers.length - 1 ? tf.tanh(a) : a;
    });
    return tf.losses.sigmoidCrossEntropy(t, h as tf.Tensor2D);
  };
  const step = (): void => {
    tf.tidy(() => {
      opt.minimize(loss, false);
    });
  };
  step(); // creates the optimizer's slots, which would otherwise count as kernels
  return {
    run: (n: number) => {
      for (let i = 0; i < n; i++) step();
    },
    step,
    dispose: () => {
      layers.forEach((l) => {
        l.w.dispose();
        l.b.dispose();
      });
      opt.dispose();
      x.dispose();
      t.dispose();
    },
  };
}

const rows: string[][] = [];
for (const hidden of NETWORKS) {
  const name = `2-${hidden.join('-')}-1`;
  for (const optimizer of ['sgd', 'adam'] as const) {
    const session = ourSession(hidden, optimizer);
    session.runSteps(1); // slots exist before counting
    const ours = await countKernels(() => session.runSteps(1));
    // Same cheap sync as the baseline (the CPU backend runs each kernel when it is called anyway); the
    // browser benchmark measures the app's real loop, evaluation and readback included.
    const oursRate = await stepsPerSecond((n) => session.runSteps(n), syncBackend);
    session.dispose();

    const baseline = minimizeBaseline(hidden, optimizer);
    const theirs = await countKernels(baseline.step);
    const theirsRate = await stepsPerSecond(baseline.run, syncBackend);
    baseline.dispose();

    rows.push([
      name,
      optimizer,
      `${oursRate.toFixed(0)}`,
      `${theirsRate.toFixed(0)}`,
      `${ours.kernels} / ${ours.dispatches}`,
      `${theirs.kernels} / ${theirs.dispatches}`,
      `${((100 * ours.dispatches) / theirs.dispatches).toFixed(0)}%`,
    ]);
  }
}

console.log(`\nNode ${process.version}, TF.js ${tf.version_core} CPU backend, batch ${BATCH}, tanh hidden layers, sigmoid cross-entropy`);
printTable(
  ['network', 'optimizer', 'steps/s (ours)', 'steps/s (minimize)', 'kernels/dispatches (ours)', 'kernels/dispatches (minimize)', 'dispatch ratio'],
  rows,
);
