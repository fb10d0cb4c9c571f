/**
 * A run with a validation split, as the worker reports it: its ticks carry the validation loss (the median over
 * seeds), and its PyTorch export holds exactly the rows it trains on, so the exported script's minibatches are
 * the playground's (pytorchVerify.test.ts checks the whole script where PyTorch is installed).
 */
import '../test/setupTf';
import { describe, expect, it } from 'vitest';
import { defaultConfig, type ExperimentConfig } from '../config/experiment';
import { runSpecOf, trainingSettingsOf } from '../config/toEngine';
import { buildGeneratedDataset, isGeneratedSpec } from '../engine/data/dataset';
import { median } from '../engine/sweep/response';
import { networkLayout } from '../engine/model/mlp';
import { sessionOnGeneratedData } from '../engine/session';
import { cpuOnly } from '../test/cpuBackendPort';
import { logits64, meanLoss64 } from '../test/mlp64';
import { TrainingHost } from './host';
import type { RunExportPayload, WorkerEvent } from './protocol';
import { tickMetric } from './runPayloads';

const base: ExperimentConfig = { ...defaultConfig(), backend: 'cpu', seed: 5, points: 200, validationPercent: 20, batchSize: 8, learningRate: 0.1 };

/** The worker's export of a run (the real host, on the CPU backend). */
async function exportOf(config: ExperimentConfig, steps: number): Promise<RunExportPayload> {
  const events: WorkerEvent[] = [];
  const host = new TrainingHost((event) => events.push(event), cpuOnly);
  host.handle({ type: 'configure', runs: [{ runId: 'run-1', config }] });
  host.handle({ type: 'exportRun', runId: 'run-1', steps });
  await host.idle();
  const answer = events.find((e): e is Extract<WorkerEvent, { type: 'runExport' }> => e.type === 'runExport');
  if (!answer?.payload) throw new Error(`no export: ${answer?.error}`);
  return answer.payload;
}

describe('a run with a validation split, as the worker reports it', () => {
  it('its PyTorch export holds the rows it trains on, not the held-out ones, and its first loss is theirs', async () => {
    const spec = runSpecOf(base).dataset;
    if (!isGeneratedSpec(spec)) throw new Error('circle is generated');
    const dataset = buildGeneratedDataset(spec);
    const data = await exportOf(base, 20);
    // 200 points, half for training, a fifth of those held out: 80 trained on.
    expect([data.trainCount, data.problem.trainCount, data.problem.validationCount]).toEqual([80, 80, 20]);
    expect(data.trainInputs).toEqual(dataset.train.inputs);
    expect(data.trainTargets).toEqual(dataset.train.targets);
    expect(Math.max(...data.rows)).toBeLessThan(80);
    const held = new Set(Array.from({ length: dataset.validation?.count ?? 0 }, (_, i) => `${dataset.validation?.inputs[2 * i]},${dataset.validation?.inputs[2 * i + 1]}`));
    expect(held.size).toBe(20);
    for (let r = 0; r < data.trainCount; r++) expect(held.has(`${data.trainInputs[2 * r]},${data.trainInputs[2 * r + 1]}`)).toBe(false);
    // The first minibatch as the script reads it (TRAIN_X[rows], θ₀), in float64: the playground's first loss.
    const batch = Array.from(data.rows.subarray(0, data.batchSize));
    const inputs = batch.flatMap((r) => [data.trainInputs[2 * r], data.trainInputs[2 * r + 1]]);
    const targets = batch.map((r) => data.trainTargets?.[r] ?? Number.NaN);
    const layout = networkLayout(2, base.hidden, base.activation, 1);
    const first = meanLoss64(logits64(data.theta, layout, inputs, batch.length), targets, 'sigmoid-cross-entropy').loss;
    expect(Math.abs(first - data.losses[0])).toBeLessThan(1e-5);
  });

  it('its ticks carry the validation loss, the median over seeds; NaN without a split', async () => {
    const evaluationsOf = async (config: ExperimentConfig) =>
      Promise.all(
        [1, 2, 3].map(async (seed) => {
          const session = sessionOnGeneratedData(runSpecOf({ ...config, seed }), trainingSettingsOf(config));
          session.runSteps(5);
          const { evaluation } = await session.evaluate(false);
          session.dispose();
          return evaluation;
        }),
      );
    const split = await evaluationsOf(base);
    const losses = split.map((e) => e.validationLoss);
    expect(losses.every(Number.isFinite)).toBe(true);
    expect(new Set(losses).size).toBe(3);
    expect(tickMetric(split, 10).metric.validationLoss).toBe(median(losses));
    expect(tickMetric(split.slice(0, 1), 10).metric.validationLoss).toBe(losses[0]);
    const none = await evaluationsOf({ ...base, validationPercent: 0 });
    expect(tickMetric(none, 10).metric.validationLoss).toBeNaN();
  });
});
