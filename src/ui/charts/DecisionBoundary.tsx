/**
 * The network's output over the input plane (a canvas heatmap of the worker's grid) with the data on top:
 * training points filled with a white rim, test points with a dark rim. The selected run is drawn large, the
 * other visible runs as small multiples beside it (a click selects one). Hovering the large one reads the value
 * under the pointer, so nothing is conveyed by colour alone; without a mouse, the plane takes focus and the
 * arrow keys move a cursor cell whose value is read into an aria-live region. Any 2-input problem (isPlanar):
 * the plane spans the problem's extent; classes get a categorical palette with a legend of their names. The
 * large plane grows with its panel, from MIN_SIZE up to `maxSize` (640 on the page, more in presenter mode).
 * The difficulty panel's toggle colours the test points by the share of runs right, and its filter keeps only
 * the test examples it names (DifficultyPanel.tsx), on every plane whose run it compares.
 */
import { useEffect, useRef, useState } from 'react';
import type { RunId } from '../../config/runs';
import { useComparisonView } from '../../state/comparisonView';
import { useDifficultyView } from '../../state/difficultyView';
import { useRunStore, type RunData } from '../../state/runStore';
import { useSelectedRun, useSelectedRunId, useServices } from '../services';
import { useRuns, type RunView } from '../useRuns';
import { useThrottledSelector } from '../useThrottled';
import { isPlanar, planeAxisNames, type Problem } from '../../engine/data/problem';
import { gridSizeFor } from '../../engine/sessionTypes';
import { css, divergingColor } from '../colors';
import { drawBoundary, type BoundaryPicture } from './boundaryCanvas';
import { classColor } from './classColors';
import { isStandardised, planeReadout } from './planeModel';
import { planeSample, sampleNote } from './planeSample';
import { useDifficulty } from './useDifficulty';
import { testSetKey } from './difficultyModel';
import { useAfterPaint } from '../stages/afterPaint';
import { useElementWidth } from '../useElementWidth';
import './charts.css';

const MIN_SIZE = 200;
export const DEFAULT_MAX_SIZE = 640;
const SMALL_SIZE = 112;
/** Keyboard cursor steps: the plane in KEY_CELLS × KEY_CELLS cells (Shift moves five at a time). */
const KEY_CELLS = 24;

/** The side of the large plane for a container `width` px wide: all of it, within [MIN_SIZE, maxSize]. */
export function planeSize(width: number, maxSize: number): number {
  if (!Number.isFinite(width) || width <= 0) return Math.min(320, maxSize);
  return Math.max(MIN_SIZE, Math.min(maxSize, Math.floor(width)));
}

const KEY_MOVES: Record<string, [number, number]> = { ArrowLeft: [-1, 0], ArrowRight: [1, 0], ArrowUp: [0, -1], ArrowDown: [0, 1] };

type RunState = ReturnType<typeof useRunStore.getState>;
const selectRuns = (state: RunState): RunState['runs'] => state.runs;

/**
 * A plane's canvas, `size` px a side; null leaves it blank (the large plane until its box is measured). Its
 * first drawing waits for the first paint, each plane in a task of its own (stages/afterPaint.ts): with 8 runs, the large plane
 * drawn in the output's staged mount and the 7 small ones in one task after it were 20 and 29 ms of the main
 * thread's CPU (issue 20 §7).
 */
function BoundaryCanvas({ picture, size, sizedByCss = false, ...rest }: { picture: BoundaryPicture; size: number | null; sizedByCss?: boolean } & React.CanvasHTMLAttributes<HTMLCanvasElement> & { 'data-testid'?: string }) {
  const canvasRef = useRef<HTMLCanvasElement>(null);
  const painted = useAfterPaint();
  const drawn = size !== null && painted;
  const { grid, gridSize, train, test, showTest, task, outputSize, extent, agreement, testMask } = picture;
  useEffect(() => {
    if (drawn && canvasRef.current) drawBoundary(canvasRef.current, size, { grid, gridSize, train, test, showTest, task, outputSize, extent, agreement, testMask });
  }, [drawn, size, grid, gridSize, train, test, showTest, task, outputSize, extent, agreement, testMask]);
  return <canvas ref={canvasRef} style={sizedByCss || size === null ? undefined : { width: size, height: size }} {...rest} />;
}

