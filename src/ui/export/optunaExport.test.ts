/**
 * exportOptunaScript against a fake worker client (no TF.js): one `exportConfig` per distinct run start (a group
 * and seed, whatever the learning rate), the script built from the answers, the worker's refusal and its silence
 * passed on as errors, and a sweep the export cannot carry refused before anything is asked.
 */
import { describe, expect, it } from 'vitest';
import { defaultConfig, type ExperimentConfig } from '../../config/experiment';
import { expandSweep, type SweepPlan } from '../../config/sweep';
import type { Problem } from '../../engine/data/problem';
import type { TrainingListener } from '../../worker/client';
import type { ConfigExportPayload, WorkerCommand, WorkerEvent } from '../../worker/protocol';
import type { ExportTimers } from './exportRequest';
import { exportOptunaScript, runStartKey } from './optunaExport';

type ExportCommand = Extract<WorkerCommand, { type: 'exportConfig' }>;

const base: ExperimentConfig = { ...defaultConfig(), dataset: 'circle', hidden: [3], activation: ['tanh'], seed: 2 };

function planOf(groups: ExperimentConfig[], seeds: number): SweepPlan {
  const expansion = expandSweep({ axes: [{ field: 'learningRate', values: { kind: 'list', values: [0.01, 0.03, 0.1] } }], seeds, budget: 50, budgetUnit: 'steps' }, groups, { msPerStep: 1, maxMs: Number.POSITIVE_INFINITY });
  if (!expansion.ok) throw new Error(expansion.reasons.join(' '));
  return expansion.plan;
}

function payloadFor(config: ExperimentConfig): ConfigExportPayload {
  const problem = { dataset: 'circle', title: 'Circle', task: 'binary', inputSize: 2, outputSize: 1, featureNames: ['x1', 'x2'], classNames: ['0', '1'], image: null, extent: 6, trainCount: 4, validationCount: 0, testCount: 2 } as Problem;
  const f = (n: number): Float32Array => Float32Array.from({ length: n }, (_, i) => (config.seed + i) / 8);
  return {
    problem, theta: f(13), trainInputs: f(8), trainTargets: f(4), trainCount: 4, batchSize: 4, rows: new Int32Array(0), losses: new Float32Array(0),
    learningRates: new Float64Array(0), momenta: new Float64Array(0), samplerState: 900 + config.seed, algorithmState: [],
    evaluationRows: { train: 4, validation: 0, test: 2 }, testInputs: f(4), testTargets: f(2), validationInputs: null, validationTargets: null,
  };
}

/** A client whose worker answers each exportConfig with `answer` (none: it stays silent). */
function fakeClient(answer: ((command: ExportCommand) => WorkerEvent) | null) {
  const sent: ExportCommand[] = [];
  const listeners = new Set<TrainingListener>();
  const client = {
    send: (command: WorkerCommand) => {
      if (command.type !== 'exportConfig') return;
      sent.push(command);
      if (answer) queueMicrotask(() => listeners.forEach((listener) => listener(answer(command))));
    },
    subscribe: (listener: TrainingListener) => {
      listeners.add(listener);
      return () => void listeners.delete(listener);
    },
  };
  return { client, sent, listeners };
}

const answered = (command: ExportCommand): WorkerEvent => ({ type: 'configExport', requestId: command.requestId, payload: payloadFor(command.config), error: null });

describe('exportOptunaScript', () => {
  it('asks the worker once per group and seed, then writes the script from the answers', async () => {
    const plan = planOf([base, { ...base, algorithm: 'locoprop-m' }], 2);
    const { client, sent, listeners } = fakeClient(answered);
    const script = await exportOptunaScript(plan, client, { groupNames: ['Backprop', 'LocoProp-M'] });
    // 2 groups × 3 rates × 2 seeds = 12 runs, 4 starts.
    expect(sent.map((c) => [c.config.algorithm, c.config.seed, c.steps])).toEqual([['backprop', 2, 0], ['backprop', 3, 0], ['locoprop-m', 2, 0], ['locoprop-m', 3, 0]]);
    expect(new Set(sent.map((c) => c.requestId)).size).toBe(4);
    expect(listeners.size).toBe(0);
    expect(script).toContain('GROUPS = ["Backprop", "LocoProp-M"]');
    expect(script).toMatch(/^ {4}\(1, \(2,\), 1\): \{"ALGORITHM": "locoprop-m", .*"LEARNING_RATE": 0\.1, .*"SAMPLER_STATE": 903[,}]/m);
  });

  it('keys a run start by what fixes it: the data, network, seed and algorithm, not the training settings', () => {
    // The worker's exports of these configs are equal (worker/configExport.test.ts), so one answer serves them all.
    expect(runStartKey({ ...base, learningRate: 0.3, optimizer: 'adam', momentum: 0.5, batchSize: 7, schedule: 'cosine' })).toBe(runStartKey(base));
    for (const other of [{ ...base, seed: 3 }, { ...base, algorithm: 'feedback-alignment' as const }, { ...base, hidden: [4] }, { ...base, noise: 20 }]) {
      expect(runStartKey(other)).not.toBe(runStartKey(base));
    }
  });

  it("passes the worker's refusal on", async () => {
    const { client } = fakeClient((command) => ({ type: 'configExport', requestId: command.requestId, payload: null, error: { code: 'data-file' as const, file: 'mnist.bin', problem: { code: 'no-reader' as const } } }));
    await expect(exportOptunaScript(planOf([base], 1), client)).rejects.toThrow('The data file mnist.bin cannot be read here.');
  });

  it('gives up after the silence limit when no answer comes', async () => {
    const pending: (() => void)[] = [];
    const timers: ExportTimers = { setTimeout: (callback) => pending.push(callback), clearTimeout: () => {} };
    const { client, sent } = fakeClient(null);
    const exported = exportOptunaScript(planOf([base], 1), client, { silenceMs: 30_000, timers });
    expect(sent).toHaveLength(1);
    pending[pending.length - 1]();
    await expect(exported).rejects.toThrow('the training worker sent no export for 30 s (0 of 1 runs exported)');
  });

  it('refuses a sweep the export cannot carry before asking the worker', async () => {
    const { client, sent } = fakeClient(answered);
    const plan = planOf([{ ...base, schedule: 'one-cycle', oneCycleStyle: 'fastai' }], 1);
    await expect(exportOptunaScript(plan, client)).rejects.toThrow(/^Group 1 uses the fastai one-cycle schedule/);
    expect(sent).toHaveLength(0);
  });
});
