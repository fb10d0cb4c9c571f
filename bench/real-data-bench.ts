/**
 * `npm run bench`, real data (Node, TF.js CPU backend; the same engine the worker runs):
 *  1. each shipped file: size and decode time;
 *  2. digits and MNIST 14×14 classification, backprop (Adam) and LocoProp-M: training steps/s and the steps
 *     and training seconds to 90 % test accuracy (test accuracy measured every 100 steps, not counted as training);
 *  3. the paper's scene on the MNIST 14×14 deep autoencoder: backprop RMSProp and LocoProp-M (inner RMSProp),
 *     each at the learning rate its LR range test suggests (valley), from the same initial weights; the train
 *     loss at 500 and 2,000 steps and at equal training time.
 * BENCH_QUICK=1 shortens every budget (a smoke run).
 */
import * as tf from '@tensorflow/tfjs-core';
import '@tensorflow/tfjs-backend-cpu';
import { readFile, stat } from 'node:fs/promises';
import { defaultConfig, type ExperimentConfig } from '../src/config/experiment';
import { runSpecOf, trainingSettingsOf } from '../src/config/toEngine';
import { loadDataset, type DataAccess } from '../src/engine/data/dataSources';
import { SHIPPED_DATASETS } from '../src/engine/data/problem';
import { decodeShippedData } from '../src/engine/data/shippedFormat';
import { runRangeTest } from '../src/engine/lrfinder/rangeTest';
import { TrainingSession } from '../src/engine/session';
import { paperScene } from '../src/config/paperScene';
import { printTable } from './table';

tf.env().set('PROD', true);
await tf.setBackend('cpu');

const QUICK = process.env.BENCH_QUICK === '1';
const dataFile = (file: string): URL => new URL(`../public/data/${file}`, import.meta.url);
const access: DataAccess = { readShipped: async (file) => new Uint8Array(await readFile(dataFile(file))), customData: () => null };
const fmt = (v: number, digits = 3): string => (Number.isFinite(v) ? v.toPrecision(digits) : String(v));

async function session(config: ExperimentConfig): Promise<TrainingSession> {
  const spec = runSpecOf(config);
  return new TrainingSession(await loadDataset(spec.dataset, access), spec, trainingSettingsOf(config));
}

// 1. Files.
const fileRows: string[][] = [];
for (const file of [...new Set(Object.values(SHIPPED_DATASETS).map((entry) => entry.file))]) {
  const bytes = new Uint8Array(await readFile(dataFile(file)));
  const started = performance.now();
  const { header } = await decodeShippedData(bytes);
  fileRows.push([file, `${(await stat(dataFile(file))).size.toLocaleString('en-US')} B`, String(header.rows), `${fmt(performance.now() - started)} ms`]);
}
console.log('\nShipped data files (decode = gunzip + Float32 conversion, Node)');
printTable(['file', 'size', 'rows', 'decode'], fileRows);

/** Trains in chunks of 100 steps; returns steps/s over training time only and when test accuracy first passed 90 %. */
async function timeToAccuracy(config: ExperimentConfig, maxSteps: number) {
  const s = await session(config);
  let trainingMs = 0;
  let reached: { steps: number; seconds: number } | null = null;
  let accuracy = Number.NaN;
  for (let done = 0; done < maxSteps; done += 100) {
    const started = performance.now();
    s.runSteps(100);
    await s.sync();
    trainingMs += performance.now() - started;
    accuracy = (await s.evaluate(false)).evaluation.testAccuracy;
    if (!reached && accuracy >= 0.9) reached = { steps: done + 100, seconds: trainingMs / 1000 };
  }
  s.dispose();
  return { stepsPerSecond: (maxSteps / trainingMs) * 1000, reached, accuracy };
}

