/**
 * The per-unit view's cost in the worker (Node, TF.js CPU backend: the engine the worker runs), issue 19 §3:
 * on the circle, a diagnosed tick's evaluation with the view off and on (its heatmaps packed into the same
 * readback), for the default network and 6 × 64 units, at the 48² plane grid and the 96² fine grid. Median and
 * range of ROUNDS evaluations each, after a warm-up, in CPU time of this process (process.cpuUsage: the work
 * done, which on the shared 2-core machine is steadier than wall time) and wall time; the load average is
 * printed with them.
 * Run: npx tsx bench/neurons-bench.ts
 */
import * as tf from '@tensorflow/tfjs-core';
import '@tensorflow/tfjs-backend-cpu';
import { loadavg } from 'node:os';
import { defaultConfig, type ExperimentConfig } from '../src/config/experiment';
import { runSpecOf, trainingSettingsOf } from '../src/config/toEngine';
import { sessionOnGeneratedData } from '../src/engine/session';
import { neuronsShape, neuronsLength } from '../src/probes/neurons/declaration';
import { printTable } from './table';

tf.env().set('PROD', true);
await tf.setBackend('cpu');

const ROUNDS = 21;
const median = (values: number[]): number => [...values].sort((a, b) => a - b)[values.length >> 1];

const cpuMs = (): number => {
  const { user, system } = process.cpuUsage();
  return (user + system) / 1000;
};

async function evaluationMs(overrides: Partial<ExperimentConfig>, gridSize: number, view: boolean): Promise<{ times: number[]; wall: number[]; values: number }> {
  const config = { ...defaultConfig(), ...overrides };
  const session = sessionOnGeneratedData(runSpecOf(config), trainingSettingsOf(config));
  session.setGridSize(gridSize);
  session.setNeuronView(view);
  const times: number[] = [];
  const wall: number[] = [];
  for (let round = 0; round < ROUNDS + 2; round++) {
    session.runSteps(5, true);
    // Only the evaluation: the diagnosed step itself is the same with the view off or on.
    const started = performance.now();
    const cpu = cpuMs();
    await session.evaluate(true, true);
    if (round < 2) continue;
    times.push(cpuMs() - cpu);
    wall.push(performance.now() - started);
  }
  session.dispose();
  return { times, wall, values: view ? neuronsLength(neuronsShape(session.layout, gridSize, 0)) : 0 };
}

const rows: string[][] = [];
for (const [label, hidden] of [
  ['2-8-8-1 (default)', [8, 8]],
  ['6 × 64', [64, 64, 64, 64, 64, 64]],
] as const) {
  for (const gridSize of [48, 96]) {
    const overrides: Partial<ExperimentConfig> = { hidden: [...hidden], activation: hidden.map(() => 'tanh' as const) };
    const off = await evaluationMs(overrides, gridSize, false);
    const on = await evaluationMs(overrides, gridSize, true);
    const range = (t: number[]): string => `${Math.min(...t).toFixed(1)}–${Math.max(...t).toFixed(1)}`;
    rows.push([
      label,
      `${gridSize}²`,
      `${median(off.times).toFixed(1)} (${range(off.times)})`,
      `${median(on.times).toFixed(1)} (${range(on.times)})`,
      (median(on.times) - median(off.times)).toFixed(1),
      `${median(off.wall).toFixed(1)} / ${median(on.wall).toFixed(1)}`,
      on.values.toLocaleString('en-US'),
    ]);
  }
}
console.log(`load average ${loadavg().map((l) => l.toFixed(1)).join(' ')}`);
printTable(['network', 'plane grid', 'diagnosed evaluation, view off (CPU ms)', 'view on (CPU ms)', 'added (CPU ms)', 'wall ms off / on', 'values read back'], rows);
