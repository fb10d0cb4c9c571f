import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import type { PointsPayload } from '../../worker/protocol';
import { drawBoundary } from './boundaryCanvas';
import { everyNth, MAX_PLANE_POINTS, planeSample, sampleNote } from './planeSample';

/** n points at (i, −i) with target i % 3. */
function points(n: number): PointsPayload {
  const inputs = new Float32Array(2 * n);
  const targets = new Float32Array(n);
  for (let i = 0; i < n; i++) {
    inputs[2 * i] = i;
    inputs[2 * i + 1] = -i;
    targets[i] = i % 3;
  }
  return { inputs, targets };
}

/** Circles drawn on any canvas the test made (the plane's own, and the offscreen layers it creates). */
let arcs = 0;

/** A canvas whose 2-D context only counts the circles drawn on it. */
function countingCanvas(): HTMLCanvasElement {
  const ctx = {
    setTransform: () => undefined,
    fillRect: () => undefined,
    clearRect: () => undefined,
    drawImage: () => undefined,
    putImageData: () => undefined,
    beginPath: () => undefined,
    arc: () => void arcs++,
    fill: () => undefined,
    stroke: () => undefined,
  };
  return { width: 0, height: 0, getContext: () => ctx } as unknown as HTMLCanvasElement;
}

describe('the points the plane draws', () => {
  beforeEach(() => {
    arcs = 0;
    vi.stubGlobal('window', { devicePixelRatio: 1 });
    vi.stubGlobal('document', { createElement: countingCanvas });
  });
  afterEach(() => {
    vi.unstubAllGlobals();
  });

  it('draws at most MAX_PLANE_POINTS circles for 80,000 training and 20,000 test points (it drew all 100,000)', () => {
    const picture = { grid: null, gridSize: 0, train: points(80_000), test: points(20_000), showTest: true, task: 'classes' as const, outputSize: 2, extent: 1 };
    drawBoundary(countingCanvas(), 320, picture);
    expect(arcs).toBeLessThanOrEqual(MAX_PLANE_POINTS);
    expect(arcs).toBeGreaterThan(MAX_PLANE_POINTS / 2);
  });

  it('draws every point of a small set', () => {
    drawBoundary(countingCanvas(), 320, { grid: null, gridSize: 0, train: points(150), test: points(50), showTest: true, task: 'binary', outputSize: 1, extent: 1 });
    expect(arcs).toBe(200);
  });

  it('keeps every k-th point of each set with the same k, position and colour together', () => {
    const sample = planeSample(points(80_000), points(20_000));
    expect(sample.stride).toBe(34);
    expect(sample.shownTrain).toBe(2353);
    expect(sample.shownTest).toBe(589);
    expect(sample.shownTrain + sample.shownTest).toBeLessThanOrEqual(MAX_PLANE_POINTS);
    const train = sample.train;
    expect(train?.inputs[2 * 10]).toBe(340);
    expect(train?.inputs[2 * 10 + 1]).toBe(-340);
    expect(train?.targets[10]).toBe(340 % 3);
    expect(sampleNote(sample)).toBe('Showing every 34th point: 2,353 of 80,000 training and 589 of 20,000 test points.');
  });

  it('returns the same sample for the same points (a redraw reuses it), and all points with no note when few', () => {
    const train = points(5000);
    const test = points(1000);
    expect(planeSample(train, test)).toBe(planeSample(train, test));
    const few = points(10);
    expect(planeSample(few, null).train).toBe(few);
    expect(sampleNote(planeSample(few, null))).toBeNull();
    expect(Array.from(everyNth(points(7), 3).inputs).filter((_, i) => i % 2 === 0)).toEqual([0, 3, 6]);
  });

  it('writes the ordinal of the stride', () => {
    const note = (stride: number): string | null => sampleNote({ train: null, test: null, stride, shownTrain: 1, totalTrain: 2, shownTest: 0, totalTest: 0 });
    expect([2, 3, 11, 21, 22, 112].map((k) => note(k)?.split(' ')[2])).toEqual(['2nd', '3rd', '11th', '21st', '22nd', '112th']);
  });
});
