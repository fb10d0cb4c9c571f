/**
 * The plane's heatmap pixels (boundaryCanvas.ts): each cell tint(cellColor(…)), written for binary and
 * regression outputs without the colour arrays per cell (issue 20 §7: 8 runs' planes made ~37,000 of them in the
 * task that drew them). The bytes are checked against tint(divergingColor(…)), the functions the legend uses.
 */
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import type { ProblemTask } from '../../engine/data/problem';
import { divergingColor, tint } from '../colors';
import { cellColor, drawBoundary } from './boundaryCanvas';

vi.mock('../colors', async (importOriginal) => {
  const actual = await importOriginal<typeof import('../colors')>();
  return { ...actual, divergingColor: vi.fn(actual.divergingColor) };
});

/** The ImageData the plane's cells were written to. */
let image: { data: Uint8ClampedArray } | null = null;

function fakeCanvas(): HTMLCanvasElement {
  const ctx = {
    setTransform: () => undefined,
    fillRect: () => undefined,
    drawImage: () => undefined,
    createImageData: (w: number, h: number) => (image = { data: new Uint8ClampedArray(4 * w * h) }),
    putImageData: () => undefined,
  };
  return { width: 0, height: 0, getContext: () => ctx } as unknown as HTMLCanvasElement;
}

/** A grid whose values cover the scale's ends, its middle, beyond both ends, NaN and ±Infinity. */
function grid(size: number): Float32Array {
  const values = new Float32Array(size * size);
  for (let i = 0; i < values.length; i++) values[i] = -1.5 + (3 * i) / (values.length - 1);
  values.set([Number.NaN, Number.POSITIVE_INFINITY, Number.NEGATIVE_INFINITY, 0.5, 0, 1, -1, 0.49999997]);
  return values;
}

describe('the plane heatmap', () => {
  beforeEach(() => {
    image = null;
    vi.stubGlobal('window', { devicePixelRatio: 1 });
    vi.stubGlobal('document', { createElement: fakeCanvas });
    vi.mocked(divergingColor).mockClear();
  });
  afterEach(() => vi.unstubAllGlobals());

  for (const task of ['binary', 'regression'] as ProblemTask[]) {
    it(`${task}: every cell's bytes are tint(cellColor), with no colour array made per cell`, () => {
      const size = 48;
      const values = grid(size);
      drawBoundary(fakeCanvas(), 112, { grid: values, gridSize: size, train: null, test: null, showTest: true, task, outputSize: 1, extent: 1 });
      expect(vi.mocked(divergingColor)).toHaveBeenCalledTimes(0);
      const data = image?.data;
      expect(data).toBeDefined();
      for (let i = 0; i < size * size; i++) {
        const expected = [...tint(cellColor(values, i, task, 1)), 255];
        expect([data![4 * i], data![4 * i + 1], data![4 * i + 2], data![4 * i + 3]], `cell ${i} (${values[i]})`).toEqual(expected);
      }
      // The reference itself went through divergingColor, once a cell.
      expect(vi.mocked(divergingColor)).toHaveBeenCalledTimes(size * size);
    });
  }
});
