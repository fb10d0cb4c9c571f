import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { defaultConfig } from '../config/experiment';
import { FakeWorker } from '../test/fakeWorker';
import { CIRCLE_PROBLEM } from '../test/problems';
import { untrainedTick } from '../test/ticks';
import { MAX_RESTARTS, MISSED_PINGS_ALLOWED, PING_INTERVAL_MS, SILENT_NOTICE_PINGS, startTrainingClient, type TrainingClient } from '../worker/client';
import type { ResumeState, WorkerEvent } from '../worker/protocol';
import { createConfigStore } from './configStore';
import { MAX_WAIT_MS, PAGE_UPDATE_MS } from './frameBatch';
import { metricLogOf, useRunStore } from './runStore';
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
  // The run store is the page's own, shared with the other test files of this worker: start with none of their runs.
  for (const runId of Object.keys(useRunStore.getState().runs)) useRunStore.getState().removeRun(runId);
  client = startTrainingClient();
  const configStore = createConfigStore([defaultConfig(), { ...defaultConfig(), learningRate: 0.1 }]);
  disconnect = connectTraining(client, configStore);
  const worker = FakeWorker.latest();
  for (const run of configStore.getState().runs) {
    worker.send({ type: 'run', runId: run.id, problem: CIRCLE_PROBLEM, train: empty, test: empty, gallery: null, parameterCount: 105, seeds: [1] });
    // Shown (its first evaluation) before Play, as on the page: Play before that says "Starting the runs" (firstSteps.ts).
    useRunStore.getState().addTick(untrainedTick(run.id));
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
      'The training worker stopped answering (no reply to 12 pings over 60 s). A new worker was started: the 2 runs start again from step 0 with their settings. Press Play to go on.',
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
      correct: null, seedCorrect: null,
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

/** A tick of `runId` at `step`, as the worker posts it. */
function tickOf(runId: string, step: number): WorkerEvent {
  const metric = { step, epoch: 0, examplesSeen: step * 10, wallMs: step, trainLoss: 0.6, testLoss: 0.6, trainAccuracy: 0.5, testAccuracy: 0.5, learningRate: 0.01, validationLoss: Number.NaN };
  return {
    type: 'tick',
    runId,
    metric,
    seedLosses: null,
    grid: null,
    gridSize: 0,
    gallery: null,
    confusion: null,
    correct: null, seedCorrect: null,
    stepsPerSecond: 100,
    algorithm: 'backprop',
    msPerStep: 0.5,
    diagnostics: null,
    probes: null,
    kernelPath: 'plain',
    requestId: null,
    rates: { steps: [step], learningRates: [0.01], momenta: [0.9] },
  };
}

describe('a worker that answers pings but trains nothing (issue 21: frozen, not dead)', () => {
  it('playing with no tick for a minute where ticks came every 0.2 s: the page says training was stuck and starts a new worker with the runs', async () => {
    const runIds = Object.keys(useRunStore.getState().runs);
    const first = FakeWorker.latest();
    // A range test under way is lost with the worker, as for a dead one: the page stops showing it as running.
    useRunStore.getState().startRangeTest(runIds[0], 100);
    for (let step = 1; step <= 5; step++) {
      await vi.advanceTimersByTimeAsync(200);
      runIds.forEach((runId) => first.send(tickOf(runId, step)));
    }
    // Its training loop now awaits something that never settles; its message loop still answers every ping.
    await vi.advanceTimersByTimeAsync(55_000);
    expect(FakeWorker.made).toHaveLength(1);
    expect(texts()).toEqual([]);
    await vi.advanceTimersByTimeAsync(10_000);
    expect(first.terminated).toBe(true);
    expect(FakeWorker.made).toHaveLength(2);
    expect(FakeWorker.latest().commands().map((c) => c.type)).toContain('configure');
    expect(useRunStore.getState().playing).toBe(false);
    expect(useRunStore.getState().runs[runIds[0]].rangeTest.running).toBe(false);
    expect(texts()).toEqual([
      'Training was stuck: Play was on, but no step came for 64 s (a tick takes about 200 ms), though the training worker still answered. A new worker was started: the 2 runs start again from step 0 with their settings. Press Play to go on.',
    ]);
  });

  it('a heavy run whose tick is estimated at 30 s is not called stuck after a minute, but is after ten of its ticks', async () => {
    const runId = Object.keys(useRunStore.getState().runs)[0];
    const first = FakeWorker.latest();
    const facts = { parameters: 1e7, batchSize: 10, stepFlops: 1e10, stepMs: 25_000, evaluationFlops: 1e9, evaluationMs: 5_000, backend: 'cpu' as const, flopsPerMs: 4e5, rateMeasured: false, seeds: 1, evaluationRows: { train: 500, test: 500 }, fullRows: { train: 500, test: 500 }, trainCount: 500, smallerHidden: null };
    first.send({ type: 'notice', runId, notice: { code: 'heavy-run', facts } });
    await vi.advanceTimersByTimeAsync(120_000);
    expect(FakeWorker.made).toHaveLength(1);
    await vi.advanceTimersByTimeAsync(185_000);
    expect(FakeWorker.made).toHaveLength(2);
    expect(texts().at(-1)).toContain('no step came for 5.083 min (a tick takes about 30 s)');
  });

  it('paused, no tick is expected: a quiet worker is left alone', async () => {
    const first = FakeWorker.latest();
    first.send({ type: 'playing', playing: false });
    await vi.advanceTimersByTimeAsync(300_000);
    expect(FakeWorker.made).toHaveLength(1);
    expect(texts()).toEqual([]);
  });
});

/** A run's state at `step` as the worker sends it (the page never looks inside). */
function stateAt(step: number): ResumeState {
  const sampler = { order: new Uint32Array([1, 0]), position: 0, randomState: 7 };
  const snapshot = { theta: new Float32Array([step]), optimizer: { kind: 'sgd' as const, slots: [], stepCount: step, beta1Product: 1, rate: null }, sampler, stepCount: step, examplesSeen: step, learningRate: 0.1, algorithmState: [] };
  return { snapshots: [snapshot], references: [0.7], trainingMs: step };
}

describe('a run a new worker resumes keeps its charts (issue 21: nothing already computed is lost)', () => {
  it('the history up to the kept step stays; the steps after it, trained again, replace theirs: no step twice, none backwards', async () => {
    const runIds = Object.keys(useRunStore.getState().runs);
    const first = FakeWorker.latest();
    for (let step = 1; step <= 9; step++) runIds.forEach((runId) => first.send(tickOf(runId, step)));
    first.send({ type: 'runStates', runs: runIds.map((runId) => ({ runId, state: stateAt(6) })) });
    first.answering = false;
    await vi.advanceTimersByTimeAsync((MISSED_PINGS_ALLOWED + 1) * PING_INTERVAL_MS);
    expect(texts()).toEqual([
      'The training worker stopped answering (no reply to 12 pings over 60 s). A new worker was started: the 2 runs go on from step 6, the latest state the page kept. Press Play to go on.',
    ]);
    const second = FakeWorker.latest();
    for (const runId of runIds) {
      second.send({ type: 'run', runId, problem: CIRCLE_PROBLEM, train: empty, test: empty, gallery: null, parameterCount: 105, seeds: [1], resumedAt: 6 });
      second.send(tickOf(runId, 6));
      second.send(tickOf(runId, 7));
    }
    // Ticks reach the run registry at most every PAGE_UPDATE_MS, at the next frame (or MAX_WAIT_MS without one).
    await vi.advanceTimersByTimeAsync(PAGE_UPDATE_MS + MAX_WAIT_MS);
    for (const runId of runIds) {
      // Its untrained evaluation (step 0, shown before Play) first.
      expect(useRunStore.getState().runs[runId].history.step).toEqual([0, 1, 2, 3, 4, 5, 6, 7]);
      expect(Array.from(metricLogOf(runId).column('step'))).toEqual([0, 1, 2, 3, 4, 5, 6, 7]);
    }
  });
});

describe('a silent worker is said silent early, before it is taken for dead (issue 21: stuck or slow?)', () => {
  const SILENT = 'The training worker has not answered for';
  /** The status without the first-steps word (state/firstSteps.ts), which no tick has taken back here. */
  const said = (): string[] => texts().filter((t) => !t.startsWith('Preparing the first steps'));

  it('after 2 missed pings (10 s) the status says so and what happens at 60 s; the words go when it answers', async () => {
    const runIds = Object.keys(useRunStore.getState().runs);
    const first = FakeWorker.latest();
    first.send({ type: 'runStates', runs: runIds.map((runId) => ({ runId, state: stateAt(6) })) });
    first.answering = false;
    // Its first missed ping goes at 5 s, the second at 10 s; at 15 s two are unanswered.
    await vi.advanceTimersByTimeAsync(SILENT_NOTICE_PINGS * PING_INTERVAL_MS);
    expect(said()).toEqual([]);
    await vi.advanceTimersByTimeAsync(PING_INTERVAL_MS);
    expect(said()).toEqual([
      'The training worker has not answered for 10 s (2 pings): it may be busy with a long piece of work, or it has stopped. If it has not answered at 60 s (in 50 s), a new worker is started and the 2 runs go on from step 6, the latest state the page kept.',
    ]);
    // Said again at each beat, in place.
    await vi.advanceTimersByTimeAsync(PING_INTERVAL_MS);
    expect(said()).toEqual([expect.stringContaining('has not answered for 15 s (3 pings)') as string]);
    expect(said()[0]).toContain('(in 45 s)');
    expect(useRunStore.getState().playing).toBe(true);
    // It was busy: its next message takes the words back, and nothing else happens.
    first.send(tickOf(runIds[0], 7));
    expect(said()).toEqual([]);
    first.answering = true;
    await vi.advanceTimersByTimeAsync(MISSED_PINGS_ALLOWED * PING_INTERVAL_MS);
    expect(FakeWorker.made).toHaveLength(1);
    expect(said()).toEqual([]);
  });

  it('silent on: the words count up to 55 s, then a new worker is started and only the restart is said', async () => {
    const first = FakeWorker.latest();
    first.answering = false;
    await vi.advanceTimersByTimeAsync(MISSED_PINGS_ALLOWED * PING_INTERVAL_MS);
    expect(FakeWorker.made).toHaveLength(1);
    expect(said()).toEqual([expect.stringMatching(/^The training worker has not answered for 55 s \(11 pings\): .* If it has not answered at 60 s \(in 5 s\), a new worker is started and the 2 runs start again from step 0 with their settings\.$/) as string]);
    await vi.advanceTimersByTimeAsync(PING_INTERVAL_MS);
    expect(first.terminated).toBe(true);
    expect(FakeWorker.made).toHaveLength(2);
    expect(said()).toEqual([
      'The training worker stopped answering (no reply to 12 pings over 60 s). A new worker was started: the 2 runs start again from step 0 with their settings. Press Play to go on.',
    ]);
  });

  it('a heavy run whose step is estimated at 25 s is given 4 of its steps (100 s), and the words say so', async () => {
    const runId = Object.keys(useRunStore.getState().runs)[0];
    const first = FakeWorker.latest();
    const facts = { parameters: 1e7, batchSize: 256, stepFlops: 1e10, stepMs: 25_000, evaluationFlops: 1e9, evaluationMs: 2_000, backend: 'cpu' as const, flopsPerMs: 4e5, rateMeasured: true, seeds: 1, evaluationRows: { train: 64, test: 64 }, fullRows: { train: 2000, test: 2000 }, trainCount: 10_000, smallerHidden: null };
    first.send({ type: 'notice', runId, notice: { code: 'heavy-run', facts } });
    first.answering = false;
    await vi.advanceTimersByTimeAsync((SILENT_NOTICE_PINGS + 1) * PING_INTERVAL_MS);
    expect(said().filter((t) => t.startsWith(SILENT))).toEqual([
      'The training worker has not answered for 10 s (2 pings): it may be busy with a long piece of work, or it has stopped. If it has not answered at 100 s (in 90 s), a new worker is started and the 2 runs start again from step 0 with their settings.',
    ]);
    // Past the minute, within four of its steps: still the same worker.
    await vi.advanceTimersByTimeAsync(MISSED_PINGS_ALLOWED * PING_INTERVAL_MS);
    expect(FakeWorker.made).toHaveLength(1);
    await vi.advanceTimersByTimeAsync(6 * PING_INTERVAL_MS);
    expect(FakeWorker.made).toHaveLength(2);
    expect(said().at(-1)).toContain('The training worker stopped answering (no reply to 20 pings over 100 s).');
  });

  it('past the last restart the words say it will not be restarted and to reload', async () => {
    for (let death = 0; death < MAX_RESTARTS; death++) {
      FakeWorker.latest().answering = false;
      await vi.advanceTimersByTimeAsync((MISSED_PINGS_ALLOWED + 1) * PING_INTERVAL_MS);
    }
    expect(FakeWorker.made).toHaveLength(MAX_RESTARTS + 1);
    FakeWorker.latest().answering = false;
    await vi.advanceTimersByTimeAsync((SILENT_NOTICE_PINGS + 1) * PING_INTERVAL_MS);
    expect(texts().filter((t) => t.startsWith(SILENT))).toEqual([
      'The training worker has not answered for 10 s (2 pings): it may be busy with a long piece of work, or it has stopped. It was restarted 3 times already and will not be restarted again: if it does not answer, reload the page.',
    ]);
  });
});
