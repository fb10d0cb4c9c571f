/**
 * The paper scene's learning-rate sweep (issue 17 §4), the sweep its card quotes: backprop (PyTorch RMSProp) and
 * LocoProp-M (inner TF1 RMSProp) on the MNIST 14×14 autoencoder, each over the same learning-rate grid, one seed,
 * PAPER_SWEEP's budget of steps, chosen on the final validation loss (a 20 % split of the training images), with
 * each run's train, validation and test loss and its measured time per step. Node, CPU backend, one thread:
 * `npx tsx bench/paper-sweep.ts backprop|locoprop-m` (the two can run side by side, one per core).
 * `npx tsx bench/paper-sweep.ts equal-time <backprop lr> <locoprop lr>`: both methods' time per step at those
 * rates, measured back to back in this process (20 steps each after 5 to warm up), then backprop trained for as
 * many steps as fit in LocoProp-M's 500, its validation loss read there: the comparison against training time.
 */
import { readFile } from 'node:fs/promises';
import * as tf from '@tensorflow/tfjs-core';
import '@tensorflow/tfjs-backend-cpu';
import '../src/config/zodSetup';
import { paperScene, PAPER_SWEEP } from '../src/config/paperScene';
import { expandSweep } from '../src/config/sweep';
import { runSpecOf, trainingSettingsOf } from '../src/config/toEngine';
import { loadDataset, type DataAccess } from '../src/engine/data/dataSources';
import { TrainingSession } from '../src/engine/session';
import { runSweepJob } from '../src/engine/sweep/sweepJob';

tf.env().set('PROD', true);
await tf.setBackend('cpu');

const access: DataAccess = { readShipped: async (file) => new Uint8Array(await readFile(new URL(`../public/data/${file}`, import.meta.url))), customData: () => null };
const method = process.argv[2] ?? 'backprop';
if (method === 'equal-time') {
  const [backpropRate, locopropRate] = [Number(process.argv[3]), Number(process.argv[4])];
  const [backprop, locoprop] = paperScene().map((config) => ({ ...config, validationPercent: PAPER_SWEEP.validationPercent }));
  const sessionOf = async (config: typeof backprop, learningRate: number): Promise<TrainingSession> => {
    const spec = runSpecOf(config);
    return new TrainingSession(await loadDataset(spec.dataset, access), spec, trainingSettingsOf({ ...config, learningRate }));
  };
  const msPerStep = async (session: TrainingSession): Promise<number> => {
    session.runSteps(5);
    await session.sync();
    const t0 = performance.now();
    session.runSteps(20);
    await session.sync();
    return (performance.now() - t0) / 20;
  };
  const b = await sessionOf(backprop, backpropRate);
  const l = await sessionOf(locoprop, locopropRate);
  const [bMs, lMs] = [await msPerStep(b), await msPerStep(l)];
  l.dispose();
  b.dispose();
  const budget = PAPER_SWEEP.spec.budget;
  const equalSteps = Math.round((budget * lMs) / bMs);
  console.error(`ms per step: backprop ${bMs.toFixed(1)}, LocoProp-M ${lMs.toFixed(1)} (${(lMs / bMs).toFixed(2)}×); backprop steps in LocoProp-M's ${budget}: ${equalSteps}`);
  const { results } = await runSweepJob([{ spec: runSpecOf(backprop), settings: trainingSettingsOf({ ...backprop, learningRate: backpropRate }) }], {
    budgetSteps: equalSteps,
    checkpoints: [0, budget, equalSteps],
    makeSession: async (run) => new TrainingSession(await loadDataset(run.spec.dataset, access), run.spec, run.settings),
    yieldControl: () => Promise.resolve(),
  });
  console.log(JSON.stringify({ backpropMsPerStep: bMs, locopropMsPerStep: lMs, equalSteps, steps: results[0].steps, validationLoss: results[0].validationLoss, testLoss: results[0].testLoss, trainLoss: results[0].trainLoss }));
  process.exit(0);
}
const group = paperScene().find((config) => config.algorithm === method);
if (!group) throw new Error(`no run of the paper scene has algorithm ${method}`);
const expansion = expandSweep(PAPER_SWEEP.spec, [{ ...group, validationPercent: PAPER_SWEEP.validationPercent }], { msPerStep: 1e-6, maxMs: Number.POSITIVE_INFINITY });
if (!expansion.ok) throw new Error(expansion.reasons.join(' '));
const { plan } = expansion;
const times: number[] = [];
let started = performance.now();
const { results } = await runSweepJob(
  plan.runs.map((run) => ({ spec: runSpecOf(run.config), settings: trainingSettingsOf(run.config) })),
  {
    budgetSteps: plan.budgetSteps,
    checkpoints: PAPER_SWEEP.checkpoints,
    makeSession: async (run) => {
      started = performance.now();
      return new TrainingSession(await loadDataset(run.spec.dataset, access), run.spec, run.settings);
    },
    onResult: (result) => {
      times.push(performance.now() - started);
      console.error(`${method} lr ${plan.runs[result.index].config.learningRate}: train ${result.final.trainLoss} validation ${result.final.validationLoss} test ${result.final.testLoss} (${((performance.now() - started) / 1000).toFixed(0)} s)`);
    },
    yieldControl: () => Promise.resolve(),
  },
);
console.log(
  JSON.stringify(
    results.map((result, i) => ({
      learningRate: plan.runs[result.index].config.learningRate,
      final: result.final,
      diverged: result.diverged,
      // Wall time per step including the checkpoints' evaluations (the sweep's own clock).
      msPerStep: times[i] / plan.budgetSteps,
    })),
  ),
);
