/**
 * The range test chart's axis and labels, as pure functions: learning-rate ticks at whole decades or at
 * 1-2-5 times a power of ten (never Recharts' own irregular log ticks), their labels, and where the
 * suggestion markers' labels go so that none overlaps another, a marker or the "chosen" label.
 */
import type { RangeTestResult } from '../../engine/lrfinder/rangeTest';
import { nearestIndex, niceTicks } from './lineChartModel';

export type SuggestionName = 'valley' | 'steep' | 'minimum';

/**
 * The point of the curve a suggestion selects: the marked point for valley and steepest; for minimum, the
 * point nearest a tenth of the rate at the minimum (what it suggests; its marker sits at the minimum).
 * -1 when the result has no suggestions.
 */
export function suggestionIndex(result: Pick<RangeTestResult, 'learningRates' | 'suggestions'>, name: SuggestionName, log: boolean): number {
  const s = result.suggestions;
  if (!s) return -1;
  return name === 'minimum' ? nearestIndex(result.learningRates, s.minimum.learningRate, log) : s[name].index;
}

/** The most ticks the learning-rate axis shows; wider sweeps label every second (third, …) decade. */
export const MAX_RATE_TICKS = 9;

/**
 * Ticks for the learning-rate axis over `[low, high]`. Log axis: 1, 2 and 5 times each power of ten when the
 * sweep spans two decades or less, whole decades otherwise (every k-th decade when there would be more than
 * `maxTicks`); a span inside one 1-2-5 gap gets its two neighbours so there are always two ticks. Linear
 * axis: steps of 1, 2 or 5 times a power of ten.
 */
export function rateTicks([low, high]: [number, number], log: boolean, maxTicks = MAX_RATE_TICKS): number[] {
  if (!(high > low) || !Number.isFinite(low) || !Number.isFinite(high)) return Number.isFinite(low) ? [low] : [];
  if (!log) return niceTicks([low, high], false, Math.min(6, maxTicks));
  if (low <= 0) return [];
  const first = Math.ceil(Math.log10(low) - 1e-9);
  const last = Math.floor(Math.log10(high) + 1e-9);
  const decades = last - first + 1;
  if (Math.log10(high / low) > 2) {
    const stride = Math.max(1, Math.ceil(decades / maxTicks));
    // Strides anchored at 10⁰, so the same decades are labelled whatever the sweep's ends.
    const ticks: number[] = [];
    for (let e = first; e <= last; e++) if (((e % stride) + stride) % stride === 0) ticks.push(decade(e));
    return ticks;
  }
  const ticks = oneTwoFive(low, high);
  if (ticks.length >= 2) return ticks;
  const around = oneTwoFive(low / 5, high * 5);
  const below = around.filter((t) => t < low).pop();
  const above = around.find((t) => t > high);
  return [below, ...ticks, above].filter((t): t is number => t !== undefined);
}

/** 1, 2 and 5 times each power of ten inside [low, high]. */
function oneTwoFive(low: number, high: number): number[] {
  const ticks: number[] = [];
  for (let e = Math.floor(Math.log10(low)); e <= Math.ceil(Math.log10(high)); e++)
    for (const m of [1, 2, 5]) {
      const t = Number((m * 10 ** e).toPrecision(12));
      if (t >= low * (1 - 1e-9) && t <= high * (1 + 1e-9)) ticks.push(t);
    }
  return ticks;
}

function decade(e: number): number {
  return Number((10 ** e).toPrecision(12));
}

/** A tick's label: plain for 0.001 … 999 (and 0), otherwise as 1e-5 or 2e+3. */
export function formatRateTick(v: number): string {
  if (v === 0) return '0';
  const a = Math.abs(v);
  if (a >= 0.001 && a < 1000) return String(Number(v.toPrecision(3)));
  return Number(v.toPrecision(3)).toExponential().replace('e+', 'e');
}

export interface Box {
  x: number;
  y: number;
  width: number;
  height: number;
}

export interface MarkerAt {
  /** The marker's centre in pixels. */
  cx: number;
  cy: number;
  /** The label's text width in pixels. */
  labelWidth: number;
}

export interface LabelPlacement {
  /** The label's box (for the text: x + 0 … x + width, baseline at y + height − 3). */
  box: Box;
}

/** Half the size of a marker with its "chosen" ring, and the label's height, in pixels. */
const MARKER_RADIUS = 10;
const LABEL_HEIGHT = 13;
const GAP = 3;

const overlaps = (a: Box, b: Box): boolean => a.x < b.x + b.width && b.x < a.x + a.width && a.y < b.y + b.height && b.y < a.y + a.height;
const inside = (a: Box, area: Box): boolean => a.x >= area.x && a.y >= area.y && a.x + a.width <= area.x + area.width && a.y + a.height <= area.y + area.height;

/**
 * Places each marker's label (in order: earlier markers get the first choice) at the first of several spots
 * around it — above, below, right, left, then further above and below — whose box stays in the plot area and
 * overlaps no other label, no marker and no obstacle (the "chosen" line's label). If none is free, the spot
 * that overlaps least is taken.
 */
export function placeLabels(markers: readonly MarkerAt[], plot: Box, obstacles: readonly Box[] = []): LabelPlacement[] {
  const markerBoxes = markers.map((m) => ({ x: m.cx - MARKER_RADIUS, y: m.cy - MARKER_RADIUS, width: 2 * MARKER_RADIUS, height: 2 * MARKER_RADIUS }));
  const placed: Box[] = [];
  return markers.map((m) => {
    const w = m.labelWidth;
    const h = LABEL_HEIGHT;
    const above = m.cy - MARKER_RADIUS - GAP - h;
    const below = m.cy + MARKER_RADIUS + GAP;
    const candidates: Box[] = [
      { x: m.cx - w / 2, y: above, width: w, height: h },
      { x: m.cx - w / 2, y: below, width: w, height: h },
      { x: m.cx + MARKER_RADIUS + GAP, y: m.cy - h / 2, width: w, height: h },
      { x: m.cx - MARKER_RADIUS - GAP - w, y: m.cy - h / 2, width: w, height: h },
      { x: m.cx - w / 2, y: above - h - GAP, width: w, height: h },
      { x: m.cx - w / 2, y: below + h + GAP, width: w, height: h },
      { x: m.cx + MARKER_RADIUS + GAP, y: above, width: w, height: h },
      { x: m.cx - MARKER_RADIUS - GAP - w, y: below, width: w, height: h },
    ];
    const blockers = [...placed, ...markerBoxes, ...obstacles];
    const cost = (box: Box): number => blockers.filter((b) => overlaps(box, b)).length + (inside(box, plot) ? 0 : 10);
    let best = candidates[0];
    for (const c of candidates) {
      if (cost(c) === 0) {
        best = c;
        break;
      }
      if (cost(c) < cost(best)) best = c;
    }
    placed.push(best);
    return { box: best };
  });
}

/** The pixel width of a label at the chart's 10 px font (an estimate good enough to keep labels apart). */
export function labelWidth(text: string): number {
  return Math.ceil(text.length * 6 + 4);
}

export { overlaps as boxesOverlap };
