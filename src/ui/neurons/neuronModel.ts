/**
 * The per-unit view's model (no DOM, no TF.js): where each unit sits, what colour a value and an edge take,
 * and what the enlarged unit says. As TensorFlow Playground draws a network (src/playground.ts): layers as
 * columns, inputs on the left and the output on the right, each link coloured by its weight's sign on the
 * output's diverging scale and its width growing with |w| (there linear from |w| = 0 to 5, 1–10 px, clamped).
 */
import type { LayerDiagnostics } from '../../engine/train/diagnostics';
import type { NeuronsReading } from '../../probes/neurons/declaration';
import { toUnit } from '../charts/boundaryCanvas';
import type { Rgb } from '../charts/classColors';
import { divergingColor, tint } from '../colors';

export interface UnitBox {
  layer: number;
  unit: number;
  /** Top-left corner and side, px, in the diagram. */
  x: number;
  y: number;
  size: number;
}

export interface NodeBox {
  x: number;
  y: number;
  size: number;
}

export interface NetworkPicture {
  width: number;
  height: number;
  inputs: NodeBox[];
  units: UnitBox[][];
  outputs: NodeBox[];
}

const GAP = 3;
const MAX_UNIT = 34;
const MIN_UNIT = 6;
const IO_COLUMN = 30;
/** The diagram grows no taller than this; a wide layer packs its units into several sub-columns. */
export const MAX_DIAGRAM_HEIGHT = 210;
/** Share of a layer's column its units may take (the rest is for the edges). */
const UNIT_SHARE = 0.6;

/** The side and sub-columns that fit `units` boxes in a column `width` wide and `height` tall, largest side first. */
export function packColumn(units: number, width: number, height: number): { size: number; columns: number } {
  let best = { size: MIN_UNIT, columns: Math.max(1, Math.ceil((units * (MIN_UNIT + GAP)) / height)) };
  for (let columns = 1; columns <= units; columns++) {
    const rows = Math.ceil(units / columns);
    const size = Math.min(MAX_UNIT, Math.floor((width - (columns - 1) * GAP) / columns), Math.floor((height - (rows - 1) * GAP) / rows));
    if (size > best.size) best = { size, columns };
  }
  return best;
}

/** A column of `count` square nodes of side `size` centred at x = `cx` in a `height`-tall diagram. */
function nodeColumn(count: number, cx: number, height: number, size: number): NodeBox[] {
  const total = count * size + (count - 1) * GAP;
  const top = Math.max(0, (height - total) / 2);
  return Array.from({ length: count }, (_, i) => ({ x: cx - size / 2, y: top + i * (size + GAP), size }));
}

/**
 * Where each unit of `units` (per hidden layer) sits in a diagram `width` px wide, with `inputs` input nodes
 * on the left and `outputs` on the right: each layer a column of boxes, a wide layer in sub-columns filled
 * top to bottom, left to right.
 */
export function networkPicture(units: readonly number[], width: number, inputs: number, outputs: number): NetworkPicture {
  const layers = Math.max(1, units.length);
  const column = Math.max(MIN_UNIT + 4, (width - 2 * IO_COLUMN) / layers);
  const packed = units.map((n) => packColumn(n, column * UNIT_SHARE, MAX_DIAGRAM_HEIGHT));
  const heights = packed.map(({ size, columns }, m) => {
    const rows = Math.ceil(units[m] / columns);
    return rows * size + (rows - 1) * GAP;
  });
  const ioSize = Math.min(22, Math.floor((MAX_DIAGRAM_HEIGHT - 8 * GAP) / Math.max(8, inputs, outputs)));
  const ioHeight = Math.max(inputs, outputs) * (ioSize + GAP);
  const height = Math.ceil(Math.max(ioSize, ioHeight, ...heights));
  const boxes = units.map((n, m) => {
    const { size, columns } = packed[m];
    const rows = Math.ceil(n / columns);
    const usedColumns = Math.ceil(n / rows);
    const blockWidth = usedColumns * size + (usedColumns - 1) * GAP;
    const left = IO_COLUMN + column * (m + 0.5) - blockWidth / 2;
    const top = (height - heights[m]) / 2;
    return Array.from({ length: n }, (_, u) => ({ layer: m, unit: u, x: left + Math.floor(u / rows) * (size + GAP), y: top + (u % rows) * (size + GAP), size }));
  });
  return {
    width,
    height,
    inputs: nodeColumn(inputs, IO_COLUMN / 2, height, ioSize),
    units: boxes,
    outputs: nodeColumn(outputs, width - IO_COLUMN / 2, height, ioSize),
  };
}

/**
 * A unit's output on the decision boundary's scale: −1 orange, 0 neutral, +1 blue, clamped (as the plane shows
 * a regression output, boundaryCanvas.ts toUnit), tinted as the plane's cells are.
 */
export function activationColor(value: number): Rgb {
  return tint(divergingColor(toUnit(value, true)));
}

/** An edge's colour (its sign on the same scale, full strength) and width: 0.5 px at 0, growing to 4 px at |w| ≥ 2. */
export function edgeStyle(weight: number): { color: Rgb; width: number } {
  const magnitude = Number.isFinite(weight) ? Math.abs(weight) : 0;
  return { color: divergingColor(weight < 0 ? 0 : 1), width: 0.5 + 3.5 * Math.min(1, magnitude / 2) };
}

