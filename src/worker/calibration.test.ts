/** `auto`'s choice by measured rates (issue 18 §4): the logic with injected timings, no backend needed. */
import { describe, expect, it } from 'vitest';
import { defaultConfig, type ExperimentConfig } from '../config/experiment';
import type { TrainingSession } from '../engine/session';
import { CalibrationInterrupted, Calibrator, TIMED_REPEATS, calibrationKey, chooseFastest, stepsPerSecond, untimedReason, type PathCandidate } from './calibration';
import type { CalibratedPath } from './calibrationFacts';
import type { BackendPort } from './backendPort';
import type { BackendName } from './protocol';

const auto: ExperimentConfig = { ...defaultConfig(), backend: 'auto' };
const cpu: PathCandidate = { backend: 'cpu', software: false };
const gpu = (software: boolean): PathCandidate => ({ backend: 'webgpu', software });
/** A path measured at `stepsPerSecond` (over 64 steps, 3 batches), or one that failed (null). */
const rate = (candidate: PathCandidate, stepsPerSecond: number | null): CalibratedPath => ({
  ...candidate,
  kernelPath: 'fused',
  measured: stepsPerSecond === null ? null : { stepsPerSecond, steps: 64, ms: 64_000 / stepsPerSecond, batches: 3 },
  unmeasured: stepsPerSecond === null ? 'failed' : null,
});

/** A measure that hands out the given rates and counts its calls. */
function injected(rates: Partial<Record<BackendName, number | null>>): { measure: (c: PathCandidate) => Promise<CalibratedPath>; calls: BackendName[] } {
  const calls: BackendName[] = [];
  return { calls, measure: async (c) => (calls.push(c.backend), rate(c, rates[c.backend] ?? null)) };
}

describe('calibrationKey', () => {
  it("holds the settings a step's cost depends on, an algorithm's own as its settings group declares them", () => {
    const locoprop: ExperimentConfig = { ...auto, algorithm: 'locoprop-m' };
    const key = calibrationKey(locoprop);
    // LocoProp's K and inner optimizer (its group's costFields), as the batch and the network, make another key ...
    expect(calibrationKey({ ...locoprop, innerSteps: 3 })).not.toBe(key);
    expect(calibrationKey({ ...locoprop, innerOptimizer: 'sgd' })).not.toBe(key);
    expect(calibrationKey({ ...locoprop, batchSize: 64 })).not.toBe(key);
    expect(calibrationKey({ ...locoprop, hidden: [4] })).not.toBe(key);
    // ... its γ and a learning rate do not.
    expect(calibrationKey({ ...locoprop, gamma: 0.5 })).toBe(key);
    expect(calibrationKey({ ...locoprop, learningRate: 0.5 })).toBe(key);
  });
});

describe('chooseFastest', () => {
  it('picks the fastest measured path', () => {
    expect(chooseFastest([rate(cpu, 5900), rate(gpu(false), 9000)])).toEqual({ pick: 'webgpu', why: 'fastest' });
    expect(chooseFastest([rate(cpu, 5900), rate(gpu(false), 310)])).toEqual({ pick: 'cpu', why: 'fastest' });
  });

  it('never picks a software GPU slower than the CPU, nor one tied with it (and says so), and picks one that is faster', () => {
    expect(chooseFastest([rate(gpu(true), 310), rate(cpu, 5900)])).toEqual({ pick: 'cpu', why: 'fastest' });
    expect(chooseFastest([rate(gpu(true), 5900), rate(cpu, 5900)])).toEqual({ pick: 'cpu', why: 'tie-hardware' });
    expect(chooseFastest([rate(cpu, 5900), rate(gpu(true), 5900)])).toEqual({ pick: 'cpu', why: 'tie-hardware' });
    expect(chooseFastest([rate(gpu(true), 80), rate(cpu, 19)])).toEqual({ pick: 'webgpu', why: 'fastest' });
  });

  it('takes the CPU when a path did not run, or nothing measured', () => {
    expect(chooseFastest([rate(cpu, 40), rate(gpu(false), null)])).toEqual({ pick: 'cpu', why: 'fastest' });
    expect(chooseFastest([rate(gpu(false), null)])).toEqual({ pick: 'cpu', why: 'none-measured' });
  });
});

