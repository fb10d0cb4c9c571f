/**
 * Test vectors for the schedules, computed in IEEE doubles from the reference implementations' formulas (not
 * with this code), and the defining properties of each schedule:
 *  - T1–T5, PyTorch `CyclicLR` (https://pytorch.org/docs/stable/generated/torch.optim.lr_scheduler.CyclicLR.html;
 *    the triangular policy of Smith, WACV 2017, arXiv:1506.01186, §3.1): T1 triangular with the paper's CIFAR-10
 *    bounds (0.001–0.006, step size 2000) and PyTorch's default momenta 0.8/0.9; T2 triangular2 (amplitude halved
 *    each cycle); T3 exp_range with the paper's γ = 0.99994 (amplitude × γ^t, t global, as PyTorch's code does);
 *    T4 short integer-friendly sequences (0.1–1, step 5) that can be checked by hand; T5 asymmetric cycles
 *    (PyTorch's step_size_down).
 *  - T6, PyTorch `OneCycleLR` (https://pytorch.org/docs/stable/generated/torch.optim.lr_scheduler.OneCycleLR.html)
 *    with max_lr 0.01 over 100 steps and its defaults (pct_start 0.3, div 25, final_div 1e4, momenta 0.85/0.95),
 *    two- and three-phase, cos and linear.
 *  - T7, fastai `fit_one_cycle` (https://docs.fast.ai/callback.schedule.html#learner.fit_one_cycle): lr_max 0.01,
 *    100 batches, position i/N, pct_start 0.25, div 25, div_final 1e5.
 *  - T8, range-test sweeps from 1e-7 to 10 in 100 steps: fastai's start·(end/start)^(i/n) and
 *    pytorch-lr-finder's ^(i/(n − 1)) (davidtvs/pytorch-lr-finder `LRFinder.range_test`), its linear sweep, and
 *    Smith's linear test (arXiv:1506.01186, §3.3) as a triangular cycle whose peak is the last step.
 */
import { describe, expect, it } from 'vitest';
import { sweepLearningRate } from '../lrfinder/sweep';
import { cyclical, type CyclicalParams } from './cyclical';
import { cosineWithWarmup, exponentialDecay, stepDecay } from './decay';
import { fastaiOneCycle, oneCycle, type OneCycleParams } from './oneCycle';
import { scheduleAt, type ScheduleSettings } from './schedule';

/** Relative 1e-12, absolute 1e-15 near 0 (the reference's tolerance for closed forms). */
function expectClose(actual: number, expected: number, relative = 1e-12): void {
  expect(Math.abs(actual - expected)).toBeLessThanOrEqual(Math.max(relative * Math.abs(expected), 1e-15));
}

const clr = (overrides: Partial<CyclicalParams>): CyclicalParams => ({
  baseLr: 0.001,
  maxLr: 0.006,
  stepSizeUp: 2000,
  mode: 'triangular',
  baseMomentum: 0.8,
  maxMomentum: 0.9,
  ...overrides,
});

