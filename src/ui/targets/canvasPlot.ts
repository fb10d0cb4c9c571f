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
}

const MARGIN = { left: 38, right: 6, top: 6, bottom: 18 };
const INK = '#5d6677';

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
  return MARGIN.left + ((value - lo) / (hi - lo)) * (area.width - MARGIN.left - MARGIN.right);
}

export function toPixelY(area: PlotArea, value: number): number {
  const [lo, hi] = area.y;
  return area.height - MARGIN.bottom - ((value - lo) / (hi - lo)) * (area.height - MARGIN.top - MARGIN.bottom);
}

const label = (v: number): string => String(Number(v.toPrecision(2)));

/** Clears the canvas (sized for the device pixel ratio) and draws the frame, ticks and axis name. */
export function beginPlot(canvas: HTMLCanvasElement, x: [number, number], y: [number, number], xName: string): PlotArea | null {
  const ctx = canvas.getContext('2d');
  if (!ctx) return null;
  const width = canvas.clientWidth || Number(canvas.getAttribute('width'));
  const height = canvas.clientHeight || Number(canvas.getAttribute('height'));
  const ratio = window.devicePixelRatio || 1;
  // Assigning width reallocates the backing store even at the same size: only when it changes.
  if (canvas.width !== width * ratio) canvas.width = width * ratio;
  if (canvas.height !== height * ratio) canvas.height = height * ratio;
  ctx.setTransform(ratio, 0, 0, ratio, 0, 0);
  ctx.clearRect(0, 0, width, height);
  const area: PlotArea = { ctx, width, height, x, y };
  ctx.strokeStyle = '#d5dae2';
  ctx.lineWidth = 1;
  ctx.strokeRect(MARGIN.left, MARGIN.top, width - MARGIN.left - MARGIN.right, height - MARGIN.top - MARGIN.bottom);
  ctx.fillStyle = INK;
  ctx.font = '10px system-ui, sans-serif';
  ctx.textAlign = 'right';
  ctx.textBaseline = 'middle';
  for (const v of [y[0], (y[0] + y[1]) / 2, y[1]]) ctx.fillText(label(v), MARGIN.left - 3, toPixelY(area, v));
  ctx.textBaseline = 'top';
  ctx.textAlign = 'left';
  ctx.fillText(label(x[0]), MARGIN.left, height - MARGIN.bottom + 3);
  ctx.textAlign = 'right';
  ctx.fillText(label(x[1]), width - MARGIN.right, height - MARGIN.bottom + 3);
  ctx.textAlign = 'center';
  ctx.fillText(xName, (MARGIN.left + width - MARGIN.right) / 2, height - MARGIN.bottom + 3);
  return area;
}

export function drawIdentity(area: PlotArea): void {
  const { ctx } = area;
  const lo = Math.max(area.x[0], area.y[0]);
  const hi = Math.min(area.x[1], area.y[1]);
  if (!(hi > lo)) return;
  ctx.save();
  ctx.setLineDash([4, 3]);
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
