import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { defaultConfig } from '../config/experiment';
import { FakeWorker } from '../test/fakeWorker';
import { MAX_RESTARTS, MISSED_PINGS_ALLOWED, PING_INTERVAL_MS, SILENT_NOTICE_PINGS, STALL_PINGS, startTrainingClient, type TrainingClient } from './client';
import { CIRCLE_PROBLEM } from '../test/problems';
import type { Notice, ResumeState, WorkerCommand, WorkerEvent } from './protocol';

const CONFIGURE: WorkerCommand = {
  type: 'configure',
  runs: [
    { runId: 'a', config: defaultConfig() },
    { runId: 'b', config: { ...defaultConfig(), learningRate: 0.1 } },
  ],
};
const LOAD: WorkerCommand = { type: 'loadCsv', fileName: 'good.csv', bytes: new Uint8Array([97, 44, 98]), dropMissing: false };
const CHOOSE: WorkerCommand = { type: 'chooseCsvColumns', label: 1, features: [0] };
const BAD: WorkerCommand = { type: 'loadCsv', fileName: 'bad.csv', bytes: new Uint8Array([0]), dropMissing: false };
const loaded: WorkerEvent = { type: 'csvLoaded', fileName: 'good.csv', rows: 1, columns: [], label: 1, features: [0], notes: [] };
const rejected: WorkerEvent = { type: 'csvRejected', fileName: 'bad.csv', error: { message: 'bad', line: null, column: null, canDropMissing: false, problems: [], more: 0, missingRows: 0 } };

let client: TrainingClient;
let events: WorkerEvent[];
const notices = (): Notice[] => events.flatMap((e) => (e.type === 'notice' ? [e.notice] : []));
/** The notices other than the early word that the worker is silent (worker-silent). */
const loud = (): Notice[] => notices().filter((n) => n.code !== 'worker-silent');
const silentSaid = (): number[] => notices().flatMap((n) => (n.code === 'worker-silent' ? [n.missedPings] : []));
const unsaid = (): number => events.filter((e) => e.type === 'clearStatus' && e.code === 'worker-silent').length;
/** Lets `n` heartbeats pass (and the pongs they get). */
const beats = async (n: number): Promise<void> => {
  await vi.advanceTimersByTimeAsync(n * PING_INTERVAL_MS);
};

beforeEach(() => {
  vi.useFakeTimers();
  FakeWorker.made = [];
  vi.stubGlobal('Worker', FakeWorker);
  client = startTrainingClient();
  events = [];
  client.subscribe((event) => events.push(event));
});

afterEach(() => {
  client.dispose();
  vi.unstubAllGlobals();
  vi.useRealTimers();
});

