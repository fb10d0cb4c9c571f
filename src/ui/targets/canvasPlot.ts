/**
 * Small-multiple plots on canvas for the targets panel: a handful of cards redrawn several times a second
 * would cost the main thread dozens of milliseconds per redraw as SVG (DESIGN.md §5: canvas for dense
 * pictures). Each plot: a frame with min/mid/max ticks, then scatter points or a line.
 */

export interface PlotArea {
  ctx: CanvasRenderingContext2D;
  width: number;
  height: number;
  x: [number, number];
  y: [number, number];
  /** Left margin in CSS pixels: wide enough for the longest y label. */
  left: number;
  /** Bottom margin in CSS pixels: the x labels' line. */
  bottom: number;
}

const MARGIN = { left: 38, right: 6, top: 6, bottom: 18 };

/** What a plot is drawn with: the paper behind it, its text, its frame, the label size (px). */
export interface PlotStyle {
  background: string;
  ink: string;
  frame: string;
  fontSize: number;
}

/** The light theme's, for a canvas outside the page's CSS (no custom properties to read). */
export const LIGHT_PLOT: PlotStyle = { background: '#ffffff', ink: '#5d6677', frame: '#d5dae2', fontSize: 10 };

/**
 * The plot's style from the theme around the canvas (styles.css, presenter.css): its panel's colour behind it,
 * the muted ink for text, the line colour for the frame, and `--plot-font-size` (px) where a view sets one. A
 * property that is not set keeps the light default, so the plot is never drawn without a paper.
 */
export function plotStyleFrom(read: (property: string) => string): PlotStyle {
  const value = (property: string, fallback: string): string => read(property).trim() || fallback;
  const size = Number(read('--plot-font-size').trim());
  return {
    background: value('--panel', LIGHT_PLOT.background),
    ink: value('--muted', LIGHT_PLOT.ink),
    frame: value('--line', LIGHT_PLOT.frame),
    fontSize: Number.isFinite(size) && size >= 8 && size <= 40 ? size : LIGHT_PLOT.fontSize,
  };
}

/** Nice domain around finite values, with 5 % padding; [-1, 1] when there is nothing to show. */
export function paddedDomain(values: Iterable<number>): [number, number] {
  let lo = Infinity;
  let hi = -Infinity;
  for (const v of values) {
    if (!Number.isFinite(v)) continue;
    lo = Math.min(lo, v);
    hi = Math.max(hi, v);
  }
  if (!Number.isFinite(lo)) return [-1, 1];
  if (hi - lo < 1e-12) return [lo - 1, hi + 1];
  const pad = 0.05 * (hi - lo);
  return [lo - pad, hi + pad];
}

/** The exact range of the values (widened by 1 when they are all equal), for axes such as steps. */
export function exactDomain(values: readonly number[]): [number, number] {
  const finite = values.filter(Number.isFinite);
  if (finite.length === 0) return [0, 1];
  const lo = Math.min(...finite);
  const hi = Math.max(...finite);
  return hi > lo ? [lo, hi] : [lo - 1, hi + 1];
}

export function toPixelX(area: PlotArea, value: number): number {
  const [lo, hi] = area.x;
  return area.left + ((value - lo) / (hi - lo)) * (area.width - area.left - MARGIN.right);
}

export function toPixelY(area: PlotArea, value: number): number {
  const [lo, hi] = area.y;
  return area.height - area.bottom - ((value - lo) / (hi - lo)) * (area.height - MARGIN.top - area.bottom);
}

/**
 * A tick label in at most about seven characters, with a true minus sign (U+2212): two significant digits,
 * in exponent form below 0.001 or from 10,000 up ("−2.6e−4" rather than "-0.00026", which did not fit the
 * margin and lost its sign). A value within 2 % of the axis's span from zero (a pixel or two) is 0: the middle tick of
 * [−0.0023, 0.0022] reads 0, not −4.4e−5.
 */
export function tickLabel(value: number, span = 0): string {
  if (!Number.isFinite(value)) return String(value);
  if (value === 0 || Math.abs(value) <= span * 0.02) return '0';
  const size = Math.abs(value);
  const text = size >= 1e-3 && size < 1e4 ? String(Number(value.toPrecision(2))) : value.toExponential(1).replace('.0e', 'e').replace('e+', 'e');
  return text.replaceAll('-', '\u2212');
}

/**
 * Paints the canvas (sized for the device pixel ratio) with the theme's paper and draws the frame, ticks and
 * axis name in its ink (plotStyleFrom; the dark theme's plots are dark).
 */
