/**
 * The network's output over the input plane (a canvas heatmap of the worker's grid) with the data on top:
 * training points filled with a white rim, test points with a dark rim. The selected run is drawn large, the
 * other visible runs as small multiples beside it (a click selects one). Hovering the large one reads the value
 * under the pointer, so nothing is conveyed by colour alone.
 */
import { useEffect, useRef, useState } from 'react';
import type { RunId } from '../../config/runs';
import { useComparisonView } from '../../state/comparisonView';
import { useRunStore, type RunData } from '../../state/runStore';
import { useSelectedRun, useSelectedRunId, useServices } from '../services';
import { useRuns, type RunView } from '../useRuns';
import { useThrottledSelector } from '../useThrottled';
import { css, divergingColor } from '../colors';
import { drawBoundary, isPlanar, type BoundaryPicture } from './boundaryCanvas';
import './charts.css';

const SIZE = 320;
const SMALL_SIZE = 112;

type RunState = ReturnType<typeof useRunStore.getState>;
const selectRuns = (state: RunState): RunState['runs'] => state.runs;

function BoundaryCanvas({ picture, size, ...rest }: { picture: BoundaryPicture; size: number } & React.CanvasHTMLAttributes<HTMLCanvasElement> & { 'data-testid'?: string }) {
  const canvasRef = useRef<HTMLCanvasElement>(null);
  const { grid, gridSize, train, test, showTest, regression } = picture;
  useEffect(() => {
    if (canvasRef.current) drawBoundary(canvasRef.current, size, { grid, gridSize, train, test, showTest, regression });
  }, [size, grid, gridSize, train, test, showTest, regression]);
  return <canvas ref={canvasRef} style={{ width: size, height: size }} {...rest} />;
}

const pictureOf = (run: RunData, showTest: boolean): BoundaryPicture => ({
  grid: run.grid,
  gridSize: run.gridSize,
  train: run.train,
  test: run.test,
  showTest,
  regression: run.problem.task === 'regression',
});

/** The other visible runs, small; redrawn at most 4 times a second (they are for glancing, not reading). */
function SmallMultiples({ runs, showTest, onSelect }: { runs: RunView[]; showTest: boolean; onSelect: (id: RunId) => void }) {
  const data = useThrottledSelector(useRunStore, selectRuns, 250);
  const shown = runs.filter((run) => data[run.id] && isPlanar(data[run.id].train));
  if (shown.length === 0) return null;
  return (
    <div className="boundary-smalls">
      <p className="boundary-smalls-head">Other runs (click to show one large)</p>
      {shown.map((run) => (
        <button
          key={run.id}
          type="button"
          className="boundary-small"
          data-testid="decision-boundary-small"
          data-run-id={run.id}
          title={`Run ${run.position} · ${run.name}: show it large and edit it`}
          aria-label={`Select run ${run.position}, ${run.name}`}
          onClick={() => onSelect(run.id)}
          style={{ borderTop: `3px solid ${run.color}` }}
        >
          <BoundaryCanvas picture={pictureOf(data[run.id], showTest)} size={SMALL_SIZE} aria-hidden="true" />
          <span className="boundary-small-label">
            <span className="run-swatch" style={{ background: run.color }} />
            Run {run.position}
          </span>
          <span className="boundary-small-name">{run.name}</span>
        </button>
      ))}
    </div>
  );
}

export function DecisionBoundary() {
  const grid = useSelectedRun((run) => run.grid, null);
  const gridSize = useSelectedRun((run) => run.gridSize, 0);
  const train = useSelectedRun((run) => run.train, null);
  const test = useSelectedRun((run) => run.test, null);
  const task = useSelectedRun((run) => run.problem.task, null);
  const selectedId = useSelectedRunId();
  const runs = useRuns();
  const hidden = useComparisonView((s) => s.hidden);
  const { configStore } = useServices();
  const [showTest, setShowTest] = useState(true);
  const [hover, setHover] = useState<string | null>(null);
  const regression = task === 'regression';
  const selected = runs.find((run) => run.id === selectedId);
  // The selected run is always drawn large (it is the one being edited), even when hidden from the charts.
  const others = runs.filter((run) => run.id !== selectedId && !hidden.has(run.id));

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

  // Inputs other than two-dimensional have no plane to draw (no data set has them yet).
  if (train && !isPlanar(train)) return null;
  return (
    <div className="boundaries">
      <figure className="boundary">
        {runs.length > 1 && selected ? (
          <div className="boundary-title" title={`Run ${selected.position} · ${selected.name}`}>
            <span className="run-swatch" style={{ background: selected.color }} />
            <span>
              Run {selected.position} · {selected.name}
            </span>
          </div>
        ) : null}
        <BoundaryCanvas
          picture={{ grid, gridSize, train, test, showTest, regression }}
          size={SIZE}
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
      {others.length > 0 ? <SmallMultiples runs={others} showTest={showTest} onSelect={(id) => configStore.getState().selectRun(id)} /> : null}
    </div>
  );
}