describe('cyclical learning rate (PyTorch CyclicLR)', () => {
  it('T1 triangular, base 0.001, max 0.006, step 2000: lr and momentum', () => {
    const t = [0, 1, 500, 1000, 1500, 1999, 2000, 2001, 2500, 3000, 4000, 5000, 6000, 7000, 8000];
    const lr = [0.001, 0.0010025, 0.00225, 0.0035, 0.00475, 0.0059975, 0.006, 0.0059975, 0.00475, 0.0035, 0.001, 0.0035, 0.006, 0.0035, 0.001];
    const m = [0.9, 0.89995, 0.875, 0.85, 0.825, 0.80005, 0.8, 0.80005, 0.825, 0.85, 0.9, 0.85, 0.8, 0.85, 0.9];
    t.forEach((step, i) => {
      const v = cyclical(step, clr({}));
      expectClose(v.lr, lr[i]);
      expectClose(v.momentum, m[i]);
    });
  });

  it('T2 triangular2 halves the amplitude every cycle', () => {
    const t = [0, 1000, 2000, 3000, 4000, 5000, 6000, 7000, 8000, 9000, 10000, 12000];
    const lr = [0.001, 0.0035, 0.006, 0.0035, 0.001, 0.00225, 0.0035, 0.00225, 0.001, 0.001625, 0.00225, 0.001];
    const m = [0.9, 0.85, 0.8, 0.85, 0.9, 0.875, 0.85, 0.875, 0.9, 0.8875, 0.875, 0.9];
    t.forEach((step, i) => {
      const v = cyclical(step, clr({ mode: 'triangular2' }));
      expectClose(v.lr, lr[i]);
      expectClose(v.momentum, m[i]);
    });
  });

  it('T3 exp_range, γ = 0.99994, scales the amplitude by γ^t with the global t', () => {
    const rows: [number, number, number][] = [
      [0, 0.001, 0.9],
      [1000, 0.00335440709585463, 0.8529118580829075],
      [2000, 0.0054345862184085065, 0.81130827563183],
      [3000, 0.0030881642519600275, 0.8582367149607995],
      [4000, 0.001, 0.9],
      [5000, 0.002852028882703049, 0.862959422345939],
      [6000, 0.004488343954531024, 0.8302331209093795],
      [8000, 0.001, 0.9],
      [10000, 0.0037440087858930434, 0.8451198242821392],
    ];
    for (const [t, lr, m] of rows) {
      const v = cyclical(t, clr({ mode: 'exp_range', gamma: 0.99994 }));
      expectClose(v.lr, lr);
      expectClose(v.momentum, m);
    }
  });

  it('T4 small sequences: base 0.1, max 1, step 5', () => {
    const p = clr({ baseLr: 0.1, maxLr: 1, stepSizeUp: 5 });
    const triangular = [0.1, 0.28, 0.46, 0.64, 0.82, 1.0, 0.82, 0.64, 0.46, 0.28, 0.1];
    for (let t = 0; t <= 20; t++) expectClose(cyclical(t, p).lr, triangular[t % 10 === 0 && t > 0 ? 10 : t % 10]);
    const second = [0.19, 0.28, 0.37, 0.46, 0.55, 0.46, 0.37, 0.28, 0.19, 0.1];
    for (let t = 11; t <= 20; t++) expectClose(cyclical(t, { ...p, mode: 'triangular2' }).lr, second[t - 11]);
    const exp = [0.1, 0.262, 0.3916, 0.49366, 0.572392, 0.631441, 0.48263752, 0.358280326, 0.2549681956, 0.16973568802, 0.1, 0.156485907296, 0.201674633133];
    exp.forEach((lr, t) => expectClose(cyclical(t, { ...p, mode: 'exp_range', gamma: 0.9 }).lr, lr, 1e-10));
    const momentum = [0.9, 0.88, 0.86, 0.84, 0.82, 0.8, 0.82, 0.84, 0.86, 0.88, 0.9];
    momentum.forEach((m, t) => expectClose(cyclical(t, p).momentum, m));
    [0.9, 0.89, 0.88, 0.87, 0.86, 0.85].forEach((m, i) => expectClose(cyclical(10 + i, { ...p, mode: 'triangular2' }).momentum, m));
  });

  it('T5 asymmetric cycles (up 2000, down 6000, and up 2, down 6)', () => {
    const p = clr({ stepSizeUp: 2000, stepSizeDown: 6000 });
    const rows: [number, number][] = [
      [0, 0.001], [1000, 0.0035], [2000, 0.006], [3000, 0.005166666666666667], [5000, 0.0035],
      [7000, 0.0018333333333333333], [8000, 0.001], [9000, 0.0035], [10000, 0.006],
    ];
    for (const [t, lr] of rows) expectClose(cyclical(t, p).lr, lr);
    const small = [1, 3, 5, 4.333333333333, 3.666666666667, 3, 2.333333333333, 1.666666666667, 1];
    small.forEach((lr, t) => expectClose(cyclical(t, clr({ baseLr: 1, maxLr: 5, stepSizeUp: 2, stepSizeDown: 6 })).lr, lr, 1e-11));
  });

  it('properties: period up + down, peaks at max for triangular, lr(0) = base, monotone halves', () => {
    const p = clr({ stepSizeUp: 7, stepSizeDown: 11 });
    for (let t = 0; t < 100; t++) expectClose(cyclical(t + 18, p).lr, cyclical(t, p).lr, 1e-9);
    expectClose(cyclical(7, p).lr, 0.006);
    expect(cyclical(0, p).lr).toBe(0.001);
    for (let t = 0; t < 7; t++) expect(cyclical(t + 1, p).lr).toBeGreaterThan(cyclical(t, p).lr);
    for (let t = 7; t < 18; t++) expect(cyclical(t + 1, p).lr).toBeLessThan(cyclical(t, p).lr);
  });
});

const oc = (overrides: Partial<OneCycleParams> = {}): OneCycleParams => ({
  maxLr: 0.01,
  totalSteps: 100,
  pctStart: 0.3,
  anneal: 'cos',
  divFactor: 25,
  finalDivFactor: 1e4,
  threePhase: false,
  baseMomentum: 0.85,
  maxMomentum: 0.95,
  ...overrides,
});

