/**
 * The data and coordinate logic of LocoLab's line charts, apart from any renderer (after TensorBoard's
 * line_chart_v2): id-keyed series with metadata, prepared for drawing (smoothed, decimated to about two points
 * per pixel, cut to what a log axis can show), seed bands, domains, 1-2-5 and decade ticks, and the inverse
 * map from a pointer position to a data value. Recharts only draws what this module returns.
 */
import { decimateMinMax } from '../../engine/decimate';
import { bandOf, type BandKind } from '../../engine/seedBand';
import { smoothDebiased } from '../../engine/smoothing';

export interface Point {
  x: number;
  y: number | null;
}

export interface BandPoint {
  x: number;
  /** [low, high], or null where no seed has a usable value. */
  range: [number, number] | null;
}

export interface PrepareOptions {
  /** Debiased-EMA weight, 0 for none. */
  smoothing: number;
  logY: boolean;
  /** About the plot's width in pixels ×2: min/max decimation keeps spikes. */
  maxPoints: number;
}

const usable = (value: number, logY: boolean): number | null => (Number.isFinite(value) && (!logY || value > 0) ? value : null);

/**
 * The indices from `from` on, decimated by `values` to about `maxPoints` (decimateMinMax): a window shows its
 * own points at the chart's full resolution, not a slice of the whole history's decimation.
 */
function keptFrom(values: readonly number[], maxPoints: number, from: number): number[] {
  const start = Math.max(0, Math.min(from, values.length));
  return decimateMinMax(values.slice(start), maxPoints).map((i) => i + start);
}

/**
 * One line: smoothed over all points, then decimated by its raw values (so spikes stay), log-safe. Only the
 * points from index `from` on are returned (a recent window, or a log x axis that cannot show x = 0); the
 * smoothing still runs over all of them, so a smoothed value does not change as the window moves.
 */
export function prepareLine(xs: readonly number[], ys: readonly number[], options: PrepareOptions, from = 0): { raw: Point[]; smoothed: Point[] } {
  const smoothed = options.smoothing > 0 ? smoothDebiased(ys, options.smoothing) : ys;
  const kept = keptFrom(ys, options.maxPoints, from);
  const raw = kept.map((i) => ({ x: xs[i], y: usable(ys[i], options.logY) }));
  // Unsmoothed, the two are the same points: one array (the loss chart builds them at each redraw).
  return { raw, smoothed: smoothed === ys ? raw : kept.map((i) => ({ x: xs[i], y: usable(smoothed[i], options.logY) })) };
}

/**
 * A run repeated over seeds: `perSeed[s][i]` is seed s's value at point i. The median line and the band
 * (min–max or interquartile), each seed smoothed first so that the band is of the curves people see; points
 * from index `from` on, as prepareLine.
 */
export function prepareSeedBand(
  xs: readonly number[],
  perSeed: readonly (readonly number[])[],
  kind: BandKind,
  options: PrepareOptions,
  from = 0,
): { median: Point[]; band: BandPoint[] } {
  const curves = perSeed.map((ys) => (options.smoothing > 0 ? smoothDebiased(ys, options.smoothing) : ys));
  const bands = xs.map((_, i) => bandOf(curves.map((ys) => ys[i]), kind));
  const kept = keptFrom(
    bands.map((b) => b.median),
    options.maxPoints,
    from,
  );
  return {
    median: kept.map((i) => ({ x: xs[i], y: usable(bands[i].median, options.logY) })),
    band: kept.map((i) => {
      const low = usable(bands[i].low, options.logY);
      const high = usable(bands[i].high, options.logY);
      return { x: xs[i], range: low === null || high === null ? null : [low, high] };
    }),
  };
}

/** The smallest and largest finite (and, on a log axis, positive) value over every series; null if none. */
export function extent(values: Iterable<number | null>, logY = false): [number, number] | null {
  let low = Infinity;
  let high = -Infinity;
  for (const v of values) {
    if (v === null || !Number.isFinite(v) || (logY && v <= 0)) continue;
    if (v < low) low = v;
    if (v > high) high = v;
  }
  return low <= high ? [low, high] : null;
}

