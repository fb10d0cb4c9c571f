/**
 * Okabe–Ito colours (safe for the common colour-vision deficiencies): class 0 orange, class 1 blue, with a
 * near-white midpoint so "undecided" reads as neutral. Never the only cue: tooltips and legends give numbers.
 */
export const CLASS_0: [number, number, number] = [230, 159, 0];
export const CLASS_1: [number, number, number] = [0, 114, 178];
const MIDDLE: [number, number, number] = [247, 247, 247];
export const TRAIN_COLOR = '#0072B2';
export const TEST_COLOR = '#D55E00';
export const LEARNING_RATE_COLOR = '#009E73';

/** t in [0, 1] (0 = class 0, 1 = class 1) to RGB, through the neutral midpoint. */
export function divergingColor(t: number): [number, number, number] {
  const clamped = Math.min(1, Math.max(0, Number.isFinite(t) ? t : 0.5));
  const [from, to, s] = clamped < 0.5 ? [CLASS_0, MIDDLE, clamped * 2] : [MIDDLE, CLASS_1, clamped * 2 - 1];
  return [0, 1, 2].map((i) => Math.round(from[i] + (to[i] - from[i]) * s)) as [number, number, number];
}

/** A lighter tint for the background heatmap, so the points on top stay visible. */
export function tint([r, g, b]: [number, number, number], amount = 0.35): [number, number, number] {
  return [r + (255 - r) * amount, g + (255 - g) * amount, b + (255 - b) * amount].map(Math.round) as [number, number, number];
}

/**
 * tint(divergingColor(t), amount) written into `out` at `at` (red, green, blue) without making arrays: the same
 * arithmetic in the same order, so the same bytes. The plane's heatmap colours every grid cell this way; through
 * the two functions, 8 runs' planes (8 × 2,304 cells) made ~37,000 arrays and were most of the task that drew them
 * (issue 20 §7).
 */
export function writeTintedDiverging(out: Uint8ClampedArray, at: number, t: number, amount = 0.35): void {
  const clamped = Math.min(1, Math.max(0, Number.isFinite(t) ? t : 0.5));
  const low = clamped < 0.5;
  const from = low ? CLASS_0 : MIDDLE;
  const to = low ? MIDDLE : CLASS_1;
  const s = low ? clamped * 2 : clamped * 2 - 1;
  for (let i = 0; i < 3; i++) {
    const c = Math.round(from[i] + (to[i] - from[i]) * s);
    out[at + i] = Math.round(c + (255 - c) * amount);
  }
}

export function css([r, g, b]: [number, number, number]): string {
  return `rgb(${r}, ${g}, ${b})`;
}
