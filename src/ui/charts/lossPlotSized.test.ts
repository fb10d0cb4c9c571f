/**
 * The loss plot renders Recharts once, at its measured size (issue 20 §7). Inside a ResponsiveContainer its first
 * render drew nothing (the container's size is unknown until an effect reads the box, a forced layout) and the
 * chart rendered again at its size in the same task: the page's longest task at the start. Now the box's size
 * comes from its ResizeObserver (useMeasuredSize) and the plot is given it: a static render (effects and
 * observers never run) is that first render, and must already hold Recharts' chart at that size.
 */
import { createElement } from 'react';
import { renderToStaticMarkup } from 'react-dom/server';
import { describe, expect, it } from 'vitest';
import type { MetricHistory } from '../../state/runSeries';
import { LossPlot } from './LossChart';
import { lossChartModel, type ChartRun } from './runChartModel';

const steps = Array.from({ length: 50 }, (_, i) => i * 10);
const history = {
  step: steps,
  epoch: steps.map((s) => s / 100),
  examplesSeen: steps.map((s) => s * 32),
  wallMs: steps.map((s) => s * 10),
  trainLoss: steps.map((s) => 1 / (1 + s)),
  testLoss: steps.map((s) => 1.1 / (1 + s)),
  trainAccuracy: steps.map(() => Number.NaN),
  testAccuracy: steps.map(() => Number.NaN),
  learningRate: steps.map(() => 0.01),
} as MetricHistory;
const run: ChartRun = { id: 'run-1', position: 1, name: 'run 1', color: '#0072B2', task: 'binary', seeds: [1], history, rateHistory: { steps: [], learningRates: [], momenta: [] }, probes: {}, diverged: [] };

describe('the loss plot before any effect has run', () => {
  it('renders Recharts at the size it is given in its first render, with no ResponsiveContainer pass', () => {
    const model = lossChartModel([run], { axis: 'step', band: 'minmax', smoothing: 0, logY: false, maxPoints: 600 });
    const y = { domain: [0, 1] as [number, number], ticks: [0, 0.5, 1], format: (v: number) => String(v), width: 40 };
    const html = renderToStaticMarkup(createElement(LossPlot, { width: 612, height: 250, model, xDomain: model.xDomain, xAxis: 'step', logY: false, logX: false, y, yTitle: 'loss' }));
    expect(html).not.toContain('recharts-responsive-container');
    // Recharts' own wrapper, sized: its chart size is reported from this render (Recharts 3's ReportChartSize).
    const wrappers = html.match(/<div[^>]*class="recharts-wrapper"[^>]*>/g) ?? [];
    expect(wrappers).toHaveLength(1);
    expect(wrappers[0]).toContain('width:612px;height:250px');
  });
});