/** Ticks at 1, 2 and 5 times a power of ten (linear), or at decades, with 2 and 5 between when few (log). */
export function niceTicks([low, high]: [number, number], log: boolean, target = 5): number[] {
  if (!(high > low)) return Number.isFinite(low) ? [low] : [];
  if (log) {
    const first = Math.floor(Math.log10(low));
    const last = Math.ceil(Math.log10(high));
    const multipliers = last - first <= 2 ? [1, 2, 5] : [1];
    const ticks: number[] = [];
    for (let e = first; e <= last; e++) for (const m of multipliers) ticks.push(Number((m * 10 ** e).toPrecision(12)));
    return ticks.filter((t) => t >= low * (1 - 1e-9) && t <= high * (1 + 1e-9));
  }
  const rough = (high - low) / target;
  const power = 10 ** Math.floor(Math.log10(rough));
  const step = [1, 2, 5, 10].map((m) => m * power).find((s) => s >= rough) ?? 10 * power;
  const ticks: number[] = [];
  for (let t = Math.ceil(low / step) * step; t <= high + step * 1e-9; t += step) ticks.push(Number(t.toPrecision(12)));
  return ticks;
}

/**
 * Ticks of a logarithmic x axis over `domain`: decades (with 2 and 5 between when few), or, where those leave
 * fewer than three labels (steps 1,175–1,675 hold no 1, 2 or 5 times a power of ten), 1-2-5 steps of the span
 * itself, about `target` of them (more where that leaves fewer than three), so a narrow span on a log axis is read by its own numbers. `whole` keeps only
 * whole numbers (a count axis: steps, examples); a span with no three such ticks is labelled at its ends.
 */
export function logTicks(domain: [number, number], whole = false, target = 4): number[] {
  const keep = (ticks: number[]): number[] => (whole ? ticks.filter(Number.isInteger) : ticks);
  const decades = keep(niceTicks(domain, true));
  if (decades.length >= 3) return decades;
  // A finer step where the first leaves fewer than three (11,845–12,345 by 200s holds two).
  for (const wanted of [target, target * 1.5, target * 2]) {
    const linear = keep(niceTicks(domain, false, wanted)).filter((t) => t > 0);
    if (linear.length >= 3) return linear;
  }
  const ends = whole ? [Math.ceil(domain[0]), Math.floor(domain[1])] : [...domain];
  return [...new Set([...ends, ...decades])].filter((t) => t > 0).sort((a, b) => a - b);
}

/** The data value at `fraction` (0–1, clamped) of an axis spanning `domain`, linear or logarithmic. */
export function valueAt(fraction: number, [low, high]: [number, number], log: boolean): number {
  const f = Math.min(1, Math.max(0, fraction));
  return log ? low * (high / low) ** f : low + f * (high - low);
}

/** The index of the value in `values` nearest to `target`, by ratio on a log axis. */
export function nearestIndex(values: readonly number[], target: number, log: boolean): number {
  let best = 0;
  const distance = (v: number): number => Math.abs(log ? Math.log(v) - Math.log(target) : v - target);
  for (let i = 1; i < values.length; i++) if (distance(values[i]) < distance(values[best])) best = i;
  return best;
}

/**
 * A log axis for values spanning `[low, high]` (positive): the domain padded a little so lines do not touch
 * the frame, and ticks from niceTicks. A span too narrow for two ticks widens to whole decades, so an axis
 * never shows a single unlabelled band.
 */
export function logAxis([low, high]: [number, number]): { domain: [number, number]; ticks: number[] } {
  const padded: [number, number] = [low / 1.1, high * 1.1];
  const ticks = niceTicks(padded, true);
  if (ticks.length >= 2) return { domain: padded, ticks };
  const decades: [number, number] = [10 ** Math.floor(Math.log10(padded[0])), 10 ** Math.ceil(Math.log10(padded[1]))];
  return { domain: decades, ticks: niceTicks(decades, true) };
}

/**
 * A linear axis for values spanning `[low, high]`: 1-2-5 ticks (about `target` of them), the domain rounded out to whole ticks, and the
 * decimals a label needs to tell neighbouring ticks apart (136.55 and 136.575 are not both "136.6"). A flat
 * span is widened a little around its value.
 */
