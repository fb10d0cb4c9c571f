import { describe, expect, it } from 'vitest';
import type { Problem } from '../../engine/data/problem';
import { cellColor, pointColor } from './boundaryCanvas';
import { argmaxAt, classColor, CLASS_PALETTE, confidenceColor, confidenceStrength } from './classColors';
import { confusionTable, formatShare } from './confusionModel';
import { galleryPredictions, galleryScore, greyToRgba, predictClass } from './galleryModel';
import { formatPlacement, fromPlaneFraction, gridCellAt, planeReadout, toPlanePixel } from './planeModel';

const iris: Problem = {
  dataset: 'iris',
  title: 'Iris',
  task: 'classes',
  inputSize: 2,
  outputSize: 3,
  featureNames: ['petal length (cm)', 'petal width (cm)'],
  classNames: ['setosa', 'versicolor', 'virginica'],
  image: null,
  extent: 2.5,
  trainCount: 120,
  validationCount: 0,
  testCount: 30,
};
const circle: Problem = { ...iris, dataset: 'circle', title: 'Circle', task: 'binary', outputSize: 1, featureNames: ['x₁', 'x₂'], classNames: ['0', '1'], extent: 1 };

describe('class palette', () => {
  it('starts with the binary scale’s orange and blue, then Okabe–Ito’s green, and repeats past its length', () => {
    expect(classColor(0)).toEqual([230, 159, 0]);
    expect(classColor(1)).toEqual([0, 114, 178]);
    expect(classColor(2)).toEqual([0, 158, 115]);
    expect(classColor(CLASS_PALETTE.length)).toEqual([230, 159, 0]);
    expect(classColor(CLASS_PALETTE.length + 2)).toEqual([0, 158, 115]);
    expect(classColor(Number.NaN)).toEqual([230, 159, 0]);
    expect(new Set(CLASS_PALETTE.map((c) => c.join())).size).toBe(CLASS_PALETTE.length);
  });

  it('tints by confidence: chance is neutral, certainty the full colour, linear between', () => {
    // 3 classes: chance 1/3; p = 2/3 is half way.
    expect(confidenceStrength(1 / 3, 3)).toBe(0);
    expect(confidenceStrength(0.2, 3)).toBe(0);
    expect(confidenceStrength(1, 3)).toBe(1);
    expect(confidenceStrength(2 / 3, 3)).toBeCloseTo(0.5, 12);
    expect(confidenceColor(2, 1, 3)).toEqual([0, 158, 115]);
    expect(confidenceColor(2, 1 / 3, 3)).toEqual([247, 247, 247]);
    // Half way from (247, 247, 247) to green (0, 158, 115): 123.5 → 124, 202.5 → 203, 181.
    expect(confidenceColor(2, 2 / 3, 3)).toEqual([124, 203, 181]);
  });

  it('argmax takes the first of ties and ignores NaN', () => {
    expect(argmaxAt([0.1, 0.7, 0.2, 0.9, 0.05, 0.05], 0, 3)).toEqual({ index: 1, value: 0.7 });
    expect(argmaxAt([0.1, 0.7, 0.2, 0.9, 0.05, 0.05], 3, 3)).toEqual({ index: 0, value: 0.9 });
    expect(argmaxAt([0.4, 0.4, 0.2], 0, 3).index).toBe(0);
    expect(argmaxAt([Number.NaN, 0.3, 0.7], 0, 3)).toEqual({ index: 2, value: 0.7 });
  });

  it('colours a classes cell by its argmax and a binary cell on the diverging scale', () => {
    const grid = Float32Array.from([0.1, 0.1, 0.8, 0.5, 0.25, 0.25]);
    // Cell 0: class 2 at p = 0.8 → strength (0.8 − 1/3)/(2/3) = 0.7: 247 − 0.7·247 = 74.1, 247 − 0.7·89 = 184.7, 247 − 0.7·132 = 154.6.
    expect(cellColor(grid, 0, 'classes', 3)).toEqual([74, 185, 155]);
    // Cell 1: class 0 at p = 0.5 → strength 0.25: 247 − 0.25·17 = 242.75, 247 − 0.25·88 = 225, 247 − 0.25·247 = 185.25.
    expect(cellColor(grid, 1, 'classes', 3)).toEqual([243, 225, 185]);
    expect(cellColor(Float32Array.from([0, 1]), 1, 'binary', 1)).toEqual([0, 114, 178]);
    expect(cellColor(Float32Array.from([-1]), 0, 'regression', 1)).toEqual([230, 159, 0]);
    expect(pointColor(2, 'classes')).toEqual([0, 158, 115]);
    expect(pointColor(1, 'binary')).toEqual([0, 114, 178]);
  });
});

