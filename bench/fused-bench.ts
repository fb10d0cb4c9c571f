/**
 * `npm run bench`, part 4 (Node, TF.js CPU backend): the fused training kernel against the plain TF.js path.
 * TensorFlow Playground's default task (circle, 250 training points, 2-4-2-1 tanh, batch 10, SGD 0.03) in
 * epochs per second, and the playground's default network (2-8-8-1 tanh, Adam) and a wide one in steps per
 * second at batch 16 and 32. Steps only (no evaluation), measured for about 2 s after a warm-up.
 * Then LocoProp-M and -S (K = 10) per outer step against a backprop step on 2-8-8-1 tanh, batch 16, both with
 * Adam, fused and plain, in CPU time. Counting matrix products per layer, a backprop step takes 3 (forward,
 * input gradient, weight gradient) and a LocoProp outer step 2 + 2K − 1 (forward and G, then X W̃ and Xᵀδ per
 * inner iteration, the first X W̃ being A), so (2K + 1)/3 ≈ 7 backprop steps for K = 10.
 */
import * as tf from '@tensorflow/tfjs-core';
import '@tensorflow/tfjs-backend-cpu';
import { defaultConfig, type ExperimentConfig } from '../src/config/experiment';
import { runSpecOf, trainingSettingsOf } from '../src/config/toEngine';
import { sessionOnGeneratedData } from '../src/engine/session';
import { printTable } from './table';
import { ALGORITHM_INFO } from '../src/algorithms/registry';

tf.env().set('PROD', true);
await tf.setBackend('cpu');

const MEASURE_MS = 2000;

/** Steps per second of `kernels` on this config: chunks of steps until MEASURE_MS have passed. */
async function stepsPerSecond(config: ExperimentConfig): Promise<number> {
  const session = sessionOnGeneratedData(runSpecOf(config), trainingSettingsOf(config));
  session.runSteps(200);
  await session.sync();
  let steps = 0;
  const started = performance.now();
  while (performance.now() - started < MEASURE_MS) {
    steps += session.runSteps(500);
    await session.sync();
  }
  const rate = (steps * 1000) / (performance.now() - started);
  session.dispose();
  return rate;
}

const playground: ExperimentConfig = {
  ...defaultConfig(),
  dataset: 'circle',
  points: 500,
  trainPercent: 50,
  noise: 0,
  hidden: [4, 2],
  activation: ['tanh', 'tanh'],
  batchSize: 10,
  optimizer: 'sgd',
  learningRate: 0.03,
};
const stepsPerEpoch = 250 / 10;

const rows: string[][] = [];
const playgroundRates = { fused: 0, plain: 0 };
for (const kernels of ['fused', 'plain'] as const) playgroundRates[kernels] = await stepsPerSecond({ ...playground, kernels });
rows.push([
  'TF Playground default: 2-4-2-1 tanh, batch 10, SGD',
  `${(playgroundRates.fused / stepsPerEpoch).toFixed(0)} epochs/s`,
  `${(playgroundRates.plain / stepsPerEpoch).toFixed(0)} epochs/s`,
  `${(playgroundRates.fused / playgroundRates.plain).toFixed(1)}×`,
]);
for (const hidden of [[8, 8], [16, 16, 16], [64, 64, 64]]) {
  for (const batchSize of [16, 32]) {
    const config: ExperimentConfig = { ...defaultConfig(), hidden, activation: hidden.map(() => 'tanh' as const), batchSize };
    const fused = await stepsPerSecond({ ...config, kernels: 'fused' });
    const plain = await stepsPerSecond({ ...config, kernels: 'plain' });
    rows.push([`2-${hidden.join('-')}-1 tanh, batch ${batchSize}, Adam`, `${fused.toFixed(0)} steps/s`, `${plain.toFixed(0)} steps/s`, `${(fused / plain).toFixed(1)}×`]);
  }
}
console.log('\nFused CPU kernel vs plain TF.js ops (Node, CPU backend, steps only, no evaluation):');
printTable(['task', 'fused', 'plain', 'speed-up'], rows);

/**
 * Microseconds of CPU time per step (this process's user + system time: the CPU backend runs on this one thread,
 * and CPU time does not count the time other processes take on a loaded machine), best of ROUNDS.
 */
const ROUNDS = 3;
async function cpuMicrosPerStep(config: ExperimentConfig, chunk: number): Promise<number> {
  const session = sessionOnGeneratedData(runSpecOf(config), trainingSettingsOf(config));
  session.runSteps(chunk);
  await session.sync();
  let best = Infinity;
  for (let round = 0; round < ROUNDS; round++) {
    let steps = 0;
    const started = performance.now();
    const cpu = process.cpuUsage();
    while (performance.now() - started < MEASURE_MS / 2) {
      steps += session.runSteps(chunk);
      await session.sync();
    }
    const used = process.cpuUsage(cpu);
    best = Math.min(best, (used.user + used.system) / steps);
  }
  session.dispose();
  return best;
}

const network: ExperimentConfig = { ...defaultConfig(), hidden: [8, 8], activation: ['tanh', 'tanh'], batchSize: 16, optimizer: 'adam', innerOptimizer: 'adam' };
const innerSteps = 10;
const costRows: string[][] = [];
const backpropMicros = { fused: 0, plain: 0 };
for (const kernels of ['fused', 'plain'] as const) backpropMicros[kernels] = await cpuMicrosPerStep({ ...network, kernels }, kernels === 'fused' ? 500 : 50);
for (const algorithm of ['locoprop-m', 'locoprop-s'] as const) {
  for (const kernels of ['fused', 'plain'] as const) {
    const config: ExperimentConfig = { ...network, algorithm, innerSteps, innerDecay: true, learningRate: 0.001, kernels };
    const micros = await cpuMicrosPerStep(config, kernels === 'fused' ? 100 : 10);
    costRows.push([
      `${ALGORITHM_INFO[algorithm].label}, ${kernels}`,
      `${backpropMicros[kernels].toFixed(1)} µs`,
      `${micros.toFixed(1)} µs`,
      `${(micros / backpropMicros[kernels]).toFixed(1)}×`,
      `${(micros / backpropMicros.plain).toFixed(2)}×`,
    ]);
  }
}
console.log(`\nLocoProp (K = ${innerSteps}, Adam inner, decay) per outer step vs a backprop (Adam) step, 2-8-8-1 tanh, batch 16, CPU time (target (2K + 1)/3 ≈ ${((2 * innerSteps + 1) / 3).toFixed(1)}):`);
printTable(['algorithm, kernels', 'backprop step', 'LocoProp step', 'vs backprop, same kernels', 'vs plain backprop'], costRows);
