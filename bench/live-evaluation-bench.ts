/**
 * `tsx bench/live-evaluation-bench.ts`: the paper scene's live evaluation on the CPU backend (Node), with the fused
 * CPU evaluation (engine/fused/cpuLiveEvaluation.ts) off and on:
 *  1. one evaluation of each of the scene's two runs (with the gallery, as a tick that draws it; and without),
 *     median over LIVE_EVAL_REPEATS;
 *  2. the worker host (worker/host.ts, as the page's worker runs it, pacing at the default speed) playing the
 *     scene: steps each run has reached at 60 s and 120 s (LIVE_EVAL_SECONDS), fused evaluation off, then on
 *     (LIVE_EVAL_ORDER=fused,plain: on, then off).
 * Print `cat /proc/loadavg` beside it: the numbers are wall-clock times on a shared machine.
 */
import * as tf from '@tensorflow/tfjs-core';
import '@tensorflow/tfjs-backend-cpu';
import { readFile } from 'node:fs/promises';
import { defaultConfig, type ExperimentConfig } from '../src/config/experiment';
import { paperScene } from '../src/config/paperScene';
import { runSpecOf, trainingSettingsOf } from '../src/config/toEngine';
import { loadDataset, type DataAccess } from '../src/engine/data/dataSources';
import { chooseFusedEvaluation } from '../src/engine/fused/cpuLiveEvaluation';
import { TrainingSession } from '../src/engine/session';
import { TrainingHost } from '../src/worker/host';
import type { WorkerEvent } from '../src/worker/protocol';
import { cpuOnly } from '../src/test/cpuBackendPort';
import { printTable } from './table';

tf.env().set('PROD', true);
await tf.setBackend('cpu');

const REPEATS = Number(process.env.LIVE_EVAL_REPEATS ?? 7);
const SECONDS = (process.env.LIVE_EVAL_SECONDS ?? '60,120').split(',').map(Number);
const dataFile = (file: string): URL => new URL(`../public/data/${file}`, import.meta.url);
const readShipped = async (file: string): Promise<Uint8Array> => new Uint8Array(await readFile(dataFile(file)));
const access: DataAccess = { readShipped, customData: () => null };
const scene = paperScene({ ...defaultConfig(), backend: 'cpu' });
const median = (values: number[]): number => [...values].sort((a, b) => a - b)[Math.floor(values.length / 2)];

async function session(config: ExperimentConfig): Promise<TrainingSession> {
  const spec = runSpecOf(config);
  return new TrainingSession(await loadDataset(spec.dataset, access), spec, trainingSettingsOf(config));
}

// 1. One evaluation per run.
const rows: string[][] = [];
for (const config of REPEATS > 0 ? scene : []) {
  const s = await session(config);
  s.runSteps(10);
  for (const withGrid of [true, false]) {
    const times: Record<'plain' | 'fused', number[]> = { plain: [], fused: [] };
    for (let i = 0; i < REPEATS; i++) {
      for (const path of ['plain', 'fused'] as const) {
        chooseFusedEvaluation(path === 'fused');
        const started = performance.now();
        await s.evaluate(withGrid);
        times[path].push(performance.now() - started);
      }
    }
    const [plain, fused] = [median(times.plain), median(times.fused)];
    rows.push([config.algorithm, withGrid ? 'with gallery' : 'losses only', `${plain.toFixed(0)} ms`, `${fused.toFixed(0)} ms`, `${(plain / fused).toFixed(1)}×`]);
  }
  console.log(`${config.algorithm}: ${s.kernelPath} steps, ${s.fusedEvaluations} fused evaluations, rows ${JSON.stringify(s.evaluationRows)}`);
  s.dispose();
}
if (REPEATS > 0) {
  console.log(`\nThe paper scene's evaluation, one run, median of ${REPEATS} (Node, CPU backend)`);
  printTable(['run', 'evaluation', 'plain TF.js', 'fused', 'ratio'], rows);
}

// 2. The worker host playing the scene.
async function play(fused: boolean): Promise<string[][]> {
  chooseFusedEvaluation(fused);
  const steps = new Map<string, number>();
  let ticks = 0;
  const host = new TrainingHost(
    (event: WorkerEvent) => {
      if (event.type !== 'tick') return;
      steps.set(event.runId, event.metric.step);
      ticks += 1;
    },
    cpuOnly,
    readShipped,
  );
  host.handle({ type: 'configure', runs: scene.map((config, i) => ({ runId: `run-${i + 1}`, config })) });
  await host.idle();
  host.handle({ type: 'play' });
  const started = performance.now();
  const reached: string[][] = [];
  for (const seconds of SECONDS) {
    await new Promise((resolve) => setTimeout(resolve, Math.max(0, seconds * 1000 - (performance.now() - started))));
    reached.push([...scene.map((_, i) => String(steps.get(`run-${i + 1}`) ?? 0)), String(ticks)]);
  }
  host.handle({ type: 'pause' });
  await host.idle();
  host.handle({ type: 'configure', runs: [] });
  await host.idle();
  return reached;
}

const hostRows: string[][] = [];
// LIVE_EVAL_ORDER=fused,plain plays the fused one first (on a shared machine the load drifts between the two).
for (const fused of (process.env.LIVE_EVAL_ORDER ?? 'plain,fused').split(',').map((path) => path === 'fused')) {
  const reached = await play(fused);
  SECONDS.forEach((seconds, i) => hostRows.push([fused ? 'fused' : 'plain TF.js', `${seconds} s`, ...reached[i]]));
}
console.log('\nThe worker host playing the paper scene (Node, CPU backend): steps reached');
printTable(['evaluation', 'after', ...scene.map((config) => config.algorithm), 'ticks (all runs)'], hostRows);
