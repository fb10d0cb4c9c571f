/**
 * Axes of the sweep charts (issue 17 §3), in fractions of the plot so the models stay independent of pixels:
 * the swept field's axis (log, linear, or one slot per choice) and the metric's axis (log when the values span
 * more than two decades). Also the words the charts use for a field's value and a metric's value. TF.js-free.
 */
import type { SweepScale, SweepValue } from '../../config/sweep';
import { higherIsBetter, type SweepMetric } from '../../engine/sweep/response';
import { linearAxis, logAxis } from '../charts/lineChartModel';
import { formatAccuracy, formatLoss } from '../format';
import { groupedNumber } from '../../text/groupedNumber';

export type XScale = SweepScale | 'category';

export interface Tick {
  /** Position in axis units: log10 of the value on a log axis, the value on a linear one, the index on a category one. */
  at: number;
  label: string;
}

export interface XAxis {
  /** The scale drawn: a log sweep over a non-positive value is drawn linear, any non-number value as categories. */
  scale: XScale;
  /** In axis units (see Tick.at). */
  domain: [number, number];
  ticks: Tick[];
  /** Unlabelled positions (axis units): 2 … 9 times each power of ten on a log axis. */
  minor: number[];
}

/** Where a metric value sits vertically: a fraction of the plot (0 bottom, 1 top), off the scale, or nowhere (NaN). */
export type YPos = number | 'high' | 'low' | null;

export interface YAxis {
  log: boolean;
  domain: [number, number];
  ticks: number[];
}

/** A tick or cell label short enough for an axis: 1e-3, 2.5e-4, 0.03, 0.1, 12, 3e4. */
export function formatCompact(v: number): string {
  if (v === 0 || !Number.isFinite(v)) return String(v);
  const rounded = Number(v.toPrecision(3));
  const size = Math.abs(rounded);
  return size < 0.01 || size >= 1e4 ? rounded.toExponential().replace('e+', 'e') : String(rounded);
}

/** A field's value in words: a number to 4 significant digits, a switch as on/off, a choice as itself. */
export function formatSweepValue(v: SweepValue): string {
  if (typeof v === 'number') return Number.isFinite(v) ? String(Number(v.toPrecision(4))) : String(v);
  if (typeof v === 'boolean') return v ? 'on' : 'off';
  return v;
}

/** A metric's value in words: accuracies as percentages, steps as a count, losses to 4 significant digits. */
export function formatMetricValue(metric: SweepMetric, v: number): string {
  if (Number.isNaN(v)) return 'no value';
  if (v === Number.POSITIVE_INFINITY) return metric.kind === 'stepsTo' ? 'not reached' : 'off the scale (∞)';
  if (v === Number.NEGATIVE_INFINITY) return 'off the scale (−∞)';
  if (higherIsBetter(metric)) return formatAccuracy(v);
  if (metric.kind === 'stepsTo') return `${groupedNumber(Math.round(v))} steps`;
  return formatLoss(v);
}

const isNumber = (v: SweepValue): v is number => typeof v === 'number' && Number.isFinite(v);

/** The scale an axis over `values` can be drawn in, given the one the sweep asked for. */
export function effectiveScale(values: readonly SweepValue[], scale: XScale): XScale {
  if (scale === 'category' || values.length === 0 || !values.every(isNumber)) return 'category';
  if (scale === 'log' && values.some((v) => (v as number) <= 0)) return 'linear';
  return scale;
}

/**
 * Ticks of a log axis over `[low, high]` (in log10 units): the decades, every k-th when more than `maxLabels`
 * (anchored at 10⁰, so the same decades are labelled whatever the ends), with 2 … 9 times each decade as minor
 * positions. A span too short for two decades is labelled at 1, 2 and 5 times a power of ten (all of 1 … 9 if
 * even that gives fewer than two).
 */
export function logTicks([low, high]: [number, number], maxLabels = 8): { ticks: Tick[]; minor: number[] } {
  const inside = (u: number): boolean => u >= low - 1e-9 && u <= high + 1e-9;
  const all: { at: number; value: number; m: number; e: number }[] = [];
  for (let e = Math.floor(low); e <= Math.ceil(high); e++)
    for (let m = 1; m <= 9; m++) {
      const value = Number((m * 10 ** e).toPrecision(12));
      const at = Math.log10(value);
      if (inside(at)) all.push({ at, value, m, e });
    }
  const decades = all.filter((t) => t.m === 1);
  let labelled: typeof all;
  if (decades.length >= 2) {
    const stride = Math.max(1, Math.ceil(decades.length / maxLabels));
    labelled = decades.filter((t) => ((t.e % stride) + stride) % stride === 0);
  } else {
    labelled = all.filter((t) => t.m === 1 || t.m === 2 || t.m === 5);
    if (labelled.length < 2) labelled = all;
  }
  const chosen = new Set(labelled);
  return {
    ticks: labelled.map((t) => ({ at: t.at, label: formatCompact(t.value) })),
    minor: all.filter((t) => !chosen.has(t)).map((t) => t.at),
  };
}

