/** The loss chart's recent window, log x axis, best test marks and diverged stretches (runChartModel.lossChartModel). */
import { describe, expect, it } from 'vitest';
import type { DivergedSegment, MetricHistory } from '../../state/runSeries';
import { lossChartModel, valueExtent, xTicks, type ChartRun } from './runChartModel';
import { DIVERGED_AXIS_REACH, placeOnAxis } from './lossMarks';

/** A history at `steps` with the given train losses; test loss = train + 0.1 unless given. */
function history(steps: number[], trainLoss: number[], testLoss?: number[]): MetricHistory {
  return {
    step: steps,
    epoch: steps.map((s) => s / 100),
    examplesSeen: steps.map((s) => s * 32),
    wallMs: steps.map((s) => s * 10),
    trainLoss,
    testLoss: testLoss ?? trainLoss.map((v) => v + 0.1),
    trainAccuracy: steps.map(() => Number.NaN),
    testAccuracy: steps.map(() => Number.NaN),
    learningRate: steps.map(() => 0.01),
  } as MetricHistory;
}

function run(position: number, h: MetricHistory, diverged: DivergedSegment[] = []): ChartRun {
  return { id: `run-${position}`, position, name: `run ${position}`, color: '#0072B2', task: 'binary', seeds: [1], history: h, rateHistory: { steps: [], learningRates: [], momenta: [] }, probes: {}, diverged };
}

const OPTIONS = { axis: 'step' as const, band: 'minmax' as const, smoothing: 0, logY: false, maxPoints: 600 };
const range = (n: number, every = 1): number[] => Array.from({ length: n }, (_, i) => i * every);

describe('the recent window', () => {
  const steps = range(101, 100); // steps 0 … 10,000
  const losses = steps.map((s) => 1 / (1 + s));

  it('keeps the last N steps of the furthest run, for every run, and says what it left off', () => {
    const short = run(2, history(range(31, 100), range(31).map(() => 0.5)));
    const model = lossChartModel([run(1, history(steps, losses)), short], { ...OPTIONS, windowSteps: 2000 });
    const xs = (id: string): number[] => model.lines.find((l) => l.id === id)?.points.map((p) => p.x) ?? [];
    expect(xs('run-1/train')).toEqual(range(21, 100).map((s) => s + 8000));
    // The shorter run ended at step 3,000: it has nothing in the last 2,000 steps of the longest, and is not drawn.
    expect(xs('run-2/train')).toEqual([]);
    expect(model.runIds).toEqual(['run-1']);
    expect(model.xDomain).toEqual([8000, 10000]);
    expect(model.window).toEqual({ from: 8000, to: 10000 });
  });

  it('spans its steps when few points fall in it (a point per tick at full speed), so a log x axis has three labels', () => {
    const sparse = history([0, 600, 1200], [0.7, 0.4, 0.3]);
    for (const logX of [false, true]) {
      const model = lossChartModel([run(1, sparse)], { ...OPTIONS, windowSteps: 500, logX });
      expect(model.xDomain).toEqual([700, 1200]);
      expect(xTicks(model.xDomain ?? [0, 0], 'step', logX).length).toBeGreaterThanOrEqual(3);
    }
  });

  it('is no window when it covers every step, and "all" is none', () => {
    const h = history(steps, losses);
    expect(lossChartModel([run(1, h)], { ...OPTIONS, windowSteps: 10000 }).window).toBeNull();
    const all = lossChartModel([run(1, h)], { ...OPTIONS, windowSteps: 0 });
    expect(all.window).toBeNull();
    expect(all.xDomain).toEqual([0, 10000]);
  });

  it('decimates within the window, so a spike inside it is drawn and the window gets the full point budget', () => {
    const many = range(20001); // every step to 20,000
    const spiky = many.map((s) => (s === 19_750 ? 9 : 0.1));
    const model = lossChartModel([run(1, history(many, spiky))], { ...OPTIONS, maxPoints: 100, windowSteps: 500 });
    const points = model.lines[0].points;
    expect(points.some((p) => p.x === 19_750 && p.y === 9)).toBe(true);
    // One point (a flat bucket) or two per bucket of maxPoints / 2: the 500 steps get 50 or more, not the ~2 that
    // decimating all 20,001 steps to 100 would leave in them.
    expect(points.length).toBeGreaterThanOrEqual(50);
    expect(Math.min(...points.map((p) => p.x))).toBe(19_500);
  });

  it('smooths over the whole history: a point smoothed in the window equals the same point smoothed without it', () => {
    const h = history(steps, steps.map((s, i) => (i % 2 === 0 ? 1 : 0.2) + s * 0));
    const windowed = lossChartModel([run(1, h)], { ...OPTIONS, smoothing: 0.9, windowSteps: 500 });
    const all = lossChartModel([run(1, h)], { ...OPTIONS, smoothing: 0.9 });
    const at = (model: typeof all, x: number) => model.lines.find((l) => l.id === 'run-1/train')?.points.find((p) => p.x === x)?.y;
    expect(at(windowed, 9600)).toBe(at(all, 9600));
  });
});

