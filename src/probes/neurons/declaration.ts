/**
 * The neurons probe (TF.js-free): what the per-unit view reads back, as TensorFlow Playground shows a network
 * (github.com/tensorflow/playground, src/playground.ts: each node's output over the plane as a small heatmap,
 * each link coloured and sized by its weight). Unlike the per-layer probes (../declaration.ts) it is a picture,
 * not a series: it is measured only while the page shows the view (the `neuronView` command), at the
 * evaluations that follow a diagnosed step (the diagnostics cadence) and at the first one after the view was
 * asked for, packed into that evaluation's one readback (engine/session.ts), and carried on the tick as
 * `neurons`, never into the CSV or a history.
 *
 * On a plane (two inputs): each hidden unit's output over the plane's own grid, sampled to NEURON side² cells
 * (the plane grid's cell under each coarse cell's centre, so whatever builds the plane's grid inputs builds
 * these), at most NEURON_GRID_BUDGET values in all (6 × 64 units at 16², the default network at 24²). TF
 * Playground draws its node heatmaps at 10 × 10 cells (DENSITY / 10).
 * Otherwise: each unit's activation histogram over a fixed test batch (the first NEURON_BATCH test examples),
 * NEURON_BINS bins over its layer's range. The weights need no packing: θ is in every readback already, and
 * readNeurons takes the edges, the incoming ranges and (for images) the first layer's weights from it.
 */
import type { NetworkLayout } from '../../engine/model/mlp';

export const NEURONS_PROBE_NAME = 'neurons';
/** Units shown per layer (a real-data layer may have 1,024); the 2-D sets allow at most 64, so all show there. */
export const NEURON_UNITS_SHOWN = 64;
export const NEURON_GRID_MAX_SIDE = 24;
/** Values a plane reading may hold: units × side². */
export const NEURON_GRID_BUDGET = 6 * 64 * 16 * 16;
export const NEURON_BATCH = 256;
export const NEURON_BINS = 16;
/** Inputs drawn as nodes with edges (a plane's features); an image's pixels are drawn as weight images instead. */
export const MAX_INPUT_NODES = 16;

/** What one reading holds, fixed by the network, the data and the plane grid's size. */
export interface NeuronsShape {
  /** Units per hidden layer, and those shown (the first NEURON_UNITS_SHOWN of each). */
  units: number[];
  shown: number[];
  /** Cells per side of each unit's heatmap (0: not a plane), sampled from a `gridSize`² plane grid. */
  side: number;
  gridSize: number;
  /** Test examples the histograms count (0: none) and their bins. */
  examples: number;
  bins: number;
}

/**
 * The side of the unit heatmaps for a `gridSize`² plane grid and `units` units: the largest divisor of the grid
 * size within NEURON_GRID_MAX_SIDE and the budget (a divisor, so every coarse cell samples the same stride).
 */
export function neuronGridSide(gridSize: number, units: number): number {
  const limit = Math.min(NEURON_GRID_MAX_SIDE, gridSize, Math.floor(Math.sqrt(NEURON_GRID_BUDGET / Math.max(1, units))));
  for (let side = limit; side > 1; side--) if (gridSize % side === 0) return side;
  return 1;
}

/** The plane grid's cells (row-major indices) under the centres of a side² coarse grid. */
export function neuronGridCells(gridSize: number, side: number): Int32Array {
  const stride = gridSize / side;
  const offset = Math.floor(stride / 2);
  const cells = new Int32Array(side * side);
  for (let row = 0; row < side; row++) for (let col = 0; col < side; col++) cells[row * side + col] = (row * stride + offset) * gridSize + col * stride + offset;
  return cells;
}

/** The shape of a reading: `gridSize` 0 when the problem has no plane, `testRows` the test examples there are. */
export function neuronsShape(layout: NetworkLayout, gridSize: number, testRows: number): NeuronsShape {
  const units = layout.layers.slice(0, -1).map((layer) => layer.outputSize);
  const shown = units.map((n) => Math.min(n, NEURON_UNITS_SHOWN));
  const total = shown.reduce((a, b) => a + b, 0);
  const side = gridSize > 0 ? neuronGridSide(gridSize, total) : 0;
  const examples = gridSize > 0 ? 0 : Math.min(NEURON_BATCH, testRows);
  return { units, shown, side, gridSize: side > 0 ? gridSize : 0, examples, bins: NEURON_BINS };
}

/** The values measureNeurons packs: per layer its shown units' cells, or its range (2) and its units' bins. */
export function neuronsLength(shape: NeuronsShape): number {
  const total = shape.shown.reduce((a, b) => a + b, 0);
  if (shape.side > 0) return total * shape.side * shape.side;
  if (shape.examples > 0) return 2 * shape.shown.length + total * shape.bins;
  return 0;
}

export interface NeuronHistograms {
  examples: number;
  bins: number;
  /** Per hidden layer, the range its bins divide (the smallest and largest activation of its shown units). */
  low: number[];
  high: number[];
  /** Per layer, shown units × bins counts, unit-major. */
  counts: Float32Array[];
}

