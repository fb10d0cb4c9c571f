/**
 * On WebGPU the host compiles a new shape's pipelines before Play (warmUp.ts, issue 18 §3): a scratch copy takes
 * an undiagnosed step, a diagnosed step and an evaluation. The port here says WebGPU while TF.js trains on its
 * CPU backend underneath (as hostDeviceLoss.test.ts's does), so what is checked is the host's part: when it
 * warms, that it warms once per shape and device, and that the live runs never feel it.
 */
import '../test/setupTf';
import * as tf from '@tensorflow/tfjs-core';
import { describe, expect, it } from 'vitest';
import { defaultConfig, type BackendChoice, type ExperimentConfig } from '../config/experiment';
import { cpuOnly } from '../test/cpuBackendPort';
import type { BackendPort, BackendSelection } from './backendPort';
import { TrainingHost } from './host';
import type { HeavyRunFacts, WorkerEvent } from './protocol';
import { DeviceRates } from './deviceRate';
import { SLOW_STEP_MS } from '../engine/cost';

type Tick = Extract<WorkerEvent, { type: 'tick' }>;

/** Says WebGPU (or WebGL) when asked for it; TF.js runs on the CPU backend. */
const claimsWebGpu: BackendPort = {
  async select(choice: BackendChoice): Promise<BackendSelection> {
    await tf.setBackend('cpu');
    return { backend: choice === 'webgpu' || choice === 'webgl' ? choice : 'cpu', detail: 'fake', skipped: [] };
  },
  deviceLost: () => null,
  destroyDevice: () => false,
};

const base: ExperimentConfig = { ...defaultConfig(), backend: 'webgpu', seed: 7, speed: 0 };

async function configured(port: BackendPort, configs: ExperimentConfig[], events: WorkerEvent[] = []): Promise<TrainingHost> {
  const host = new TrainingHost((event) => events.push(event), port);
  host.handle({ type: 'configure', runs: configs.map((config, i) => ({ runId: `run-${i + 1}`, config })) });
  await host.idle();
  return host;
}

describe('the WebGPU warm-up before Play', () => {
  it('warms each new shape once on WebGPU (and WebGL), and nothing on the CPU', async () => {
    const host = await configured(claimsWebGpu, [base, { ...base, hidden: [5] }]);
    expect(host.warmer.warmUps).toBe(2);
    // A hot setting keeps the shape: nothing to compile again.
    host.handle({ type: 'configure', runs: [{ runId: 'run-1', config: { ...base, learningRate: 0.01 } }] });
    await host.idle();
    expect(host.warmer.warmUps).toBe(2);
    // A new width is a new shape.
    host.handle({ type: 'configure', runs: [{ runId: 'run-1', config: { ...base, hidden: [6, 6] } }] });
    await host.idle();
    expect(host.warmer.warmUps).toBe(3);

    const onCpu = await configured(cpuOnly, [{ ...base, backend: 'cpu' }]);
    expect(onCpu.warmer.warmUps).toBe(0);
    const onWebGl = await configured(claimsWebGpu, [{ ...base, backend: 'webgl' }]);
    expect(onWebGl.warmer.warmUps).toBe(1);
  });

  it('leaves the live runs where they would be without it, to the bit', async () => {
    const losses = async (port: BackendPort): Promise<number[]> => {
      const events: WorkerEvent[] = [];
      const host = await configured(port, [{ ...base, algorithm: 'locoprop-m' }], events);
      for (let i = 0; i < 3; i++) host.handle({ type: 'step' });
      await host.idle();
      return events.filter((e): e is Tick => e.type === 'tick').flatMap((t) => [t.metric.step, t.metric.trainLoss, t.metric.testLoss]);
    };
    const warmed = await losses(claimsWebGpu);
    const cold = await losses({ ...cpuOnly, select: (choice) => claimsWebGpu.select(choice === 'webgpu' ? 'cpu' : choice, []) });
    expect(warmed.length).toBeGreaterThan(6);
    expect(warmed).toEqual(cold);
  });
});