/**
 * Between two layers at most this many edges are drawn, the largest |w| first: 64 × 64 units have 4,096, which in
 * a column 40 px wide are a solid block that costs the page long tasks to rasterise (measured: 29 long tasks in
 * 10 s at 6 × 64 with all 20,800 edges, 1 with the view closed). TF Playground's layers have at most 8 units.
 */
export const MAX_EDGES_PER_LAYER = 512;

/** The indices (into a layer's inputs × outputs weights) of the edges to draw: all, or the `limit` largest |w|. */
export function edgesToDraw(weights: Float32Array, limit = MAX_EDGES_PER_LAYER): Int32Array {
  const all = Int32Array.from({ length: weights.length }, (_, i) => i);
  if (weights.length <= limit) return all;
  const magnitude = (i: number): number => (Number.isFinite(weights[i]) ? Math.abs(weights[i]) : -1);
  return all.sort((a, b) => magnitude(b) - magnitude(a)).slice(0, limit);
}

/** A unit's incoming weight range and bias, in words. */
export function incomingText(reading: NeuronsReading, layer: number, unit: number): string | null {
  const r = reading.incoming[layer];
  if (!r || unit >= r.min.length) return null;
  return `Incoming weights ${fmt(r.min[unit])} to ${fmt(r.max[unit])}; bias ${fmt(r.bias[unit])}`;
}

/** The smallest and largest of a unit's heatmap values (its output over the plane). */
export function planeRange(reading: NeuronsReading, layer: number, unit: number): [number, number] | null {
  const plane = reading.plane;
  if (!plane || !plane.layers[layer]) return null;
  const cells = plane.side * plane.side;
  let lo = Infinity;
  let hi = -Infinity;
  for (let i = unit * cells; i < (unit + 1) * cells; i++) {
    const v = plane.layers[layer][i];
    if (v < lo) lo = v;
    if (v > hi) hi = v;
  }
  return lo <= hi ? [lo, hi] : null;
}

/** A unit's histogram counts (bins of its layer's range). */
export function unitCounts(reading: NeuronsReading, layer: number, unit: number): Float32Array | null {
  const h = reading.histograms;
  if (!h || !h.counts[layer]) return null;
  return h.counts[layer].subarray(unit * h.bins, (unit + 1) * h.bins);
}

export interface UnitTargets {
  /** Per sampled example: the unit's activation H, its target T and where it landed after the step. */
  activation: number[];
  target: number[];
  landed: number[];
}

/**
 * The targets of one hidden unit from the targets panel's sample (engine/train/diagnostics.ts sampleBlock: the
 * top-left block of the batch × units matrix, at most 8 units and 64 pairs, row by row), or, for a unit past the
 * block, from the column sampled for it when it was the view's enlarged unit at the step (packDiagnostics'
 * `unit`, the block's rows); null for any other unit.
 */
export function unitTargets(diagnostics: readonly LayerDiagnostics[] | null, layer: number, unit: number, units: number): UnitTargets | null {
  const d = diagnostics?.[layer];
  if (!d) return null;
  const sampledUnits = Math.min(units, 8);
  if (unit >= sampledUnits) {
    const column = d.column?.unit === unit ? d.column : null;
    return column ? { activation: Array.from(column.activation), target: Array.from(column.target), landed: Array.from(column.landed) } : null;
  }
  const rows = Math.floor(d.activation.length / sampledUnits);
  const pick = (values: Float32Array): number[] => Array.from({ length: rows }, (_, r) => values[r * sampledUnits + unit]);
  return { activation: pick(d.activation), target: pick(d.target), landed: pick(d.landed) };
}

/** What a unit is called: "Layer 2, unit 3" (both counted from 1 for people). */
export const unitName = (layer: number, unit: number): string => `Layer ${layer + 1}, unit ${unit + 1}`;

/** The unit a key moves to from (layer, unit), or null: ←/→ the neighbouring layer, ↑/↓ the neighbouring unit, Home/End the layer's ends. */
export function moveFocus(shown: readonly number[], layer: number, unit: number, key: string): { layer: number; unit: number } | null {
  const clampUnit = (m: number, u: number): number => Math.max(0, Math.min(shown[m] - 1, u));
  switch (key) {
    case 'ArrowLeft':
      return layer > 0 ? { layer: layer - 1, unit: clampUnit(layer - 1, unit) } : null;
    case 'ArrowRight':
      return layer + 1 < shown.length ? { layer: layer + 1, unit: clampUnit(layer + 1, unit) } : null;
    case 'ArrowUp':
      return unit > 0 ? { layer, unit: unit - 1 } : null;
    case 'ArrowDown':
      return unit + 1 < shown[layer] ? { layer, unit: unit + 1 } : null;
    case 'Home':
      return { layer, unit: 0 };
    case 'End':
      return { layer, unit: shown[layer] - 1 };
    default:
      return null;
  }
}

export function fmt(value: number): string {
  if (!Number.isFinite(value)) return String(value);
  const abs = Math.abs(value);
  return abs !== 0 && (abs < 0.01 || abs >= 1000) ? value.toExponential(1) : value.toFixed(2);
}