describe('one-cycle (PyTorch OneCycleLR)', () => {
  it('T6 two-phase cos: lr and momentum', () => {
    const t = [0, 1, 10, 15, 29, 30, 40, 50, 64, 75, 90, 98, 99];
    const lr = [0.0004, 0.00042813780565907275, 0.002951639484641007, 0.005459866761210004, 0.01, 0.009994965352845242, 0.009402980047373053, 0.00793893450575732, 0.00500002, 0.0026306861650082568, 0.00040239952779819817, 5.07464715475788e-6, 4e-8];
    const m = [0.95, 0.9497068978577179, 0.9234204220349895, 0.897293054570729, 0.85, 0.8500503466729342, 0.8559702234071631, 0.8706107373853763, 0.9, 0.9236934331236499, 0.9459763886275725, 0.9499496533270657, 0.95];
    t.forEach((step, i) => {
      const v = oneCycle(step, oc());
      expectClose(v.lr, lr[i]);
      expectClose(v.momentum, m[i]);
    });
  });

  it('T6 two-phase linear', () => {
    const rows: [number, number][] = [
      [0, 0.0004], [1, 0.0007310344827586207], [10, 0.0037103448275862074], [29, 0.01], [30, 0.009857143428571429],
      [50, 0.007000012], [64, 0.00500002], [90, 0.001285749142857142],
    ];
    for (const [t, lr] of rows) expectClose(oneCycle(t, oc({ anneal: 'linear' })).lr, lr);
    expect(Math.abs(oneCycle(99, oc({ anneal: 'linear' })).lr - 4e-8)).toBeLessThan(1e-18);
    [[0, 0.95], [29, 0.85], [50, 0.88], [99, 0.95]].forEach(([t, m]) => expectClose(oneCycle(t, oc({ anneal: 'linear' })).momentum, m));
  });

  it('T6 three-phase cos and linear', () => {
    const t = [29, 30, 40, 50, 58, 59, 64, 75, 90, 98, 99];
    const lr = [0.01, 0.009971862194340927, 0.006976663145631591, 0.002092545833047228, 0.0004, 0.0003994132189207244, 0.00037923518808107194, 0.00025301100080928843, 4.573759381920785e-5, 6.267810792755867e-7, 4e-8];
    const m = [0.85, 0.850293102142282, 0.8814930922330042, 0.9323693142390913, 0.95, 0.95, 0.95, 0.95, 0.95, 0.95, 0.95];
    t.forEach((step, i) => {
      const v = oneCycle(step, oc({ threePhase: true }));
      expectClose(v.lr, lr[i]);
      expectClose(v.momentum, m[i]);
    });
    const linear: [number, number][] = [[40, 0.006358620689655172], [58, 0.0004], [75, 0.0002341629268292683], [90, 8.783609756097556e-5]];
    for (const [step, value] of linear) expectClose(oneCycle(step, oc({ threePhase: true, anneal: 'linear' })).lr, value);
  });

  it('holds the final rate after the last step instead of bouncing back up (pytorch/pytorch#91765)', () => {
    const end = oneCycle(99, oc());
    for (const t of [100, 101, 150, 10_000]) {
      const v = oneCycle(t, oc());
      expect(v.lr).toBe(end.lr);
      expect(v.finished).toBe(true);
    }
    expect(end.finished).toBe(false);
  });

  it('shape: rises monotonically to max, then falls monotonically to max/div/finalDiv', () => {
    for (let t = 0; t < 29; t++) expect(oneCycle(t + 1, oc()).lr).toBeGreaterThan(oneCycle(t, oc()).lr);
    for (let t = 29; t < 99; t++) expect(oneCycle(t + 1, oc()).lr).toBeLessThan(oneCycle(t, oc()).lr);
    // three-phase: up, down to the initial rate at 2·pct·N − 2, then annihilate with momentum held.
    for (let t = 29; t < 58; t++) expect(oneCycle(t + 1, oc({ threePhase: true })).lr).toBeLessThan(oneCycle(t, oc({ threePhase: true })).lr);
    for (let t = 58; t < 99; t++) expect(oneCycle(t, oc({ threePhase: true })).momentum).toBe(0.95);
  });

  it('T7 fastai fit_one_cycle flavour (pos = i/N, pct 0.25, div 25, final div 1e5)', () => {
    const p = oc({ pctStart: 0.25, finalDivFactor: 1e5 });
    const i = [0, 1, 10, 12, 25, 50, 62, 75, 99];
    const lr = [0.0004, 0.00043784943369050677, 0.0037167184270002532, 0.004898605506259296, 0.01, 0.007500025000000001, 0.0051047610522957886, 0.002500074999999999, 4.48580564721239e-6];
    const m = [0.95, 0.9496057350657239, 0.9154508497187474, 0.9031395259764656, 0.85, 0.875, 0.8989528790058321, 0.925, 0.9499561415049429];
    i.forEach((step, k) => {
      const v = fastaiOneCycle(step, p);
      expectClose(v.lr, lr[k], 1e-11);
      expectClose(v.momentum, m[k], 1e-11);
    });
  });
});