describe('Play pressed during the warm-up', () => {
  it('ends it after its first step, and the run trains at once', async () => {
    const events: WorkerEvent[] = [];
    let sent = false;
    const host: TrainingHost = new TrainingHost((event) => events.push(event), claimsWebGpu, undefined, {
      yieldToMessages: async () => {
        // Play comes in at the first slice inside the warm-up (after its scratch step).
        if (host.warmer.started > 0 && !sent) {
          sent = true;
          host.handle({ type: 'play' });
        }
        await new Promise((resolve) => setTimeout(resolve, 0));
      },
    });
    host.handle({ type: 'configure', runs: [{ runId: 'run-1', config: base }] });
    for (let i = 0; i < 2000 && !events.some((e) => e.type === 'tick' && e.metric.step > 0); i++) await new Promise((resolve) => setTimeout(resolve, 5));
    host.handle({ type: 'pause' });
    await host.idle();
    expect(sent).toBe(true);
    expect(host.warmer.stopped).toBe(1);
    expect(host.warmer.warmUps).toBe(0);
    const first = events.find((e): e is Tick => e.type === 'tick' && e.metric.step > 0);
    expect(first?.diagnostics).toBeNull();
  });

  it('looks for Play between the pieces of its diagnosed step, and stops there', async () => {
    const events: WorkerEvent[] = [];
    let slicesInWarmUp = 0;
    const host: TrainingHost = new TrainingHost((event) => events.push(event), claimsWebGpu, undefined, {
      yieldToMessages: async () => {
        // Play comes in at the second slice inside the warm-up: after its first diagnosis piece.
        if (host.warmer.started > 0 && ++slicesInWarmUp === 2) host.handle({ type: 'play' });
        await new Promise((resolve) => setTimeout(resolve, 0));
      },
    });
    host.handle({ type: 'configure', runs: [{ runId: 'run-1', config: base }] });
    for (let i = 0; i < 2000 && !events.some((e) => e.type === 'tick' && e.metric.step > 0); i++) await new Promise((resolve) => setTimeout(resolve, 5));
    host.handle({ type: 'pause' });
    await host.idle();
    expect(slicesInWarmUp).toBeGreaterThanOrEqual(2);
    expect(host.warmer.stopped).toBe(1);
    expect(host.warmer.warmUps).toBe(0);
  });
});

describe('a heavy run on WebGL', () => {
  /** The host on "WebGL" (TF.js on the CPU) with every backend assumed at `flopsPerMs`, and its heavy-run facts. */
  async function onWebGl(flopsPerMs: number): Promise<{ host: TrainingHost; facts: HeavyRunFacts[] }> {
    const events: WorkerEvent[] = [];
    const rate = { cpu: flopsPerMs, webgl: flopsPerMs, webgpu: flopsPerMs };
    const host = new TrainingHost((event) => events.push(event), claimsWebGpu, undefined, { rates: new DeviceRates(rate, rate) });
    host.handle({ type: 'configure', runs: [{ runId: 'run-1', config: { ...base, backend: 'webgl' } }] });
    await host.idle();
    return { host, facts: events.flatMap((e) => (e.type === 'notice' && e.notice.code === 'heavy-run' ? [e.notice.facts] : [])) };
  }

  it('heavy only by its evaluation, warms its step alone before Play (the paper scene compiled its backward pass on its first tick); heavy by its step, nothing', async () => {
    // At 20 operations per ms the default network's evaluation is estimated over a second, its step well under.
    const light = await onWebGl(20);
    expect(light.facts).toHaveLength(1);
    expect(light.facts[0].stepMs).toBeLessThanOrEqual(SLOW_STEP_MS);
    expect(light.facts[0].evaluationMs).toBeGreaterThan(SLOW_STEP_MS);
    expect([light.host.warmer.started, light.host.warmer.stepsAlone, light.host.warmer.warmUps]).toEqual([1, 1, 0]);
    // At 0.01 its step too: not warmed at all.
    const heavy = await onWebGl(0.01);
    expect(heavy.facts[0].stepMs).toBeGreaterThan(SLOW_STEP_MS);
    expect(heavy.host.warmer.started).toBe(0);
  });
});
