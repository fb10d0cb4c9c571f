/**
 * `auto`'s calibration trains scratch copies only (issue 18 §4): the live run's losses are bit-identical with
 * and without it. Both ports run TF.js's CPU backend; the calibrating one offers two paths, so `auto` measures.
 */
import '../test/setupTf';
import * as tf from '@tensorflow/tfjs-core';
import { describe, expect, it } from 'vitest';
import { defaultConfig, type ExperimentConfig } from '../config/experiment';
import { TrainingHost } from './host';
import type { BackendPort } from './backendPort';
import type { WorkerEvent } from './protocol';
import { cpuOnly } from '../test/cpuBackendPort';

type Tick = Extract<WorkerEvent, { type: 'tick' }>;

const config: ExperimentConfig = { ...defaultConfig(), backend: 'auto', seed: 7, speed: 0 };

/** CPU-only, but offering a second path ("WebGL", also TF.js's CPU backend underneath) to calibrate. */
const calibrating: BackendPort = {
  ...cpuOnly,
  select: async (choice) => {
    await tf.setBackend('cpu');
    // Before calibration `auto` takes the preference order, passing over a software GPU (backend.ts).
    return { backend: choice === 'auto' ? 'cpu' : choice, detail: 'test', skipped: choice === 'auto' ? [{ backend: 'webgl', reason: 'software', detail: 'SwiftShader' }] : [] };
  },
  // Both are TF.js's CPU backend, so the faster of the two is chance: either way the live run is the same.
  candidates: async () => [
    { backend: 'cpu', software: false },
    { backend: 'webgl', software: true },
  ],
};

async function losses(port: BackendPort, steps: number): Promise<{ ticks: number[][]; backend: Extract<WorkerEvent, { type: 'backend' }>; shownFirst: boolean; fallbackCleared: boolean }> {
  const events: WorkerEvent[] = [];
  const host = new TrainingHost((event) => events.push(event), port);
  host.handle({ type: 'configure', runs: [{ runId: 'run-1', config }] });
  for (let i = 0; i < steps; i++) host.handle({ type: 'step' });
  await host.idle();
  const ticks = events.filter((e): e is Tick => e.type === 'tick').map((t) => [t.metric.step, t.metric.trainLoss, t.metric.testLoss]);
  const backends = events.filter((e): e is Extract<WorkerEvent, { type: 'backend' }> => e.type === 'backend');
  const backend = backends.at(-1);
  if (!backend) throw new Error('no backend event');
  // The run is shown (its untrained evaluation) before the calibration's result comes.
  const shown = events.findIndex((e) => e.type === 'tick');
  // The fallback said before the calibration is taken down once the measured pick is in.
  const said = events.findIndex((e) => e.type === 'notice' && e.notice.code === 'backend-fallback');
  const cleared = events.findIndex((e) => e.type === 'clearStatus' && e.code === 'backend-fallback');
  return { ticks, backend, shownFirst: shown >= 0 && shown < events.indexOf(backend), fallbackCleared: said >= 0 && cleared > said };
}

/** Every string in a posted value, however deep. */
function stringsIn(value: unknown): string[] {
  if (typeof value === 'string') return [value];
  if (value === null || typeof value !== 'object') return [];
  return Object.values(value).flatMap(stringsIn);
}

describe('calibration in auto mode', () => {
  it('measures both paths on scratch copies once the run is shown, posts the rates as data, and leaves the live run bit-identical', async () => {
    const plain = await losses(cpuOnly, 12);
    const calibrated = await losses(calibrating, 12);
    expect(plain.backend.calibration).toBeNull();
    // The port's detail as it came (no sentence added: the page words the facts, issue 20 §6).
    expect(calibrated.backend.detail).toBe('test');
    const facts = calibrated.backend.calibration;
    expect(facts?.pick).toBe(calibrated.backend.backend);
    expect(facts?.why).toBe('fastest');
    expect(facts?.paths.map((p) => [p.backend, p.software, p.kernelPath, p.unmeasured])).toEqual([
      ['cpu', false, 'fused', null],
      ['webgl', true, 'fused', null],
    ]);
    for (const path of facts?.paths ?? []) {
      expect(path.measured?.stepsPerSecond).toBeGreaterThan(0);
      expect(Number.isInteger(path.measured?.steps) && (path.measured?.steps ?? 0) >= 1).toBe(true);
      expect(path.measured?.batches).toBeGreaterThanOrEqual(1);
    }
    // Data, not sentences: every string in it is a code or a name.
    expect(stringsIn(facts).every((text) => /^[a-z-]+$/.test(text))).toBe(true);
    expect(calibrated.shownFirst).toBe(true);
    expect(calibrated.fallbackCleared).toBe(true);
    // Step 0 (the untrained run), then one tick a step; a move to the measured pick re-posts the step it is at.
    const byStep = (ticks: number[][]): Map<number, number[]> => new Map(ticks.map((t) => [t[0], t]));
    expect([...byStep(plain.ticks).keys()]).toEqual([...Array(13).keys()]);
    expect(byStep(calibrated.ticks)).toEqual(byStep(plain.ticks));
    for (const tick of calibrated.ticks) expect(tick).toEqual(byStep(plain.ticks).get(tick[0]));
  });
});

