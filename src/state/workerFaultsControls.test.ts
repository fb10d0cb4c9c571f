/**
 * The training controls around a worker fault (issue 21 item 6), in the status area and the transport: Pause and
 * Step pressed while the worker is silent, and Play after a new worker was started (client.ts, trainingBridge.ts).
 */
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { defaultConfig } from '../config/experiment';
import { FakeWorker } from '../test/fakeWorker';
import { CIRCLE_PROBLEM } from '../test/problems';
import { untrainedTick } from '../test/ticks';
import { MISSED_PINGS_ALLOWED, PING_INTERVAL_MS, SILENT_NOTICE_PINGS, startTrainingClient, type TrainingClient } from '../worker/client';
import { createConfigStore } from './configStore';
import { useRunStore } from './runStore';
import { connectTraining } from './trainingBridge';

const empty = { inputs: new Float32Array(0), targets: new Float32Array(0) };
/** The status without the first-steps word (state/firstSteps.ts), which no tick has taken back here. */
const said = (): string[] => useRunStore.getState().messages.map((m) => m.text).filter((t) => !t.startsWith('Preparing the first steps'));
const DIED =
  'The training worker stopped answering (no reply to 12 pings over 60 s). A new worker was started: the 2 runs start again from step 0 with their settings. Press Play to go on.';

let client: TrainingClient;
let disconnect: () => void;

beforeEach(() => {
  vi.useFakeTimers();
  FakeWorker.made = [];
  vi.stubGlobal('Worker', FakeWorker);
  useRunStore.setState({ messages: [], playing: false });
  // The run store is the page's own, shared with the other test files of this worker: start with none of their runs
  // (one not yet shown would make Play say "Starting the runs", firstSteps.ts).
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
  client.send({ type: 'play' });
  worker.send({ type: 'playing', playing: true });
});

afterEach(() => {
  disconnect();
  client.dispose();
  vi.unstubAllGlobals();
  vi.useRealTimers();
});

/** The worker stops answering; `pings` of them go unanswered. */
async function silence(pings: number): Promise<void> {
  FakeWorker.latest().answering = false;
  await vi.advanceTimersByTimeAsync((pings + 1) * PING_INTERVAL_MS);
}

describe('the restart error goes once the user goes on (it stayed beside later words)', () => {
  it('Play after the restart takes the error down; a later fault is said alone', async () => {
    await silence(MISSED_PINGS_ALLOWED);
    expect(said()).toEqual([DIED]);
    client.send({ type: 'play' });
    expect(said()).toEqual([]);
    const second = FakeWorker.latest();
    second.send({ type: 'playing', playing: true });
    second.fail('Uncaught Error: boom');
    await vi.advanceTimersByTimeAsync(3 * PING_INTERVAL_MS);
    expect(said()).toEqual([expect.stringMatching(/^The training worker reported an error: Uncaught Error: boom\./) as string]);
  });

  it('Step after the restart takes it down too; before either it stays', async () => {
    await silence(MISSED_PINGS_ALLOWED);
    await vi.advanceTimersByTimeAsync(10 * PING_INTERVAL_MS);
    expect(said()).toEqual([DIED]);
    client.send({ type: 'step' });
    expect(said()).toEqual([]);
  });
});

describe('Pause and Step while the worker is silent are kept by the page and said (they did nothing visible)', () => {
  it('Pause shows paused at once, the words say training stays paused, and the new worker is not told to play', async () => {
    await silence(SILENT_NOTICE_PINGS);
    expect(useRunStore.getState().playing).toBe(true);
    client.send({ type: 'pause' });
    expect(useRunStore.getState().playing).toBe(false);
    expect(said()).toEqual([expect.stringContaining('Pause was pressed: training stays paused when it answers or when a new worker starts.') as string]);
    // Said again at the next beats, until the new worker.
    await vi.advanceTimersByTimeAsync(PING_INTERVAL_MS);
    expect(said()[0]).toContain('Pause was pressed');
    await vi.advanceTimersByTimeAsync((MISSED_PINGS_ALLOWED - SILENT_NOTICE_PINGS) * PING_INTERVAL_MS);
    expect(FakeWorker.made).toHaveLength(2);
    expect(FakeWorker.latest().commands().map((c) => c.type)).not.toContain('play');
    expect(useRunStore.getState().playing).toBe(false);
  });

  it('Play again while silent shows playing and drops the pause words', async () => {
    await silence(SILENT_NOTICE_PINGS);
    client.send({ type: 'pause' });
    client.send({ type: 'play' });
    expect(useRunStore.getState().playing).toBe(true);
    expect(said()).toHaveLength(1);
    expect(said()[0]).not.toContain('Pause was pressed');
  });

  it('a Step asked while silent is said as waiting, and the new worker runs it', async () => {
    await silence(SILENT_NOTICE_PINGS);
    client.send({ type: 'pause' });
    client.send({ type: 'step' });
    client.send({ type: 'step', requestId: 4 });
    expect(said()[0]).toContain('The 2 steps asked for run when it answers or when a new worker starts.');
    await vi.advanceTimersByTimeAsync((MISSED_PINGS_ALLOWED - SILENT_NOTICE_PINGS) * PING_INTERVAL_MS);
    expect(FakeWorker.made).toHaveLength(2);
    const types = FakeWorker.latest().commands();
    expect(types.map((c) => c.type)).toEqual(['configure', 'step', 'step']);
    expect(types.at(-1)).toEqual({ type: 'step', requestId: 4 });
  });
});
