/**
 * The host stays responsive whatever the work (issue 21 item 3): a tick is cut into slices (each run's steps,
 * each run's evaluation) with the worker's messages let in between, and a command that comes in drops the
 * evaluations still to come. The messages are delivered here by the test's own yield (what the worker's message
 * loop does between tasks), and the host's counters say what happened: no clock is read.
 */
import '../test/setupTf';
import { describe, expect, it } from 'vitest';
import { defaultConfig, type ExperimentConfig } from '../config/experiment';
import { readFile } from 'node:fs/promises';
import { paperScene } from '../config/paperScene';
import { DeviceRates, MIN_MEASURED_MS, type RatePath } from './deviceRate';
import { TrainingHost } from './host';
import type { RunConfig, WorkerCommand, WorkerEvent } from './protocol';
import { cpuOnly } from '../test/cpuBackendPort';

type Tick = Extract<WorkerEvent, { type: 'tick' }>;


const base: ExperimentConfig = { ...defaultConfig(), backend: 'cpu', seed: 11, speed: 0 };
const runs = (...configs: ExperimentConfig[]): RunConfig[] => configs.map((config, i) => ({ runId: `run-${i + 1}`, config }));

/** A host whose message loop is the test's: commands posted by `arrive` are handled at the host's next slice. */
function slicedHost(rates?: DeviceRates, evaluationChunkRows?: number) {
  const events: WorkerEvent[] = [];
  const inbox: WorkerCommand[] = [];
  let onEvent: (event: WorkerEvent) => void = () => undefined;
  let onSlice: () => void = () => undefined;
  const host: TrainingHost = new TrainingHost(
    (event) => {
      events.push(event);
      onEvent(event);
    },
    cpuOnly,
    undefined,
    {
      yieldToMessages: async () => {
        onSlice();
        inbox.splice(0).forEach((command) => host.handle(command));
      },
      rates,
      evaluationChunkRows,
    },
  );
  const ticks = (runId: string): Tick[] => events.filter((e): e is Tick => e.type === 'tick' && e.runId === runId);
  return {
    host,
    events,
    ticks,
    arrive: (command: WorkerCommand) => inbox.push(command),
    watch: (f: (event: WorkerEvent) => void) => (onEvent = f),
    /** Called at each of the host's slices, before the commands that arrived are handled. */
    atSlice: (f: () => void) => (onSlice = f),
  };
}

