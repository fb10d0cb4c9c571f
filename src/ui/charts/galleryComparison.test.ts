import { describe, expect, it } from 'vitest';
import type { GalleryPayload } from '../../worker/protocol';
import { galleryBands, galleryComparison, type GalleryRun } from './galleryModel';

const PIXELS = 4;
const gallery = (count: number, shift = 0): GalleryPayload => ({ images: Float32Array.from({ length: count * PIXELS }, (_, i) => ((i + shift) % 7) / 7), labels: null, count });
const run = (position: number, images: GalleryPayload | null, outputs: Float32Array | null): GalleryRun => ({ id: `r${position}`, position, name: `run ${position}`, color: `#00000${position}`, gallery: images, outputs });

describe('galleryComparison', () => {
  it('gives two runs two rows over the same test images, each with its own reconstructions', () => {
    const a = new Float32Array(3 * PIXELS).fill(0.25);
    const b = new Float32Array(3 * PIXELS).fill(0.75);
    const comparison = galleryComparison([run(1, gallery(3), a), run(2, gallery(3), b)], PIXELS);
    expect(comparison?.rows.map((r) => r.position)).toEqual([1, 2]);
    expect(comparison?.rows.map((r) => r.indices)).toEqual([
      [0, 1, 2],
      [0, 1, 2],
    ]);
    expect(comparison?.rows.map((r) => r.outputs)).toEqual([a, b]);
    expect(comparison?.rows.map((r) => r.color)).toEqual(['#000001', '#000002']);
  });
  it('keeps a run with no reconstructions yet as a pending row, and names one that tests other images', () => {
    const comparison = galleryComparison([run(1, gallery(3), new Float32Array(3 * PIXELS)), run(2, gallery(3), null), run(3, gallery(3, 1), null), run(4, null, null)], PIXELS);
    expect(comparison?.rows.map((r) => [r.position, r.outputs === null])).toEqual([
      [1, false],
      [2, true],
    ]);
    expect(comparison?.otherImages).toEqual([3]);
  });
  it('is null for one run (the gallery stays as it was) and for runs that share no images', () => {
    expect(galleryComparison([run(1, gallery(3), null)], PIXELS)).toBeNull();
    expect(galleryComparison([run(1, gallery(3), null), run(2, gallery(3, 2), null)], PIXELS)).toBeNull();
  });
  it('refuses reconstructions too short for the images', () => {
    const comparison = galleryComparison([run(1, gallery(3), new Float32Array(2 * PIXELS)), run(2, gallery(3), new Float32Array(3 * PIXELS))], PIXELS);
    expect(comparison?.rows[0].outputs).toBeNull();
  });
});

describe('galleryBands', () => {
  it('splits the images into even bands that fit the columns', () => {
    const indices = Array.from({ length: 24 }, (_, i) => i);
    expect(galleryBands(indices, 11).map((b) => b.length)).toEqual([8, 8, 8]);
    expect(galleryBands(indices, 24)).toEqual([indices]);
    expect(galleryBands(indices, 0).flat()).toEqual(indices);
  });
});
