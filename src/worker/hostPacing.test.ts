/**
 * One heavy run beside a light one (issue 21 item 3, "one heavy run holds the light ones back"). In lockstep the
 * light run necessarily takes a step only as often as the heavy one: the host says so (a 'lockstep-wait' fact,
 * before the first step) instead of leaving the page to look stuck. In equal time the light run trains during
 * the heavy run's time, and a pause still takes effect at the next slice. The host's messages are delivered by
 * the test's own yield, the cost estimates use a rate the test fixes, and only the runs' counters are asserted.
 */
import '../test/setupTf';
import { describe, expect, it, vi } from 'vitest';
import { defaultConfig, type ExperimentConfig } from '../config/experiment';
import { DeviceRates } from './deviceRate';
import { TrainingHost } from './host';
import type { Notice, RunConfig, WorkerCommand, WorkerEvent } from './protocol';
import { cpuOnly } from '../test/cpuBackendPort';
import { EVALUATION_SHARE, lockstepWait, LOCKSTEP_WAIT_MS, LOCKSTEP_WAIT_RATIO } from './runNotices';

type Tick = Extract<WorkerEvent, { type: 'tick' }>;

/**
 * A device assumed at 1000 operations per ms that never learns its rate: the estimates stay the test's. There
 * the light run's step is ~8 ms and its evaluation ~90 ms (not heavy), the heavy run's ~2 s and ~21 s.
 */
class FixedRates extends DeviceRates {
  constructor() {
    super({ cpu: 1000, webgl: 1000, webgpu: 1000 }, { cpu: 1000, webgl: 1000, webgpu: 1000 });
  }
  override observe(): boolean {
    return false;
  }
}

const light: ExperimentConfig = { ...defaultConfig(), backend: 'cpu', seed: 3, speed: 0, hidden: [8, 8] };
const heavy: ExperimentConfig = { ...light, hidden: [64, 64, 64, 64, 64, 64], activation: ['tanh', 'tanh', 'tanh', 'tanh', 'tanh', 'tanh'] };
const runs = (pacing: 'lockstep' | 'time'): RunConfig[] => [light, heavy].map((config, i) => ({ runId: `run-${i + 1}`, config: { ...config, pacing } }));

function slicedHost() {
  const events: WorkerEvent[] = [];
  const inbox: WorkerCommand[] = [];
  let onEvent: (event: WorkerEvent) => void = () => undefined;
  const host: TrainingHost = new TrainingHost(
    (event) => {
      events.push(event);
      onEvent(event);
    },
    cpuOnly,
    undefined,
    { yieldToMessages: async () => inbox.splice(0).forEach((command) => host.handle(command)), rates: new FixedRates() },
  );
  const ticks = (runId: string): Tick[] => events.filter((e): e is Tick => e.type === 'tick' && e.runId === runId);
  const step = (runId: string): number => ticks(runId).at(-1)?.metric.step ?? 0;
  const waits = (): Notice[] => events.flatMap((e) => (e.type === 'notice' && e.notice.code === 'lockstep-wait' ? [e.notice] : []));
  return { host, events, ticks, step, waits, arrive: (command: WorkerCommand) => inbox.push(command), watch: (f: (event: WorkerEvent) => void) => (onEvent = f) };
}

const until = async (done: () => boolean): Promise<void> => {
  while (!done()) await new Promise((resolve) => setTimeout(resolve, 10));
};

describe('lockstepWait', () => {
  const cost = (runId: string, stepMs: number) => ({ runId, stepMs });
  it(`names the runs whose steps cost under 1/${LOCKSTEP_WAIT_RATIO} of a step of ${LOCKSTEP_WAIT_MS} ms or more`, () => {
    expect(lockstepWait('lockstep', [cost('a', 1), cost('b', 2400), cost('c', 240)])).toEqual({ slowest: 'b', waiting: ['a', 'c'], ratio: 2400, slowestStepMs: 2400 });
    expect(lockstepWait('lockstep', [cost('a', 1), cost('b', 2400), cost('c', 241)])?.waiting).toEqual(['a']);
  });
  it('says nothing in equal time, for cheap steps, for runs of like cost, or for one run', () => {
    expect(lockstepWait('time', [cost('a', 1), cost('b', 2400)])).toBeNull();
    expect(lockstepWait('lockstep', [cost('a', 0.01), cost('b', LOCKSTEP_WAIT_MS - 1)])).toBeNull();
    expect(lockstepWait('lockstep', [cost('a', 500), cost('b', 2400)])).toBeNull();
    expect(lockstepWait('lockstep', [cost('b', 2400)])).toBeNull();
  });
});