describe('Play pressed before the calibration is done (issue 18 §3)', () => {
  it('cuts it short: the run trains at once on the backend it was given, and the paths are measured at the pause', async () => {
    const events: WorkerEvent[] = [];
    // Play comes in at the calibration's first slice, as a Play pressed when the runs show does.
    let slices = 0;
    const host: TrainingHost = new TrainingHost((event) => events.push(event), calibrating, undefined, {
      yieldToMessages: async () => {
        slices += 1;
        if (events.some((e) => e.type === 'tick') && !events.some((e) => e.type === 'playing')) host.handle({ type: 'play' });
        await new Promise((resolve) => setTimeout(resolve, 0));
      },
    });
    host.handle({ type: 'configure', runs: [{ runId: 'run-1', config }] });
    const moved = (): boolean => events.some((e) => e.type === 'tick' && e.metric.step > 0);
    for (let i = 0; i < 2000 && !moved(); i++) await new Promise((resolve) => setTimeout(resolve, 5));
    expect(moved()).toBe(true);
    const firstMove = events.findIndex((e) => e.type === 'tick' && e.metric.step > 0);
    const measured = (from: number, to = events.length): boolean => events.slice(from, to).some((e) => e.type === 'backend' && e.calibration !== null);
    expect(measured(0, firstMove)).toBe(false);
    expect(host.counters.calibrationsCutShort).toBe(1);
    host.handle({ type: 'pause' });
    await host.idle();
    expect(slices).toBeGreaterThan(0);
    const paused = events.findIndex((e) => e.type === 'playing' && !e.playing);
    expect(measured(paused)).toBe(true);
    const facts = events.filter((e): e is Extract<WorkerEvent, { type: 'backend' }> => e.type === 'backend').at(-1)?.calibration;
    expect(facts?.paths.map((p) => p.backend)).toEqual(['cpu', 'webgl']);
    for (const path of facts?.paths ?? []) expect(path.measured?.stepsPerSecond).toBeGreaterThan(0);
    // A second pause has nothing left to measure.
    host.handle({ type: 'play' });
    host.handle({ type: 'pause' });
    await host.idle();
    expect(events.filter((e) => e.type === 'backend' && e.calibration !== null)).toHaveLength(1);
  });
});

describe('a calibration cut short, with a budget', () => {
  it('is measured when the budget stops the runs, with no Pause pressed', async () => {
    const events: WorkerEvent[] = [];
    const host: TrainingHost = new TrainingHost((event) => events.push(event), calibrating, undefined, {
      yieldToMessages: async () => {
        if (events.some((e) => e.type === 'tick') && !events.some((e) => e.type === 'playing')) host.handle({ type: 'play' });
        await new Promise((resolve) => setTimeout(resolve, 0));
      },
    });
    host.handle({ type: 'configure', runs: [{ runId: 'run-1', config: { ...config, budget: 40, budgetUnit: 'steps' } }] });
    const stopped = (): boolean => events.some((e) => e.type === 'playing' && !e.playing);
    for (let i = 0; i < 2000 && !stopped(); i++) await new Promise((resolve) => setTimeout(resolve, 5));
    await host.idle();
    expect(host.counters.calibrationsCutShort).toBe(1);
    const stoppedAt = events.findIndex((e) => e.type === 'playing' && !e.playing);
    expect(stoppedAt).toBeGreaterThan(0);
    expect(events.slice(stoppedAt).some((e) => e.type === 'backend' && e.calibration !== null)).toBe(true);
  });
});