describe('the client notices a dead worker by its heartbeat and starts another', () => {
  it(`replaces a worker that answers none of ${MISSED_PINGS_ALLOWED} pings, giving the new one the CSV, the grid and the experiment`, async () => {
    const first = FakeWorker.latest();
    for (const command of [CONFIGURE, { type: 'gridSize', size: 96 } as WorkerCommand, LOAD, CHOOSE, BAD, { type: 'play' } as WorkerCommand]) client.send(command);
    first.send({ type: 'backend', backend: 'cpu', detail: '', cpuKernel: 'wasm-simd', skipped: [], calibration: null });
    first.send(loaded);
    first.send(loaded);
    first.send(rejected);
    first.send({ type: 'playing', playing: true });
    await beats(3);
    // Closed, crashed or out of memory: it answers nothing more and fires no event.
    first.answering = false;
    // The first ping it misses is sent at the next beat; from the beat after SILENT_NOTICE_PINGS missed, the page
    // says it is silent, once a beat, with the pings missed so far.
    await beats(SILENT_NOTICE_PINGS);
    expect(notices()).toEqual([]);
    await beats(1);
    const facts = { pingIntervalMs: PING_INTERVAL_MS, replaceAfterPings: MISSED_PINGS_ALLOWED, restarts: 0, maxRestarts: MAX_RESTARTS, runs: 2, resumeSteps: [null, null], paused: false, stepsWaiting: 0 };
    expect(notices()).toEqual([{ code: 'worker-silent', missedPings: SILENT_NOTICE_PINGS, ...facts }]);
    await beats(MISSED_PINGS_ALLOWED - SILENT_NOTICE_PINGS - 1);
    expect(FakeWorker.made).toHaveLength(1);
    expect(silentSaid()).toEqual(Array.from({ length: MISSED_PINGS_ALLOWED - SILENT_NOTICE_PINGS }, (_, i) => SILENT_NOTICE_PINGS + i));
    expect(unsaid()).toBe(0);

    await beats(1);
    expect(first.terminated).toBe(true);
    expect(FakeWorker.made).toHaveLength(2);
    expect(FakeWorker.latest().commands()).toEqual([LOAD, CHOOSE, { type: 'gridSize', size: 96 }, CONFIGURE]);
    expect(events.filter((e) => e.type === 'playing')).toEqual([
      { type: 'playing', playing: true },
      { type: 'playing', playing: false },
    ]);
    expect(loud()).toEqual([{ code: 'worker-died', missedPings: MISSED_PINGS_ALLOWED, pingIntervalMs: PING_INTERVAL_MS, error: null, runs: 2, restarts: 1, restarted: true, resumeSteps: [null, null] }]);
    // The early word is taken back before the worker is said dead.
    const cleared = events.findIndex((e) => e.type === 'clearStatus' && e.code === 'worker-silent');
    expect(cleared).toBeGreaterThan(events.findLastIndex((e) => e.type === 'notice' && e.notice.code === 'worker-silent'));
    expect(cleared).toBeLessThan(events.findIndex((e) => e.type === 'notice' && e.notice.code === 'worker-died'));
    // Pongs are the client's own business.
    expect(events.some((e) => e.type === 'pong')).toBe(false);
  });

  it('keeps a worker that is busy (silent) for fewer pings than allowed, again and again', async () => {
    const worker = FakeWorker.latest();
    worker.answering = false;
    // Busy: one message after MISSED_PINGS_ALLOWED − 1 pings without an answer, again and again.
    for (let round = 0; round < 5; round++) {
      await beats(MISSED_PINGS_ALLOWED - 1);
      worker.send({ type: 'playing', playing: false });
    }
    expect(FakeWorker.made).toHaveLength(1);
    expect(loud()).toEqual([]);
    // Each round it was said silent, then taken back by its message.
    expect(unsaid()).toBe(5);
  });

  it("a heavy run's diagnosis held for Step (estimated 40 s) is given 4 times that before its worker is taken for dead", async () => {
    client.send(CONFIGURE);
    const first = FakeWorker.latest();
    const facts = { parameters: 8e6, batchSize: 16, stepFlops: 8e8, stepMs: 1_000, evaluationFlops: 2e9, evaluationMs: 3_000, backend: 'cpu' as const, flopsPerMs: 7e5, rateMeasured: true, seeds: 1, evaluationRows: { train: 64, test: 64 }, fullRows: { train: 2000, test: 2000 }, trainCount: 10_000, smallerHidden: null, diagnosisHeldMs: 40_000 };
    first.send({ type: 'notice', runId: 'a', notice: { code: 'heavy-run', facts } });
    first.answering = false;
    await beats(32);
    expect(FakeWorker.made).toHaveLength(1);
    expect(silentSaid().at(-1)).toBe(31);
    expect(notices().at(-1)).toMatchObject({ code: 'worker-silent', replaceAfterPings: 32 });
    await beats(1);
    expect(FakeWorker.made).toHaveLength(2);
    expect(loud().at(-1)).toMatchObject({ code: 'worker-died', missedPings: 32 });
  });

  it('answers an export the dead worker will never answer, and stops restarting after MAX_RESTARTS', async () => {
    client.send(CONFIGURE);
    client.send({ type: 'exportRun', runId: 'b', steps: 10 });
    for (let death = 1; death <= MAX_RESTARTS + 1; death++) {
      FakeWorker.latest().answering = false;
      await beats(MISSED_PINGS_ALLOWED + 1);
    }
    expect(events.filter((e) => e.type === 'runExport')).toEqual([
      { type: 'runExport', runId: 'b', payload: null, error: { code: 'worker-stopped' } },
    ]);
    expect(FakeWorker.made).toHaveLength(MAX_RESTARTS + 1);
    const died = notices().filter((n) => n.code === 'worker-died');
    expect(died.map((n) => n.code === 'worker-died' && n.restarted)).toEqual([...Array<boolean>(MAX_RESTARTS).fill(true), false]);
    client.send({ type: 'play' });
    expect(FakeWorker.latest().commands().some((c) => c.type === 'play')).toBe(false);
  });
});

