/**
 * `tsx bench/fused-call-bench.ts`: CPU time per step of the fused CPU kernel (Node, TF.js CPU backend) in calls of
 * 1, 4 and 12 steps (session.ts runSteps(n): one kernel call of n steps), median of CALL_REPEATS rounds of
 * CALL_STEPS steps each, on MNIST 512-512 (Adam, the default batch), the paper autoencoder
 * 196-128-64-16-64-128-196 (batch 128, RMSProp) and the default 2-8-8-1 (batch 16, Adam). What a call costs beyond
 * its steps (reading θ and the slots, the output tensors, garbage collection) is the gap between the columns.
 * Print `cat /proc/loadavg` beside it: the numbers are CPU times on a shared machine.
 */
import * as tf from '@tensorflow/tfjs-core';
import '@tensorflow/tfjs-backend-cpu';
import { readFile } from 'node:fs/promises';
import { defaultConfig, type ExperimentConfig } from '../src/config/experiment';
import { paperScene } from '../src/config/paperScene';
import { runSpecOf, trainingSettingsOf } from '../src/config/toEngine';
import { loadDataset, type DataAccess } from '../src/engine/data/dataSources';
import { TrainingSession } from '../src/engine/session';
import { printTable } from './table';

tf.env().set('PROD', true);
await tf.setBackend('cpu');

const REPEATS = Number(process.env.CALL_REPEATS ?? 8);
const CALLS = (process.env.CALL_SIZES ?? '1,4,12').split(',').map(Number);
const ONLY = process.env.CALL_ONLY;
const dataFile = (file: string): URL => new URL(`../public/data/${file}`, import.meta.url);
const readShipped = async (file: string): Promise<Uint8Array> => new Uint8Array(await readFile(dataFile(file)));
const access: DataAccess = { readShipped, customData: () => null };
const median = (values: number[]): number => [...values].sort((a, b) => a - b)[Math.floor(values.length / 2)];
const cpuMs = (): number => process.cpuUsage().user / 1000 + process.cpuUsage().system / 1000;

const base = { ...defaultConfig(), backend: 'cpu' as const, kernels: 'fused' as const };
const cases: Array<[string, ExperimentConfig, number]> = [
  ['MNIST 512-512 Adam', { ...base, dataset: 'mnist', hidden: [512, 512], activation: ['relu', 'relu'], optimizer: 'adam' }, 24],
  ['autoencoder 196-…-196 b128 RMSProp', { ...paperScene(base)[0], kernels: 'fused' }, 48],
  ['2-8-8-1 b16 Adam', { ...base, batchSize: 16, optimizer: 'adam' }, 1200],
];

const rows: string[][] = [];
for (const [name, config, stepsPerRound] of cases) {
  if (ONLY && !name.includes(ONLY)) continue;
  const spec = runSpecOf(config);
  const s = new TrainingSession(await loadDataset(spec.dataset, access), spec, trainingSettingsOf(config));
  s.runSteps(24);
  const row = [name, `${s.kernelPath}`];
  for (const size of CALLS) {
    const perStep: number[] = [];
    for (let i = 0; i < REPEATS; i++) {
      const started = cpuMs();
      for (let done = 0; done < stepsPerRound; done += size) s.runSteps(size);
      perStep.push((cpuMs() - started) / stepsPerRound);
    }
    row.push(median(perStep) < 1 ? `${(median(perStep) * 1000).toFixed(0)} µs` : `${median(perStep).toFixed(2)} ms`);
  }
  rows.push(row);
  await s.evaluate(false);
  s.dispose();
}
console.log(`CPU time per step, median of ${REPEATS} rounds (Node, CPU backend)`);
printTable(['run', 'path', ...CALLS.map((n) => `calls of ${n}`)], rows);
