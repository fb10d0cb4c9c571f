/**
 * Runs that outlive their worker (issue 21 item 6, runResume.ts): a worker sends the page its runs' states, and a
 * new worker given them back (configure's `resume`) puts each run back where it was. The run must then go on bit
 * for bit as one that never died (same θ, optimizer slots and batches), and a state that no longer fits its run
 * is refused with a notice, the run starting from step 0. The hosts run on the CPU backend, as in host.test.ts.
 */
import '../test/setupTf';
import { describe, expect, it } from 'vitest';
import { defaultConfig, type ExperimentConfig } from '../config/experiment';
import { TrainingHost } from './host';
import type { Notice, RunConfig, RunResume, WorkerEvent } from './protocol';
import { cpuOnly } from '../test/cpuBackendPort';
import type { DataAccess } from '../engine/data/dataSources';
import { RunGroup } from './runGroup';
import { MIN_STATE_INTERVAL_MS, RunStates } from './runResume';

type Tick = Extract<WorkerEvent, { type: 'tick' }>;

function start(runs: RunConfig[], resume?: RunResume[]) {
  const events: WorkerEvent[] = [];
  // As postMessage does: the listed buffers are moved (detached here) and the event cloned.
  const host = new TrainingHost((event, transfer = []) => events.push(structuredClone(event, { transfer })), cpuOnly);
  host.handle({ type: 'configure', runs, resume });
  return {
    host,
    events,
    ticks: (runId: string): Tick[] => events.filter((e): e is Tick => e.type === 'tick' && e.runId === runId),
    notices: (): Notice[] => events.flatMap((e) => (e.type === 'notice' ? [e.notice] : [])),
    /** The latest runStates the host sent (what the page keeps). */
    states: (): RunResume[] => events.flatMap((e) => (e.type === 'runStates' ? [e.runs] : [])).at(-1) ?? [],
  };
}

async function steps(host: TrainingHost, count: number): Promise<void> {
  for (let i = 0; i < count; i++) host.handle({ type: 'step' });
  await host.idle();
}

const base: ExperimentConfig = { ...defaultConfig(), backend: 'cpu', seed: 3, speed: 0 };

