/**
 * The loss chart's view options (a recent window, log x) and what it draws beside its lines: the diverged
 * stretches (grey, dashed, ✕ with the step) and each run's best test step (a ring in the run's colour), plus
 * the notes that say what the options leave off the chart, so nothing is hidden silently.
 */
import { memo } from 'react';
import { DefaultZIndexes, Line, ReferenceDot, useXAxisScale, useYAxisScale, ZIndexLayer } from 'recharts';
import { LOSS_WINDOWS, useViewStore, type LossWindow, type XAxisKind } from '../../state/viewStore';
import { DIVERGED_STYLE, placeOnAxis } from './lossMarks';
import type { BestMark } from './lossMarks';
import type { LossChartModel } from './runChartModel';
import type { UnitPlace } from './seriesLines';
import { groupedNumber } from '../../text/groupedNumber';

const windowLabel = (steps: LossWindow): string => (steps === 0 ? 'all steps' : `last ${groupedNumber(steps)} steps`);

/** The tool row's window select and log x toggle (remembered with the other display preferences). */
export function LossViewControls() {
  const { lossWindow, logX, set } = useViewStore();
  return (
    <>
      <label className="inline" title="Show only the most recent steps (of the run furthest along); the CSV keeps every reported step">
        show
        <select value={lossWindow} data-testid="loss-window" onChange={(e) => set({ lossWindow: Number(e.target.value) as LossWindow })}>
          {LOSS_WINDOWS.map((steps) => (
            <option key={steps} value={steps}>
              {windowLabel(steps)}
            </option>
          ))}
        </select>
      </label>
      <label className="inline" title="A logarithmic x axis: the first steps spread out; x = 0 (the untrained network) cannot be shown on it">
        <input type="checkbox" checked={logX} data-testid="log-x" onChange={(e) => set({ logX: e.target.checked })} /> log x
      </label>
    </>
  );
}

/** Where `v` lies across `domain` (0–1), to put a label where there is room. */
function fractionAcross(v: number, [low, high]: [number, number], log: boolean): number {
  if (log) return low > 0 && high > low ? Math.log(v / low) / Math.log(high / low) : 0.5;
  return high > low ? (v - low) / (high - low) : 0.5;
}

/** A label beside a mark: centred above it, or from its edge inwards near the plot's sides, below it near the top. */
function labelPlace(fx: number, fy: number): { x: number; y: number; anchor: 'start' | 'middle' | 'end' } {
  const anchor = fx < 0.25 ? 'start' : fx > 0.75 ? 'end' : 'middle';
  return { x: anchor === 'start' ? -4 : anchor === 'end' ? 4 : 0, y: fy > 0.8 ? 20 : -10, anchor };
}

const CROSS = 'M-5,-5L5,5M-5,5L5,-5';

/**
 * The Recharts elements of the marks (returned as an array, not a component, so they stay direct children of
 * the chart): each diverged stretch and its ✕ (on the top edge, said to be off the scale, when above the y
 * axis), and each run's best test step where it is on the chart.
 */
