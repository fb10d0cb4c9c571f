/**
 * The categorical palette for class indices (the plane's cells and points, the legends): Okabe–Ito's colours,
 * safe for the common colour-vision deficiencies, in an order that starts as the binary scale does (class 0
 * orange, class 1 blue), then dark grey and brown past its seven. Never the only cue: the hover readout, the
 * legend and the gallery name the class.
 */
import { CLASS_0, CLASS_1 } from '../colors';

export type Rgb = [number, number, number];

export const CLASS_PALETTE: readonly Rgb[] = [
  CLASS_0, // orange #E69F00
  CLASS_1, // blue #0072B2
  [0, 158, 115], // bluish green #009E73
  [213, 94, 0], // vermillion #D55E00
  [86, 180, 233], // sky blue #56B4E9
  [204, 121, 167], // reddish purple #CC79A7
  [240, 228, 66], // yellow #F0E442
  [77, 77, 77], // dark grey #4D4D4D
  [140, 81, 10], // brown #8C510A
];

/** What a cell with no confidence at all shows: the binary scale's neutral midpoint. */
export const UNDECIDED: Rgb = [247, 247, 247];

/** The colour of class `index` (the palette repeats past its length; names tell those classes apart). */
export function classColor(index: number): Rgb {
  const n = CLASS_PALETTE.length;
  const i = Number.isFinite(index) ? ((Math.round(index) % n) + n) % n : 0;
  return CLASS_PALETTE[i];
}

/**
 * How strongly a cell shows its winning class: 0 when the winner's probability is no more than chance (1/C),
 * 1 when it is certain, linear between.
 */
export function confidenceStrength(probability: number, classes: number): number {
  if (!Number.isFinite(probability)) return 0;
  if (classes <= 1) return 1;
  const chance = 1 / classes;
  return Math.min(1, Math.max(0, (probability - chance) / (1 - chance)));
}

/** The class colour mixed with the neutral midpoint by the confidence strength (rounded to whole levels). */
export function confidenceColor(classIndex: number, probability: number, classes: number): Rgb {
  const s = confidenceStrength(probability, classes);
  const color = classColor(classIndex);
  return [0, 1, 2].map((i) => Math.round(UNDECIDED[i] + (color[i] - UNDECIDED[i]) * s)) as Rgb;
}

/** The index and value of the largest of `count` values starting at `offset` (first wins ties; NaN never wins). */
export function argmaxAt(values: ArrayLike<number>, offset: number, count: number): { index: number; value: number } {
  let index = 0;
  let value = -Infinity;
  for (let k = 0; k < count; k++) {
    const v = values[offset + k];
    if (v > value) {
      value = v;
      index = k;
    }
  }
  return { index, value: value === -Infinity ? Number.NaN : value };
}
