/**
 * The network's output over the input plane (a canvas heatmap of the worker's grid) with the data on top:
 * training points filled with a white rim, test points with a dark rim. The selected run is drawn large, the
 * other visible runs as small multiples beside it (a click selects one). Hovering the large one reads the value
 * under the pointer, so nothing is conveyed by colour alone. Any 2-input problem (isPlanar): the plane spans
 * the problem's extent; classes get a categorical palette with a legend of their names.
 */
import { useEffect, useRef, useState } from 'react';
import type { RunId } from '../../config/runs';
import { useComparisonView } from '../../state/comparisonView';
import { useRunStore, type RunData } from '../../state/runStore';
import { useSelectedRun, useSelectedRunId, useServices } from '../services';
import { useRuns, type RunView } from '../useRuns';
import { useThrottledSelector } from '../useThrottled';
import { isPlanar, type Problem } from '../../engine/data/problem';
import { css, divergingColor } from '../colors';
import { drawBoundary, type BoundaryPicture } from './boundaryCanvas';
import { classColor } from './classColors';
import { isStandardised, planeReadout } from './planeModel';
import './charts.css';

const SIZE = 320;
const SMALL_SIZE = 112;

type RunState = ReturnType<typeof useRunStore.getState>;
const selectRuns = (state: RunState): RunState['runs'] => state.runs;

function BoundaryCanvas({ picture, size, ...rest }: { picture: BoundaryPicture; size: number } & React.CanvasHTMLAttributes<HTMLCanvasElement> & { 'data-testid'?: string }) {
  const canvasRef = useRef<HTMLCanvasElement>(null);
  const { grid, gridSize, train, test, showTest, task, outputSize, extent } = picture;
  useEffect(() => {
    if (canvasRef.current) drawBoundary(canvasRef.current, size, { grid, gridSize, train, test, showTest, task, outputSize, extent });
  }, [size, grid, gridSize, train, test, showTest, task, outputSize, extent]);
  return <canvas ref={canvasRef} style={{ width: size, height: size }} {...rest} />;
}

const pictureOf = (run: RunData, showTest: boolean): BoundaryPicture => ({
  grid: run.grid,
  gridSize: run.gridSize,
  train: run.train,
  test: run.test,
  showTest,
  task: run.problem.task,
  outputSize: run.problem.outputSize,
  extent: run.problem.extent,
});

/** The other visible runs, small; redrawn at most 4 times a second (they are for glancing, not reading). */
function SmallMultiples({ runs, showTest, onSelect }: { runs: RunView[]; showTest: boolean; onSelect: (id: RunId) => void }) {
  const data = useThrottledSelector(useRunStore, selectRuns, 250);
  const shown = runs.filter((run) => data[run.id] && isPlanar(data[run.id].problem));
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

/** The class names with their colours (classes), or the diverging scale's two ends (binary, regression). */
function OutputKey({ problem }: { problem: Problem }) {
  if (problem.task === 'classes') {
    const names = problem.classNames ?? Array.from({ length: problem.outputSize }, (_, i) => String(i));
    return (
      <ul className="class-legend" data-testid="class-legend" aria-label="Classes and their colours">
        {names.map((name, i) => (
          <li key={i} className="class-legend-entry" data-testid="class-legend-entry">
            <span className="swatch" style={{ background: css(classColor(i)) }} />
            {name}
          </li>
        ))}
      </ul>
    );
  }
  const regression = problem.task === 'regression';
  const [low, high] = regression ? ['−1', '+1'] : [`class ${problem.classNames?.[0] ?? '0'}`, `class ${problem.classNames?.[1] ?? '1'}`];
  return (
    <>
      <span className="swatch" style={{ background: css(divergingColor(0)) }} />
      {low}
      <span className="scale" aria-hidden="true" />
      <span className="swatch" style={{ background: css(divergingColor(1)) }} />
      {high}
    </>
  );
}

export function DecisionBoundary() {
  const grid = useSelectedRun((run) => run.grid, null);
  const gridSize = useSelectedRun((run) => run.gridSize, 0);
  const train = useSelectedRun((run) => run.train, null);
  const test = useSelectedRun((run) => run.test, null);
  const problem = useSelectedRun<Problem | null>((run) => run.problem, null);
  const selectedId = useSelectedRunId();
  const runs = useRuns();
  const hidden = useComparisonView((s) => s.hidden);
  const { configStore } = useServices();
  const [showTest, setShowTest] = useState(true);
  const [hover, setHover] = useState<string | null>(null);
  const selected = runs.find((run) => run.id === selectedId);
  // The selected run is always drawn large (it is the one being edited), even when hidden from the charts.
  const others = runs.filter((run) => run.id !== selectedId && !hidden.has(run.id));

  // Only a problem with two inputs has a plane to draw (OutputPanel shows the gallery for images instead).
  if (!problem || !isPlanar(problem)) return null;
  const { task, outputSize, extent } = problem;
  const regression = task === 'regression';

  const onMove = (event: React.PointerEvent<HTMLCanvasElement>): void => {
    const rect = event.currentTarget.getBoundingClientRect();
    const u = (event.clientX - rect.left) / rect.width;
    const v = (event.clientY - rect.top) / rect.height;
    setHover(planeReadout(problem, grid, gridSize, u, v));
  };
  const [nameX = 'x₁', nameY = 'x₂'] = problem.featureNames;

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
          picture={{ grid, gridSize, train, test, showTest, task, outputSize, extent }}
          size={SIZE}
          data-testid="decision-boundary"
          role="img"
          aria-label={regression ? 'Network output over the input plane, with the data points' : 'Decision boundary over the input plane, with the data points'}
          onPointerMove={onMove}
          onPointerLeave={() => setHover(null)}
        />
        <figcaption>
          {isStandardised(problem) ? (
            <div className="plane-axes" data-testid="plane-axes">
              across: {nameX} · up: {nameY} (standardised, ±{extent} sd)
            </div>
          ) : null}
          {task === 'classes' ? <OutputKey problem={problem} /> : null}
          <div className="legend">
            {task === 'classes' ? null : (
              <>
                <OutputKey problem={problem} />
                <span className="legend-gap" />
              </>
            )}
            <span className="legend-item">
              <span className="dot train" /> train
            </span>
            <span className="legend-item">
              <span className="dot test" /> test
            </span>
            <label className="inline">
              <input type="checkbox" checked={showTest} onChange={(e) => setShowTest(e.target.checked)} /> show test
            </label>
          </div>
          <div className={`hover-readout${isStandardised(problem) ? ' long' : ''}`} aria-live="off" data-testid="plane-readout">
            {hover ?? 'Hover over the plane to read the output.'}
          </div>
        </figcaption>
      </figure>
      {others.length > 0 ? <SmallMultiples runs={others} showTest={showTest} onSelect={(id) => configStore.getState().selectRun(id)} /> : null}
    </div>
  );
}
