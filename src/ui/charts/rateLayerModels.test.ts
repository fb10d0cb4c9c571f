import { describe, expect, it } from 'vitest';
import type { RateLog } from '../../engine/session';
import type { MetricHistory, ProbeHistory } from '../../state/runSeries';
import { layerDash, layerName, layerStatsModel, UPDATE_RATIO_RULE } from './layerStatsModel';
import { casedWidth, momentumAxis, rateChartModel, sharedAxisWidth } from './rateChartModel';
import { lossChartModel, type ChartRun } from './runChartModel';

const STEPS = [0, 100, 200];

/** A run whose epochs pass at `epochsPerStep` (its batch size over the data set's size). */
function run(position: number, options: { rates?: RateLog; stats?: ProbeHistory; epochsPerStep?: number } = {}): ChartRun {
  const perStep = options.epochsPerStep ?? 0.01;
  const history = {
    step: STEPS,
    epoch: STEPS.map((s) => s * perStep),
    examplesSeen: STEPS.map((s) => s * 32),
    wallMs: STEPS.map((s) => s * 5),
    trainLoss: [1, 0.5, 0.2],
    testLoss: [1, 0.6, 0.3],
    trainAccuracy: [0.5, 0.7, 0.9],
    testAccuracy: [0.5, 0.7, 0.8],
    learningRate: [0.01, 0.01, 0.01],
  } as MetricHistory;
  return {
    id: `run-${position}`,
    position,
    name: `run ${position}`,
    color: ['#0072B2', '#D55E00', '#009E73'][position - 1],
    task: 'binary',
    seeds: [1],
    history,
    rateHistory: options.rates ?? { steps: [], learningRates: [], momenta: [] },
    probes: options.stats ? { layerStatistics: options.stats } : {},
  };
}

// The session logs each step's rate under the count of steps before it (engine/session.ts): the steps that end at
// counts 1, 100 and 200.
const constant = (lr: number, momentum = 0.9): RateLog => ({ steps: [0, 99, 199], learningRates: [lr, lr, lr], momenta: [momentum, momentum, momentum] });
const cycling: RateLog = { steps: [0, 99, 199], learningRates: [0.001, 0.05, 0.002], momenta: [0.95, 0.85, 0.95] };