export function linearAxis([low, high]: [number, number], target = 5): { domain: [number, number]; ticks: number[]; decimals: number } {
  const pad = high > low ? 0 : Math.max(Math.abs(low) * 1e-3, 1e-6);
  const first = niceTicks([low - pad, high + pad], false, target);
  const step = first.length >= 2 ? first[1] - first[0] : Math.max(pad, 1e-6);
  const firstIndex = Math.floor((low - pad) / step + 1e-9);
  const lastIndex = Math.ceil((high + pad) / step - 1e-9);
  const at = (i: number): number => Number((i * step).toPrecision(12));
  const ticks = Array.from({ length: lastIndex - firstIndex + 1 }, (_, i) => at(firstIndex + i));
  const decimals = Math.max(0, Math.min(12, -Math.floor(Math.log10(step) + 1e-9)));
  return { domain: [at(firstIndex), at(lastIndex)], ticks, decimals };
}

/** The index of the point whose x is nearest to `x` (points in any order); -1 when there are none. */
export function nearestPoint(points: readonly { x: number }[], x: number): number {
  let best = -1;
  for (let i = 0; i < points.length; i++) if (best < 0 || Math.abs(points[i].x - x) < Math.abs(points[best].x - x)) best = i;
  return best;
}

/**
 * A y tick label short enough for a 66-pixel axis beside its title: 1e-6 and 2.5e-4 rather than 0.000001 and
 * 0.00025, 2e5 rather than 200000; `digits` significant digits.
 */
export function compactTick(v: number, digits = 3): string {
  const rounded = Number(v.toPrecision(digits));
  const size = Math.abs(rounded);
  return size !== 0 && (size < 1e-3 || size >= 1e5) ? rounded.toExponential().replace('e+', 'e') : String(rounded);
}

/**
 * Labels for an axis's ticks, `compactTick` at the fewest significant digits (from `digits`, at most 7) that tell
 * every two ticks apart: a narrow range (0.6890 to 0.6915) reads 0.689, 0.6895, 0.69, … rather than repeating 0.69.
 */
export function tickLabels(ticks: readonly number[], digits = 3): string[] {
  for (let d = digits; d < 7; d++) {
    const labels = ticks.map((t) => compactTick(t, d));
    if (new Set(labels).size === labels.length) return labels;
  }
  return ticks.map((t) => compactTick(t, 7));
}

/** Ticks of a count axis (steps, examples): the 1-2-5 ticks that are whole numbers, so none falls between two steps. */
export function countTicks(domain: [number, number]): number[] {
  const whole = niceTicks(domain, false).filter(Number.isInteger);
  if (whole.length >= 2) return whole;
  return [...new Set([Math.ceil(domain[0]), Math.floor(domain[1])])];
}

/** Linear labels with up to this many decimals are written out (0.0005); finer ones as 5e-7 (compactTick). */
const MAX_DECIMALS = 4;

/**
 * A loss-like y axis over `span`: its domain and ticks (logAxis or linearAxis) and the label of each tick, linear
 * labels with the decimals that tell neighbouring ticks apart.
 */
export function yAxisOf(span: [number, number], logY: boolean): { domain: [number, number]; ticks: number[]; format: (v: number) => string } {
  const axis = logY ? { ...logAxis(span), decimals: null } : linearAxis(span);
  const { decimals } = axis;
  const format = (v: number): string => (decimals !== null && decimals <= MAX_DECIMALS ? v.toFixed(decimals) : compactTick(v, 4));
  return { domain: axis.domain, ticks: axis.ticks, format };
}

/** About the widest glyph of a tick label (digits, minus, "e"), in em: generous, so a label never meets the title. */
const CHAR_EM = 0.6;

/**
 * The width a y axis needs for its rotated title and its tick labels at `fontPx` (Recharts lays out the title
 * at the axis's left, `titleOffset` in, centred on its line, and the labels ending `tickGap` px short of the
 * plot): the title's line (1.2 em), a 4 px gap, the longest label, the tick and its margin. Long labels
 * ("0.6938", "1.6004") widen the axis instead of running into its title.
 */
export function yAxisWidth(labels: readonly string[], fontPx: number, titleOffset = 4, tickGap = 8): number {
  const longest = labels.reduce((most, label) => Math.max(most, label.length), 0);
  return Math.ceil(titleOffset + 0.6 * fontPx + 4 + longest * CHAR_EM * fontPx + tickGap);
}

/**
 * The y axis's title: `full` where it fits along an axis `lengthPx` long at `fontPx` (about 0.55 em a
 * character), else `short`, so a short plot (a phone) shows "loss" rather than "…entropy)" cut at both ends.
 */
export function fitTitle(full: string, short: string, lengthPx: number, fontPx: number): string {
  return full.length * 0.55 * fontPx <= lengthPx ? full : short;
}
