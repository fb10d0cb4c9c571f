/**
 * `tsx bench/diagnosed-step-bench.ts`: one diagnosed step (session.ts runSteps(1, true)) against one plain step,
 * median over DIAG_REPEATS, on the CPU backend (Node), for MNIST 512-512 (backprop and LocoProp-M) and the default
 * 2-8-8-1. Print `cat /proc/loadavg` beside it: the numbers are wall-clock times on a shared machine.
 */
import * as tf from '@tensorflow/tfjs-core';
import '@tensorflow/tfjs-backend-cpu';
import { readFile } from 'node:fs/promises';
import { defaultConfig, type ExperimentConfig } from '../src/config/experiment';
import { runSpecOf, trainingSettingsOf } from '../src/config/toEngine';
import { loadDataset, type DataAccess } from '../src/engine/data/dataSources';
import { TrainingSession } from '../src/engine/session';
import { printTable } from './table';

tf.env().set('PROD', true);
await tf.setBackend('cpu');

const REPEATS = Number(process.env.DIAG_REPEATS ?? 5);
const ONLY = process.env.DIAG_ONLY;
const dataFile = (file: string): URL => new URL(`../public/data/${file}`, import.meta.url);
const readShipped = async (file: string): Promise<Uint8Array> => new Uint8Array(await readFile(dataFile(file)));
const access: DataAccess = { readShipped, customData: () => null };
const median = (values: number[]): number => [...values].sort((a, b) => a - b)[Math.floor(values.length / 2)];

const cases: Array<[string, Partial<ExperimentConfig>]> = [
  ['mnist 512-512 backprop', { dataset: 'mnist', hidden: [512, 512], algorithm: 'backprop' }],
  ['mnist 512-512 locoprop-m', { dataset: 'mnist', hidden: [512, 512], algorithm: 'locoprop-m' }],
  ['2-8-8-1 backprop', { algorithm: 'backprop' }],
];

const rows: string[][] = [];
for (const [name, overrides] of cases) {
  if (ONLY && !name.includes(ONLY)) continue;
  const config = { ...defaultConfig(), backend: 'cpu' as const, ...overrides };
  const spec = runSpecOf(config);
  const s = new TrainingSession(await loadDataset(spec.dataset, access), spec, trainingSettingsOf(config));
  s.runSteps(2, true);
  const plain: number[] = [];
  const diagnosed: number[] = [];
  for (let i = 0; i < REPEATS; i++) {
    let started = performance.now();
    s.runSteps(1);
    plain.push(performance.now() - started);
    started = performance.now();
    s.runSteps(1, true);
    diagnosed.push(performance.now() - started);
  }
  await s.evaluate(false);
  rows.push([name, `${median(plain).toFixed(0)} ms`, `${median(diagnosed).toFixed(0)} ms`, diagnosed.map((t) => t.toFixed(0)).join(' ')]);
  s.dispose();
}
console.log(`One step, median of ${REPEATS} (Node, CPU backend)`);
printTable(['run', 'plain step', 'diagnosed step', 'diagnosed, each'], rows);
