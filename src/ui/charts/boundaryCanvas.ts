/**
 * Drawing a run's output over the input plane on a canvas (shared by the large view and the small multiples):
 * the worker's grid as a tinted heatmap, then the training points with a white rim and the test points with a
 * dark rim (at most MAX_PLANE_POINTS of them, planeSample.ts). Canvas, not SVG: a grid and thousands of
 * points redrawn several times a second (DESIGN.md §5).
 * Binary and regression outputs use the diverging scale; classes colour each cell by its most probable class
 * (classColors.ts), fading to neutral as its probability falls to chance, and each point by its class; or,
 * with `agreement`, each test point by the share of runs that get it right (difficultyModel.ts), and with
 * `testMask` only the test points the difficulty filter keeps.
 */
import type { ProblemTask } from '../../engine/data/problem';
import type { PointsPayload } from '../../worker/protocol';
import { css, divergingColor, tint, writeTintedDiverging } from '../colors';
import { argmaxAt, classColor, confidenceColor, type Rgb } from './classColors';
import { agreementColor } from './difficultyModel';
import { toPlanePixel } from './planeModel';
import { planeSample } from './planeSample';

export interface BoundaryPicture {
  grid: Float32Array | null;
  gridSize: number;
  train: PointsPayload | null;
  test: PointsPayload | null;
  showTest: boolean;
  task: ProblemTask;
  /** Values per grid cell: C for classes, 1 otherwise. */
  outputSize: number;
  /** The plane is [−extent, extent]². */
  extent: number;
  /** Per test example, the share of runs right: the test points' fill instead of their class (null: class). */
  agreement?: Float32Array | null;
  /** Per test example, 1 where the difficulty filter keeps it (null: every test point). */
  testMask?: Uint8Array | null;
}

/** Regression values in [-1, 1] and probabilities in [0, 1] share one colour scale. */
export function toUnit(value: number, regression: boolean): number {
  return regression ? (value + 1) / 2 : value;
}

/** The colour of grid cell `cell` before the background tint. */
export function cellColor(grid: Float32Array, cell: number, task: ProblemTask, outputSize: number): Rgb {
  if (task === 'classes') {
    const { index, value } = argmaxAt(grid, cell * outputSize, outputSize);
    return confidenceColor(index, value, outputSize);
  }
  return divergingColor(toUnit(grid[cell * Math.max(1, outputSize)], task === 'regression'));
}

/** The fill of a point: its class's colour, or its target on the diverging scale. */
export function pointColor(target: number, task: ProblemTask): Rgb {
  if (task === 'classes') return classColor(target);
  return divergingColor(toUnit(target, task === 'regression'));
}

/** A test set's agreement and filter, with the sample's stride (point i drawn is example i × stride). */
interface TestOverlay {
  agreement: Float32Array | null;
  mask: Uint8Array | null;
  stride: number;
}

function drawPoints(ctx: CanvasRenderingContext2D, size: number, points: PointsPayload, picture: BoundaryPicture, rim: string, overlay: TestOverlay | null = null): void {
  // Points shrink with the picture, but not below what still reads as a dot with a rim.
  const radius = Math.max(1.6, (3.6 * size) / 320);
  const n = points.targets.length;
  for (let i = 0; i < n; i++) {
    const example = i * (overlay?.stride ?? 1);
    if (overlay?.mask && overlay.mask[example] !== 1) continue;
    const [x, y] = toPlanePixel(points.inputs[2 * i], points.inputs[2 * i + 1], picture.extent, size);
    ctx.beginPath();
    ctx.arc(x, y, radius, 0, 2 * Math.PI);
    const share = overlay?.agreement?.[example];
    ctx.fillStyle = css(share === undefined ? pointColor(points.targets[i], picture.task) : agreementColor(share));
    ctx.fill();
    ctx.lineWidth = size >= 200 ? 1.2 : 0.7;
    ctx.strokeStyle = rim;
    ctx.stroke();
  }
}

/**
 * What a canvas keeps between redraws: the grid's offscreen canvas and pixels (reused while the grid size
 * holds), and the points drawn once on their own layer (they change only with the data, the size or the test
 * toggle). A redraw is then one putImageData and two drawImage calls; it used to make a new canvas and
 * repaint every point with arc, fill and stroke on each grid, which with 8 runs' small planes made main-thread
 * tasks of hundreds of ms (issue 20 §7).
 */