describe('Calibrator', () => {
  it('measures each offered path once per shape and keeps the result for the session', async () => {
    const calibrator = new Calibrator();
    const { measure, calls } = injected({ cpu: 5900, webgpu: 310 });
    const offered = async (): Promise<PathCandidate[]> => [cpu, gpu(true)];
    expect((await calibrator.calibrate(auto, offered, measure))?.pick).toBe('cpu');
    // A hot setting (the learning rate) is the same shape: nothing measured again.
    expect((await calibrator.calibrate({ ...auto, learningRate: auto.learningRate * 2 }, offered, measure))?.pick).toBe('cpu');
    expect(calls).toEqual(['cpu', 'webgpu']);
    // Another batch size or network is another shape.
    await calibrator.calibrate({ ...auto, batchSize: auto.batchSize * 2 }, offered, measure);
    await calibrator.calibrate({ ...auto, hidden: [64, 64] }, offered, measure);
    expect(calls).toHaveLength(6);
    expect(calibrator.measurements).toBe(6);
  });

  it('keeps nothing from a calibration Play cut short: the shape is measured whole next time', async () => {
    const calibrator = new Calibrator();
    const { measure, calls } = injected({ cpu: 5900, webgpu: 310 });
    const offered = async (): Promise<PathCandidate[]> => [cpu, gpu(true)];
    let play = true;
    const cutShort = async (c: PathCandidate): Promise<CalibratedPath> => {
      if (c.backend === 'webgpu' && play) throw new CalibrationInterrupted();
      return measure(c);
    };
    await expect(calibrator.calibrate(auto, offered, cutShort)).rejects.toBeInstanceOf(CalibrationInterrupted);
    expect(calibrator.current).toBeNull();
    play = false;
    expect((await calibrator.calibrate(auto, offered, cutShort))?.paths.map((p) => p.backend)).toEqual(['cpu', 'webgpu']);
    expect(calls).toEqual(['cpu', 'cpu', 'webgpu']);
  });

  it('is skipped when the backend is named, and when only one path is offered', async () => {
    const calibrator = new Calibrator();
    const { measure, calls } = injected({ cpu: 5900, webgpu: 310 });
    let asked = 0;
    const offered = async (): Promise<PathCandidate[]> => (asked++, [cpu, gpu(false)]);
    for (const backend of ['cpu', 'webgpu', 'webgl'] as const) expect(await calibrator.calibrate({ ...auto, backend }, offered, measure)).toBeNull();
    expect(asked).toBe(0);
    expect(await calibrator.calibrate(auto, async () => [cpu], measure)).toBeNull();
    expect(calls).toEqual([]);
  });

  it('sends auto to the pick with the calibration as data beside it (the detail untouched, no sentence); a named backend or an excluded pick goes to the port as asked', async () => {
    const asked: string[] = [];
    const port: BackendPort = {
      select: async (choice, exclude) => (asked.push(`${choice}/${exclude.join(',')}`), { backend: choice === 'auto' ? 'webgl' : choice, detail: 'adapter', skipped: [{ backend: 'webgpu', reason: 'unavailable', code: 'no-adapter' }] }),
      deviceLost: () => null,
      destroyDevice: () => false,
    };
    const calibrator = new Calibrator();
    await calibrator.calibrate(auto, async () => [cpu, gpu(true)], injected({ cpu: 5912.4, webgpu: 3.14 }).measure);
    const picked = await calibrator.select(port, 'auto', []);
    expect(picked).toEqual({
      backend: 'cpu',
      detail: 'adapter',
      skipped: [],
      calibration: { pick: 'cpu', why: 'fastest', paths: [rate(cpu, 5912.4), rate(gpu(true), 3.14)] },
    });
    expect((await calibrator.select(port, 'webgpu', [])).calibration).toBeUndefined();
    expect((await calibrator.select(port, 'auto', ['cpu'])).backend).toBe('webgl');
    expect(asked).toEqual(['cpu/', 'webgpu/', 'auto/cpu']);
  });

  it('recall: auto follows the cached pick; a shape new to the host since the last configure is handed back to move to, a hot setting is not', async () => {
    const calibrator = new Calibrator();
    expect(calibrator.recall(auto)).toBeNull();
    expect(calibrator.current).toBeNull();
    expect((await calibrator.calibrate(auto, async () => [cpu, gpu(false)], injected({ cpu: 100, webgpu: 900 }).measure))?.pick).toBe('webgpu');
    // Same shape, a hot setting changed (after a device loss moved the runs off the pick, say): nothing to move to.
    expect(calibrator.recall({ ...auto, learningRate: 0.5 })).toBeNull();
    expect(calibrator.current?.pick).toBe('webgpu');
    // A named backend follows no calibration; back to auto, the cached shape is new to the host again.
    expect(calibrator.recall({ ...auto, backend: 'cpu' })).toBeNull();
    expect(calibrator.current).toBeNull();
    expect(calibrator.recall(auto)?.pick).toBe('webgpu');
    // A shape not measured yet: the preference order until it is.
    expect(calibrator.recall({ ...auto, batchSize: auto.batchSize + 1 })).toBeNull();
    expect(calibrator.current).toBeNull();
  });
});