// 2. Classification.
const classRows: string[][] = [];
for (const dataset of ['digits', 'mnist14'] as const) {
  for (const algorithm of ['backprop', 'locoprop-m'] as const) {
    const config: ExperimentConfig = { ...defaultConfig(), dataset, algorithm, hidden: [64], activation: ['tanh'], batchSize: 32 };
    const budget = QUICK ? 300 : dataset === 'digits' ? 3000 : 4000;
    const { stepsPerSecond, reached, accuracy } = await timeToAccuracy(config, budget);
    classRows.push([
      dataset,
      algorithm,
      fmt(stepsPerSecond),
      reached ? String(reached.steps) : `> ${budget}`,
      reached ? `${fmt(reached.seconds)} s` : '—',
      `${(accuracy * 100).toFixed(1)} %`,
    ]);
  }
}
console.log('\nReal-data classification, hidden 64 tanh, batch 32, Adam (backprop) / inner Adam (LocoProp-M), lr 0.01, CPU');
printTable(['data', 'algorithm', 'steps/s', 'steps to 90 %', 'time to 90 %', 'final test acc'], classRows);

// 3. The paper's scene (src/config/paperScene.ts): the same two runs the app's "paper's scene" button sets up.
const [backpropRun, locopropRun] = paperScene({ ...defaultConfig(), seed: 1 });
const contenders: { name: string; config: ExperimentConfig }[] = [
  { name: 'backprop RMSProp', config: backpropRun },
  { name: 'LocoProp-M, inner RMSProp', config: locopropRun },
];
const steps = QUICK ? 200 : 2000;
const curves: { name: string; learningRate: number; suggested: number; losses: number[]; seconds: number[] }[] = [];
for (const contender of contenders) {
  const probe = await session(contender.config);
  const range = await runRangeTest(probe, { start: 1e-6, end: 1, steps: QUICK ? 30 : 100, mode: 'exponential' });
  probe.dispose();
  // Trained at the rate the app's scene uses (its best on the paper sweep, bench/paper-sweep.ts); the range test's fresh suggestion is printed beside it.
  const suggested = range.suggestions?.valley.learningRate ?? Number.NaN;
  const learningRate = contender.config.learningRate;
  const s = await session({ ...contender.config, learningRate });
  const losses = [(await s.evaluate(false)).evaluation.trainLoss];
  const seconds = [0];
  let trainingMs = 0;
  for (let done = 0; done < steps; done += 50) {
    const started = performance.now();
    s.runSteps(50);
    await s.sync();
    trainingMs += performance.now() - started;
    losses.push((await s.evaluate(false)).evaluation.trainLoss);
    seconds.push(trainingMs / 1000);
  }
  s.dispose();
  curves.push({ name: contender.name, learningRate, suggested, losses, seconds });
}
const at = (curve: (typeof curves)[number], step: number): number => curve.losses[Math.round(step / 50)];
const atTime = (curve: (typeof curves)[number], seconds: number): number => {
  let i = 0;
  while (i + 1 < curve.seconds.length && curve.seconds[i + 1] <= seconds) i++;
  return curve.losses[i];
};
const equalTime = Math.min(...curves.map((c) => c.seconds.at(-1) ?? 0));
console.log(`\nThe paper's scene: MNIST 14×14 autoencoder 196-128-64-16(linear)-64-128-196 tanh, batch 128, same initial weights, each at the scene's rate, its best on the paper sweep (train BCE summed over 196 pixels, first 2,000 training images)`);
printTable(
  ['method', 'lr (valley now)', 'untrained', `@${steps / 4} steps`, `@${steps} steps`, `@${fmt(equalTime)} s training`, 'ms/step'],
  curves.map((c) => [c.name, `${fmt(c.learningRate, 2)} (${fmt(c.suggested, 2)})`, fmt(c.losses[0], 4), fmt(at(c, steps / 4), 4), fmt(at(c, steps), 4), fmt(atTime(c, equalTime), 4), fmt(((c.seconds.at(-1) ?? 0) * 1000) / steps)]),
);
