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