/** The difficulty panel's colouring and filter of a run's test points (none for a run it does not compare). */
type TestOverlay = Pick<BoundaryPicture, 'agreement' | 'testMask'>;
const NO_OVERLAY: TestOverlay = { agreement: null, testMask: null };

function useTestOverlay(): (runId: RunId) => TestOverlay {
  const { colour, filter, sweep } = useDifficultyView();
  const difficulty = useDifficulty(!colour && filter === 'all');
  const views = useRuns();
  return (runId) => {
    // A sweep's runs (SweepDifficulty.tsx) colour a live run on the same test set.
    if (sweep) {
      const view = views.find((v) => v.id === runId);
      return view && testSetKey(view.config) === sweep.testSet ? { agreement: sweep.share, testMask: sweep.mask } : NO_OVERLAY;
    }
    // The plane shows the run's own seed's test points: compared at another seed (its split), it is not coloured.
    const view = views.find((v) => v.id === runId);
    return difficulty && view && difficulty.model.testSet === testSetKey(view.config) && difficulty.model.runs.some((run) => run.id === runId)
      ? { agreement: colour ? difficulty.model.share : null, testMask: filter === 'all' ? null : difficulty.mask }
      : NO_OVERLAY;
  };
}

const pictureOf = (run: RunData, showTest: boolean, overlay: TestOverlay): BoundaryPicture => ({
  ...overlay,
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
function SmallMultiples({ runs, showTest, onSelect, overlay }: { runs: RunView[]; showTest: boolean; onSelect: (id: RunId) => void; overlay: (runId: RunId) => TestOverlay }) {
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
          <BoundaryCanvas picture={pictureOf(data[run.id], showTest, overlay(run.id))} size={SMALL_SIZE} aria-hidden="true" />
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

export function DecisionBoundary({ maxSize = DEFAULT_MAX_SIZE }: { maxSize?: number } = {}) {
  const grid = useSelectedRun((run) => run.grid, null);
  const gridSize = useSelectedRun((run) => run.gridSize, 0);
  const train = useSelectedRun((run) => run.train, null);
  const test = useSelectedRun((run) => run.test, null);
  const problem = useSelectedRun<Problem | null>((run) => run.problem, null);
  const selectedId = useSelectedRunId();
  const runs = useRuns();
  const hidden = useComparisonView((s) => s.hidden);
  const { configStore, client } = useServices();
  const [showTest, setShowTest] = useState(true);
  const [hover, setHover] = useState<string | null>(null);
  /** The keyboard cursor's cell (column from the left, row from the top), null until the plane is focused. */
  const [cursor, setCursor] = useState<{ col: number; row: number } | null>(null);
  const [planeRef, width] = useElementWidth<HTMLDivElement>();
  const overlay = useTestOverlay();
  const sweepLabel = useDifficultyView((state) => state.sweep?.label ?? null);
  // The large plane's side: planeSize of its box's width, once measured. Its frame is sized by the same rule in CSS
  // (charts.css, .boundary-frame), so the plane is laid out at its size from its first frame without a read of
  // its box in React's commit (which forced the new output row's layout there: 15–25 ms, issue 20 §7).
  const size = width > 0 ? planeSize(width, maxSize) : null;
  const selected = runs.find((run) => run.id === selectedId);
  // The selected run is always drawn large (it is the one being edited), even when hidden from the charts.
  const others = runs.filter((run) => run.id !== selectedId && !hidden.has(run.id));
  // A large plane asks the worker for a finer grid (96 cells a side above 480 px), a small one for the usual 48.
  const wantedGrid = size === null ? null : gridSizeFor(size);
  useEffect(() => {
    if (wantedGrid !== null) client.send({ type: 'gridSize', size: wantedGrid });
  }, [client, wantedGrid]);

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
  const readCell = (cell: { col: number; row: number }): void => {
    setCursor(cell);
    setHover(planeReadout(problem, grid, gridSize, (cell.col + 0.5) / KEY_CELLS, (cell.row + 0.5) / KEY_CELLS));
  };
  const onKeyDown = (event: React.KeyboardEvent<HTMLCanvasElement>): void => {
    const move = KEY_MOVES[event.key];
    if (!move || event.ctrlKey || event.metaKey || event.altKey) return;
    event.preventDefault();
    const stride = event.shiftKey ? 5 : 1;
    const from = cursor ?? { col: KEY_CELLS / 2, row: KEY_CELLS / 2 };
    const clamp = (n: number): number => Math.max(0, Math.min(KEY_CELLS - 1, n));
    readCell({ col: clamp(from.col + move[0] * stride), row: clamp(from.row + move[1] * stride) });
  };
  const [nameX, nameY] = planeAxisNames(problem);
  const cell = (size ?? 0) / KEY_CELLS;
  const sampled = sampleNote(planeSample(train, test));

  return (
    <div className="boundaries">
      <figure className="boundary boundary-main" style={{ maxWidth: maxSize + 2 }}>
        {runs.length > 1 && selected ? (
          <div className="boundary-title" title={`Run ${selected.position} · ${selected.name}`}>
            <span className="run-swatch" style={{ background: selected.color }} />
            <span>
              Run {selected.position} · {selected.name}
            </span>
          </div>
        ) : null}
        <div className="boundary-plane" ref={planeRef}>
          <div className="boundary-frame" style={{ '--plane-min': `${MIN_SIZE}px`, '--plane-max': `${maxSize}px` } as React.CSSProperties}>
            <BoundaryCanvas
              picture={{ grid, gridSize, train, test, showTest, task, outputSize, extent, ...overlay(selectedId) }}
              // Drawn once its box is measured, at that size only: a first drawing at an unmeasured size was thrown
              // away (issue 20 §7; e2e/layout.spec checks the canvas is sized once).
              size={size}
              sizedByCss
              data-testid="decision-boundary"
              data-size={size ?? undefined}
              role="application"
              aria-roledescription="plane"
              aria-label={`${regression ? 'Network output over the input plane, with the data points' : 'Decision boundary over the input plane, with the data points'}. Arrow keys move a cursor and read the value under it.`}
              aria-describedby="plane-readout"
              tabIndex={0}
              onPointerMove={onMove}
              onPointerLeave={() => setHover(null)}
              onKeyDown={onKeyDown}
              onFocus={(event) => {
                // A click focuses the plane too: the cursor is for keyboard focus only.
                if (event.currentTarget.matches(':focus-visible')) readCell(cursor ?? { col: KEY_CELLS / 2, row: KEY_CELLS / 2 });
              }}
              onBlur={() => setCursor(null)}
            />
            {cursor ? (
              <div className="plane-cursor" data-testid="plane-cursor" aria-hidden="true" style={{ left: 1 + cursor.col * cell, top: 1 + cursor.row * cell, width: cell, height: cell }} />
            ) : null}
          </div>
        </div>
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
            <span className={`legend-item${overlay(selectedId).agreement ? ' legend-item-long' : ''}`} data-testid="plane-test-key">
              <span className="dot test" />
              <span>
                test
                {overlay(selectedId).agreement ? (sweepLabel ? ` (coloured by ${sweepLabel}: black none right … white all right)` : ' (black: no run right … white: every run right)') : ''}
              </span>
            </span>
            <label className="inline">
              <input type="checkbox" checked={showTest} onChange={(e) => setShowTest(e.target.checked)} /> show test
            </label>
          </div>
          {sampled ? (
            <div className="muted plane-sampled" data-testid="plane-sampled">
              {sampled}
            </div>
          ) : null}
          <div className={`hover-readout${isStandardised(problem) ? ' long' : ''}`} id="plane-readout" aria-live="polite" data-testid="plane-readout">
            {hover ?? 'Hover over the plane, or focus it and use the arrow keys, to read the output.'}
          </div>
        </figcaption>
      </figure>
      {others.length > 0 ? <SmallMultiples runs={others} showTest={showTest} onSelect={(id) => configStore.getState().selectRun(id)} overlay={overlay} /> : null}
    </div>
  );
}
