import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { defaultConfig } from '../config/experiment';
import { FakeWorker } from '../test/fakeWorker';
import { CIRCLE_PROBLEM } from '../test/problems';
import { MISSED_PINGS_ALLOWED, PING_INTERVAL_MS, startTrainingClient, type TrainingClient } from '../worker/client';
import { createConfigStore } from './configStore';
import { useRunStore } from './runStore';
import { connectTraining } from './trainingBridge';

const empty = { inputs: new Float32Array(0), targets: new Float32Array(0) };
const texts = (): string[] => useRunStore.getState().messages.map((m) => m.text);

let client: TrainingClient;
let disconnect: () => void;

beforeEach(() => {
  vi.useFakeTimers();
  FakeWorker.made = [];
  vi.stubGlobal('Worker', FakeWorker);
  useRunStore.setState({ messages: [], playing: false });
  client = startTrainingClient();
  const configStore = createConfigStore([defaultConfig(), { ...defaultConfig(), learningRate: 0.1 }]);
  disconnect = connectTraining(client, configStore);
  const worker = FakeWorker.latest();
  for (const run of configStore.getState().runs) {
    worker.send({ type: 'run', runId: run.id, problem: CIRCLE_PROBLEM, train: empty, test: empty, gallery: null, parameterCount: 105, seeds: [1] });
  }
  worker.send({ type: 'playing', playing: true });
});

afterEach(() => {
  disconnect();
  client.dispose();
  vi.unstubAllGlobals();
  vi.useRealTimers();
});

describe('worker faults in the status area (issue 21)', () => {
  it('a dead worker: Play shows again, a range test under way stops, and the status says the runs start again from step 0', async () => {
    const runId = Object.keys(useRunStore.getState().runs)[0];
    useRunStore.getState().startRangeTest(runId, 100);
    expect(useRunStore.getState().playing).toBe(true);
    FakeWorker.latest().answering = false;
    await vi.advanceTimersByTimeAsync((MISSED_PINGS_ALLOWED + 1) * PING_INTERVAL_MS);
    expect(useRunStore.getState().playing).toBe(false);
    expect(useRunStore.getState().runs[runId].rangeTest.running).toBe(false);
    expect(texts()).toEqual([
      'The training worker stopped answering (no reply to 12 pings over 60 s). A new worker was started: the 2 runs start again from step 0 with their settings (the page keeps no weights). Press Play to go on.',
    ]);
  });

  it('an uncaught error while training goes on says so (it said "failed to run")', () => {
    const worker = FakeWorker.latest();
    worker.fail('Uncaught Error: boom');
    const runId = Object.keys(useRunStore.getState().runs)[0];
    const metric = { step: 10, epoch: 0.1, examplesSeen: 100, wallMs: 5, trainLoss: 0.6, testLoss: 0.6, trainAccuracy: 0.5, testAccuracy: 0.5, learningRate: 0.01, validationLoss: Number.NaN };
    worker.send({
      type: 'tick',
      runId,
      metric,
      seedLosses: null,
      grid: null,
      gridSize: 0,
      gallery: null,
      confusion: null,
      correct: null,
      stepsPerSecond: 100,
      algorithm: 'backprop',
      msPerStep: 0.5,
      diagnostics: null,
      probes: null,
      kernelPath: 'plain',
      requestId: null,
      rates: { steps: [10], learningRates: [0.01], momenta: [0.9] },
    });
    expect(texts().filter((t) => t.includes('boom'))).toEqual(['The training worker reported an error: Uncaught Error: boom. Training goes on.']);
  });

  it('an uncaught error after which training stopped says it stopped', () => {
    const worker = FakeWorker.latest();
    worker.fail('Uncaught Error: boom');
    worker.send({ type: 'playing', playing: false });
    expect(texts()).toEqual(['The training worker reported an error: Uncaught Error: boom. Training stopped; press Play to go on.']);
  });
});