/** A run's state at `step` as the worker sends it (the client never looks inside). */
function stateAt(step: number): ResumeState {
  const sampler = { order: new Uint32Array([1, 0]), position: 0, randomState: 7 };
  const snapshot = { theta: new Float32Array([step]), optimizer: { kind: 'sgd' as const, slots: [], stepCount: step, beta1Product: 1, rate: null }, sampler, stepCount: step, examplesSeen: step, learningRate: 0.1, algorithmState: [] };
  return { snapshots: [snapshot], references: [0.7], trainingMs: step };
}
const runEvent = (runId: string, resumedAt?: number): WorkerEvent => ({ type: 'run', runId, problem: CIRCLE_PROBLEM, train: null, test: null, gallery: null, parameterCount: 1, seeds: [1], ...(resumedAt === undefined ? {} : { resumedAt }) });
const states = (step: number, runIds = ['a', 'b']): WorkerEvent => ({ type: 'runStates', runs: runIds.map((runId) => ({ runId, state: stateAt(step) })) });
const die = async (worker: FakeWorker): Promise<FakeWorker> => {
  worker.answering = false;
  await beats(MISSED_PINGS_ALLOWED + 1);
  return FakeWorker.latest();
};

describe('a new worker resumes the runs from the latest states the old one sent (not from step 0)', () => {
  it("the replayed experiment carries each run's latest state, and the notice says from which step", async () => {
    client.send(CONFIGURE);
    const first = FakeWorker.latest();
    first.send(states(100));
    first.send(states(250));
    // The states are the client's own business, as pongs are.
    expect(events.some((e) => e.type === 'runStates')).toBe(false);
    const second = await die(first);
    expect(second.commands()).toEqual([{ ...CONFIGURE, resume: [{ runId: 'a', state: stateAt(250) }, { runId: 'b', state: stateAt(250) }] }]);
    expect(loud()).toMatchObject([{ code: 'worker-died', restarted: true, resumeSteps: [250, 250] }]);
    expect(notices()[0]).toMatchObject({ code: 'worker-silent', resumeSteps: [250, 250] });
  });

  it("forgets the state of a run started afresh or removed, and keeps a resumed run's for the next death", async () => {
    client.send(CONFIGURE);
    const first = FakeWorker.latest();
    first.send(states(40));
    // Run b started afresh (Reset, a new network): its state of step 40 no longer holds.
    first.send(runEvent('b'));
    const second = await die(first);
    expect(second.commands()).toEqual([{ ...CONFIGURE, resume: [{ runId: 'a', state: stateAt(40) }] }]);
    expect(notices().at(-1)).toMatchObject({ resumeSteps: [40, null] });
    // The new worker put run a back at step 40 and started b afresh; it dies before sending states of its own.
    second.send(runEvent('a', 40));
    second.send(runEvent('b'));
    const third = await die(second);
    expect(third.commands()).toEqual([{ ...CONFIGURE, resume: [{ runId: 'a', state: stateAt(40) }] }]);
    third.send({ type: 'runRemoved', runId: 'a' });
    const fourth = await die(third);
    expect(fourth.commands()).toEqual([CONFIGURE]);
  });

  it('a configure the page sends carries no state, and a run of the kept state that is not in the experiment is left out', async () => {
    client.send(CONFIGURE);
    const first = FakeWorker.latest();
    first.send(states(9, ['a', 'b', 'gone']));
    const one: WorkerCommand = { type: 'configure', runs: [{ runId: 'b', config: defaultConfig() }] };
    client.send(one);
    expect(first.commands()).toEqual([CONFIGURE, one]);
    const second = await die(first);
    expect(second.commands()).toEqual([{ ...one, resume: [{ runId: 'b', state: stateAt(9) }] }]);
  });
});