describe('learning-rate chart over runs', () => {
  it('labels a narrow momentum range (one-cycle leaving 0.95) with distinct ticks, never "0.95 / 0.95"', () => {
    for (const range of [[0.9499, 0.9501], [0.94995, 0.95], [0.85, 0.95]] as [number, number][]) {
      const { ticks, format } = momentumAxis(range);
      const labels = ticks.map(format);
      expect(ticks.length).toBeGreaterThanOrEqual(2);
      expect(new Set(labels).size).toBe(labels.length);
    }
    expect(momentumAxis([0.85, 0.95]).ticks.map(momentumAxis([0.85, 0.95]).format)).toEqual(['0.85', '0.9', '0.95']);
  });

  it('gives the loss and rate charts one y-axis width, the wider of the two, so their x positions line up', () => {
    expect(sharedAxisWidth({ loss: 52, rate: 66 })).toBe(66);
    expect(sharedAxisWidth({ loss: 80, rate: 66 })).toBe(80);
    expect(sharedAxisWidth({ loss: 52 })).toBe(52);
    expect(sharedAxisWidth({})).toBeNull();
  });

  it('overlays each run in its colour, with the rate range and point count over all of them', () => {
    const model = rateChartModel([run(1, { rates: constant(0.01) }), run(2, { rates: cycling })], 'step');
    expect(model.lines.map((l) => l.id)).toEqual(['run-1/lr', 'run-2/lr', 'run-2/momentum']);
    expect(model.styles['run-2/lr'].color).toBe('#D55E00');
    expect(model.minRate).toBe(0.001);
    expect(model.maxRate).toBe(0.05);
    expect(model.points).toBe(6);
    expect(model.logY).toBe(false);
  });

  it('shows momentum only for a run whose momentum cycles, on the right axis', () => {
    expect(rateChartModel([run(1, { rates: constant(0.01) })], 'step').showMomentum).toBe(false);
    const model = rateChartModel([run(1, { rates: constant(0.01) }), run(2, { rates: cycling })], 'step');
    expect(model.showMomentum).toBe(true);
    expect(model.styles['run-2/momentum']).toMatchObject({ axis: 'right', color: '#D55E00' });
    expect(model.lines.some((l) => l.id === 'run-1/momentum')).toBe(false);
    expect(model.momentumRange).toEqual([0.85, 0.95]);
  });

  it('follows the loss chart’s recent window and log x, so the two still line up', () => {
    const runs = [run(1, { rates: cycling })];
    const loss = (view: { windowSteps?: number; logX?: boolean }) => lossChartModel(runs, { axis: 'step', band: 'minmax', smoothing: 0, logY: false, maxPoints: 600, ...view });
    const windowed = rateChartModel(runs, 'step', 600, { windowSteps: 150 });
    expect(windowed.lines[0].points.map((p) => p.x)).toEqual([100, 200]);
    // Both span the window's 150 steps (50–200), not only the points in it.
    expect(windowed.xDomain).toEqual([50, 200]);
    expect(windowed.xDomain).toEqual(loss({ windowSteps: 150 }).xDomain);
    // Log x: the loss chart leaves out step 0 and starts at its next evaluation; the rate chart starts there too.
    const logged = rateChartModel(runs, 'step', 600, { logX: true });
    expect(logged.xDomain).toEqual([100, 200]);
    expect(logged.lines[0].points.map((p) => p.x)).toEqual([100, 200]);
    expect(loss({ logX: true }).xDomain).toEqual([100, 200]);
    expect(rateChartModel(runs, 'step').xDomain).toEqual([0, 200]);
  });

  it('spans at least the loss chart’s x range, so the two line up, and keeps coinciding rates visible', () => {
    const model = rateChartModel([run(1, { rates: constant(0.01) }), run(2, { rates: constant(0.01) })], 'step');
    // The rates start at step 1; the metrics (the loss chart) at step 0.
    expect(model.xDomain).toEqual([0, 200]);
    // Run 1 is drawn wider under run 2: the same rate shows both colours.
    expect(model.styles['run-1/lr'].width).toBeGreaterThan(model.styles['run-2/lr'].width);
    expect([0, 1, 2].map((i) => casedWidth(i, 3))).toEqual([4.5, 3.25, 2]);
    expect(casedWidth(0, 1)).toBe(2);
  });

  it('draws log-scaled when the rates span more than two decades', () => {
    expect(rateChartModel([run(1, { rates: constant(1e-5) }), run(2, { rates: constant(0.1) })], 'step').logY).toBe(true);
  });

  it('reaches below zero on a linear axis where an adapted (SGD-HD, Adam-HD) rate went there', () => {
    const adapted: RateLog = { steps: [0, 99, 199], learningRates: [0.001, 0.2, -0.003], momenta: [0.9, 0.9, 0.9] };
    const model = rateChartModel([run(1, { rates: adapted })], 'step');
    expect(model.lowestRate).toBe(-0.003);
    expect(model.logY).toBe(false);
    expect(model.lines[0].points.map((p) => p.y)).toEqual([0.001, 0.2, -0.003]);
  });

  it('maps each run’s steps to its own epochs', () => {
    const model = rateChartModel([run(1, { rates: constant(0.01), epochsPerStep: 0.01 }), run(2, { rates: constant(0.02), epochsPerStep: 0.1 })], 'epoch');
    expect(model.lines[0].points.map((p) => p.x)).toEqual([0.01, 1, 2]);
    expect(model.lines[1].points.map((p) => p.x)).toEqual([0.1, 10, 20]);
  });

  it('draws the rate used on step k at x = k, where the CSV and the status bar put it', () => {
    // Four steps of a schedule that peaks on the third step: the session logs them under 0, 1, 2, 3.
    const history = { step: [0, 4], epoch: [0, 0.04], examplesSeen: [0, 128], wallMs: [0, 20], trainLoss: [1, 0.9], testLoss: [1, 0.9], trainAccuracy: [0.5, 0.6], testAccuracy: [0.5, 0.6], learningRate: [Number.NaN, 0.02] } as MetricHistory;
    const fourSteps: ChartRun = { ...run(1), history, rateHistory: { steps: [0, 1, 2, 3], learningRates: [0.01, 0.03, 0.05, 0.02], momenta: [0.9, 0.9, 0.9, 0.9] } };
    const line = rateChartModel([fourSteps], 'step').lines[0].points;
    expect(line.map((p) => p.x)).toEqual([1, 2, 3, 4]);
    // The peak sits on step 3, and the last point is what the latest evaluation (step 4) reports as its rate.
    expect(line.find((p) => p.y === 0.05)?.x).toBe(3);
    expect(line[line.length - 1]).toEqual({ x: 4, y: history.learningRate[1] });
  });

  it('has a right axis range whenever it has a right-axis series, so the chart draws that axis (seriesLines places nothing without it)', () => {
    const partial: RateLog = { steps: [0, 99, 199], learningRates: [0.01, 0.02, 0.01], momenta: [Number.NaN, 0.85, 0.95] };
    for (const rates of [cycling, partial, constant(0.01)]) {
      const model = rateChartModel([run(1, { rates })], 'step');
      const right = model.lines.filter((line) => model.styles[line.id].axis === 'right');
      expect(right.length > 0).toBe(model.showMomentum && model.momentumRange !== null);
    }
  });

  it('has nothing to draw before the first step', () => {
    const model = rateChartModel([run(1)], 'step');
    expect(model.lines).toEqual([]);
    expect(model.minRate).toBeNull();
    expect(model.points).toBe(0);
  });
});

