/**
 * The paper scene's two runs as the page trains them (paperScene(), no validation split, the default seed), one
 * per process: the train loss over the whole training set (what the loss chart shows in lockstep) at every
 * CURVE_EVERY-th step up to the budget, and every step inside CURVE_DENSE, where the curves cross; the steps'
 * own time (evaluations excluded) is summed beside. Node, CPU backend, one thread:
 * `npx tsx bench/paper-curves.ts backprop|locoprop-m > out.json` (the two can run side by side, one per core);
 * src/config/paperSceneRecord.ts holds what it printed.
 */
import { readFile } from 'node:fs/promises';
import * as tf from '@tensorflow/tfjs-core';
import '@tensorflow/tfjs-backend-cpu';
import '../src/config/zodSetup';
import { paperScene, PAPER_SWEEP } from '../src/config/paperScene';
import { runSpecOf, trainingSettingsOf } from '../src/config/toEngine';
import { loadDataset, type DataAccess } from '../src/engine/data/dataSources';
import { TrainingSession } from '../src/engine/session';

tf.env().set('PROD', true);
await tf.setBackend('cpu');

const CURVE_EVERY = 5;
const CURVE_DENSE = { from: 100, to: 200 };
const access: DataAccess = { readShipped: async (file) => new Uint8Array(await readFile(new URL(`../public/data/${file}`, import.meta.url))), customData: () => null };
const method = process.argv[2] ?? 'backprop';
const config = paperScene().find((run) => run.algorithm === method);
if (!config) throw new Error(`no run of the paper scene has algorithm ${method}`);
const spec = runSpecOf(config);
const session = new TrainingSession(await loadDataset(spec.dataset, access), spec, trainingSettingsOf(config));
const budget = PAPER_SWEEP.spec.budget;
const steps: number[] = [];
const trainLoss: number[] = [];
let stepMs = 0;
let done = 0;
for (let at = 0; at <= budget; at++) {
  const dense = at >= CURVE_DENSE.from && at <= CURVE_DENSE.to;
  if (!dense && at % CURVE_EVERY !== 0) continue;
  const t0 = performance.now();
  done += session.runSteps(at - done);
  await session.sync();
  stepMs += performance.now() - t0;
  const { evaluation } = await session.evaluate(false);
  steps.push(at);
  trainLoss.push(Number(evaluation.trainLoss.toPrecision(5)));
  console.error(`${method} step ${at}: train ${evaluation.trainLoss.toFixed(3)} (${(stepMs / Math.max(done, 1)).toFixed(0)} ms per step so far)`);
}
session.dispose();
console.log(JSON.stringify({ method, seed: config.seed, learningRate: config.learningRate, steps, trainLoss, msPerStep: stepMs / done, loadAverage: (await readFile('/proc/loadavg', 'utf8')).split(' ')[0] }));