describe('the host between slices', () => {
  it('a pause that comes in after the first run is evaluated is handled before the second run is: both stop at the same step', async () => {
    const { host, events, ticks, arrive, watch } = slicedHost();
    host.handle({ type: 'configure', runs: runs(base, base) });
    await host.idle();
    let pauseAt = -1;
    watch((event) => {
      // The page presses Pause while the worker is busy with a tick (run 1 just shown, run 2 still to evaluate).
      if (pauseAt < 0 && event.type === 'tick' && event.runId === 'run-1' && event.metric.step >= 50) {
        pauseAt = event.metric.step;
        arrive({ type: 'pause' });
      }
    });
    host.handle({ type: 'play' });
    while (pauseAt < 0) await new Promise((resolve) => setTimeout(resolve, 10));
    await host.idle();
    expect(host.counters.commandsMidTick).toBe(1);
    expect(host.counters.skippedEvaluations).toBe(1);
    const paused = events.findIndex((e) => e.type === 'playing' && !e.playing);
    const run1At = events.findIndex((e) => e.type === 'tick' && e.runId === 'run-1' && e.metric.step === pauseAt);
    expect(paused).toBeGreaterThan(run1At);
    // Run 2 took its steps (lockstep holds) but its tick is shown only by the pause's own evaluation, after it.
    const run2At = events.findIndex((e) => e.type === 'tick' && e.runId === 'run-2' && e.metric.step === pauseAt);
    expect(run2At).toBeGreaterThan(paused);
    expect(ticks('run-1').at(-1)?.metric.step).toBe(pauseAt);
    expect(ticks('run-2').at(-1)?.metric.step).toBe(pauseAt);
    expect(ticks('run-2').at(-1)?.metric.trainLoss).toBe(ticks('run-1').at(-1)?.metric.trainLoss);
  });

  it('a pause that comes in between two row chunks of an evaluation stops it there: no chunk of it runs after', async () => {
    // Chunks of 50 rows: every evaluation here has several (the plane's grid alone has 48² rows).
    const { host, events, arrive, atSlice } = slicedHost(undefined, 50);
    let slicesAtPause = -1;
    const { counters } = host;
    host.handle({ type: 'configure', runs: runs(base) });
    await host.idle();
    const atPlay = counters.slices;
    // The test's own message loop: a tick's first slice comes before its evaluation, its second between the
    // evaluation's first two chunks; the pause is delivered there.
    atSlice(() => {
      if (slicesAtPause >= 0 || counters.slices !== atPlay + 2) return;
      slicesAtPause = counters.slices;
      arrive({ type: 'pause' });
    });
    host.handle({ type: 'play' });
    while (slicesAtPause < 0) await new Promise((resolve) => setTimeout(resolve, 10));
    await host.idle();
    expect(counters.cancelledEvaluations).toBe(1);
    const afterPause = counters.slices - slicesAtPause;
    const paused = events.findIndex((e) => e.type === 'playing' && !e.playing);
    const shown = events.slice(paused).filter((e): e is Tick => e.type === 'tick');
    // Only the pause's own evaluation is shown (speed 0): the cancelled one posts nothing.
    expect(shown.map((tick) => tick.stepsPerSecond)).toEqual([0]);
    expect(shown[0].metric.step).toBeGreaterThan(0);
    // The pause's evaluation took as many slices as another of the same state does: none of the cancelled one's.
    host.handle({ type: 'pause' });
    await host.idle();
    const oneEvaluation = counters.slices - slicesAtPause - afterPause;
    expect(oneEvaluation).toBeGreaterThan(1);
    expect(afterPause).toBe(oneEvaluation);
    const again = events.filter((e): e is Tick => e.type === 'tick').at(-1);
    expect(again?.metric.step).toBe(shown[0].metric.step);
    expect(again?.metric.trainLoss).toBe(shown[0].metric.trainLoss);
  });

  it('removing a run mid-tick drops its evaluation and removes it once the steps are done', async () => {
    const { host, events, arrive, watch } = slicedHost();
    host.handle({ type: 'configure', runs: runs(base, base, base) });
    await host.idle();
    let asked = false;
    watch((event) => {
      if (!asked && event.type === 'tick' && event.runId === 'run-1' && event.metric.step >= 20) {
        asked = true;
        arrive({ type: 'configure', runs: runs(base) });
        arrive({ type: 'pause' });
      }
    });
    host.handle({ type: 'play' });
    while (!asked) await new Promise((resolve) => setTimeout(resolve, 10));
    await host.idle();
    expect(host.counters.skippedEvaluations).toBe(2);
    const removed = events.filter((e) => e.type === 'runRemoved').map((e) => (e.type === 'runRemoved' ? e.runId : ''));
    expect(removed).toEqual(['run-2', 'run-3']);
    const lastRemoved = events.findIndex((e) => e.type === 'runRemoved' && e.runId === 'run-3');
    expect(events.slice(lastRemoved).some((e) => e.type === 'tick' && e.runId !== 'run-1')).toBe(false);
  });

  it("estimates a run at its kernels' rate: the paper scene on the fused CPU kernels is not announced heavy; on the plain path both runs are", async () => {
    // LocoProp-M (K = 10) on the 196-128-64-16-64-128-196 autoencoder, batch 128: 404 MFLOP a step, 1.35 s at the
    // plain path's assumed rate (what the page said before, then ran it at 89–115 ms in Chromium), 0.2 s at the
    // fused kernels'. Both runs' evaluations (the whole test set) are heavy at the plain rate, not at the fused one.
    const shipped = async (file: string): Promise<Uint8Array> => new Uint8Array(await readFile(new URL(`../../public/data/${file}`, import.meta.url)));
    const heavyRuns = async (kernels: ExperimentConfig['kernels']): Promise<(string | null)[]> => {
      const events: WorkerEvent[] = [];
      const host = new TrainingHost((event) => events.push(event), cpuOnly, shipped, { rates: new DeviceRates() });
      host.handle({ type: 'configure', runs: runs(...paperScene({ ...base, kernels })) });
      await host.idle();
      return events.flatMap((e) => (e.type === 'notice' && e.notice.code === 'heavy-run' ? [e.runId] : []));
    };
    expect(await heavyRuns('plain')).toEqual(['run-1', 'run-2']);
    expect(await heavyRuns('auto')).toEqual([]);
  });

  it('a run estimated heavy says its cost before its first evaluation, shows its first tick, then says it again', async () => {
    // A device assumed at 1 operation per ms makes the default network "heavy": every path of the notice runs.
    const { host, events } = slicedHost(new DeviceRates({ cpu: 1, webgl: 1, webgpu: 1 }, { cpu: 1, webgl: 1, webgpu: 1 }));
    host.handle({ type: 'configure', runs: runs(base) });
    await host.idle();
    host.handle({ type: 'step' });
    await host.idle();
    const said = events.flatMap((e) => {
      if (e.type === 'run') return ['run'];
      if (e.type === 'tick') return [`tick ${e.metric.step}`];
      if (e.type === 'clearStatus' && e.code.startsWith('heavy')) return [`clear ${e.code}`];
      if (e.type !== 'notice') return [];
      if (e.notice.code === 'heavy-progress') return [`${e.notice.stage} ${e.notice.done}/${e.notice.total}`];
      return e.notice.code === 'heavy-run' ? ['heavy-run'] : [];
    });
    expect(said).toEqual(['run', 'heavy-run', 'start 0/1', 'start 1/1', 'tick 0', 'step 0/1', 'evaluate 0/1', 'clear heavy-progress', 'tick 1']);
    const run = events.find((e) => e.type === 'run');
    const notice = events.find((e) => e.type === 'notice' && e.notice.code === 'heavy-run');
    if (run?.type !== 'run' || notice?.type !== 'notice' || notice.notice.code !== 'heavy-run') throw new Error('no run or no notice');
    const { facts } = notice.notice;
    expect(facts.parameters).toBe(run.parameterCount);
    expect(facts.batchSize).toBe(base.batchSize);
    expect(facts.stepMs).toBe(facts.stepFlops); // at 1 operation per ms
    expect(facts.rateMeasured).toBe(false);
  });

  it('says the cost again once a step has measured the rate', async () => {
    /**
     * A device measured at 2 operations per ms, whatever the steps' own time (a tiny step measures overhead); its
     * operations counted a million times over, as a tiny step's are too few to measure (MIN_MEASURED_FLOPS).
     */
    class SlowDevice extends DeviceRates {
      override observe(backend: 'cpu' | 'webgl' | 'webgpu', path: RatePath, flops: number): boolean {
        const counted = flops * 1e6;
        return super.observe(backend, path, counted, Math.max(MIN_MEASURED_MS, counted / 2));
      }
    }
    const { host, events, ticks } = slicedHost(new SlowDevice({ cpu: 1, webgl: 1, webgpu: 1 }, { cpu: 1, webgl: 1, webgpu: 1 }));
    host.handle({ type: 'configure', runs: runs(base) });
    await host.idle();
    host.handle({ type: 'play' });
    while ((ticks('run-1').at(-1)?.metric.step ?? 0) < 3) await new Promise((resolve) => setTimeout(resolve, 10));
    host.handle({ type: 'pause' });
    await host.idle();
    const facts = events.flatMap((e) => (e.type === 'notice' && e.notice.code === 'heavy-run' ? [e.notice.facts] : []));
    expect(facts.map((f) => f.rateMeasured)).toEqual([false, true]);
    expect(facts[1].flopsPerMs).toBe(2);
    expect(facts[1].stepMs).toBe(facts[1].stepFlops / facts[1].flopsPerMs);
  });

  it('a light run says nothing about its cost', async () => {
    const { host, events } = slicedHost();
    host.handle({ type: 'configure', runs: runs(base) });
    await host.idle();
    expect(events.some((e) => e.type === 'notice' && e.notice.code.startsWith('heavy'))).toBe(false);
  });
});
