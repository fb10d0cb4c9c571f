/**
 * Drawing a run's output over the input plane on a canvas (shared by the large view and the small multiples):
 * the worker's grid as a tinted heatmap, then the training points with a white rim and the test points with a
 * dark rim (at most MAX_PLANE_POINTS of them, planeSample.ts). Canvas, not SVG: a grid and thousands of
 * points redrawn several times a second (DESIGN.md §5).
 * Binary and regression outputs use the diverging scale; classes colour each cell by its most probable class
 * (classColors.ts), fading to neutral as its probability falls to chance, and each point by its class.
 */
import type { ProblemTask } from '../../engine/data/problem';
import type { PointsPayload } from '../../worker/protocol';
import { css, divergingColor, tint } from '../colors';
import { argmaxAt, classColor, confidenceColor, type Rgb } from './classColors';
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

function drawPoints(ctx: CanvasRenderingContext2D, size: number, points: PointsPayload, picture: BoundaryPicture, rim: string): void {
  // Points shrink with the picture, but not below what still reads as a dot with a rim.
  const radius = Math.max(1.6, (3.6 * size) / 320);
  const n = points.targets.length;
  for (let i = 0; i < n; i++) {
    const [x, y] = toPlanePixel(points.inputs[2 * i], points.inputs[2 * i + 1], picture.extent, size);
    ctx.beginPath();
    ctx.arc(x, y, radius, 0, 2 * Math.PI);
    ctx.fillStyle = css(pointColor(points.targets[i], picture.task));
    ctx.fill();
    ctx.lineWidth = size >= 200 ? 1.2 : 0.7;
    ctx.strokeStyle = rim;
    ctx.stroke();
  }
}

/** Paints `picture` on `canvas` at `size` CSS pixels square, sharp on high-density screens. */
export function drawBoundary(canvas: HTMLCanvasElement, size: number, picture: BoundaryPicture): void {
  const ctx = canvas.getContext('2d');
  if (!ctx) return;
  const ratio = window.devicePixelRatio || 1;
  canvas.width = size * ratio;
  canvas.height = size * ratio;
  ctx.setTransform(ratio, 0, 0, ratio, 0, 0);
  ctx.fillStyle = '#f4f4f4';
  ctx.fillRect(0, 0, size, size);
  const { grid, gridSize, showTest, task, outputSize } = picture;
  // At most MAX_PLANE_POINTS points (planeSample.ts): each is painted again on every redraw.
  const { train, test } = planeSample(picture.train, picture.test);
  if (grid && gridSize > 0 && grid.length >= gridSize * gridSize * Math.max(1, outputSize)) {
    const cells = document.createElement('canvas');
    cells.width = gridSize;
    cells.height = gridSize;
    const cellCtx = cells.getContext('2d');
    if (cellCtx) {
      const image = cellCtx.createImageData(gridSize, gridSize);
      for (let i = 0; i < gridSize * gridSize; i++) {
        const [r, g, b] = tint(cellColor(grid, i, task, outputSize));
        image.data.set([r, g, b, 255], 4 * i);
      }
      cellCtx.putImageData(image, 0, 0);
      ctx.imageSmoothingEnabled = true;
      ctx.drawImage(cells, 0, 0, size, size);
    }
  }
  if (train) drawPoints(ctx, size, train, picture, '#ffffff');
  if (test && showTest) drawPoints(ctx, size, test, picture, '#1b1b1b');
}