describe('a run resumed by a new worker from the state the page kept', () => {
  const cases: [string, ExperimentConfig][] = [
    ['backprop (the default)', base],
    ['backprop with Adam, two seeds', { ...base, optimizer: 'adam', repeatSeeds: 2 }],
    ['LocoProp-M with RMSProp inside', { ...base, algorithm: 'locoprop-m', innerOptimizer: 'rmsprop' }],
    ['feedback alignment (its B is part of the state)', { ...base, algorithm: 'feedback-alignment' }],
  ];
  it.each(cases)('%s goes on bit for bit as the run that never died', async (_, config) => {
    const runs = [{ runId: 'run-1', config }];
    const original = start(runs);
    await steps(original.host, 7);
    const kept = original.states();
    expect(kept.map((r) => r.state.snapshots.map((s) => s.stepCount))).toEqual([Array(config.repeatSeeds).fill(7)]);

    // The page hands the kept state (a structured clone, as postMessage makes it) to a new worker.
    const resumed = start(runs, structuredClone(kept));
    await resumed.host.idle();
    expect(resumed.notices().filter((n) => n.code === 'resume-refused' || n.code === 'worker-error')).toEqual([]);
    expect(resumed.events.find((e) => e.type === 'run')).toMatchObject({ runId: 'run-1', resumedAt: 7 });
    expect(resumed.ticks('run-1').map((t) => t.metric.step)).toEqual([7]);

    await Promise.all([steps(original.host, 5), steps(resumed.host, 5)]);
    const losses = (ticks: Tick[]): number[][] => ticks.filter((t) => t.metric.step > 7).map((t) => [t.metric.step, t.metric.trainLoss, t.metric.testLoss, t.metric.examplesSeen]);
    expect(losses(resumed.ticks('run-1'))).toHaveLength(5);
    expect(losses(resumed.ticks('run-1'))).toEqual(losses(original.ticks('run-1')));
    const [a, b] = [original.states()[0].state.snapshots, resumed.states()[0].state.snapshots];
    expect(b.map((s) => s.stepCount)).toEqual(Array(config.repeatSeeds).fill(12));
    b.forEach((snapshot, i) => {
      expect(snapshot.theta).toEqual(a[i].theta);
      expect(snapshot.optimizer).toEqual(a[i].optimizer);
      expect(snapshot.sampler).toEqual(a[i].sampler);
      expect(snapshot.algorithmState).toEqual(a[i].algorithmState);
    });
  });

  it('two runs in lockstep are kept at one step and go on from it together', async () => {
    const runs = [
      { runId: 'run-1', config: base },
      { runId: 'run-2', config: { ...base, learningRate: 0.1 } },
    ];
    const original = start(runs);
    await steps(original.host, 4);
    const kept = original.states();
    expect(kept.map((r) => [r.runId, r.state.snapshots[0].stepCount])).toEqual([
      ['run-1', 4],
      ['run-2', 4],
    ]);
    const resumed = start(runs, structuredClone(kept));
    await steps(resumed.host, 2);
    expect(['run-1', 'run-2'].map((id) => resumed.ticks(id).map((t) => t.metric.step))).toEqual([
      [4, 5, 6],
      [4, 5, 6],
    ]);
  });

  it('a state that no longer fits its run (another network since) is refused with a notice: the run starts from step 0', async () => {
    const original = start([{ runId: 'run-1', config: base }]);
    await steps(original.host, 3);
    const kept = original.states();
    const resumed = start([{ runId: 'run-1', config: { ...base, hidden: [5] } }], structuredClone(kept));
    await resumed.host.idle();
    expect(resumed.notices().filter((n) => n.code === 'resume-refused')).toEqual([{ code: 'resume-refused', step: 3, field: 'theta-length' }]);
    expect(resumed.notices().filter((n) => n.code === 'worker-error')).toEqual([]);
    expect(resumed.events.find((e) => e.type === 'run')).not.toHaveProperty('resumedAt');
    expect(resumed.ticks('run-1').map((t) => t.metric.step)).toEqual([0]);
    await steps(resumed.host, 1);
    expect(resumed.ticks('run-1').at(-1)?.metric.step).toBe(1);
  });

  it('the states are sent when they change while paused, not again unchanged, nor at step 0', async () => {
    const { host, events } = start([{ runId: 'run-1', config: base }]);
    await host.idle();
    const sent = (): number => events.filter((e) => e.type === 'runStates').length;
    // At step 0 there is nothing to keep (a new worker starts the run there anyway).
    expect(sent()).toBe(0);
    await steps(host, 2);
    expect(events.flatMap((e) => (e.type === 'runStates' ? [e.runs[0].state.snapshots[0].stepCount] : []))).toEqual([1, 2]);
    host.handle({ type: 'gridSize', size: 20 });
    await host.idle();
    expect(sent()).toBe(2);
    // Reset: the run starts afresh (a `run` event not resumed, on which the page forgets its state), nothing sent.
    host.handle({ type: 'reset' });
    await host.idle();
    expect(events.filter((e) => e.type === 'run').at(-1)).not.toHaveProperty('resumedAt');
    expect(sent()).toBe(2);
  });
});