export function markElements(model: LossChartModel, xDomain: [number, number] | null, yDomain: [number, number] | null, logX: boolean, logY: boolean, unit: UnitPlace): React.ReactNode[] {
  const elements: React.ReactNode[] = [];
  for (const mark of model.diverged) {
    elements.push(
      <Line
        key={mark.id}
        data={mark.points.map((p) => ({ x: unit.x(p.x), y: p.y === null ? null : unit.y(p.y) }))}
        dataKey="y"
        type="linear"
        className="loss-diverged-line"
        stroke={DIVERGED_STYLE.color}
        strokeWidth={DIVERGED_STYLE.width}
        strokeDasharray={DIVERGED_STYLE.dash}
        dot={false}
        activeDot={false}
        isAnimationActive={false}
        legendType="none"
      />,
    );
    if (!mark.marker || !yDomain || !xDomain) continue;
    const { y, offScale } = placeOnAxis(mark.marker.y, yDomain);
    const label = offScale ? `${mark.label}, off the scale` : mark.label;
    const place = labelPlace(fractionAcross(mark.marker.x, xDomain, logX), fractionAcross(y, yDomain, logY));
    elements.push(
      <ReferenceDot
        key={`${mark.id}/x`}
        x={unit.x(mark.marker.x)}
        y={unit.y(y)}
        r={6}
        ifOverflow="visible"
        shape={({ cx, cy }) => (
          <g data-testid="loss-diverged-marker" data-step={mark.atStep} transform={`translate(${cx ?? 0},${cy ?? 0})`}>
            <title>{label}</title>
            <path d={CROSS} stroke={DIVERGED_STYLE.color} strokeWidth={2.5} fill="none" />
            <text x={place.x} y={place.y} textAnchor={place.anchor} fontSize={12} fill="currentColor" className="loss-mark-label">
              {offScale ? `↑ ${mark.short}, off the scale` : mark.short}
            </text>
          </g>
        )}
      />,
    );
  }
  const shown = yDomain ? model.best.filter((best) => best.inView && best.loss >= yDomain[0] && best.loss <= yDomain[1]) : [];
  if (shown.length > 0) elements.push(<BestMarkers key="best" marks={shown} unit={unit} />);
  return elements;
}

/**
 * Each run's best test step, a ring in the run's colour, placed with the chart's own scales in the layer of
 * Recharts' dots: one component for all runs, where a ReferenceDot per run registered itself in the chart's
 * store and re-dispatched on every redraw (seriesLines.tsx says why that matters with 8 runs).
 */
const BestMarkers = memo(function BestMarkers({ marks, unit }: { marks: readonly BestMark[]; unit: UnitPlace }) {
  const xScale = useXAxisScale();
  const yScale = useYAxisScale();
  if (!xScale || !yScale) return null;
  const x = (v: number) => xScale(unit.x(v));
  const y = (v: number) => yScale(unit.y(v));
  return (
    <ZIndexLayer zIndex={DefaultZIndexes.scatter}>
      {marks.map((best) => {
        const cx = x(best.x);
        const cy = y(best.loss);
        if (cx === undefined || cy === undefined || !Number.isFinite(cx) || !Number.isFinite(cy)) return null;
        return (
          <g key={best.runId} data-testid="loss-best-marker" data-run={best.runId} data-step={best.step} transform={`translate(${cx},${cy})`}>
            <title>{best.label}</title>
            <circle r={5} fill="#ffffff" stroke={best.color} strokeWidth={2.5} />
            <circle r={1.5} fill={best.color} />
          </g>
        );
      })}
    </ZIndexLayer>
  );
});

/** What the chart leaves off, and each run's best test step, in words under the plot. */
export function LossNotes({ model, xAxis, logX, runName }: { model: LossChartModel; xAxis: XAxisKind; logX: boolean; runName: (runId: string) => string }) {
  const notes: { key: string; testId: string; text: string }[] = [];
  if (model.window) {
    const from = groupedNumber(Math.max(0, Math.ceil(model.window.from)));
    const to = groupedNumber(model.window.to);
    notes.push({ key: 'window', testId: 'loss-window-note', text: `Steps ${from}–${to} shown; earlier steps are off the chart (the CSV holds every reported step).` });
  }
  if (logX && model.leftOutAtZero) {
    notes.push({ key: 'log-x', testId: 'log-x-note', text: `Log x: ${xAxis === 'step' ? 'step 0 (the untrained network)' : `${xAxis} 0`} cannot be placed and is left out.` });
  }
  if (model.best.length > 0) {
    const text = model.best.map((best) => `${runName(best.runId)}: ${best.label}`).join(' · ');
    notes.push({ key: 'best', testId: 'loss-best', text: `◯ ${text}` });
  }
  if (notes.length === 0) return null;
  return (
    <ul className="chart-notes">
      {notes.map((note) => (
        <li key={note.key} data-testid={note.testId}>
          {note.text}
        </li>
      ))}
    </ul>
  );
}
