import { describe, expect, it } from 'vitest';
import { rowBands, SLIDE, slideLayout } from './slide';

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
