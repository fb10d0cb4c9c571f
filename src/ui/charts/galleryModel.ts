/**
 * What the image gallery shows under each test image, free of the DOM: the predicted class (the argmax of
 * the network's probabilities; a single sigmoid output reads as class 1 from 0.5), its probability, the true
 * class and whether they agree.
 */
import type { Problem } from '../../engine/data/problem';
import type { GalleryPayload } from '../../worker/protocol';
import { argmaxAt } from './classColors';

export interface GalleryPrediction {
  /** The predicted class index and its probability; null before the first prediction arrives. */
  predicted: number | null;
  probability: number | null;
  /** The true class index, when the data has labels. */
  truth: number | null;
  /** Whether the prediction is right; null when either side is unknown. */
  correct: boolean | null;
}

/** The class one row of outputs predicts: argmax over C ≥ 2 outputs, or the sigmoid's side of 0.5. */
export function predictClass(outputs: ArrayLike<number>, offset: number, outputSize: number): { index: number; probability: number } {
  if (outputSize === 1) {
    const p = outputs[offset];
    return p >= 0.5 ? { index: 1, probability: p } : { index: 0, probability: 1 - p };
  }
  const { index, value } = argmaxAt(outputs, offset, outputSize);
  return { index, probability: value };
}

/** One entry per gallery image, for a problem with classes (binary or classes). */
export function galleryPredictions(gallery: GalleryPayload, outputs: Float32Array | null, outputSize: number): GalleryPrediction[] {
  const usable = outputs !== null && outputs.length >= gallery.count * outputSize;
  return Array.from({ length: gallery.count }, (_, i) => {
    const truth = gallery.labels ? gallery.labels[i] : null;
    if (!usable) return { predicted: null, probability: null, truth, correct: null };
    const { index, probability } = predictClass(outputs, i * outputSize, outputSize);
    return { predicted: index, probability, truth, correct: truth === null ? null : truth === index };
  });
}

/** How many of the predictions are known and how many of those are right. */
export function galleryScore(predictions: GalleryPrediction[]): { known: number; right: number } {
  let known = 0;
  let right = 0;
  for (const p of predictions) {
    if (p.correct === null) continue;
    known++;
    if (p.correct) right++;
  }
  return { known, right };
}

/** The name of class `index` for people ("7", "versicolor"). */
export function classLabel(problem: Problem, index: number): string {
  return problem.classNames?.[index] ?? String(index);
}

/** Grey levels in [0, 1] (1 = ink) to RGBA bytes, ink dark on a light ground; out-of-range values clamp. */
export function greyToRgba(values: ArrayLike<number>, offset: number, pixels: number, target: Uint8ClampedArray): void {
  for (let i = 0; i < pixels; i++) {
    const v = values[offset + i];
    const level = Math.round(255 * (1 - Math.min(1, Math.max(0, Number.isFinite(v) ? v : 0))));
    target[4 * i] = level;
    target[4 * i + 1] = level;
    target[4 * i + 2] = level;
    target[4 * i + 3] = 255;
  }
}

/** A run as the comparison gallery reads it: its test images and its reconstructions of them. */
export interface GalleryRun {
  id: string;
  position: number;
  name: string;
  color: string;
  gallery: GalleryPayload | null;
  outputs: Float32Array | null;
}

export interface GalleryRow {
  id: string;
  position: number;
  name: string;
  color: string;
  /** The test images this row shows, by index into the shared gallery: the same for every row. */
  indices: number[];
  /** The reconstructions (count × pixels), or null until the run's first ones arrive. */
  outputs: Float32Array | null;
}

export interface GalleryComparison {
  /** The test images every row shows. */
  gallery: GalleryPayload;
  rows: GalleryRow[];
  /** Runs left out because they test other images (another data set or split), by position. */
  otherImages: number[];
}

const sameImages = (a: GalleryPayload, b: GalleryPayload): boolean =>
  a.count === b.count && a.images.length === b.images.length && a.images.every((v, i) => v === b.images[i]);

/**
 * The runs' reconstructions side by side: one row per run over the same test images (the first run's; a run
 * whose test images differ is named, not shown). Runs not yet reported are left out. Null when fewer than two
 * runs can be compared: the gallery then shows one run as before.
 */
export function galleryComparison(runs: readonly GalleryRun[], pixels: number): GalleryComparison | null {
  const reported = runs.filter((run) => run.gallery !== null && run.gallery.count > 0);
  const reference = reported[0]?.gallery;
  if (!reference) return null;
  const indices = Array.from({ length: reference.count }, (_, i) => i);
  const rows: GalleryRow[] = [];
  const otherImages: number[] = [];
  for (const run of reported) {
    if (!run.gallery || !sameImages(run.gallery, reference)) {
      otherImages.push(run.position);
      continue;
    }
    const usable = run.outputs !== null && run.outputs.length >= reference.count * pixels;
    rows.push({ id: run.id, position: run.position, name: run.name, color: run.color, indices, outputs: usable ? run.outputs : null });
  }
  return rows.length >= 2 ? { gallery: reference, rows, otherImages } : null;
}

/** Test image indices in bands of at most `columns` (as even as can be), for rows that wrap together. */
export function galleryBands(indices: readonly number[], columns: number): number[][] {
  const bandCount = Math.max(1, Math.ceil(indices.length / Math.max(1, columns)));
  const perBand = Math.ceil(indices.length / bandCount);
  return Array.from({ length: bandCount }, (_, b) => indices.slice(b * perBand, (b + 1) * perBand)).filter((band) => band.length > 0);
}
