import { describe, expect, it } from 'vitest';
import { LIGHT_PLOT, paddedDomain, plotStyleFrom, tickLabel, xLabelsThatFit, yLabelCount } from './canvasPlot';

describe('paddedDomain', () => {
  it('pads finite values by 5 % and ignores NaN and infinities', () => {
    expect(paddedDomain([0, 10, Number.NaN, Number.POSITIVE_INFINITY])).toEqual([-0.5, 10.5]);
  });
  it('widens a single value and falls back to [-1, 1] for nothing', () => {
    expect(paddedDomain([2, 2])).toEqual([1, 3]);
    expect(paddedDomain([])).toEqual([-1, 1]);
  });
});

describe('tickLabel', () => {
  it('keeps the minus sign of small negative values, as a true minus, in few characters', () => {
    expect(tickLabel(-0.00026)).toBe('\u22122.6e\u22124');
    expect(tickLabel(-0.0012)).toBe('\u22120.0012');
    expect(tickLabel(-1.5)).toBe('\u22121.5');
    expect(tickLabel(0.00026)).toBe('2.6e\u22124');
    expect(tickLabel(123456)).toBe('1.2e5');
    expect(tickLabel(0.5)).toBe('0.5');
    for (const v of [-0.00026, -3.3e-7, -98765, -0.01]) expect(tickLabel(v).length).toBeLessThanOrEqual(7);
  });
  it('shows a midpoint that is zero up to rounding as 0', () => {
    expect(tickLabel((-0.3 + 0.3000000000000001) / 2, 0.6)).toBe('0');
    // The middle tick of [−0.0023, 0.0022] is noise next to the span: 0. Of [−0.67, 0.57], −0.05.
    expect(tickLabel((-0.0023 + 0.0022) / 2, 0.0045)).toBe('0');
    expect(tickLabel((-0.67 + 0.57) / 2, 1.24)).toBe('\u22120.05');
    expect(tickLabel(-0.0023, 0.0045)).toBe('\u22120.0023');
    expect(tickLabel(1e-9, 0)).toBe('1e\u22129');
  });
});

describe('plotStyleFrom', () => {
  const reader = (values: Record<string, string>) => (property: string): string => values[property] ?? '';
  it('takes the theme around the canvas: the dark theme paints a dark paper with light ink', () => {
    const style = plotStyleFrom(reader({ '--panel': ' #1a202c', '--muted': '#a9b2c1', '--line': '#3a4558' }));
    expect(style.background).toBe('#1a202c');
    expect(style.ink).toBe('#a9b2c1');
    expect(style.frame).toBe('#3a4558');
  });
  it('keeps the light paper where the page sets no colours, and a label size only within 8–40 px', () => {
    expect(plotStyleFrom(reader({}))).toEqual(LIGHT_PLOT);
    expect(plotStyleFrom(reader({ '--plot-font-size': '13' })).fontSize).toBe(13);
    for (const bad of ['abc', '2', '400', '']) expect(plotStyleFrom(reader({ '--plot-font-size': bad })).fontSize).toBe(LIGHT_PLOT.fontSize);
  });
});

describe('the labels of a narrow plot', () => {
  it('keeps the two ends and the name apart, dropping the name first, then the ends', () => {
    const widths = { low: 30, high: 26, name: 10 };
    // 200 px: all three, apart.
    expect(xLabelsThatFit(20, 220, widths)).toEqual({ ends: true, name: true });
    // 70 px (a stage card of six): the ends fit (56 + 4), the name between them does not.
    expect(xLabelsThatFit(20, 90, widths)).toEqual({ ends: true, name: false });
    // 50 px: not even the ends; the name alone fits.
    expect(xLabelsThatFit(20, 70, widths)).toEqual({ ends: false, name: true });
    expect(xLabelsThatFit(20, 25, widths)).toEqual({ ends: false, name: false });
  });
  it('labels the middle of the y axis only where three labels fit a line and a half apart', () => {
    expect(yLabelCount(120, 11)).toBe(3);
    expect(yLabelCount(33, 11)).toBe(3);
    expect(yLabelCount(32, 11)).toBe(2);
  });
});
