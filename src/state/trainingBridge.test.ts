import { CIRCLE_PROBLEM } from '../test/problems';
import { describe, expect, it } from 'vitest';
import { defaultConfig } from '../config/experiment';
import { createConfigStore } from './configStore';
import { useRunStore } from './runStore';
import { useCsvStore } from './csvStore';
import { applyWorkerEvent } from './trainingBridge';

const empty = { inputs: new Float32Array(0), targets: new Float32Array(0) };

describe("the bridge from the worker's events to state", () => {
  it('words a divergence fact for the run it concerns, named as the runs list names it', () => {
    const configStore = createConfigStore([defaultConfig(), { ...defaultConfig(), learningRate: 10 }]);
    const [first, second] = configStore.getState().runs;
    for (const run of [first, second]) applyWorkerEvent({ type: 'run', runId: run.id, problem: CIRCLE_PROBLEM, train: empty, test: empty, gallery: null, parameterCount: 105, seeds: [1] }, configStore);
    applyWorkerEvent({ type: 'diverged', runId: second.id, seed: 1, atStep: 3, trainLoss: 13.05, learningRate: 10, restoredStep: 0, restoredLoss: 0.7164 }, configStore);
    const message = useRunStore.getState().messages.find((m) => m.code === 'diverged');
    expect(message?.runId).toBe(second.id);
    expect(message?.text).toBe(
      'Run 2 (lr 10): Training diverged: the training loss reached 13.05 at step 3 with learning rate 10. Paused and restored the weights of step 0 (training loss 0.7164). Lower the learning rate and press play, or reset.',
    );
    applyWorkerEvent({ type: 'clearStatus', code: 'diverged', runId: second.id }, configStore);
    expect(useRunStore.getState().messages.some((m) => m.code === 'diverged')).toBe(false);
  });

  it('keeps what a divergence rewinds for the loss chart: the steps the restored tick takes back and the diverged one', () => {
    const configStore = createConfigStore(defaultConfig());
    const [run] = configStore.getState().runs;
    applyWorkerEvent({ type: 'run', runId: run.id, problem: CIRCLE_PROBLEM, train: empty, test: empty, gallery: null, parameterCount: 105, seeds: [1] }, configStore);
    const metric = (step: number, trainLoss: number) => ({ step, epoch: step / 16, examplesSeen: step * 16, wallMs: step * 10, trainLoss, testLoss: trainLoss, trainAccuracy: 0.5, testAccuracy: 0.5, validationLoss: Number.NaN, learningRate: 5 });
    const tick = (step: number, trainLoss: number) => ({
      type: 'tick' as const, runId: run.id, metric: metric(step, trainLoss), seedLosses: null, grid: null, gridSize: 0, gallery: null, confusion: null, correct: null, seedCorrect: null,
      stepsPerSecond: 5, algorithm: 'backprop' as const, msPerStep: null, diagnostics: null, probes: null, kernelPath: 'plain' as const, requestId: null, rates: { steps: [step], learningRates: [5], momenta: [0] },
    });
    [0.716, 0.897, 0.727, 1.872].forEach((loss, step) => applyWorkerEvent(tick(step, loss), configStore));
    applyWorkerEvent({ type: 'diverged', runId: run.id, seed: 1, atStep: 4, trainLoss: 10.68, learningRate: 5, restoredStep: 0, restoredLoss: 0.716 }, configStore);
    applyWorkerEvent(tick(0, 0.716), configStore);
    const data = useRunStore.getState().runs[run.id];
    expect(data.history.step).toEqual([0]);
    expect(data.series.diverged.map((segment) => segment.step)).toEqual([[0, 1, 2, 3, 4]]);
    expect(data.series.diverged[0].trainLoss).toEqual([0.716, 0.897, 0.727, 1.872, 10.68]);
  });

  it('removes a run the worker dropped, with its messages', () => {
    const configStore = createConfigStore(defaultConfig());
    const [run] = configStore.getState().runs;
    applyWorkerEvent({ type: 'run', runId: run.id, problem: CIRCLE_PROBLEM, train: empty, test: empty, gallery: null, parameterCount: 105, seeds: [1] }, configStore);
    applyWorkerEvent({ type: 'notice', runId: run.id, notice: { code: 'batch-clipped', batchSize: 500, trainCount: 250 } }, configStore);
    // There before: the run and its message.
    expect(useRunStore.getState().runs[run.id]).toBeDefined();
    expect(useRunStore.getState().messages.some((m) => m.runId === run.id)).toBe(true);
    applyWorkerEvent({ type: 'runRemoved', runId: run.id }, configStore);
    expect(useRunStore.getState().runs[run.id]).toBeUndefined();
    expect(useRunStore.getState().messages.some((m) => m.runId === run.id)).toBe(false);
  });

  it('shows where the runs went after a lost WebGPU device, so choosing WebGPU again is a change (issue 21)', () => {
    const chosen = createConfigStore({ ...defaultConfig(), backend: 'webgpu' });
    applyWorkerEvent({ type: 'notice', runId: null, notice: { code: 'device-lost-mid-tick', lost: { reason: 'destroyed', message: '' }, backend: 'cpu', step: 4, droppedSteps: 1, during: 'tick' } }, chosen);
    expect(chosen.getState().config.backend).toBe('cpu');
    // Automatic stays automatic: it was never a choice of WebGPU to undo.
    const automatic = createConfigStore(defaultConfig());
    applyWorkerEvent({ type: 'notice', runId: null, notice: { code: 'device-lost', lost: { reason: 'destroyed', message: '' }, backend: 'cpu', step: 4 } }, automatic);
    expect(automatic.getState().config.backend).toBe('auto');
  });
  it('takes down the budget message and a first tick in progress when a run starts afresh (reset, new inputs, new data)', () => {
    const configStore = createConfigStore(defaultConfig());
    const [run] = configStore.getState().runs;
    const started = () => applyWorkerEvent({ type: 'run', runId: run.id, problem: CIRCLE_PROBLEM, train: empty, test: empty, gallery: null, parameterCount: 105, seeds: [1] }, configStore);
    started();
    applyWorkerEvent({ type: 'notice', runId: null, notice: { code: 'budget-reached', budget: 300, unit: 'steps', steps: [300] } }, configStore);
    applyWorkerEvent({ type: 'notice', runId: run.id, notice: { code: 'heavy-progress', stage: 'evaluate', done: 0, total: 1 } }, configStore);
    const codes = () => useRunStore.getState().messages.map((m) => m.code);
    expect(codes()).toEqual(expect.arrayContaining(['budget-reached', 'heavy-progress']));
    // The run starts again at step 0 (Reset, a feature toggled, a light CSV after MNIST): neither holds any more.
    started();
    expect(codes()).not.toContain('budget-reached');
    expect(codes()).not.toContain('heavy-progress');
  });

  it("takes a heavy run's first-tick progress back when that run's evaluation arrives (the untrained one included)", () => {
    const configStore = createConfigStore([defaultConfig(), defaultConfig()]);
    const [first, second] = configStore.getState().runs;
    for (const run of [first, second]) {
      applyWorkerEvent({ type: 'run', runId: run.id, problem: CIRCLE_PROBLEM, train: empty, test: empty, gallery: null, parameterCount: 105, seeds: [1] }, configStore);
      applyWorkerEvent({ type: 'notice', runId: run.id, notice: { code: 'heavy-progress', stage: 'start', done: 0, total: 1 } }, configStore);
    }
    const progressOf = () => useRunStore.getState().messages.filter((m) => m.code === 'heavy-progress').map((m) => m.runId);
    expect(progressOf()).toEqual([first.id, second.id]);
    const metric = { step: 0, epoch: 0, examplesSeen: 0, wallMs: 0, trainLoss: 0.7, testLoss: 0.7, trainAccuracy: 0.5, testAccuracy: 0.5, validationLoss: Number.NaN, learningRate: 0.03 };
    applyWorkerEvent(
      {
        type: 'tick', runId: first.id, metric, seedLosses: null, grid: null, gridSize: 0, gallery: null, confusion: null, correct: null, seedCorrect: null,
        stepsPerSecond: 0, algorithm: 'backprop', msPerStep: null, diagnostics: null, probes: null, kernelPath: 'plain', requestId: null, rates: { steps: [0], learningRates: [0.03], momenta: [0] },
      },
      configStore,
    );
    // The first run's untrained losses are shown: "evaluating the untrained network…" no longer holds for it.
    expect(progressOf()).toEqual([second.id]);
  });

  it("takes every started run's first-tick progress back on a pause (Pause, Reset), and keeps a starting run's", () => {
    useRunStore.setState({ messages: [] });
    const configStore = createConfigStore([defaultConfig(), defaultConfig(), defaultConfig()]);
    const [first, second, third] = configStore.getState().runs;
    const metric = { step: 0, epoch: 0, examplesSeen: 0, wallMs: 0, trainLoss: 0.7, testLoss: 0.7, trainAccuracy: 0.5, testAccuracy: 0.5, validationLoss: Number.NaN, learningRate: 0.03 };
    for (const run of [first, second, third]) {
      applyWorkerEvent({ type: 'run', runId: run.id, problem: CIRCLE_PROBLEM, train: empty, test: empty, gallery: null, parameterCount: 105, seeds: [1] }, configStore);
    }
    // Runs 1 and 2 show their untrained evaluation; run 3's is still under way.
    for (const run of [first, second]) {
      applyWorkerEvent(
        {
          type: 'tick', runId: run.id, metric, seedLosses: null, grid: null, gridSize: 0, gallery: null, confusion: null, correct: null, seedCorrect: null,
          stepsPerSecond: 0, algorithm: 'backprop', msPerStep: null, diagnostics: null, probes: null, kernelPath: 'plain', requestId: null, rates: { steps: [0], learningRates: [0.03], momenta: [0] },
        },
        configStore,
      );
    }
    applyWorkerEvent({ type: 'notice', runId: third.id, notice: { code: 'heavy-progress', stage: 'start', done: 0, total: 1 } }, configStore);
    applyWorkerEvent({ type: 'playing', playing: true }, configStore);
    // Play's first tick: runs 1 and 2 are taking (or evaluating after) their first step.
    applyWorkerEvent({ type: 'notice', runId: first.id, notice: { code: 'heavy-progress', stage: 'step', done: 0, total: 1 } }, configStore);
    applyWorkerEvent({ type: 'notice', runId: second.id, notice: { code: 'heavy-progress', stage: 'evaluate', done: 0, total: 1 } }, configStore);
    const progressOf = () => useRunStore.getState().messages.filter((m) => m.code === 'heavy-progress').map((m) => m.runId);
    expect(progressOf()).toEqual([third.id, first.id, second.id]);
    // Paused (Pause, or a Reset while playing): the tick was stopped, no step is under way.
    applyWorkerEvent({ type: 'playing', playing: false }, configStore);
    expect(progressOf()).toEqual([third.id]);
  });

  it('words columns chosen with no CSV file (csvRejected with no error of its own) in the status and the CSV panel', () => {
    const configStore = createConfigStore(defaultConfig());
    applyWorkerEvent({ type: 'csvRejected', fileName: '', error: null }, configStore);
    expect(useRunStore.getState().messages.find((m) => m.code === 'csv-rejected')?.text).toBe('No CSV file is loaded: load one first.');
    expect(useCsvStore.getState().rejected?.error.message).toBe('No CSV file is loaded: load one first.');
  });
});