interface CanvasCache {
  cells: HTMLCanvasElement;
  image: ImageData | null;
  points: HTMLCanvasElement;
  pointsKey: readonly unknown[] | null;
}

const caches = new WeakMap<HTMLCanvasElement, CanvasCache>();

function cacheOf(canvas: HTMLCanvasElement): CanvasCache {
  let cache = caches.get(canvas);
  if (!cache) {
    cache = { cells: document.createElement('canvas'), image: null, points: document.createElement('canvas'), pointsKey: null };
    caches.set(canvas, cache);
  }
  return cache;
}

const sameKey = (a: readonly unknown[] | null, b: readonly unknown[]): boolean => a !== null && a.length === b.length && a.every((v, i) => v === b[i]);

/** The points layer at `pixels` device pixels, repainted only when what it shows changed. */
function pointsLayer(cache: CanvasCache, size: number, ratio: number, picture: BoundaryPicture): HTMLCanvasElement {
  const key = [picture.train, picture.test, picture.showTest, picture.task, picture.extent, size, ratio, picture.agreement, picture.testMask];
  if (sameKey(cache.pointsKey, key)) return cache.points;
  const layer = cache.points;
  layer.width = Math.round(size * ratio);
  layer.height = Math.round(size * ratio);
  const ctx = layer.getContext('2d');
  if (ctx) {
    ctx.setTransform(ratio, 0, 0, ratio, 0, 0);
    // At most MAX_PLANE_POINTS points (planeSample.ts).
    const { train, test, stride } = planeSample(picture.train, picture.test);
    if (train) drawPoints(ctx, size, train, picture, '#ffffff');
    const overlay = { agreement: picture.agreement ?? null, mask: picture.testMask ?? null, stride };
    if (test && picture.showTest) drawPoints(ctx, size, test, picture, '#1b1b1b', overlay);
  }
  cache.pointsKey = key;
  return layer;
}

/** Paints `picture` on `canvas` at `size` CSS pixels square, sharp on high-density screens. */
export function drawBoundary(canvas: HTMLCanvasElement, size: number, picture: BoundaryPicture): void {
  const ctx = canvas.getContext('2d');
  if (!ctx) return;
  const cache = cacheOf(canvas);
  const ratio = window.devicePixelRatio || 1;
  const pixels = Math.round(size * ratio);
  // Resizing clears and reallocates the canvas: only when the size really changed.
  if (canvas.width !== pixels || canvas.height !== pixels) {
    canvas.width = pixels;
    canvas.height = pixels;
  }
  ctx.setTransform(ratio, 0, 0, ratio, 0, 0);
  ctx.fillStyle = '#f4f4f4';
  ctx.fillRect(0, 0, size, size);
  const { grid, gridSize, task, outputSize } = picture;
  if (grid && gridSize > 0 && grid.length >= gridSize * gridSize * Math.max(1, outputSize)) {
    const { cells } = cache;
    if (cells.width !== gridSize || cells.height !== gridSize || !cache.image) {
      cells.width = gridSize;
      cells.height = gridSize;
      cache.image = null;
    }
    const cellCtx = cells.getContext('2d');
    if (cellCtx) {
      const image = cache.image ?? cellCtx.createImageData(gridSize, gridSize);
      cache.image = image;
      const data = image.data;
      const regression = task === 'regression';
      const stride = Math.max(1, outputSize);
      for (let i = 0; i < gridSize * gridSize; i++) {
        if (task === 'classes') {
          const [r, g, b] = tint(cellColor(grid, i, task, outputSize));
          data[4 * i] = r;
          data[4 * i + 1] = g;
          data[4 * i + 2] = b;
        } else {
          // cellColor's diverging colour, tinted, with no arrays made per cell (colors.ts).
          writeTintedDiverging(data, 4 * i, toUnit(grid[i * stride], regression));
        }
        data[4 * i + 3] = 255;
      }
      cellCtx.putImageData(image, 0, 0);
      ctx.imageSmoothingEnabled = true;
      ctx.drawImage(cells, 0, 0, size, size);
    }
  }
  ctx.setTransform(1, 0, 0, 1, 0, 0);
  ctx.drawImage(pointsLayer(cache, size, ratio, picture), 0, 0);
}
