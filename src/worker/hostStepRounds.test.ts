/**
 * A tick's steps come in sub-slices that rotate across the runs (issue 21 item 3: a heavy run's ~25 steps of a
 * tick were one slice of ~4 s, and Pause waited for all of it). The messages are delivered by the test's own yield
 * (what the worker's message loop does between tasks), the sub-slices are a fixed number of steps (the host's
 * `stepSliceSteps` option), and the host's counters and the runs' steps say what happened: no clock is read.
 */
import '../test/setupTf';
import { describe, expect, it } from 'vitest';
import { defaultConfig, type ExperimentConfig } from '../config/experiment';
import { TrainingHost } from './host';
import type { RunConfig, WorkerCommand, WorkerEvent } from './protocol';
import { cpuOnly } from '../test/cpuBackendPort';

type Tick = Extract<WorkerEvent, { type: 'tick' }>;

const base: ExperimentConfig = { ...defaultConfig(), backend: 'cpu', seed: 11, speed: 0 };
const runs = (...configs: ExperimentConfig[]): RunConfig[] => configs.map((config, i) => ({ runId: `run-${i + 1}`, config }));
/** Steps per sub-slice: fewer than any tick past the first few plans (1, 4, 16, … steps, by the growth bound). */
const SLICE_STEPS = 2;

/**
 * A host whose message loop is the test's: a command posted by `arrive` is handled at the host's next slice, and
 * `handledAt` holds the host's sub-slice count at that moment.
 */
function roundsHost() {
  const events: WorkerEvent[] = [];
  const inbox: WorkerCommand[] = [];
  const handledAt: number[] = [];
  let onEvent: (event: WorkerEvent) => void = () => undefined;
  const host: TrainingHost = new TrainingHost(
    (event) => {
      events.push(event);
      onEvent(event);
    },
    cpuOnly,
    undefined,
    {
      yieldToMessages: async () => {
        if (inbox.length > 0) handledAt.push(host.counters.stepSlices);
        inbox.splice(0).forEach((command) => host.handle(command));
      },
      stepSliceSteps: SLICE_STEPS,
    },
  );
  const ticks = (runId: string): Tick[] => events.filter((e): e is Tick => e.type === 'tick' && e.runId === runId);
  /**
   * Plays; once `last` (the last run: no slice of its tick comes after) shows a tick at step ≥ `from` (ticks then
   * plan more steps than a sub-slice), a pause arrives, handled at the next slice: a sub-slice boundary of the next
   * tick's steps. Resolves with that step.
   */
  const pauseDuringSteps = async (from: number, last: string): Promise<number> => {
    let pauseAt = -1;
    onEvent = (event) => {
      if (pauseAt < 0 && event.type === 'tick' && event.runId === last && event.metric.step >= from) {
        pauseAt = event.metric.step;
        inbox.push({ type: 'pause' });
      }
    };
    const handled = handledAt.length;
    host.handle({ type: 'play' });
    // The pause is handled at a slice of the next tick (queued after this one: idle() alone would not wait for it).
    while (handledAt.length === handled) await new Promise((resolve) => setTimeout(resolve, 10));
    await host.idle();
    onEvent = () => undefined;
    return pauseAt;
  };
  return { host, events, ticks, handledAt, pauseDuringSteps };
}

