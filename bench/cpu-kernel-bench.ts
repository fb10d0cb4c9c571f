/**
 * Issue 18 §1: the fused CPU kernels' matrix products, JavaScript loops against WebAssembly SIMD (f64x2, the
 * same bits), in steps/s on the issue's target tasks (Node, TF.js CPU backend, fused kernels, steps only).
 * The two kernels alternate per task, so both see the same machine load; /proc/loadavg is printed beside them.
 * `npx tsx --import ./bench/resolve-directory-imports.mjs bench/cpu-kernel-bench.ts`; CPU_BENCH_MS sets each
 * measurement's length (default 3000).
 */
import * as tf from '@tensorflow/tfjs-core';
import '@tensorflow/tfjs-backend-cpu';
import { readFile } from 'node:fs/promises';
import { defaultConfig, type ExperimentConfig } from '../src/config/experiment';
import { paperScene } from '../src/config/paperScene';
import { runSpecOf, trainingSettingsOf } from '../src/config/toEngine';
import { loadDataset, type DataAccess } from '../src/engine/data/dataSources';
import { cpuKernel, chooseCpuKernel, type CpuKernel } from '../src/engine/fused/cpuMatMul';
import { sessionOnGeneratedData, TrainingSession } from '../src/engine/session';
import { printTable } from './table';

tf.env().set('PROD', true);
await tf.setBackend('cpu');

const MEASURE_MS = Number(process.env.CPU_BENCH_MS ?? 3000);
const access: DataAccess = {
  readShipped: async (file) => new Uint8Array(await readFile(new URL(`../public/data/${file}`, import.meta.url))),
  customData: () => null,
};
const loadavg = async (): Promise<string> => (await readFile('/proc/loadavg', 'utf8').catch(() => '?')).split(' ').slice(0, 3).join(' ');

async function sessionOf(config: ExperimentConfig): Promise<TrainingSession> {
  const spec = runSpecOf(config);
  if (config.dataset === 'mnist14' || config.dataset === 'digits') return new TrainingSession(await loadDataset(spec.dataset, access), spec, trainingSettingsOf(config));
  return sessionOnGeneratedData(spec, trainingSettingsOf(config));
}

/** Steps per wall-clock second and per CPU second (this process's user + system time; less hurt by other load). */
async function stepsPerSecond(config: ExperimentConfig, kernel: CpuKernel, chunk: number): Promise<{ wall: number; cpu: number }> {
  chooseCpuKernel(kernel);
  const session = await sessionOf(config);
  session.runSteps(chunk);
  await session.sync();
  let steps = 0;
  const started = performance.now();
  const cpu = process.cpuUsage();
  while (performance.now() - started < MEASURE_MS) {
    steps += session.runSteps(chunk);
    await session.sync();
  }
  const used = process.cpuUsage(cpu);
  const rate = { wall: (steps * 1000) / (performance.now() - started), cpu: (steps * 1e6) / (used.user + used.system) };
  session.dispose();
  return rate;
}

const [paperBackprop, paperLocoProp] = paperScene({ ...defaultConfig(), kernels: 'fused' });
const tanh = (hidden: number[]) => hidden.map(() => 'tanh' as const);
/** Issue 18 §1's targets (steps/s), met when the kernel `auto` chooses reaches them in wall time. */
const tasks: { name: string; config: ExperimentConfig; chunk: number; target: number }[] = [
  { name: 'paper autoencoder 196-128-64-16-64-128-196, batch 128, RMSProp', config: paperBackprop, chunk: 20, target: 100 },
  { name: 'LocoProp-M (K = 10), same autoencoder', config: paperLocoProp, chunk: 4, target: 14 },
  {
    name: 'digits 64-64-10, batch 32, Adam',
    config: { ...defaultConfig(), kernels: 'fused', dataset: 'digits', features: [], hidden: [64], activation: ['relu'], batchSize: 32, optimizer: 'adam' },
    chunk: 500,
    target: 3000,
  },
  { name: '2-64-64-64-1, batch 16, Adam', config: { ...defaultConfig(), kernels: 'fused', hidden: [64, 64, 64], activation: tanh([64, 64, 64]), batchSize: 16, optimizer: 'adam' }, chunk: 500, target: 2000 },
  { name: '2-8-8-1, batch 16, Adam', config: { ...defaultConfig(), kernels: 'fused', hidden: [8, 8], activation: tanh([8, 8]), batchSize: 16, optimizer: 'adam' }, chunk: 2000, target: 40000 },
];

const only = process.env.CPU_BENCH_TASKS?.split(',').map(Number);
const rows: string[][] = [];
for (const [index, task] of tasks.entries()) {
  if (only && !only.includes(index)) continue;
  const js = await stepsPerSecond(task.config, 'js', task.chunk);
  const wasm = await stepsPerSecond(task.config, 'wasm-simd', task.chunk);
  const both = (r: { wall: number; cpu: number }): string => `${r.wall.toFixed(1)} / ${r.cpu.toFixed(1)}`;
  // What the app runs: wasm where it compiled (cpuKernel() says which it got), else the loops.
  const chosen = cpuKernel() === 'wasm-simd' ? wasm : js;
  const met = chosen.wall >= task.target ? 'met' : 'NOT met';
  rows.push([task.name, both(js), `${both(wasm)} (${cpuKernel()})`, `${(wasm.cpu / js.cpu).toFixed(2)}×`, `≥ ${task.target.toLocaleString('en-US')}: ${met}`, await loadavg()]);
  console.log(rows.at(-1)?.join(' | '));
}
console.log(`\nFused CPU kernels, steps/s (Node ${process.version}, ${MEASURE_MS} ms each):`);
printTable(['task', 'js loops: wall / CPU', 'wasm f64x2: wall / CPU', 'ratio (CPU)', 'target (wall)', 'loadavg after'], rows);