describe('plane extent mapping', () => {
  it('maps [−extent, extent]² onto the picture, y up', () => {
    expect(toPlanePixel(0, 0, 2.5, 320)).toEqual([160, 160]);
    expect(toPlanePixel(-2.5, 2.5, 2.5, 320)).toEqual([0, 0]);
    expect(toPlanePixel(2.5, -2.5, 2.5, 320)).toEqual([320, 320]);
    // 1.25 is half way to the right edge: 240; y −1.25 is half way down from the centre: 240.
    expect(toPlanePixel(1.25, -1.25, 2.5, 320)).toEqual([240, 240]);
    // Extent 1 (generated sets): x 0.5 → 240, y 0.5 → 80.
    expect(toPlanePixel(0.5, 0.5, 1, 320)).toEqual([240, 80]);
  });

  it('reads the pointer back into plane coordinates and grid cells', () => {
    expect(fromPlaneFraction(0.75, 0.25, 2.5)).toEqual([1.25, 1.25]);
    expect(fromPlaneFraction(0, 1, 3)).toEqual([-3, -3]);
    // 4×4 grid: u 0.6 → column 2, v 0.3 → row 1: 1·4 + 2 = 6; the far edges clamp to the last cell.
    expect(gridCellAt(0.6, 0.3, 4)).toBe(6);
    expect(gridCellAt(1, 1, 4)).toBe(15);
    expect(gridCellAt(-0.1, 0, 4)).toBe(0);
  });

  it('words the readout with class and feature names', () => {
    // 2×2 grid of 3 probabilities; the pointer at (0.75, 0.25) is cell 1 (row 0, column 1) at (1.25, 1.25).
    const grid = Float32Array.from([0.9, 0.05, 0.05, 0.1, 0.87, 0.03, 0.2, 0.2, 0.6, 0.3, 0.3, 0.4]);
    expect(planeReadout(iris, grid, 2, 0.75, 0.25)).toBe('class versicolor (p = 0.87) at (petal length (cm) 1.25 sd, petal width (cm) 1.25 sd)');
    expect(planeReadout(iris, null, 2, 0.5, 0.5)).toBeNull();
    expect(planeReadout(circle, Float32Array.from([0.25, 0.75, 0.5, 0.5]), 2, 0.75, 0.25)).toBe('P(class 1) = 0.750 at (x₁ 0.50, x₂ 0.50)');
    expect(planeReadout({ ...circle, task: 'regression', classNames: null }, Float32Array.from([0.25, 0.75, -0.5, 0.5]), 2, 0.25, 0.75)).toBe(
      'prediction −0.500 at (x₁ −0.50, x₂ −0.50)',
    );
    expect(formatPlacement(circle, -0.125, 0)).toBe('(x₁ −0.13, x₂ 0.00)');
  });
});

describe('gallery predictions', () => {
  const gallery = { images: new Float32Array(3 * 4), labels: Uint8Array.from([2, 0, 1]), count: 3 };

  it('predicts by argmax and marks the wrong ones', () => {
    const outputs = Float32Array.from([0.1, 0.2, 0.7, 0.3, 0.6, 0.1, 0.2, 0.5, 0.3]);
    const predictions = galleryPredictions(gallery, outputs, 3);
    expect(predictions.map((p) => p.predicted)).toEqual([2, 1, 1]);
    expect(predictions.map((p) => p.correct)).toEqual([true, false, true]);
    expect(predictions[1]).toMatchObject({ truth: 0, probability: expect.closeTo(0.6, 6) });
    expect(galleryScore(predictions)).toEqual({ known: 3, right: 2 });
  });

  it('has no prediction before outputs arrive, and none right or wrong without labels', () => {
    expect(galleryPredictions(gallery, null, 3).map((p) => p.correct)).toEqual([null, null, null]);
    expect(galleryPredictions(gallery, new Float32Array(3), 3)[0].predicted).toBeNull();
    const unlabelled = galleryPredictions({ ...gallery, labels: null }, Float32Array.from([1, 0, 0, 0, 1, 0, 0, 0, 1]), 3);
    expect(unlabelled.map((p) => [p.predicted, p.correct])).toEqual([
      [0, null],
      [1, null],
      [2, null],
    ]);
    expect(galleryScore(unlabelled)).toEqual({ known: 0, right: 0 });
  });

  it('reads one sigmoid output as class 1 from 0.5', () => {
    expect(predictClass([0.8], 0, 1)).toEqual({ index: 1, probability: 0.8 });
    expect(predictClass([0.25], 0, 1)).toEqual({ index: 0, probability: 0.75 });
    expect(predictClass([0.5], 0, 1).index).toBe(1);
  });

  it('draws ink dark on a light ground', () => {
    const target = new Uint8ClampedArray(12);
    greyToRgba([9, 0, 1, 0.5], 1, 3, target);
    // 0 → 255 (paper), 1 → 0 (ink), 0.5 → 127.5 → 128.
    expect(Array.from(target)).toEqual([255, 255, 255, 255, 0, 0, 0, 255, 128, 128, 128, 255]);
  });
});

describe('confusion table', () => {
  it('shares each row and gives its recall', () => {
    // true 0: 8 right, 2 called 1; true 1: 1 called 0, 3 right, 1 called 2; true 2: none in the test set.
    const table = confusionTable([8, 2, 0, 1, 3, 1, 0, 0, 0]);
    expect(table?.classes).toBe(3);
    expect(table?.rows.map((r) => r.total)).toEqual([10, 5, 0]);
    expect(table?.rows[0].cells.map((c) => c.share)).toEqual([0.8, 0.2, 0]);
    expect(table?.rows[1].cells.map((c) => c.share)).toEqual([0.2, 0.6, 0.2]);
    expect(table?.rows[1].cells.map((c) => c.diagonal)).toEqual([false, true, false]);
    expect(table?.rows.map((r) => r.recall)).toEqual([0.8, 0.6, null]);
    expect(table?.total).toBe(15);
    expect(table?.accuracy).toBeCloseTo(11 / 15, 12);
  });

  it('refuses a length that is not a square and formats shares', () => {
    expect(confusionTable([1, 2, 3])).toBeNull();
    expect(confusionTable([])).toBeNull();
    expect(confusionTable([0, 0, 0, 0])?.accuracy).toBeNull();
    expect(formatShare(0.8)).toBe('80.0 %');
    expect(formatShare(2 / 3)).toBe('66.7 %');
    expect(formatShare(null)).toBe('—');
  });
});