describe("a tick's steps in sub-slices", () => {
  it("a pause that arrives during a run's steps stops them at the next sub-slice boundary", async () => {
    const { host, events, ticks, handledAt, pauseDuringSteps } = roundsHost();
    host.handle({ type: 'configure', runs: runs(base) });
    await host.idle();
    const pauseAt = await pauseDuringSteps(20, 'run-1');
    const { counters } = host;
    expect(counters.commandsMidTick).toBe(1);
    // One run: its sub-slice is the whole round, so none runs after the pause is handled.
    expect(handledAt).toHaveLength(1);
    expect(counters.stepSlices).toBe(handledAt[0]);
    // The tick was cut short (its plan was more than one sub-slice) and its evaluation dropped.
    expect(counters.stoppedTicks).toBe(1);
    expect(counters.skippedEvaluations).toBe(1);
    // The pause's own evaluation shows the run at most one sub-slice past the tick before it.
    const paused = events.findIndex((e) => e.type === 'playing' && !e.playing);
    const shown = events.slice(paused).filter((e): e is Tick => e.type === 'tick');
    expect(shown).toHaveLength(1);
    const moved = shown[0].metric.step - pauseAt;
    expect(moved).toBeGreaterThanOrEqual(1);
    expect(moved).toBeLessThanOrEqual(SLICE_STEPS);
    expect(ticks('run-1').at(-1)?.metric.step).toBe(shown[0].metric.step);
  });

  it('runs in lockstep stop at the same step when a pause cuts their steps short', async () => {
    const { host, ticks, handledAt, pauseDuringSteps } = roundsHost();
    host.handle({ type: 'configure', runs: runs(base, { ...base, learningRate: 0.1 }, { ...base, algorithm: 'locoprop-m' }) });
    await host.idle();
    const pauseAt = await pauseDuringSteps(20, 'run-3');
    const { counters } = host;
    expect(counters.stoppedTicks).toBe(1);
    // Handled between two runs' sub-slices, the pause lets the round finish (the runs stay in step): at most the
    // sub-slices of one round come after it, one per run.
    expect(handledAt).toHaveLength(1);
    expect(counters.stepSlices - handledAt[0]).toBeLessThan(3);
    expect(counters.stepSlices - handledAt[0]).toBeGreaterThanOrEqual(0);
    const last = ['run-1', 'run-2', 'run-3'].map((id) => ticks(id).at(-1)?.metric.step ?? -1);
    expect(last[1]).toBe(last[0]);
    expect(last[2]).toBe(last[0]);
    expect(last[0] - pauseAt).toBeGreaterThanOrEqual(1);
    expect(last[0] - pauseAt).toBeLessThanOrEqual(SLICE_STEPS);
  });

  it('identical runs stay bit-identical through ticks cut into sub-slices, and through a pause that stops them', async () => {
    const { host, ticks, pauseDuringSteps } = roundsHost();
    host.handle({ type: 'configure', runs: runs(base, base) });
    await host.idle();
    const pauseAt = await pauseDuringSteps(20, 'run-2');
    expect(host.counters.stoppedTicks).toBe(1);
    const stoppedAt = ticks('run-1').at(-1)?.metric.step ?? -1;
    expect(stoppedAt - pauseAt).toBeGreaterThanOrEqual(1);
    expect(stoppedAt - pauseAt).toBeLessThanOrEqual(SLICE_STEPS);
    const numbers = (tick: Tick | undefined): number[] => (tick ? [tick.metric.step, tick.metric.trainLoss, tick.metric.testLoss, tick.metric.testAccuracy] : []);
    expect(numbers(ticks('run-2').at(-1))).toEqual(numbers(ticks('run-1').at(-1)));
    // Played on past the pause: more ticks, each of several sub-slices per run.
    const slicesBefore = host.counters.stepSlices;
    await pauseDuringSteps((ticks('run-1').at(-1)?.metric.step ?? 0) + 100, 'run-2');
    expect(host.counters.stepSlices - slicesBefore).toBeGreaterThan(2 * 4);
    const a = ticks('run-1').map(numbers);
    const b = ticks('run-2').map(numbers);
    // Both runs shown at the same steps with the same bits (toEqual on numbers is Object.is); by step, as a pause
    // shows a run again at the step of the tick it cut.
    const byStep = (rows: number[][]): Map<number, number[]> => new Map(rows.map((row) => [row[0], row]));
    expect(a.length).toBeGreaterThan(5);
    expect(byStep(b)).toEqual(byStep(a));
    expect(b.at(-1)).toEqual(a.at(-1));
  });

  it("a schedule's end in the middle of a tick's sub-slices ends the run's steps there", async () => {
    const { host, events, ticks } = roundsHost();
    // 37 steps: not a whole number of sub-slices, and past the first ticks (1, 4, 16 steps), so it falls inside one.
    host.handle({ type: 'configure', runs: runs({ ...base, schedule: 'one-cycle', maxLearningRate: 0.05, totalSteps: 37 }) });
    await host.idle();
    host.handle({ type: 'play' });
    while (!events.some((e) => e.type === 'playing' && !e.playing)) await new Promise((resolve) => setTimeout(resolve, 10));
    await host.idle();
    expect(host.counters.stepSlices).toBeGreaterThan(4);
    const ended = events.flatMap((e) => (e.type === 'notice' && e.notice.code === 'schedule-ended' ? [e.notice] : []));
    expect(ended).toEqual([expect.objectContaining({ atStep: 37 })]);
    expect(ticks('run-1').at(-1)?.metric.step).toBe(37);
  });
});
