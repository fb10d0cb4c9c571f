/**
 * Work queued behind work (issue 21 item 3): a command that changes the runs (a removed run, a reset) goes before a
 * tick or a pause's evaluation that was queued ahead of it but has not begun, and Play drops what is left of the
 * pause's evaluation. Before, with eight heavy MNIST runs, a run removed after Play waited for the whole tick queued
 * before it (82 s and more in Chromium), and Play after Pause waited for every run's pause evaluation (~40 s). The
 * test's message loop is a macrotask (as the worker's MessageChannel yield is), so the tick Play schedules is queued
 * while other work runs; the host's events and counters say what happened, no clock is read.
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
const until = async (done: () => boolean): Promise<void> => {
  while (!done()) await new Promise((resolve) => setTimeout(resolve, 5));
};

/** A host whose message loop is the test's: a macrotask, then the commands posted by `arrive` are handled. */
function queuedHost(evaluationChunkRows?: number) {
  const events: WorkerEvent[] = [];
  const inbox: WorkerCommand[] = [];
  let onSlice: () => void = () => undefined;
  const host: TrainingHost = new TrainingHost((event) => events.push(event), cpuOnly, undefined, {
    yieldToMessages: async () => {
      await new Promise((resolve) => setTimeout(resolve, 0));
      onSlice();
      inbox.splice(0).forEach((command) => host.handle(command));
    },
    evaluationChunkRows,
  });
  const ticks = (runId: string): Tick[] => events.filter((e): e is Tick => e.type === 'tick' && e.runId === runId);
  return { host, events, ticks, arrive: (command: WorkerCommand) => inbox.push(command), atSlice: (f: () => void) => (onSlice = f) };
}

describe('commands queued behind work', () => {
  it('a run removed while a tick waits in the queue is removed before that tick runs: it takes no step of it', async () => {
    const { host, events, ticks, arrive, atSlice } = queuedHost();
    host.handle({ type: 'configure', runs: runs(base, base) });
    await host.idle();
    // A step command's tick is in flight (one step each, never stopped by a command); Play, pressed meanwhile,
    // queues a tick behind it (its timer fires at the step tick's first slice); then run 2 is removed.
    host.handle({ type: 'step' });
    host.handle({ type: 'play' });
    let removed = false;
    atSlice(() => {
      if (removed) return;
      removed = true;
      arrive({ type: 'configure', runs: runs(base) });
    });
    await until(() => events.some((e) => e.type === 'runRemoved'));
    // Run 1 trains on after the removal.
    await until(() => (ticks('run-1').at(-1)?.metric.step ?? 0) > 1);
    host.handle({ type: 'pause' });
    await host.idle();
    const removedAt = events.findIndex((e) => e.type === 'runRemoved' && e.runId === 'run-2');
    expect(removedAt).toBeGreaterThan(0);
    // Run 2 took the step command's step and no other: the queued tick gave way to its removal.
    expect(ticks('run-2').map((tick) => tick.metric.step)).toEqual([0, 1]);
    expect(events.slice(removedAt).some((e) => e.type === 'tick' && e.runId === 'run-2')).toBe(false);
  });

  it("Play drops what is left of the pause's evaluation: the first run shown after it is the tick's, not the pause's", async () => {
    // Chunks of 50 rows: the evaluation has several, with a slice between two.
    const { host, events, ticks, arrive, atSlice } = queuedHost(50);
    host.handle({ type: 'configure', runs: runs(base, base) });
    await host.idle();
    const before = events.length;
    // Pause (already paused) evaluates every run to show it as it stands; Play comes in at its first slice.
    let played = false;
    atSlice(() => {
      if (played) return;
      played = true;
      arrive({ type: 'play' });
    });
    host.handle({ type: 'pause' });
    await until(() => ticks('run-2').some((tick) => tick.metric.step > 0));
    host.handle({ type: 'pause' });
    await host.idle();
    const shown = events.slice(before).filter((e): e is Tick => e.type === 'tick');
    // No tick of the pause's evaluation (step 0, speed 0): Play dropped it, the tick's steps came first.
    expect(shown.length).toBeGreaterThan(0);
    expect(shown.filter((tick) => tick.metric.step === 0)).toEqual([]);
  });
});