export interface NeuronLayerWeights {
  /** Fan-in × units, row-major as θ holds them (input i to unit j at i × outputs + j). */
  weights: Float32Array;
  bias: Float32Array;
  inputs: number;
  outputs: number;
}

export interface NeuronsReading {
  units: number[];
  shown: number[];
  /** Per hidden layer, shown units × side² activations, unit-major, row 0 at the top (as the plane's grid). */
  plane: { side: number; layers: Float32Array[] } | null;
  histograms: NeuronHistograms | null;
  /** Every layer's weights and biases (the output layer's last), for the edges; only with few inputs and units. */
  edges: NeuronLayerWeights[] | null;
  /** Per hidden layer and shown unit: the smallest and largest incoming weight, and the bias. */
  incoming: { min: Float32Array; max: Float32Array; bias: Float32Array }[];
  /** The first layer's weights as images, shown units × pixels, unit-major; null unless the inputs are images. */
  firstLayerImages: { width: number; height: number; values: Float32Array } | null;
}

/** The weights and biases of layer m from θ (copies). */
function layerWeights(theta: Float32Array, layout: NetworkLayout, m: number): NeuronLayerWeights {
  const { inputSize, outputSize, weightOffset, biasOffset } = layout.layers[m];
  return {
    weights: theta.slice(weightOffset, weightOffset + inputSize * outputSize),
    bias: theta.slice(biasOffset, biasOffset + outputSize),
    inputs: inputSize,
    outputs: outputSize,
  };
}

/** Each shown unit's incoming weight range and bias, from θ. */
function incomingOf(theta: Float32Array, layout: NetworkLayout, m: number, shown: number): NeuronsReading['incoming'][number] {
  const { inputSize, outputSize, weightOffset, biasOffset } = layout.layers[m];
  const min = new Float32Array(shown).fill(Infinity);
  const max = new Float32Array(shown).fill(-Infinity);
  for (let i = 0; i < inputSize; i++) {
    const row = weightOffset + i * outputSize;
    for (let j = 0; j < shown; j++) {
      const w = theta[row + j];
      if (w < min[j]) min[j] = w;
      if (w > max[j]) max[j] = w;
    }
  }
  return { min, max, bias: theta.slice(biasOffset, biasOffset + shown) };
}

/**
 * A reading from measureNeurons' values (`values`, neuronsLength of them) and the θ read back with them.
 * `image`: the problem's image shape, for the first layer's weight images.
 */
export function readNeurons(values: Float32Array, shape: NeuronsShape, theta: Float32Array, layout: NetworkLayout, image: { width: number; height: number } | null): NeuronsReading {
  const { shown, side, bins, examples } = shape;
  let offset = 0;
  const take = (n: number): Float32Array => values.slice(offset, (offset += n));
  const plane = side > 0 ? { side, layers: shown.map((n) => take(n * side * side)) } : null;
  let histograms: NeuronHistograms | null = null;
  if (side === 0 && examples > 0) {
    const low: number[] = [];
    const high: number[] = [];
    const counts = shown.map((n) => {
      const [lo, hi] = take(2);
      low.push(lo);
      high.push(hi);
      return take(n * bins);
    });
    histograms = { examples, bins, low, high, counts };
  }
  const hidden = shape.units.length;
  const fewInputs = layout.layers[0].inputSize <= MAX_INPUT_NODES;
  const allShown = shape.units.every((n, m) => n === shown[m]);
  const edges = fewInputs && allShown ? layout.layers.map((_, m) => layerWeights(theta, layout, m)) : null;
  const incoming = shown.map((n, m) => incomingOf(theta, layout, m, n));
  let firstLayerImages: NeuronsReading['firstLayerImages'] = null;
  if (image && hidden > 0) {
    const { inputSize, outputSize, weightOffset } = layout.layers[0];
    const units = shown[0];
    const images = new Float32Array(units * inputSize);
    for (let j = 0; j < units; j++) for (let i = 0; i < inputSize; i++) images[j * inputSize + i] = theta[weightOffset + i * outputSize + j];
    firstLayerImages = { width: image.width, height: image.height, values: images };
  }
  return { units: shape.units, shown, plane, histograms, edges, incoming, firstLayerImages };
}

/** The buffers a reading can hand over (postMessage transfer list): each is its own copy. */
export function neuronsTransfer(reading: NeuronsReading | null): ArrayBuffer[] {
  if (!reading) return [];
  const arrays: Float32Array[] = [
    ...(reading.plane?.layers ?? []),
    ...(reading.histograms?.counts ?? []),
    ...(reading.edges?.flatMap((e) => [e.weights, e.bias]) ?? []),
    ...reading.incoming.flatMap((r) => [r.min, r.max, r.bias]),
    ...(reading.firstLayerImages ? [reading.firstLayerImages.values] : []),
  ];
  return arrays.map((a) => a.buffer as ArrayBuffer);
}
