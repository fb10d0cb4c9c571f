import { describe, expect, it } from 'vitest';
import { rowBands, runLosses, SLIDE, slideLayout, slideTitle } from './slide';

describe('slideLayout', () => {
  it('gives the loss chart at least half the slide, beside the picture and inside the slide', () => {
    const { picture, chart } = slideLayout();
    expect(chart.width * chart.height).toBeGreaterThanOrEqual(0.5 * SLIDE.width * SLIDE.height);
    expect(picture.x + picture.size).toBeLessThan(chart.x);
    expect(chart.x + chart.width).toBeLessThanOrEqual(SLIDE.width);
    expect(chart.y + chart.height).toBeLessThanOrEqual(SLIDE.height);
    expect(picture.y + picture.size).toBeLessThanOrEqual(SLIDE.height);
  });
});

describe('rowBands', () => {
  it('shows 16 of 24 compared images in bands that fit the picture, at the largest cell', () => {
    // The originals and two runs: 3 rows.
    const { columns, bands, cell } = rowBands(24, 3, 600);
    expect(columns * bands).toBeGreaterThanOrEqual(16);
    expect(columns * cell).toBeLessThanOrEqual(600 - 18);
    expect((bands * 3 + (bands - 1) * 0.25) * cell).toBeLessThanOrEqual(600 + 1e-9);
    // Two bands of 8, each image 72.75 px: twice the images of one band at the same size.
    expect({ columns, bands }).toEqual({ columns: 8, bands: 2 });
    expect(cell).toBeCloseTo(582 / 8, 9);
  });
  it('shows all of a few images', () => {
    expect(rowBands(5, 4, 600)).toMatchObject({ columns: 5, bands: 1 });
  });
});

describe('the slide says what each part is', () => {
  it('puts the key and each run line in what was blank under the picture, inside the slide', () => {
    const { picture, key, runs, caption } = slideLayout(3);
    expect(caption).toBeLessThan(picture.y);
    expect(key).toBeGreaterThan(picture.y + picture.size);
    expect(runs).toHaveLength(3);
    for (const y of runs) {
      expect(y).toBeGreaterThan(key);
      expect(y).toBeLessThanOrEqual(SLIDE.height - 24);
    }
    // The blank band under the picture (was 284 px of the 1,080) now holds the key and the run lines.
    expect(runs[runs.length - 1] - (picture.y + picture.size)).toBeGreaterThan(0.4 * (SLIDE.height - picture.y - picture.size));
  });

  it('puts the other runs\' pictures in a row under the run lines, inside the left column and the slide', () => {
    const { runs, others, chart } = slideLayout(2, 1);
    expect(others).not.toBeNull();
    const row = others ?? { xs: [], y: 0, size: 0, label: 0 };
    expect(row.label).toBeGreaterThan(runs[runs.length - 1]);
    expect(row.y).toBeGreaterThan(row.label);
    expect(row.y + row.size).toBeLessThanOrEqual(SLIDE.height);
    // One other run: the lower third of the column (284 px under the picture less two run lines) holds it.
    expect(row.size).toBeGreaterThanOrEqual(150);
    const seven = slideLayout(8, 7).others;
    // Seven others in the column's 600 px, apart, or none where they would be under 96 px.
    if (seven) {
      expect(seven.xs[6] + seven.size).toBeLessThan(chart.x);
      expect(seven.size).toBeGreaterThanOrEqual(96);
    }
    expect(slideLayout(2, 0).others).toBeNull();
  });

  it('gives the step in the title only when every run is at it, and each run line its own step', () => {
    expect(slideTitle('Circle', [2, 1])).toBe('Circle');
    expect(slideTitle('Circle', [1200, 1200])).toBe('Circle · step 1,200');
    expect(slideTitle('Circle', [3, null])).toBe('Circle');
    expect(runLosses({ step: 1, trainLoss: '0.69', testLoss: '0.7' })).toBe('step 1: train 0.69 · test 0.7');
    expect(runLosses(null)).toBe('not started');
  });
});