describe('log x', () => {
  it('leaves out step 0 (and says so) rather than placing it, and keeps every step above it', () => {
    const model = lossChartModel([run(1, history([0, 1, 10, 100], [0.7, 0.6, 0.3, 0.1]))], { ...OPTIONS, logX: true });
    const points = model.lines[0].points;
    expect(points.map((p) => p.x)).toEqual([1, 10, 100]);
    expect(model.xDomain).toEqual([1, 100]);
    expect(model.leftOutAtZero).toBe(true);
    expect(lossChartModel([run(1, history([0, 1, 10], [0.7, 0.6, 0.3]))], OPTIONS).leftOutAtZero).toBe(false);
  });

  it('on the time axis leaves out the rows at 0 s, whatever their step', () => {
    const h = history([0, 1, 2, 3], [0.7, 0.6, 0.5, 0.4]);
    h.wallMs = [0, 0, 20, 30];
    const model = lossChartModel([run(1, h)], { ...OPTIONS, axis: 'time', logX: true });
    expect(model.lines[0].points.map((p) => p.x)).toEqual([0.02, 0.03]);
  });

  it('draws nothing at x ≤ 0 even where a column does not ascend', () => {
    const h = history([0, 1, 2, 3], [0.7, 0.6, 0.5, 0.4]);
    h.epoch = [0, 0.5, 0, 1];
    const model = lossChartModel([run(1, h)], { ...OPTIONS, axis: 'epoch', logX: true });
    expect(model.lines[0].points.filter((p) => p.y !== null).map((p) => p.x)).toEqual([0.5, 1]);
    expect(model.xDomain).toEqual([0.5, 1]);
  });
});

describe('the best test step on the chart', () => {
  it('marks each run at its lowest test loss, the earliest of a tie, NaN ignored', () => {
    const test = [0.7, Number.NaN, 0.2, 0.3, 0.2, 0.5];
    const model = lossChartModel([run(1, history(range(6, 10), [0.7, 0.5, 0.3, 0.2, 0.1, 0.05], test))], OPTIONS);
    expect(model.best).toHaveLength(1);
    expect(model.best[0]).toMatchObject({ step: 20, loss: 0.2, x: 20, inView: true, label: 'best test loss 0.2 at step 20' });
  });

  it('is said to be off the chart when a window starts after it, or log x cannot place it', () => {
    const h = history(range(101, 100), range(101).map(() => 0.5), range(101).map((i) => (i === 3 ? 0.1 : 0.5)));
    const [windowed] = lossChartModel([run(1, h)], { ...OPTIONS, windowSteps: 500 }).best;
    expect(windowed).toMatchObject({ step: 300, inView: false });
    const atZero = history([0, 10, 20], [1, 0.5, 0.4], [0.1, 0.5, 0.6]);
    expect(lossChartModel([run(1, atZero)], { ...OPTIONS, logX: true }).best[0]).toMatchObject({ step: 0, inView: false });
  });
});

describe('log x with a recent window', () => {
  const inside = (ticks: number[], [low, high]: [number, number]): number[] => ticks.filter((t) => t >= low && t <= high);

  it('labels a narrow span with at least three of its own whole steps (1,175–1,675 holds no decade tick)', () => {
    const steps = range(68, 25); // steps 0 … 1,675
    const model = lossChartModel([run(1, history(steps, steps.map((s) => 1 / (1 + s))))], { ...OPTIONS, windowSteps: 500, logX: true });
    expect(model.xDomain).toEqual([1175, 1675]);
    const ticks = inside(xTicks(model.xDomain ?? [1, 1], 'step', true), [1175, 1675]);
    expect(ticks).toEqual([1200, 1400, 1600]);
  });

  it('gives every 500-step window at least three labels, whole numbers, and keeps decades on a wide span', () => {
    for (const end of [600, 1100, 1675, 2600, 5300, 12_345, 99_999]) {
      const domain: [number, number] = [end - 500, end];
      const ticks = inside(xTicks(domain, 'step', true), domain);
      expect(ticks.length, `steps ${domain.join('–')}`).toBeGreaterThanOrEqual(3);
      expect(ticks.every(Number.isInteger)).toBe(true);
    }
    expect(xTicks([1, 20_000], 'step', true)).toEqual([1, 10, 100, 1000, 10_000]);
    expect(xTicks([0.5, 0.9], 'time', true)).toEqual([0.5, 0.6, 0.7, 0.8, 0.9]);
  });
});

