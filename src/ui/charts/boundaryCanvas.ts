/**
 * Drawing a run's output over the input plane on a canvas (shared by the large view and the small multiples):
 * the worker's grid as a tinted heatmap, then the training points with a white rim and the test points with a
 * dark rim. Canvas, not SVG: a grid and hundreds of points redrawn several times a second (DESIGN.md §5).
 */
import type { PointsPayload } from '../../worker/protocol';
import { css, divergingColor, tint } from '../colors';

export interface BoundaryPicture {
  grid: Float32Array | null;
  gridSize: number;
  train: PointsPayload | null;
  test: PointsPayload | null;
  showTest: boolean;
  regression: boolean;
}

/** Regression values in [-1, 1] and probabilities in [0, 1] share one colour scale. */
export function toUnit(value: number, regression: boolean): number {
  return regression ? (value + 1) / 2 : value;
}

/** Whether the points have two inputs each: only then is there a plane to draw. */
export function isPlanar(points: PointsPayload | null): boolean {
  return points !== null && points.inputs.length === 2 * points.targets.length;
}

function drawPoints(ctx: CanvasRenderingContext2D, size: number, points: PointsPayload, regression: boolean, rim: string): void {
  // Points shrink with the picture, but not below what still reads as a dot with a rim.
  const radius = Math.max(1.6, (3.6 * size) / 320);
  const n = points.targets.length;
  for (let i = 0; i < n; i++) {
    const x = ((points.inputs[2 * i] + 1) / 2) * size;
    const y = ((1 - points.inputs[2 * i + 1]) / 2) * size;
    ctx.beginPath();
    ctx.arc(x, y, radius, 0, 2 * Math.PI);
    ctx.fillStyle = css(divergingColor(toUnit(points.targets[i], regression)));
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
  const { grid, gridSize, train, test, showTest, regression } = picture;
  if (grid && gridSize > 0) {
    const cells = document.createElement('canvas');
    cells.width = gridSize;
    cells.height = gridSize;
    const cellCtx = cells.getContext('2d');
    if (cellCtx) {
      const image = cellCtx.createImageData(gridSize, gridSize);
      for (let i = 0; i < gridSize * gridSize; i++) {
        const [r, g, b] = tint(divergingColor(toUnit(grid[i], regression)));
        image.data.set([r, g, b, 255], 4 * i);
      }
      cellCtx.putImageData(image, 0, 0);
      ctx.imageSmoothingEnabled = true;
      ctx.drawImage(cells, 0, 0, size, size);
    }
  }
  if (train) drawPoints(ctx, size, train, regression, '#ffffff');
  if (test && showTest) drawPoints(ctx, size, test, regression, '#1b1b1b');
}