describe('an error nothing caught in the worker is reported with what training did after it', () => {
  const playing = async (): Promise<FakeWorker> => {
    const worker = FakeWorker.latest();
    client.send({ type: 'play' });
    worker.send({ type: 'playing', playing: true });
    await beats(1);
    return worker;
  };
  const tick = { type: 'tick', runId: 'a' } as WorkerEvent;

  it('training goes on: a step came after the error (it said "failed to run")', async () => {
    const worker = await playing();
    worker.fail('Uncaught Error: boom');
    expect(notices()).toEqual([]);
    worker.send(tick);
    expect(notices()).toEqual([{ code: 'worker-uncaught', message: 'Uncaught Error: boom', training: 'continues' }]);
    expect(FakeWorker.made).toHaveLength(1);
  });

  it('training stopped: the worker paused after the error', async () => {
    const worker = await playing();
    worker.fail('Uncaught Error: boom');
    worker.send({ type: 'playing', playing: false });
    expect(notices()).toEqual([{ code: 'worker-uncaught', message: 'Uncaught Error: boom', training: 'stopped' }]);
  });

  it(`stalled: it plays but no step comes through ${STALL_PINGS} answered pings; a later step corrects it`, async () => {
    const worker = await playing();
    worker.fail('Uncaught Error: boom');
    await beats(STALL_PINGS - 2);
    expect(notices()).toEqual([]);
    await beats(1);
    expect(notices()).toEqual([{ code: 'worker-uncaught', message: 'Uncaught Error: boom', training: 'stalled' }]);
    await beats(STALL_PINGS);
    worker.send(tick);
    expect(notices().map((n) => n.code === 'worker-uncaught' && n.training)).toEqual(['stalled', 'continues']);
  });

  it('idle: not training, and the worker still answers', async () => {
    const worker = FakeWorker.latest();
    worker.send({ type: 'playing', playing: false });
    worker.fail('Uncaught Error: boom');
    await vi.advanceTimersByTimeAsync(0);
    expect(notices()).toEqual([{ code: 'worker-uncaught', message: 'Uncaught Error: boom', training: 'idle' }]);
  });

  it('a worker that errs before its first message failed to run (as before)', () => {
    FakeWorker.latest().fail('SyntaxError: bad module');
    expect(notices()).toEqual([{ code: 'worker-crashed', message: 'SyntaxError: bad module' }]);
  });

  it('a worker that errs, then answers nothing more, is replaced with its error named', async () => {
    const worker = await playing();
    worker.answering = false;
    worker.fail('Uncaught RangeError: Array buffer allocation failed');
    await beats(MISSED_PINGS_ALLOWED + 1);
    expect(loud()).toEqual([
      { code: 'worker-died', missedPings: MISSED_PINGS_ALLOWED, pingIntervalMs: PING_INTERVAL_MS, error: 'Uncaught RangeError: Array buffer allocation failed', runs: 0, restarts: 1, restarted: true, resumeSteps: [] },
    ]);
  });
});