/** A session whose batches cost `costOf(steps)` ms on a fake clock, counting what it ran. */
function fakeSession(costOf: (steps: number) => number): { session: TrainingSession; clock: () => number; ran: number[] } {
  let now = 0;
  const ran: number[] = [];
  const session = {
    runSteps: (count: number) => {
      now += costOf(count);
      ran.push(count);
      return count;
    },
    sync: async () => undefined,
  } as unknown as TrainingSession;
  return { session, clock: () => now, ran };
}

describe('stepsPerSecond', () => {
  it('times batches after a warm-up step by the given clock, a slice before each, until one lasts the timed length, then repeats it', async () => {
    const { session, clock, ran } = fakeSession((steps) => steps * 0.025);
    let slices = 0;
    const measured = await stepsPerSecond(session, async () => void slices++, clock, 100);
    expect(measured.stepsPerSecond).toBeCloseTo(40000, 6);
    expect(ran[0]).toBe(1);
    const timed = ran.slice(1);
    expect(slices).toBe(timed.length);
    const last = timed.at(-1)!;
    // It says what it measured over: the batches of the timed length, their steps, and the fastest one's time.
    expect(measured).toMatchObject({ steps: last, batches: TIMED_REPEATS, ms: last * 0.025 });
    expect(last * 0.025).toBeGreaterThanOrEqual(100);
    expect(timed.slice(-TIMED_REPEATS)).toEqual(Array(TIMED_REPEATS).fill(last));
    // Capped by what it measures: the ramp before the timed batches adds up to less than one of them.
    expect(timed.slice(0, -TIMED_REPEATS).reduce((a, b) => a + b, 0)).toBeLessThan(last);
  });

  it('gives up waiting on a warm-up step still compiling once Play comes, handing back what it waited on', async () => {
    let compiled: () => void = () => undefined;
    const compiling = new Promise<void>((resolve) => (compiled = resolve));
    const session = { runSteps: (count: number) => count, sync: () => compiling } as unknown as TrainingSession;
    let play = false;
    setTimeout(() => (play = true), 30);
    const error: unknown = await stepsPerSecond(session, async () => undefined, undefined, 100, () => play).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(CalibrationInterrupted);
    let settled = false;
    void (error as CalibrationInterrupted).pending?.then(() => (settled = true));
    await new Promise((resolve) => setTimeout(resolve, 0));
    expect(settled).toBe(false);
    compiled();
    await new Promise((resolve) => setTimeout(resolve, 0));
    expect(settled).toBe(true);
  });

  it('counts the fastest of the repeats: a batch slowed by a busy core does not set the rate', async () => {
    let slowed = false;
    const { session, clock } = fakeSession((steps) => {
      const ms = steps * 0.025;
      if (ms < 100 || slowed) return ms;
      slowed = true;
      return ms * 2;
    });
    const measured = await stepsPerSecond(session, async () => undefined, clock, 100);
    expect(measured.stepsPerSecond).toBeCloseTo(40000, 6);
    expect(measured.ms).toBeCloseTo(measured.steps * 0.025, 9);
    expect(slowed).toBe(true);
  });

  it('stops after one timed step on a slow path', async () => {
    const { session, clock, ran } = fakeSession((steps) => steps * 400);
    expect(await stepsPerSecond(session, async () => undefined, clock, 100)).toEqual({ stepsPerSecond: 2.5, steps: 1, ms: 400, batches: 1 });
    expect(ran).toEqual([1, 1]);
  });
});

describe('a path not worth timing', () => {
  it('is plain ops on a software GPU only: its fused kernel and every hardware GPU are timed', () => {
    expect(untimedReason({ backend: 'webgpu', software: true }, 'plain')).toBe('software-plain');
    expect(untimedReason({ backend: 'webgpu', software: true }, 'fused')).toBeNull();
    expect(untimedReason({ backend: 'webgpu', software: false }, 'plain')).toBeNull();
    expect(untimedReason({ backend: 'cpu', software: false }, 'plain')).toBeNull();
  });
});
