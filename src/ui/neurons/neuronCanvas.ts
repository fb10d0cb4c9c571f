/**
 * Painting the per-unit view: a unit's heatmap over the plane, a first-layer unit's weights as an image, an
 * activation histogram, and the edges between the layers. Canvas, not SVG (DESIGN.md §5): 6 × 64 units have
 * 20,800 edges, redrawn at the diagnostics cadence.
 */
import type { NeuronsReading } from '../../probes/neurons/declaration';
import { css, divergingColor } from '../colors';
import { activationColor, edgesToDraw, edgeStyle, type NetworkPicture } from './neuronModel';

/** activationColor at LEVELS steps over [−1, 1] (it clamps outside): no colour computed per pixel. */
const LEVELS = 256;
// Made on first use, not when the entry module is evaluated: that is one task before the first paint, and this
// was about a twentieth of it (the V8 sampler: 10 of 231 samples; issue 20 §7), for a view that draws only once
// the network's units are shown.
let palette: ReturnType<typeof activationColor>[] | null = null;
const paletteAt = (value: number): readonly number[] => {
  palette ??= Array.from({ length: LEVELS }, (_, i) => activationColor(-1 + (2 * i) / (LEVELS - 1)));
  return palette[Number.isFinite(value) ? Math.round(((Math.max(-1, Math.min(1, value)) + 1) / 2) * (LEVELS - 1)) : (LEVELS - 1) >> 1];
};
/** Edge widths are drawn in this many steps, one path per sign and step: a stroke per edge made 6 × 64 slow. */
const WIDTH_STEPS = 8;

/** Sizes the canvas to `width` × `height` CSS px at the screen's density; returns its context, scaled to CSS px. */
function prepare(canvas: HTMLCanvasElement, width: number, height: number): CanvasRenderingContext2D | null {
  const ctx = canvas.getContext('2d');
  if (!ctx) return null;
  const ratio = window.devicePixelRatio || 1;
  const w = Math.max(1, Math.round(width * ratio));
  const h = Math.max(1, Math.round(height * ratio));
  if (canvas.width !== w || canvas.height !== h) {
    canvas.width = w;
    canvas.height = h;
  }
  ctx.setTransform(ratio, 0, 0, ratio, 0, 0);
  ctx.clearRect(0, 0, width, height);
  return ctx;
}

/** One small offscreen canvas per pixel size, reused: the cells are put there, then scaled onto the target. */
const scratch = new Map<string, { canvas: HTMLCanvasElement; image: ImageData }>();

function cellsCanvas(width: number, height: number, fill: (data: Uint8ClampedArray) => void): HTMLCanvasElement | null {
  const key = `${width}x${height}`;
  let entry = scratch.get(key);
  if (!entry) {
    const canvas = document.createElement('canvas');
    canvas.width = width;
    canvas.height = height;
    const ctx = canvas.getContext('2d');
    if (!ctx) return null;
    entry = { canvas, image: ctx.createImageData(width, height) };
    scratch.set(key, entry);
  }
  fill(entry.image.data);
  entry.canvas.getContext('2d')?.putImageData(entry.image, 0, 0);
  return entry.canvas;
}

/** A unit's output over the plane: `side`² values from `offset`, row 0 at the top, on the boundary's scale. */
export function drawHeatmap(canvas: HTMLCanvasElement, values: Float32Array, offset: number, side: number, size: number): void {
  const ctx = prepare(canvas, size, size);
  if (!ctx) return;
  const cells = cellsCanvas(side, side, (data) => {
    for (let i = 0; i < side * side; i++) {
      const [r, g, b] = paletteAt(values[offset + i]);
      data[4 * i] = r;
      data[4 * i + 1] = g;
      data[4 * i + 2] = b;
      data[4 * i + 3] = 255;
    }
  });
  if (!cells) return;
  ctx.imageSmoothingEnabled = true;
  ctx.drawImage(cells, 0, 0, size, size);
}

