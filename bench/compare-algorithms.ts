/**
 * `npm run bench`, part 3 (Node, CPU backend): backprop (SGD, Adam) against LocoProp-S and LocoProp-M on the
 * same seed and data. Each method gets a small learning-rate sweep and is reported at its best rate (by
 * training loss after 1,000 steps): training loss after 200 and 1,000 outer steps, and time per step.
 */
import * as tf from '@tensorflow/tfjs-core';
import '@tensorflow/tfjs-backend-cpu';
import { defaultConfig, type ExperimentConfig } from '../src/config/experiment';
import { runSpecOf, trainingSettingsOf } from '../src/config/toEngine';
import { sessionOnGeneratedData } from '../src/engine/session';
import { printTable } from './table';

tf.env().set('PROD', true);
await tf.setBackend('cpu');

interface Method {
  name: string;
  config: Partial<ExperimentConfig>;
  rates: number[];
}

const METHODS: Method[] = [
  { name: 'backprop SGD', config: { algorithm: 'backprop', optimizer: 'sgd' }, rates: [0.03, 0.1, 0.3, 1] },
  { name: 'backprop Adam', config: { algorithm: 'backprop', optimizer: 'adam' }, rates: [0.003, 0.01, 0.03, 0.1] },
  { name: 'LocoProp-S (Adam, K=10, γ=3)', config: { algorithm: 'locoprop-s' }, rates: [0.001, 0.003, 0.01, 0.03] },
  { name: 'LocoProp-M (Adam, K=10, γ=3)', config: { algorithm: 'locoprop-m' }, rates: [0.001, 0.003, 0.01, 0.03] },
];

const PROBLEMS: { name: string; config: Partial<ExperimentConfig> }[] = [
  { name: 'circle, 2-8-8-1 tanh', config: {} },
  { name: 'spiral, 2-16-16-1 ReLU', config: { dataset: 'spiral', hidden: [16, 16], activation: ['relu', 'relu'], init: 'he' } },
];

async function train(config: ExperimentConfig): Promise<{ at200: number; at1000: number; msPerStep: number }> {
  const session = sessionOnGeneratedData(runSpecOf(config), trainingSettingsOf(config));
  const started = performance.now();
  session.runSteps(200);
  const at200 = (await session.evaluate(false)).evaluation.trainLoss;
  session.runSteps(800);
  const at1000 = (await session.evaluate(false)).evaluation.trainLoss;
  const msPerStep = (performance.now() - started) / 1000;
  session.dispose();
  return { at200, at1000, msPerStep };
}

for (const problem of PROBLEMS) {
  const rows: string[][] = [];
  for (const method of METHODS) {
    let best: { rate: number; at200: number; at1000: number; msPerStep: number } | null = null;
    for (const rate of method.rates) {
      const result = await train({ ...defaultConfig(), ...problem.config, ...method.config, learningRate: rate });
      const score = Number.isFinite(result.at1000) ? result.at1000 : Infinity;
      if (!best || score < best.at1000) best = { rate, ...result, at1000: score };
    }
    if (best) {
      rows.push([method.name, String(best.rate), best.at200.toPrecision(3), best.at1000.toPrecision(3), best.msPerStep.toFixed(2)]);
    }
  }
  console.log(`\n${problem.name}, seed 1, batch 16, TF.js CPU backend in Node; learning rate swept over ${METHODS[0].rates.length} values per method`);
  printTable(['method', 'best lr (ρ)', 'train loss @200', 'train loss @1000', 'ms per outer step'], rows);
}
