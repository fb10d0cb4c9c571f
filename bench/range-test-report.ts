/**
 * `npm run bench`, part 4 (Node, CPU backend): the LR range test's suggestions (fastai defaults: 1e-7 → 10,
 * 100 steps) for backprop SGD, backprop Adam and LocoProp-M on circle and spiral with the default network,
 * and the training loss after 500 steps at the default learning rate, at each suggestion, and with a
 * cyclical schedule between the valley bounds (max = valley, base = max/4, rising half = 4 epochs).
 */
import * as tf from '@tensorflow/tfjs-core';
import '@tensorflow/tfjs-backend-cpu';
import { defaultConfig, type ExperimentConfig } from '../src/config/experiment';
import { runSpecOf, trainingSettingsOf } from '../src/config/toEngine';
import { runRangeTest } from '../src/engine/lrfinder/rangeTest';
import { sessionOnGeneratedData } from '../src/engine/session';
import { printTable } from './table';

tf.env().set('PROD', true);
await tf.setBackend('cpu');

const METHODS: { name: string; config: Partial<ExperimentConfig> }[] = [
  { name: 'backprop SGD', config: { optimizer: 'sgd' } },
  { name: 'backprop Adam', config: { optimizer: 'adam' } },
  { name: 'LocoProp-M', config: { algorithm: 'locoprop-m' } },
];

async function lossAfter500(config: ExperimentConfig): Promise<number> {
  const s = sessionOnGeneratedData(runSpecOf(config), trainingSettingsOf(config));
  s.runSteps(500);
  const loss = (await s.evaluate(false)).evaluation.trainLoss;
  s.dispose();
  return loss;
}

const fmt = (v: number): string => (Number.isFinite(v) ? v.toPrecision(3) : String(v));

for (const dataset of ['circle', 'spiral'] as const) {
  const rows: string[][] = [];
  for (const method of METHODS) {
    const config: ExperimentConfig = { ...defaultConfig(), dataset, ...method.config };
    const session = sessionOnGeneratedData(runSpecOf(config), trainingSettingsOf(config));
    const result = await runRangeTest(session, { start: 1e-7, end: 10, steps: 100, mode: 'exponential' });
    session.dispose();
    const s = result.suggestions;
    if (!s) {
      rows.push([method.name, `no suggestion (${result.problem})`, '', '', '', '', '', '']);
      continue;
    }
    const at = (learningRate: number) => lossAfter500({ ...config, learningRate });
    const clr = await lossAfter500({
      ...config,
      schedule: 'cyclical',
      maxLearningRate: s.valley.learningRate,
      learningRate: s.valley.learningRate / 4,
      scheduleUnit: 'epochs',
      stepSize: 4,
    });
    rows.push([
      method.name,
      `${fmt(s.valley.learningRate)} / ${fmt(s.steep.learningRate)} / ${fmt(s.minimum.learningRate)}`,
      result.outcome,
      fmt(await at(config.learningRate)),
      fmt(await at(s.valley.learningRate)),
      fmt(await at(s.steep.learningRate)),
      fmt(await at(s.minimum.learningRate)),
      fmt(clr),
    ]);
  }
  console.log(`\n${dataset}, default network (2-8-8-1 tanh), batch 16, seed 1: train loss after 500 steps`);
  printTable(['method', 'valley / steep / min÷10', 'sweep', `default lr ${defaultConfig().learningRate}`, 'at valley', 'at steep', 'at min÷10', 'CLR valley/4…valley'], rows);
}
