/**
 * The training budget in the worker (issue 19 §1): every run pauses exactly at the budget at full speed, where
 * the fused CPU kernels take hundreds of steps per call (a tick grows 4× over the last: 1, 4, 16, 64, 256, …, so
 * uncapped the runs stand at 341 after five ticks, past a budget of 300), in lockstep and in equal time; with
 * epochs each run stops at its own training rows / batch size; Play at the budget trains nothing and says so.
 * The assertions read the runs' own step counters, never a clock.
 */
import '../test/setupTf';
import { describe, expect, it, vi } from 'vitest';
import { defaultConfig, type ExperimentConfig } from '../config/experiment';
import { TrainingHost } from './host';
import type { Notice, RunConfig, WorkerEvent } from './protocol';
import { cpuOnly } from '../test/cpuBackendPort';

type Tick = Extract<WorkerEvent, { type: 'tick' }>;

function hostWithEvents() {
  const events: WorkerEvent[] = [];
  const host = new TrainingHost((event) => events.push(event), cpuOnly);
  const ticks = (runId: string): Tick[] => events.filter((e): e is Tick => e.type === 'tick' && e.runId === runId);
  const notices = (code: Notice['code']): Notice[] => events.flatMap((e) => (e.type === 'notice' && e.notice.code === code ? [e.notice] : []));
  return { host, events, ticks, notices };
}

/** Full speed, fused kernels where they exist (backprop and LocoProp-M on the CPU). */
const base: ExperimentConfig = { ...defaultConfig(), backend: 'cpu', seed: 5, speed: 0, kernels: 'auto', budget: 300, budgetUnit: 'steps' };
const runs = (...configs: ExperimentConfig[]): RunConfig[] => configs.map((config, i) => ({ runId: `run-${i + 1}`, config }));

/** Plays and waits until the host says it stopped playing (at most `limit` polls of 20 ms: a guard, not a bound). */
async function playToTheEnd(host: TrainingHost, events: WorkerEvent[], limit = 3000): Promise<void> {
  const from = events.length;
  host.handle({ type: 'play' });
  for (let i = 0; i < limit; i++) {
    if (events.slice(from).some((e) => e.type === 'playing' && !e.playing)) break;
    await new Promise((resolve) => setTimeout(resolve, 20));
  }
  await host.idle();
}

const lastStep = (ticks: Tick[]): number => ticks.at(-1)?.metric.step ?? -1;
const maxStep = (ticks: Tick[]): number => Math.max(...ticks.map((t) => t.metric.step));

