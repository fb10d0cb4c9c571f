/**
 * The network's output over the input plane (a canvas heatmap of the worker's grid) with the data on top:
 * training points filled with a white rim, test points with a dark rim. Hovering reads the value under the
 * pointer, so nothing is conveyed by colour alone.
 */
import { useEffect, useRef, useState } from 'react';
import { useSelectedRun } from '../services';
import type { PointsPayload } from '../../worker/protocol';
import { css, divergingColor, tint } from '../colors';

const SIZE = 320;

/** Regression values in [-1, 1] and probabilities in [0, 1] share one colour scale. */
function toUnit(value: number, regression: boolean): number {
  return regression ? (value + 1) / 2 : value;
}

function drawPoints(ctx: CanvasRenderingContext2D, points: PointsPayload, regression: boolean, rim: string): void {
  const n = points.targets.length;
  for (let i = 0; i < n; i++) {
    const x = ((points.inputs[2 * i] + 1) / 2) * SIZE;
    const y = ((1 - points.inputs[2 * i + 1]) / 2) * SIZE;
    ctx.beginPath();
    ctx.arc(x, y, 3.6, 0, 2 * Math.PI);
    ctx.fillStyle = css(divergingColor(toUnit(points.targets[i], regression)));
    ctx.fill();
    ctx.lineWidth = 1.2;
    ctx.strokeStyle = rim;
    ctx.stroke();
  }
}

export function DecisionBoundary() {
  const grid = useSelectedRun((run) => run.grid, null);
  const gridSize = useSelectedRun((run) => run.gridSize, 0);
  const train = useSelectedRun((run) => run.train, null);
  const test = useSelectedRun((run) => run.test, null);
  const task = useSelectedRun((run) => run.task, null);
  const [showTest, setShowTest] = useState(true);
  const [hover, setHover] = useState<string | null>(null);
  const canvasRef = useRef<HTMLCanvasElement>(null);
  const regression = task === 'regression';

  useEffect(() => {
    const canvas = canvasRef.current;
    const ctx = canvas?.getContext('2d');
    if (!canvas || !ctx) return;
    const ratio = window.devicePixelRatio || 1;
    canvas.width = SIZE * ratio;
    canvas.height = SIZE * ratio;
    ctx.setTransform(ratio, 0, 0, ratio, 0, 0);
    ctx.fillStyle = '#f4f4f4';
    ctx.fillRect(0, 0, SIZE, SIZE);
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
        ctx.drawImage(cells, 0, 0, SIZE, SIZE);
      }
    }
    if (train) drawPoints(ctx, train, regression, '#ffffff');
    if (test && showTest) drawPoints(ctx, test, regression, '#1b1b1b');
  }, [grid, gridSize, train, test, showTest, regression]);

  const onMove = (event: React.PointerEvent<HTMLCanvasElement>): void => {
    if (!grid || gridSize === 0) return;
    const rect = event.currentTarget.getBoundingClientRect();
    const u = (event.clientX - rect.left) / rect.width;
    const v = (event.clientY - rect.top) / rect.height;
    const col = Math.min(gridSize - 1, Math.max(0, Math.floor(u * gridSize)));
    const row = Math.min(gridSize - 1, Math.max(0, Math.floor(v * gridSize)));
    const value = grid[row * gridSize + col];
    const where = `(x₁ ${(u * 2 - 1).toFixed(2)}, x₂ ${(1 - v * 2).toFixed(2)})`;
    setHover(regression ? `prediction ${value.toFixed(3)} at ${where}` : `P(class 1) = ${value.toFixed(3)} at ${where}`);
  };

  return (
    <figure className="boundary">
      <canvas
        ref={canvasRef}
        style={{ width: SIZE, height: SIZE }}
        data-testid="decision-boundary"
        role="img"
        aria-label={regression ? 'Network output over the input plane, with the data points' : 'Decision boundary over the input plane, with the data points'}
        onPointerMove={onMove}
        onPointerLeave={() => setHover(null)}
      />
      <figcaption>
        <div className="legend">
          <span className="swatch" style={{ background: css(divergingColor(0)) }} />
          {regression ? '−1' : 'class 0'}
          <span className="scale" aria-hidden="true" />
          <span className="swatch" style={{ background: css(divergingColor(1)) }} />
          {regression ? '+1' : 'class 1'}
          <span className="legend-gap" />
          <span className="dot train" /> train
          <span className="dot test" /> test
          <label className="inline">
            <input type="checkbox" checked={showTest} onChange={(e) => setShowTest(e.target.checked)} /> show test
          </label>
        </div>
        <div className="hover-readout" aria-live="off">
          {hover ?? 'Hover over the plane to read the output.'}
        </div>
      </figcaption>
    </figure>
  );
}