describe('a heavy run beside a light one', () => {
  it('in lockstep, the host says the light run waits for the heavy one before any step, and both stay at the same step', async () => {
    const { host, step, waits } = slicedHost();
    host.handle({ type: 'configure', runs: runs('lockstep') });
    await host.idle();
    expect(waits()).toEqual([{ code: 'lockstep-wait', slowest: 'run-2', waiting: ['run-1'], ratio: expect.any(Number), slowestStepMs: expect.any(Number) }]);
    host.handle({ type: 'play' });
    await until(() => step('run-1') >= 20);
    host.handle({ type: 'pause' });
    await host.idle();
    expect(step('run-1')).toBe(step('run-2'));
    // Said once while the runs are the same.
    expect(waits()).toHaveLength(1);
  });

  it('switching to equal time takes the message back', async () => {
    const { host, events, waits } = slicedHost();
    host.handle({ type: 'configure', runs: runs('lockstep') });
    await host.idle();
    host.handle({ type: 'configure', runs: runs('time') });
    await host.idle();
    expect(waits()).toHaveLength(1);
    expect(events.at(-1)).toEqual({ type: 'clearStatus', code: 'lockstep-wait', runId: null });
  });

  it('in equal time, the light run takes more steps than the heavy one, nothing is said, and a pause mid-tick is taken at the next slice', async () => {
    const { host, step, waits, arrive, watch } = slicedHost();
    host.handle({ type: 'configure', runs: runs('time') });
    await host.idle();
    let pauseFrom = 400;
    let pausedAt = -1;
    watch((event) => {
      if (pausedAt < 0 && event.type === 'tick' && event.runId === 'run-1' && event.metric.step >= pauseFrom) {
        pausedAt = event.metric.step;
        arrive({ type: 'pause' });
      }
    });
    // The pause arrives as run 1's tick is shown. Whether run 2 still has slices in that tick depends on the
    // clock (equal time gives a heavy run no steps in some ticks); where it has none, the tick ends first and the
    // pause is taken between ticks. Play again until a pause lands mid-tick (the case under test).
    for (let attempt = 0; attempt < 20 && host.counters.commandsMidTick === 0; attempt++) {
      pausedAt = -1;
      pauseFrom = step('run-1') + 400;
      host.handle({ type: 'play' });
      await until(() => pausedAt >= 0);
      await host.idle();
      // No step after the pause, taken mid-tick or between ticks.
      expect(step('run-1')).toBe(pausedAt);
      expect(host.counters.skippedEvaluations).toBe(host.counters.commandsMidTick);
    }
    expect(waits()).toEqual([]);
    expect(step('run-2')).toBeLessThan(step('run-1'));
    expect(step('run-2')).toBeGreaterThan(0);
    // The pause came in after run 1's evaluation: run 2's was dropped and no further tick ran.
    expect(host.counters.commandsMidTick).toBe(1);
    expect(host.counters.skippedEvaluations).toBe(1);
  });

  it(`in equal time, the heavy run is evaluated only after steps estimated at ${EVALUATION_SHARE}x its evaluation, so the light run steps meanwhile`, async () => {
    const { host, events, ticks, step } = slicedHost();
    host.handle({ type: 'configure', runs: runs('time') });
    await host.idle();
    const facts = events.flatMap((e) => (e.type === 'notice' && e.notice.code === 'heavy-run' ? [{ runId: e.runId, ...e.notice.facts }] : []));
    expect(facts.map((f) => f.runId)).toEqual(['run-2']);
    const { stepMs, evaluationMs } = facts[0];
    const shownBefore = ticks('run-2').length;
    host.handle({ type: 'play' });
    await until(() => ticks('run-2').length >= shownBefore + 4);
    host.handle({ type: 'pause' });
    await host.idle();
    // The ticks shown while playing (the pause's own evaluation left out): after the first, each one
    // EVALUATION_SHARE evaluations' worth of steps after the previous.
    const shown = ticks('run-2').slice(shownBefore, -1).map((t) => t.metric.step);
    expect(shown.length).toBeGreaterThanOrEqual(3);
    for (let i = 2; i < shown.length; i++) expect((shown[i] - shown[i - 1]) * stepMs).toBeGreaterThanOrEqual(EVALUATION_SHARE * evaluationMs);
    expect(host.counters.deferredEvaluations).toBeGreaterThan(0);
    expect(step('run-1')).toBeGreaterThan(step('run-2'));
  });
});


describe('runs that start slowly', () => {
  it('a pause sent while several runs start is taken before the next run starts, even when no evaluation is timed twice', async () => {
    // Every clock read 600 ms after the previous: each start's evaluation counts as slow (SLOW_EVALUATION_MS),
    // so it is not repeated to time it and takes no slice of its own.
    let clock = 0;
    const now = vi.spyOn(performance, 'now').mockImplementation(() => (clock += 600));
    try {
      const { host, events, arrive, watch } = slicedHost();
      host.handle({ type: 'play' });
      watch((event) => {
        if (event.type === 'run' && event.runId === 'run-1') arrive({ type: 'pause' });
      });
      host.handle({ type: 'configure', runs: [1, 2, 3].map((i) => ({ runId: `run-${i}`, config: { ...light, seed: i } })) });
      await host.idle();
      const paused = events.findIndex((e) => e.type === 'playing' && !e.playing);
      const second = events.findIndex((e) => e.type === 'run' && e.runId === 'run-2');
      expect(paused).toBeGreaterThan(-1);
      expect(paused).toBeLessThan(second);
    } finally {
      now.mockRestore();
    }
  });
});
