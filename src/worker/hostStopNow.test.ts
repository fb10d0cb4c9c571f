/**
 * A reset or a removed run stops a tick's round of steps at once (issue 21 item 3): with eight heavy runs a round is
 * a step each (1–2 s apiece), and a removal waited for the round's end (5.6 s). Pause and a removal that leaves runs
 * on both sides of the cut still end the round (lockstep). Three runs, one step per sub-slice: every round is three
 * sub-slices, and the test's message loop delivers the command right after run 1's sub-slice of a round. The host's
 * counters and events say what happened: no clock is read.
 */
import '../test/setupTf';
import { describe, expect, it } from 'vitest';
import { defaultConfig, type ExperimentConfig } from '../config/experiment';
import { TrainingHost } from './host';
import type { RunConfig, WorkerCommand, WorkerEvent } from './protocol';
import { cpuOnly } from '../test/cpuBackendPort';

const base: ExperimentConfig = { ...defaultConfig(), backend: 'cpu', seed: 11, speed: 0 };
const runs = (...ids: number[]): RunConfig[] => ids.map((id) => ({ runId: `run-${id}`, config: { ...base, seed: 10 + id } }));
const until = async (done: () => boolean): Promise<void> => {
  while (!done()) await new Promise((resolve) => setTimeout(resolve, 5));
};

/**
 * Three runs playing; once past `from` sub-slices (ticks then plan several steps, so a round is one of several), the
 * command arrives at the slice right after run 1's sub-slice. Resolves with the sub-slice count when it was handled,
 * and the count when the host posted `runRemoved` for each run or `playing: false`.
 */
async function commandAfterFirstRun(command: WorkerCommand, from = 60) {
  const events: WorkerEvent[] = [];
  const at = new Map<string, number>();
  let handledAt = -1;
  let armed = false;
  const host: TrainingHost = new TrainingHost(
    (event) => {
      events.push(event);
      if (handledAt >= 0 && event.type === 'runRemoved') at.set(event.runId, host.counters.stepSlices);
      if (handledAt >= 0 && event.type === 'playing' && !event.playing) at.set('paused', host.counters.stepSlices);
    },
    cpuOnly,
    undefined,
    {
      yieldToMessages: async () => {
        const slices = host.counters.stepSlices;
        if (armed && handledAt < 0 && slices >= from && slices % 3 === 1) {
          handledAt = slices;
          host.handle(command);
        }
      },
      stepSliceSteps: 1,
    },
  );
  host.handle({ type: 'configure', runs: runs(1, 2, 3) });
  await host.idle();
  armed = true;
  host.handle({ type: 'play' });
  await until(() => handledAt >= 0);
  await host.idle();
  host.handle({ type: 'pause' });
  await host.idle();
  return { host, events, handledAt, at };
}

describe('a reset or a removal stops the round of steps at once', () => {
  it('a reset after run 1\'s sub-slice: runs 2 and 3 take no further step of that round', async () => {
    const { host, events, handledAt, at } = await commandAfterFirstRun({ type: 'reset' });
    expect(host.counters.commandsMidTick).toBe(1);
    expect(host.counters.stoppedTicks).toBe(1);
    // Reset pauses at once; no sub-slice ran after it was handled (before: runs 2 and 3 finished the round).
    expect(at.get('paused')).toBe(handledAt);
    expect(host.counters.stepSlices).toBe(handledAt);
    // The runs restarted at step 0.
    const last = (runId: string) => events.filter((e) => e.type === 'tick' && e.runId === runId).at(-1);
    for (const id of ['run-1', 'run-2', 'run-3']) expect(last(id)).toMatchObject({ metric: { step: 0 } });
  });

  it("removing runs 2 and 3 after run 1's sub-slice: they take no further step", async () => {
    const { host, handledAt, at } = await commandAfterFirstRun({ type: 'configure', runs: runs(1) });
    expect(host.counters.stoppedTicks).toBe(1);
    expect(at.get('run-2')).toBe(handledAt);
    expect(at.get('run-3')).toBe(handledAt);
  });

  it('removing run 2 alone ends the round: runs 1 and 3 stay in lockstep', async () => {
    const { events, handledAt, at } = await commandAfterFirstRun({ type: 'configure', runs: runs(1, 3) });
    // Runs 2 and 3 took the round's last two sub-slices before run 2 was removed.
    expect(at.get('run-2')).toBe(handledAt + 2);
    const steps = (runId: string) => events.flatMap((e) => (e.type === 'tick' && e.runId === runId ? [e.metric.step] : []));
    expect(steps('run-3').at(-1)).toBe(steps('run-1').at(-1));
  });

  it("a pause after run 1's sub-slice ends the round: runs 2 and 3 take theirs", async () => {
    const { host, handledAt, at } = await commandAfterFirstRun({ type: 'pause' });
    expect(at.get('paused')).toBe(handledAt);
    // Runs 2 and 3 took their sub-slices of the round, and none came after (whether or not it was the tick's last).
    expect(host.counters.stepSlices).toBe(handledAt + 2);
  });
});