/** The swept field's axis over `values` (in the sweep's order). */
export function xAxisFor(values: readonly SweepValue[], scale: XScale): XAxis {
  const drawn = effectiveScale(values, scale);
  if (drawn === 'category') {
    const n = Math.max(1, values.length);
    return { scale: drawn, domain: [-0.5, n - 0.5], ticks: values.map((v, i) => ({ at: i, label: formatSweepValue(v) })), minor: [] };
  }
  const numbers = values as readonly number[];
  const low = Math.min(...numbers);
  const high = Math.max(...numbers);
  if (drawn === 'log') {
    const [a, b] = [Math.log10(low), Math.log10(high)];
    // Padded so the end points are not cut by the frame: 4% of the span, at least a tenth of a decade.
    const pad = b > a ? Math.max(0.04 * (b - a), 0.1) : 0.5;
    const domain: [number, number] = [a - pad, b + pad];
    return { scale: drawn, domain, ...logTicks(domain) };
  }
  const axis = linearAxis([low, high]);
  const span = axis.domain[1] - axis.domain[0];
  const domain: [number, number] = [Math.min(axis.domain[0], low - 0.04 * span), Math.max(axis.domain[1], high + 0.04 * span)];
  return { scale: drawn, domain, ticks: axis.ticks.map((t) => ({ at: t, label: formatCompact(t) })), minor: [] };
}

/** A value's position in axis units (`index` is its place in the sweep's values, used on a category axis). */
export function axisUnit(axis: XAxis, value: SweepValue, index: number): number {
  if (axis.scale === 'category' || typeof value !== 'number') return index;
  return axis.scale === 'log' ? Math.log10(value) : value;
}

/** A position in axis units as a fraction of the axis (0 left, 1 right). */
export function xFraction(axis: XAxis, unit: number): number {
  const [a, b] = axis.domain;
  return b > a ? (unit - a) / (b - a) : 0.5;
}

/**
 * The metric's axis over `values` (non-finite ones left out): log when all are positive and span over two decades.
 * With no finite value there is nothing to scale: no ticks (a chart says why) rather than a made-up 0–1 scale.
 */
export function yAxisFor(values: Iterable<number>, allowLog = true): YAxis {
  let low = Infinity;
  let high = -Infinity;
  for (const v of values) {
    if (!Number.isFinite(v)) continue;
    low = Math.min(low, v);
    high = Math.max(high, v);
  }
  if (!(low <= high)) return { log: false, domain: [0, 1], ticks: [] };
  if (allowLog && low > 0 && high / low > 100) {
    const axis = logAxis([low, high]);
    return { log: true, domain: axis.domain, ticks: axis.ticks };
  }
  const axis = linearAxis([low, high]);
  return { log: false, domain: axis.domain, ticks: axis.ticks };
}

/** A metric value's vertical position: ±∞ off the scale (above or below the plot), NaN nowhere. */
export function yPosition(axis: YAxis, v: number): YPos {
  if (Number.isNaN(v)) return null;
  if (v === Number.POSITIVE_INFINITY) return 'high';
  if (v === Number.NEGATIVE_INFINITY) return 'low';
  const [a, b] = axis.domain;
  if (axis.log) {
    if (v <= 0) return 0;
    return Math.log(b) > Math.log(a) ? (Math.log(v) - Math.log(a)) / (Math.log(b) - Math.log(a)) : 0.5;
  }
  return b > a ? (v - a) / (b - a) : 0.5;
}

/**
 * The ticks to label on an axis `length` pixels long, so labels about `charWidth` px a character, `gap` apart,
 * do not overlap: every k-th tick (the first always).
 */
export function thinTicks(ticks: readonly Tick[], length: number, charWidth = 7, gap = 8): Tick[] {
  if (ticks.length < 2) return [...ticks];
  const widest = Math.max(...ticks.map((t) => t.label.length)) * charWidth + gap;
  const stride = Math.max(1, Math.ceil((widest * ticks.length) / Math.max(1, length)));
  return ticks.filter((_, i) => i % stride === 0);
}
