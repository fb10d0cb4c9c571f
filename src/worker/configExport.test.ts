/**
 * `exportConfig` (configExport.ts) through the real host on the CPU backend: the answer carries the run's start as
 * `exportRun` does for a live run, plus the rows its evaluations measure; runs that differ only in training
 * settings start alike (what the Optuna export's runStartKey relies on to ask once per group and seed,
 * ui/export/optunaExport.test.ts); a bad config is refused by name.
 */
import '../test/setupTf';
import { describe, expect, it } from 'vitest';
import { defaultConfig, type ExperimentConfig } from '../config/experiment';
import { runSpecOf, trainingSettingsOf } from '../config/toEngine';
import { sessionOnGeneratedData } from '../engine/session';
import { cpuOnly } from '../test/cpuBackendPort';
import { TrainingHost } from './host';
import type { WorkerCommand, WorkerEvent } from './protocol';

type ConfigExport = Extract<WorkerEvent, { type: 'configExport' }>;
type RunExport = Extract<WorkerEvent, { type: 'runExport' }>;

const base: ExperimentConfig = { ...defaultConfig(), backend: 'cpu', dataset: 'spiral', hidden: [5, 4], activation: ['tanh', 'relu'], seed: 4 };

async function answers(commands: WorkerCommand[]): Promise<WorkerEvent[]> {
  const events: WorkerEvent[] = [];
  const host = new TrainingHost((event) => events.push(event), cpuOnly);
  host.handle({ type: 'configure', runs: [{ runId: 'run-1', config: base }] });
  commands.forEach((command) => host.handle(command));
  await host.idle();
  return events;
}

const exportsIn = (events: WorkerEvent[]): ConfigExport[] => events.filter((e): e is ConfigExport => e.type === 'configExport');

describe('exportConfig', () => {
  it("answers with the run's start, as exportRun has it, and the rows its evaluations measure", async () => {
    const events = await answers([{ type: 'exportConfig', requestId: 41, config: base, steps: 3 }, { type: 'exportRun', runId: 'run-1', steps: 3 }]);
    const [answer] = exportsIn(events);
    const live = events.find((e): e is RunExport => e.type === 'runExport')?.payload;
    expect(answer.requestId).toBe(41);
    expect(answer.error).toBeNull();
    const payload = answer.payload;
    if (!payload || !live) throw new Error('no export');
    for (const key of ['theta', 'trainInputs', 'trainTargets', 'rows', 'losses', 'learningRates', 'samplerState', 'batchSize'] as const) expect(payload[key], key).toEqual(live[key]);
    const session = sessionOnGeneratedData(runSpecOf(base), trainingSettingsOf(base));
    try {
      const { test, problem } = session.dataset;
      expect(payload.evaluationRows).toEqual({ train: session.evaluationRows.train, validation: 0, test: session.evaluationRows.test });
      expect([payload.validationInputs, payload.validationTargets]).toEqual([null, null]);
      expect(payload.evaluationRows.test).toBeGreaterThan(0);
      expect(payload.testInputs).toEqual(test.inputs.subarray(0, payload.evaluationRows.test * problem.inputSize));
      expect(payload.testTargets).toEqual(test.targets.subarray(0, payload.evaluationRows.test * problem.outputSize));
    } finally {
      session.dispose();
    }
  });

  it('with a validation split, carries the held-out rows the sweep selects on', async () => {
    const held = { ...base, validationPercent: 20 };
    const [answer] = exportsIn(await answers([{ type: 'exportConfig', requestId: 7, config: held, steps: 0 }]));
    const payload = answer.payload;
    if (!payload) throw new Error(JSON.stringify(answer.error));
    const session = sessionOnGeneratedData(runSpecOf(held), trainingSettingsOf(held));
    try {
      const { validation, problem } = session.dataset;
      if (!validation) throw new Error('no validation rows');
      expect(payload.evaluationRows.validation).toBe(session.evaluationRows.validation);
      expect(payload.evaluationRows.validation).toBeGreaterThan(0);
      expect(payload.validationInputs).toEqual(validation.inputs.subarray(0, payload.evaluationRows.validation * problem.inputSize));
      expect(payload.validationTargets).toEqual(validation.targets.subarray(0, payload.evaluationRows.validation * problem.outputSize));
    } finally {
      session.dispose();
    }
  });

  it('starts runs that differ only in how they train alike, and runs of another seed or algorithm not', async () => {
    const variants: ExperimentConfig[] = [
      base,
      { ...base, learningRate: 0.3, optimizer: 'adam', momentum: 0.5, batchSize: 7, schedule: 'cosine' },
      { ...base, seed: 5 },
      { ...base, algorithm: 'feedback-alignment' },
    ];
    const events = await answers(variants.map((config, i) => ({ type: 'exportConfig', requestId: i, config, steps: 0 })));
    const [same, trained, otherSeed, feedback] = exportsIn(events).map((e) => e.payload);
    if (!same || !trained || !otherSeed || !feedback) throw new Error('no export');
    for (const key of ['theta', 'trainInputs', 'trainTargets', 'testInputs', 'testTargets', 'samplerState', 'algorithmState', 'evaluationRows'] as const) expect(trained[key], key).toEqual(same[key]);
    expect(otherSeed.theta).not.toEqual(same.theta);
    expect(otherSeed.samplerState).not.toBe(same.samplerState);
    expect(same.algorithmState).toEqual([]);
    expect(feedback.algorithmState.length).toBeGreaterThan(0);
  });

  it('refuses a bad config, naming the field', async () => {
    const events = await answers([{ type: 'exportConfig', requestId: 7, config: { ...base, learningRate: -1 }, steps: 0 }]);
    const [answer] = exportsIn(events);
    expect(answer).toMatchObject({ requestId: 7, payload: null });
    expect(answer.error).toEqual({ code: 'config-problems', messages: [expect.stringContaining('"learningRate"')] });
  });
});
