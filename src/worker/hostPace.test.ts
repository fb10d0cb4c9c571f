/**
 * The host under a speed cap (the default pace, 100 steps/s): equal time stays equal time. Cutting every
 * run's plan to the cap's grant gave a cheap and a costly run the same steps (lockstep in all but name);
 * paceTick (engine/pacing.ts) shares the grant by each run's own clock. Counters only: step counts and the
 * runs' own training clocks.
 */
import '../test/setupTf';
import * as tf from '@tensorflow/tfjs-core';
import { describe, expect, it } from 'vitest';
import { defaultConfig, type ExperimentConfig } from '../config/experiment';
import type { BackendPort } from './backendPort';
import { TrainingHost } from './host';
import type { WorkerEvent } from './protocol';

type Tick = Extract<WorkerEvent, { type: 'tick' }>;

const cpuOnly: BackendPort = {
  select: async () => {
    await tf.setBackend('cpu');
    return { backend: 'cpu', detail: 'test', fallbackReason: null };
  },
  deviceLost: () => null,
  destroyDevice: () => false,
  label: () => 'CPU',
};

const PACE = 100;
const base: ExperimentConfig = { ...defaultConfig(), backend: 'cpu', seed: 11, speed: PACE };

async function playUntil(host: TrainingHost, lastStep: () => number, atLeast: number): Promise<void> {
  host.handle({ type: 'play' });
  while (lastStep() < atLeast) await new Promise((resolve) => setTimeout(resolve, 20));
  host.handle({ type: 'pause' });
  await host.idle();
}

describe('the host at a capped speed', () => {
  it('equal time: LocoProp-M (K = 10) does fewer steps than backprop, in the same time by their own clocks', async () => {
    expect(defaultConfig().speed).toBe(PACE);
    const events: WorkerEvent[] = [];
    const host = new TrainingHost((event) => events.push(event), cpuOnly);
    const last = (runId: string): Tick | undefined => events.filter((e): e is Tick => e.type === 'tick' && e.runId === runId).at(-1);
    host.handle({
      type: 'configure',
      runs: [
        { runId: 'run-1', config: { ...base, pacing: 'time' } },
        { runId: 'run-2', config: { ...base, pacing: 'time', algorithm: 'locoprop-m', innerSteps: 10 } },
      ],
    });
    await host.idle();
    await playUntil(host, () => last('run-1')?.metric.step ?? 0, 300);
    const [backprop, locoprop] = [last('run-1'), last('run-2')];
    if (!backprop || !locoprop) throw new Error('no ticks');
    expect(locoprop.metric.step).toBeGreaterThan(0);
    expect(locoprop.metric.step).toBeLessThan(0.8 * backprop.metric.step);
    // The cheaper run set the pace, and the costlier one got about as much training time: its steps cost
    // more, so the same time holds fewer of them (within a factor 2: the shares follow smoothed costs).
    const [tb, tl] = [backprop.metric.wallMs, locoprop.metric.wallMs];
    expect(tl).toBeGreaterThan(tb / 2);
    expect(tl).toBeLessThan(tb * 2);
  }, 60_000);
});
