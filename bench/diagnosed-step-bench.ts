/**
 * `tsx bench/diagnosed-step-bench.ts`: one diagnosed step (session.ts runSteps(1, true)) against one plain step,
 * median over DIAG_REPEATS, on the CPU backend (Node), for MNIST 512-512 (backprop and LocoProp-M) and the default
 * 2-8-8-1; and the same step with its diagnosis in pieces (runSteps(1, true, true), then one piece a call, as the
 * worker runs them between its slices, worker/stepRounds.ts): the longest synchronous part (the step's own call or
 * a piece: the longest the worker holds its messages) and each piece. Wall-clock and CPU time (process.cpuUsage,
 * steadier on a loaded machine); print `cat /proc/loadavg` beside it. Before the pieces (no unfinishedDiagnosis),
 * the step's own call is the whole diagnosed step.
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

/** Wall-clock and CPU time of `f`, ms. */
interface Timed {
  wall: number;
  cpu: number;
}
function timed<T>(f: () => T): Timed & { value: T } {
  const [wall, cpu] = [performance.now(), process.cpuUsage()];
  const value = f();
  const used = process.cpuUsage(cpu);
  return { wall: performance.now() - wall, cpu: (used.user + used.system) / 1000, value };
}
const ms = (times: Timed[]): string => `${median(times.map((t) => t.wall)).toFixed(0)} / ${median(times.map((t) => t.cpu)).toFixed(0)}`;
const longestOf = (times: Timed[]): Timed => times.reduce((a, b) => (b.cpu > a.cpu ? b : a));

const cases: Array<[string, Partial<ExperimentConfig>]> = [
  ['mnist 512-512 backprop', { dataset: 'mnist', hidden: [512, 512], algorithm: 'backprop' }],
  ['mnist 512-512 locoprop-m', { dataset: 'mnist', hidden: [512, 512], algorithm: 'locoprop-m' }],
  ['2-8-8-1 backprop', { algorithm: 'backprop' }],
];

const rows: string[][] = [];
const pieceRows: string[][] = [];
for (const [name, overrides] of cases) {
  if (ONLY && !name.includes(ONLY)) continue;
  const config = { ...defaultConfig(), backend: 'cpu' as const, ...overrides };
  const spec = runSpecOf(config);
  const s = new TrainingSession(await loadDataset(spec.dataset, access), spec, trainingSettingsOf(config));
  s.runSteps(2, true);
  const plain: Timed[] = [];
  const diagnosed: Timed[] = [];
  const longest: Timed[] = [];
  const byPiece: Timed[][] = [];
  for (let i = 0; i < REPEATS; i++) {
    plain.push(timed(() => s.runSteps(1)));
    diagnosed.push(timed(() => s.runSteps(1, true)));
    const parts: Timed[] = [timed(() => s.runSteps(1, true, true))];
    const diagnosis = s.unfinishedDiagnosis;
    for (let more = diagnosis?.pending ?? false; more; ) {
      const piece = timed(() => diagnosis?.next() ?? false);
      more = piece.value;
      parts.push(piece);
    }
    parts.slice(1).forEach((t, k) => (byPiece[k] ??= []).push(t));
    longest.push(longestOf(parts));
  }
  await s.evaluate(false);
  rows.push([name, ms(plain), ms(diagnosed), `${byPiece.length}`, ms(longest), longest.map((t) => t.cpu.toFixed(0)).join(' ')]);
  pieceRows.push([name, byPiece.map((times) => median(times.map((t) => t.cpu)).toFixed(0)).join(' ')]);
  s.dispose();
}
console.log(`One step, median of ${REPEATS} (Node, CPU backend): wall / CPU ms`);
printTable(['run', 'plain step', 'diagnosed step', 'pieces', 'longest synchronous part', 'longest, CPU ms each'], rows);
printTable(['run', 'each piece, median CPU ms (in order)'], pieceRows);