const stats = (scale: number): ProbeHistory => ({
  step: STEPS,
  algorithm: STEPS.map(() => 0),
  byQuantity: { gradientNorm: [
    [1 * scale, 0.5 * scale, 0.2 * scale],
    [2 * scale, 1 * scale, 0.4 * scale],
    [0, 0.1 * scale, 0.05 * scale],
  ],
  updateRatio: [
    [1e-2, 5e-3, 2e-3],
    [1e-2, 4e-3, 3e-3],
    [2e-2, 1e-2, 9e-3],
  ] },
});

describe('layer statistics chart', () => {
  it('draws every layer of every run, runs by colour and layers by dash', () => {
    const model = layerStatsModel([run(1, { stats: stats(1) }), run(2, { stats: stats(3) })], 'step', null);
    const { gradientNorm } = model.charts;
    expect(model.layerCount).toBe(3);
    expect(gradientNorm.lines.map((l) => l.id)).toEqual(['run-1/gradientNorm/0', 'run-1/gradientNorm/1', 'run-1/gradientNorm/2', 'run-2/gradientNorm/0', 'run-2/gradientNorm/1', 'run-2/gradientNorm/2']);
    expect(gradientNorm.styles['run-2/gradientNorm/1']).toMatchObject({ color: '#D55E00', dash: layerDash(1) });
    expect(new Set([0, 1, 2].map(layerDash)).size).toBe(3);
    // A zero norm cannot be shown on the log axis: it is a gap, not a dive to the bottom.
    expect(gradientNorm.lines[2].points[0].y).toBeNull();
    expect(gradientNorm.y?.ticks.length).toBeGreaterThanOrEqual(2);
  });

  it('draws one layer, solid, when one is picked', () => {
    const model = layerStatsModel([run(1, { stats: stats(1) }), run(2, { stats: stats(3) })], 'step', 2);
    expect(model.charts.updateRatio.lines.map((l) => l.id)).toEqual(['run-1/updateRatio/2', 'run-2/updateRatio/2']);
    expect(model.charts.updateRatio.styles['run-1/updateRatio/2'].dash).toBeUndefined();
  });

  it('keeps the 1e-3 rule of thumb on the update-ratio axis', () => {
    const model = layerStatsModel([run(1, { stats: stats(1) })], 'step', 0);
    const domain = model.charts.updateRatio.y?.domain;
    expect(domain?.[0]).toBeLessThanOrEqual(UPDATE_RATIO_RULE);
    expect(domain?.[1]).toBeGreaterThanOrEqual(1e-2);
  });

  it('names layers with the output last, and draws nothing before the first diagnosed step', () => {
    expect([0, 1, 2].map((m) => layerName(m, 3))).toEqual(['layer 1', 'layer 2', 'layer 3 (output)']);
    const empty = layerStatsModel([run(1)], 'step', null);
    expect(empty.layerCount).toBe(0);
    expect(empty.charts.gradientNorm.lines).toEqual([]);
    expect(empty.charts.updateRatio.y).toBeNull();
  });
});