export function beginPlot(canvas: HTMLCanvasElement, x: [number, number], y: [number, number], xName: string): PlotArea | null {
  const ctx = canvas.getContext('2d');
  if (!ctx) return null;
  const computed = typeof getComputedStyle === 'function' ? getComputedStyle(canvas) : null;
  const style = computed ? plotStyleFrom((property) => computed.getPropertyValue(property)) : LIGHT_PLOT;
  const width = canvas.clientWidth || Number(canvas.getAttribute('width'));
  const height = canvas.clientHeight || Number(canvas.getAttribute('height'));
  const ratio = window.devicePixelRatio || 1;
  // Assigning width reallocates the backing store even at the same size: only when it changes.
  if (canvas.width !== width * ratio) canvas.width = width * ratio;
  if (canvas.height !== height * ratio) canvas.height = height * ratio;
  ctx.setTransform(ratio, 0, 0, ratio, 0, 0);
  ctx.fillStyle = style.background;
  ctx.fillRect(0, 0, width, height);
  ctx.font = `${style.fontSize}px system-ui, sans-serif`;
  const ySpan = Math.abs(y[1] - y[0]);
  const bottom = Math.max(MARGIN.bottom, Math.ceil(style.fontSize * 1.8));
  const yValues = yLabelCount(height - MARGIN.top - bottom, style.fontSize) === 3 ? [y[0], (y[0] + y[1]) / 2, y[1]] : [y[0], y[1]];
  const yTicks = yValues.map((v) => ({ v, text: tickLabel(v, ySpan) }));
  // The margin grows with the longest label, so no label is cut at the canvas's left edge.
  const left = Math.max(MARGIN.left, Math.ceil(Math.max(...yTicks.map((t) => ctx.measureText(t.text).width))) + 6);
  const area: PlotArea = { ctx, width, height, x, y, left, bottom };
  ctx.strokeStyle = style.frame;
  ctx.lineWidth = 1;
  ctx.strokeRect(left, MARGIN.top, width - left - MARGIN.right, height - MARGIN.top - bottom);
  ctx.fillStyle = style.ink;
  ctx.textAlign = 'right';
  ctx.textBaseline = 'middle';
  for (const { v, text } of yTicks) ctx.fillText(text, left - 3, toPixelY(area, v));
  const xSpan = Math.abs(x[1] - x[0]);
  const [low, high] = [tickLabel(x[0], xSpan), tickLabel(x[1], xSpan)];
  const fits = xLabelsThatFit(left, width - MARGIN.right, { low: ctx.measureText(low).width, high: ctx.measureText(high).width, name: ctx.measureText(xName).width });
  ctx.textBaseline = 'top';
  if (fits.ends) {
    ctx.textAlign = 'left';
    ctx.fillText(low, left, height - bottom + 3);
    ctx.textAlign = 'right';
    ctx.fillText(high, width - MARGIN.right, height - bottom + 3);
  }
  if (fits.name) {
    ctx.textAlign = 'center';
    ctx.fillText(xName, (left + width - MARGIN.right) / 2, height - bottom + 3);
  }
  return area;
}

/** Space kept between two labels, px. */
const LABEL_GAP = 4;

/**
 * Which labels under a plot spanning `left`…`right` (px) fit without touching: the two ends, then the axis name
 * centred between them. A narrow plot (six layer cards side by side on the stage) drops the name first, then the
 * ends, rather than printing them over each other.
 */
export function xLabelsThatFit(left: number, right: number, widths: { low: number; high: number; name: number }): { ends: boolean; name: boolean } {
  const room = right - left;
  const ends = widths.low + widths.high + LABEL_GAP <= room;
  const centre = (left + right) / 2;
  const name = ends
    ? centre - widths.name / 2 >= left + widths.low + LABEL_GAP && centre + widths.name / 2 <= right - widths.high - LABEL_GAP
    : widths.name <= room;
  return { ends, name };
}

/** Labels on a y axis `plotHeight` px tall: low, middle and high where three fit a line apart, else the ends. */
export function yLabelCount(plotHeight: number, fontSize: number): 2 | 3 {
  return plotHeight >= 2 * fontSize * 1.5 ? 3 : 2;
}

export function drawIdentity(area: PlotArea): void {
  const { ctx } = area;
  const lo = Math.max(area.x[0], area.y[0]);
  const hi = Math.min(area.x[1], area.y[1]);
  if (!(hi > lo)) return;
  ctx.save();
  ctx.setLineDash([4, 3]);
  // Mid-grey: visible on the light and the dark paper.
  ctx.strokeStyle = '#8a94a6';
  ctx.beginPath();
  ctx.moveTo(toPixelX(area, lo), toPixelY(area, lo));
  ctx.lineTo(toPixelX(area, hi), toPixelY(area, hi));
  ctx.stroke();
  ctx.restore();
}

export function drawScatter(area: PlotArea, xs: ArrayLike<number>, ys: ArrayLike<number>, color: string, shape: 'circle' | 'triangle'): void {
  const { ctx } = area;
  ctx.fillStyle = color;
  for (let i = 0; i < xs.length; i++) {
    if (!Number.isFinite(xs[i]) || !Number.isFinite(ys[i])) continue;
    const px = toPixelX(area, xs[i]);
    const py = toPixelY(area, ys[i]);
    ctx.beginPath();
    if (shape === 'circle') ctx.arc(px, py, 2.6, 0, 2 * Math.PI);
    else {
      ctx.moveTo(px, py - 3.4);
      ctx.lineTo(px + 3.2, py + 2.4);
      ctx.lineTo(px - 3.2, py + 2.4);
      ctx.closePath();
    }
    ctx.fill();
  }
}

export function drawLine(area: PlotArea, xs: ArrayLike<number>, ys: ArrayLike<number>, color: string, dots = false): void {
  const { ctx } = area;
  ctx.strokeStyle = color;
  ctx.fillStyle = color;
  ctx.lineWidth = 1.6;
  ctx.beginPath();
  let started = false;
  for (let i = 0; i < xs.length; i++) {
    if (!Number.isFinite(ys[i])) {
      started = false;
      continue;
    }
    const px = toPixelX(area, xs[i]);
    const py = toPixelY(area, ys[i]);
    if (started) ctx.lineTo(px, py);
    else ctx.moveTo(px, py);
    started = true;
  }
  ctx.stroke();
  if (dots) {
    for (let i = 0; i < xs.length; i++) {
      if (!Number.isFinite(ys[i])) continue;
      ctx.beginPath();
      ctx.arc(toPixelX(area, xs[i]), toPixelY(area, ys[i]), 2, 0, 2 * Math.PI);
      ctx.fill();
    }
  }
}