/** The too-high-rate scene's run 3 (measured on CPU): rewound to step 0 after diverging at step 6. */
const REWOUND: DivergedSegment = {
  step: [0, 1, 2, 3, 4, 5, 6],
  epoch: [0, 0.01, 0.02, 0.03, 0.04, 0.05, 0.06],
  examplesSeen: [0, 32, 64, 96, 128, 160, 192],
  wallMs: [0, 10, 20, 30, 40, 50, 60],
  trainLoss: [0.716, 0.897, 0.727, 1.872, 1.599, 3.431, 10.68],
  atStep: 6,
  loss: 10.68,
  seed: null,
  restoredStep: 0,
};

describe('a diverged stretch on the chart', () => {
  it('keeps the rewound run on the chart: its own line is one point, the stretch is drawn and sets the axes', () => {
    const model = lossChartModel([run(3, history([0], [0.716], [0.709]), [REWOUND])], OPTIONS);
    expect(model.lines.find((l) => l.id === 'run-3/train')?.points).toHaveLength(1);
    expect(model.diverged).toHaveLength(1);
    expect(model.diverged[0].points.map((p) => p.y)).toEqual(REWOUND.trainLoss);
    expect(model.diverged[0].marker).toEqual({ x: 6, y: 10.68 });
    expect(model.xDomain).toEqual([0, 6]);
    // The run's own line tops out at 0.716: the stretch takes the axis to 1.5 × 0.716 = 1.074, not to 10.68.
    const [low, high] = valueExtent(model, false) ?? [0, 0];
    expect(low).toBe(0.709);
    expect(high).toBeCloseTo(1.074, 12);
    expect(model.runIds).toEqual(['run-3']);
  });

  it('does not let a blow-up flatten the axis: beyond the reach the stretch leaves the plot at the top', () => {
    const huge = { ...REWOUND, trainLoss: [...REWOUND.trainLoss.slice(0, -1), 1e12], loss: 1e12 };
    const model = lossChartModel([run(3, history([0, 1], [0.716, 0.7], [0.709, 0.7]), [huge])], OPTIONS);
    const top = valueExtent(model, false)?.[1] ?? 0;
    expect(top).toBeCloseTo(1.074, 12);
    expect(model.diverged[0].marker?.y).toBe(1e12);
    expect(placeOnAxis(1e12, [0, top])).toEqual({ y: top, offScale: true });
  });

  it('the too-high-rate scene: the axis follows runs 1 and 2, the stretch of run 3 may reach 1.5× their top and its ✕ is off the scale', () => {
    const steps = range(41, 25); // steps 0 … 1,000
    const crawl = run(1, history(steps, steps.map((s) => 0.69 - s * 1e-5))); // a small rate: 0.69 → 0.68
    const good = run(2, history(steps, steps.map((s) => 0.69 * Math.exp(-s / 200) + 0.05))); // converges
    const model = lossChartModel([crawl, good, run(3, history([0, 25], [0.716, 0.71], [0.709, 0.7]), [REWOUND])], OPTIONS);
    const [low, high] = valueExtent(model, false) ?? [0, 0];
    expect(high).toBeCloseTo(0.84 * DIVERGED_AXIS_REACH, 12); // run 2's test line at step 0 (0.69 + 0.05 + 0.1) is the live top
    expect(high).toBeLessThan(1.3);
    expect(low).toBeLessThan(0.06);
    const marker = model.diverged[0].marker ?? { x: 0, y: 0 };
    expect(placeOnAxis(marker.y, [low, high]).offScale).toBe(true);
  });

  it('follows the window and log x like the lines', () => {
    const windowed = lossChartModel([run(3, history([0, 600], [0.716, 0.3]), [REWOUND])], { ...OPTIONS, windowSteps: 500 });
    expect(windowed.diverged).toEqual([]);
    const logged = lossChartModel([run(3, history([0], [0.716]), [REWOUND])], { ...OPTIONS, logX: true });
    expect(logged.diverged[0].points.map((p) => p.x)).toEqual([1, 2, 3, 4, 5, 6]);
  });
});