/**
 * A first-layer unit's weights as an image (`width` × `height` pixels from `offset`): orange negative, blue
 * positive, neutral 0, scaled by the unit's largest |w| so every unit shows its pattern (the detail gives the
 * numbers).
 */
export function drawWeightImage(canvas: HTMLCanvasElement, values: Float32Array, offset: number, width: number, height: number, size: number): void {
  const ctx = prepare(canvas, size, size);
  if (!ctx) return;
  let scale = 0;
  for (let i = 0; i < width * height; i++) scale = Math.max(scale, Math.abs(values[offset + i]));
  const cells = cellsCanvas(width, height, (data) => {
    for (let i = 0; i < width * height; i++) {
      const [r, g, b] = divergingColor(scale > 0 ? 0.5 + values[offset + i] / (2 * scale) : 0.5);
      data[4 * i] = r;
      data[4 * i + 1] = g;
      data[4 * i + 2] = b;
      data[4 * i + 3] = 255;
    }
  });
  if (!cells) return;
  ctx.imageSmoothingEnabled = false;
  ctx.drawImage(cells, 0, 0, size, size);
}

/** Bars of `counts` filling `width` × `height`, the tallest reaching the top. */
export function drawHistogram(canvas: HTMLCanvasElement, counts: ArrayLike<number>, width: number, height: number, color: string): void {
  const ctx = prepare(canvas, width, height);
  if (!ctx) return;
  let top = 0;
  for (let i = 0; i < counts.length; i++) top = Math.max(top, counts[i]);
  if (top <= 0) return;
  const bar = width / counts.length;
  ctx.fillStyle = color;
  for (let i = 0; i < counts.length; i++) {
    const h = (counts[i] / top) * (height - 1);
    if (h > 0) ctx.fillRect(i * bar, height - h, Math.max(0.5, bar - (bar > 3 ? 1 : 0)), h);
  }
}

/**
 * The network's edges from the reading's weights (the largest MAX_EDGES_PER_LAYER between two layers), from each
 * node's right side to the next one's left, in one path per sign and width step (edgeStyle's width rounded to
 * WIDTH_STEPS steps).
 */
export function drawEdges(canvas: HTMLCanvasElement, picture: NetworkPicture, reading: NeuronsReading): void {
  const ctx = prepare(canvas, picture.width, picture.height);
  if (!ctx || !reading.edges) return;
  const columns = [picture.inputs, ...picture.units, picture.outputs];
  const lowest = edgeStyle(0).width;
  const highest = edgeStyle(Number.MAX_VALUE).width;
  const paths = Array.from({ length: 2 * WIDTH_STEPS }, () => new Path2D());
  reading.edges.forEach((layer, m) => {
    const from = columns[m];
    const to = columns[m + 1];
    if (!from || !to || from.length !== layer.inputs || to.length !== layer.outputs) return;
    for (const index of edgesToDraw(layer.weights)) {
      const a = from[Math.floor(index / layer.outputs)];
      const b = to[index % layer.outputs];
      const weight = layer.weights[index];
      const step = Math.round(((edgeStyle(weight).width - lowest) / (highest - lowest)) * (WIDTH_STEPS - 1));
      const path = paths[(weight < 0 ? 0 : WIDTH_STEPS) + step];
      path.moveTo(a.x + a.size, a.y + a.size / 2);
      path.lineTo(b.x, b.y + b.size / 2);
    }
  });
  ctx.globalAlpha = 0.75;
  paths.forEach((path, k) => {
    const step = k % WIDTH_STEPS;
    ctx.strokeStyle = css(edgeStyle(k < WIDTH_STEPS ? -1 : 1).color);
    ctx.lineWidth = lowest + ((highest - lowest) * step) / (WIDTH_STEPS - 1);
    ctx.stroke(path);
  });
  ctx.globalAlpha = 1;
}