describe("the states' cadence and copies (runResume.ts)", () => {
  const NO_FILES: DataAccess = { readShipped: () => Promise.reject(new Error('no files in this test')), customData: () => null };

  it('while playing at most every MIN_STATE_INTERVAL_MS for a small state; the page gets copies, the training loop keeps its own arrays', async () => {
    const { group } = await RunGroup.start('run-1', { ...base, optimizer: 'adam' }, NO_FILES);
    try {
      const sent: WorkerEvent[] = [];
      const states = new RunStates((event, transfer) => sent.push(structuredClone(event, { transfer })));
      const step = async (): Promise<void> => {
        group.lead.session.runSteps(1);
        await group.evaluateAll();
      };
      await step();
      states.offer([group], 'lockstep', true, 1000);
      await step();
      states.offer([group], 'lockstep', true, 1000 + MIN_STATE_INTERVAL_MS - 1);
      await step();
      states.offer([group], 'lockstep', true, 1000 + MIN_STATE_INTERVAL_MS);
      const steps = sent.flatMap((e) => (e.type === 'runStates' ? e.runs.map((r) => r.state.snapshots[0].stepCount) : []));
      expect(steps).toEqual([1, 3]);
      // The transferred buffers were copies: the loop's snapshot (what a backend move or divergence restores) is whole.
      const own = group.carry().snapshots[0];
      const parameters = group.lead.session.layout.parameterCount;
      expect([own?.theta.length, ...(own?.optimizer.slots.map((slot) => slot.length) ?? [])]).toEqual([parameters, parameters, parameters]);
      // Paused, unchanged: nothing again.
      states.offer([group], 'lockstep', false, 1000 + 3 * MIN_STATE_INTERVAL_MS);
      expect(sent).toHaveLength(2);
    } finally {
      group.dispose();
    }
  });

  it('a small network is kept within the first ~1 s of play and then every MIN_STATE_INTERVAL_MS (it was once in 5 s: after 3 s only step 1)', async () => {
    const { group } = await RunGroup.start('run-1', base, NO_FILES);
    try {
      const kept: number[] = [];
      const states = new RunStates((event) => (event.type === 'runStates' ? kept.push(event.runs[0].state.snapshots[0].stepCount) : undefined));
      // Play from t = 0, a piece of work (one step here) every 250 ms of the runs' clock, for 2.5 s.
      for (let t = 0; t <= 2500; t += 250) {
        group.lead.session.runSteps(1);
        await group.evaluateAll();
        states.offer([group], 'lockstep', true, t);
      }
      // Steps 1 (t = 0), 5 (t = 1000) and 9 (t = 2000): the latest state kept is at most a second old.
      expect(kept).toEqual([1, 1 + 1000 / 250, 1 + 2000 / 250]);
    } finally {
      group.dispose();
    }
  });

  it('a big state is sent less often: at most MAX_STATE_BYTES_PER_SECOND on average', async () => {
    const { group } = await RunGroup.start('run-1', base, NO_FILES);
    try {
      group.lead.session.runSteps(1);
      await group.evaluateAll();
      // What the state holds: θ, the optimizer's slots, the sampler's order, any algorithm state (4 bytes each).
      const own = group.carry().snapshots[0];
      const arrays = own ? [own.theta, ...own.optimizer.slots, own.sampler.order, ...own.algorithmState] : [];
      const bytes = arrays.reduce((sum, a) => sum + a.byteLength, 0);
      expect(bytes).toBeGreaterThan(0);
      // A rate at which this state may go once in 4 s.
      const states = new RunStates((event) => (event.type === 'runStates' ? sent.push(event.runs[0].state.snapshots[0].stepCount) : undefined), undefined, bytes / 4);
      const sent: number[] = [];
      for (let t = 0; t <= 10_000; t += 500) {
        group.lead.session.runSteps(1);
        await group.evaluateAll();
        states.offer([group], 'lockstep', true, t);
      }
      // At t = 0, 4000 and 8000: steps 2, 10 and 18.
      expect(sent).toEqual([2, 2 + 4000 / 500, 2 + 8000 / 500]);
    } finally {
      group.dispose();
    }
  });

  it('keeps runs in order while their states fit MAX_KEPT_STATE_BYTES: a run past it is not sent (it would start from step 0)', async () => {
    const groups = await Promise.all(['run-1', 'run-2', 'run-3'].map(async (runId) => (await RunGroup.start(runId, { ...base, optimizer: 'adam' }, NO_FILES)).group));
    try {
      for (const group of groups) {
        group.lead.session.runSteps(1);
        await group.evaluateAll();
      }
      // θ and two Adam slots in float32, the sampler's order in uint32: what one run's state holds here.
      const one = 4 * 3 * groups[0].lead.session.layout.parameterCount + 4 * groups[0].lead.session.dataset.train.count;
      const sent: RunResume[][] = [];
      new RunStates((event) => (event.type === 'runStates' ? sent.push(event.runs) : undefined), 2 * one).offer(groups, 'lockstep', false, 0);
      expect(sent.map((runs) => runs.map((r) => r.runId))).toEqual([['run-1', 'run-2']]);
    } finally {
      groups.forEach((group) => group.dispose());
    }
  });
});