describe('monotone schedules', () => {
  it('step decay multiplies by γ every s steps; exponential decays by γ per s steps continuously', () => {
    expect(stepDecay(0, 0.1, 0.5, 10)).toBe(0.1);
    expect(stepDecay(9, 0.1, 0.5, 10)).toBe(0.1);
    expect(stepDecay(10, 0.1, 0.5, 10)).toBe(0.05);
    expect(stepDecay(25, 0.1, 0.5, 10)).toBe(0.025);
    expectClose(exponentialDecay(5, 0.1, 0.5, 10), 0.1 * Math.SQRT1_2);
    expectClose(exponentialDecay(20, 0.1, 0.5, 10), 0.025);
  });

  it('cosine warms up linearly, reaches lr₀ after W steps, ends at the floor and holds it', () => {
    expectClose(cosineWithWarmup(0, 0.1, 0.001, 10, 110).lr, 0.01);
    expectClose(cosineWithWarmup(9, 0.1, 0.001, 10, 110).lr, 0.1);
    expectClose(cosineWithWarmup(10, 0.1, 0.001, 10, 110).lr, 0.1);
    expectClose(cosineWithWarmup(60, 0.1, 0.001, 10, 110).lr, 0.0505);
    expectClose(cosineWithWarmup(110, 0.1, 0.001, 10, 110).lr, 0.001);
    expect(cosineWithWarmup(500, 0.1, 0.001, 10, 110)).toEqual({ lr: 0.001, finished: true });
  });
});

describe('LR range test sweep', () => {
  it('T8 exponential sweeps: fastai i/n and pytorch-lr-finder i/(n − 1), 1e-7 → 10 over 100 steps', () => {
    const rows: [number, number, number][] = [
      [0, 1e-7, 1e-7], [1, 1.202264434617413e-7, 1.2045035402587822e-7], [10, 6.309573444801933e-7, 6.42807311728432e-7],
      [25, 1e-5, 1.047615752789665e-5], [50, 0.001, 0.0010974987654930567], [75, 0.1, 0.11497569953977356],
      [90, 1.584893192461114, 1.8738174228603828], [94, 3.3113112148259076, 3.9442060594376556],
      [95, 3.981071705534969, 4.750810162102793], [99, 8.317637711026709, 10.0],
    ];
    for (const [i, fastai, reachEnd] of rows) {
      expectClose(sweepLearningRate(i, { start: 1e-7, end: 10, steps: 100, mode: 'exponential' }), fastai);
      expectClose(sweepLearningRate(i, { start: 1e-7, end: 10, steps: 100, mode: 'exponential', reachEnd: true }), reachEnd);
    }
  });

  it('T8 linear sweeps (pytorch-lr-finder 1e-3 → 1) and Smith\'s triangular test', () => {
    const rows: [number, number][] = [[1, 0.011090909090909092], [10, 0.10190909090909091], [50, 0.5055454545454546], [98, 0.989909090909091], [99, 1.0]];
    for (const [i, lr] of rows) expectClose(sweepLearningRate(i, { start: 1e-3, end: 1, steps: 100, mode: 'linear', reachEnd: true }), lr);
    [0, 1000, 2000, 3000, 4000].forEach((t, i) => expectClose(cyclical(t, clr({ baseLr: 0, maxLr: 0.02, stepSizeUp: 4000 })).lr, [0, 0.005, 0.01, 0.015, 0.02][i]));
  });
});

describe('scheduleAt', () => {
  const settings: ScheduleSettings = {
    kind: 'cyclical', learningRate: 0.001, maxLearningRate: 0.006, minLearningRate: 1e-5, unit: 'steps', stepSize: 2000,
    stepSizeDown: 0, decayFactor: 0.5, cyclicalMode: 'triangular', cyclicalGamma: 1, totalSteps: 100, warmupSteps: 0,
    pctStart: 0.3, anneal: 'cos', divFactor: 25, finalDivFactor: 1e4, threePhase: false, oneCycleStyle: 'pytorch',
    cycleMomentum: true, baseMomentum: 0.8, maxMomentum: 0.9, momentum: 0.5,
  };

  it('converts epochs to steps with the current steps per epoch', () => {
    const inEpochs = { ...settings, unit: 'epochs' as const, stepSize: 4 }; // 4 epochs of 500 steps = 2000
    for (const t of [0, 777, 2000, 3333]) expect(scheduleAt(t, inEpochs, 500)).toEqual(scheduleAt(t, settings, 500));
  });

  it('uses the fixed momentum unless the schedule cycles it', () => {
    expect(scheduleAt(1000, settings, 1).momentum).toBeCloseTo(0.85, 12);
    expect(scheduleAt(1000, { ...settings, cycleMomentum: false }, 1).momentum).toBe(0.5);
    expect(scheduleAt(1000, { ...settings, kind: 'constant' }, 1)).toEqual({ lr: 0.001, momentum: 0.5, finished: false });
  });
});