describe('the training budget', () => {
  it('lockstep at full speed on fused kernels: both runs pause at exactly step 300, never past it', async () => {
    const { host, events, ticks, notices } = hostWithEvents();
    host.handle({ type: 'configure', runs: runs(base, { ...base, learningRate: 0.05 }) });
    await playToTheEnd(host, events);
    for (const id of ['run-1', 'run-2']) {
      expect(ticks(id).at(-1)?.kernelPath).toBe('fused');
      expect(lastStep(ticks(id))).toBe(300);
      expect(maxStep(ticks(id))).toBe(300);
    }
    // Some tick took many steps in one fused call (the cap is what kept it at 300).
    const stepped = ticks('run-1').map((t, i, all) => (i === 0 ? 0 : t.metric.step - all[i - 1].metric.step));
    expect(Math.max(...stepped)).toBeGreaterThan(20);
    expect(notices('budget-reached')).toEqual([{ code: 'budget-reached', budget: 300, unit: 'steps', steps: [300] }]);
  });

  it('a run halted by the budget shows its pictures at the budget: the last grid comes from step 300 (new-user walk: the plane stayed at an early step)', async () => {
    // The worker's clock stands still, so no tick is due a grid by the clock (gridIntervalMs): only the halt can
    // bring the pictures to step 300, as when the budget is reached within a grid interval at full speed.
    vi.useFakeTimers({ toFake: ['performance'] });
    const { host, events, ticks } = hostWithEvents();
    try {
      host.handle({ type: 'configure', runs: runs(base, { ...base, learningRate: 0.05 }) });
      await playToTheEnd(host, events);
    } finally {
      vi.useRealTimers();
    }
    for (const id of ['run-1', 'run-2']) {
      const pictured = ticks(id).filter((t) => t.grid !== null);
      expect(pictured.at(-1)?.metric.step, id).toBe(300);
    }
  });

  it('equal time: the costlier LocoProp-M run catches up and both stop at 300', async () => {
    const { host, events, ticks } = hostWithEvents();
    const timed = { ...base, pacing: 'time' as const };
    host.handle({ type: 'configure', runs: runs(timed, { ...timed, algorithm: 'locoprop-m', innerSteps: 10 }) });
    await playToTheEnd(host, events);
    expect(lastStep(ticks('run-1'))).toBe(300);
    expect(lastStep(ticks('run-2'))).toBe(300);
    expect(maxStep(ticks('run-1'))).toBe(300);
    expect(maxStep(ticks('run-2'))).toBe(300);
  });

  it.each(['lockstep', 'time'] as const)('under a speed cap (%s): both runs stop at exactly the budget', async (pacing) => {
    const { host, events, ticks } = hostWithEvents();
    const capped = { ...base, pacing, speed: 2000, budget: 60 };
    host.handle({ type: 'configure', runs: runs(capped, { ...capped, algorithm: 'locoprop-m', innerSteps: 10 }) });
    await playToTheEnd(host, events);
    for (const id of ['run-1', 'run-2']) {
      expect(lastStep(ticks(id)), id).toBe(60);
      expect(maxStep(ticks(id)), id).toBe(60);
    }
  });

  it('in epochs each run stops after the same epochs: its training rows / batch size steps each', async () => {
    const { host, events, ticks } = hostWithEvents();
    const epochs = { ...base, budget: 3, budgetUnit: 'epochs' as const };
    host.handle({ type: 'configure', runs: runs({ ...epochs, batchSize: 10 }, { ...epochs, batchSize: 25 }) });
    await playToTheEnd(host, events);
    const rows = events.find((e): e is Extract<WorkerEvent, { type: 'run' }> => e.type === 'run')?.problem.trainCount ?? 0;
    expect(rows).toBeGreaterThan(25);
    expect(lastStep(ticks('run-1'))).toBe(Math.round((3 * rows) / 10));
    expect(lastStep(ticks('run-2'))).toBe(Math.round((3 * rows) / 25));
    expect(ticks('run-1').at(-1)?.metric.epoch).toBeCloseTo(3, 1);
    expect(ticks('run-2').at(-1)?.metric.epoch).toBeCloseTo(3, 1);
  });

  it('Play at the budget trains nothing and says so again; a raised budget plays on to it', async () => {
    const { host, events, ticks, notices } = hostWithEvents();
    const small = { ...base, budget: 40 };
    host.handle({ type: 'configure', runs: runs(small, small) });
    await playToTheEnd(host, events);
    expect(lastStep(ticks('run-1'))).toBe(40);
    const count = ticks('run-1').length;
    await playToTheEnd(host, events);
    expect(ticks('run-1')).toHaveLength(count);
    expect(notices('budget-reached')).toHaveLength(2);
    // The second is Play's: the page says it differently and points at the budget.
    expect(notices('budget-reached').map((n) => 'atPlay' in n && n.atPlay === true)).toEqual([false, true]);
    // Raised: the runs go on from step 40 (nothing was reset) to the new budget; the notice comes down first.
    host.handle({ type: 'configure', runs: runs({ ...small, budget: 100 }, { ...small, budget: 100 }) });
    await playToTheEnd(host, events);
    expect(events.some((e) => e.type === 'clearStatus' && e.code === 'budget-reached')).toBe(true);
    expect(ticks('run-1').slice(count).every((t) => t.metric.step > 40)).toBe(true);
    expect(lastStep(ticks('run-1'))).toBe(100);
    expect(lastStep(ticks('run-2'))).toBe(100);
  });

  it('a one-cycle run ends at its schedule and the constant run at the budget, both at 2,000 with one notice', async () => {
    const { host, events, ticks, notices } = hostWithEvents();
    const short = { ...base, budget: 2000, hidden: [4], activation: ['tanh' as const] };
    host.handle({ type: 'configure', runs: runs(short, { ...short, optimizer: 'momentum', schedule: 'one-cycle', totalSteps: 2000, maxLearningRate: 0.15 }) });
    await playToTheEnd(host, events);
    expect(lastStep(ticks('run-1'))).toBe(2000);
    expect(lastStep(ticks('run-2'))).toBe(2000);
    // The schedule's own "press play to go on" would contradict the budget's notice.
    expect(notices('schedule-ended')).toHaveLength(0);
    expect(notices('budget-reached')).toHaveLength(1);
  });
});
