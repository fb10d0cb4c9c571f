/**
 * Axes drawn by the page, over a Recharts chart whose own axes hold the unit square still ([0, 1] on x and y,
 * hidden). Every change of a Recharts axis's props (its range, its ticks) re-registers the axis in the chart's
 * store, and the store tells every part of the chart in the next animation frame: the whole chart was drawn again
 * inside that frame, 20–36 ms of the main thread's CPU and at times over 50 ms by wall clock, several times in
 * the first second after Play while the loss falls and the steps grow (issue 20 §7). Here a new range changes
 * only the data handed to Recharts (placed in the unit square by `unitScale`) and these few SVG lines and labels.
 *
 * The elements keep the class names and the layers (z-index) of Recharts' own grid, axes and labels
 * (`recharts-cartesian-grid`, `recharts-xAxis`, `recharts-cartesian-axis-tick-value`, `recharts-label`), with
 * Recharts' placements (ticks 6 px, labels 2 px beyond, hanging 0.71em under a bottom axis, centred at 0.355em
 * beside a side axis), so the dark theme's rules, the picture and SVG exports and what reads them treat them as
 * before.
 */
import { createContext, memo, useContext, type ReactElement } from 'react';
import { DefaultZIndexes, usePlotArea, XAxis, YAxis, ZIndexLayer } from 'recharts';

/** `v`'s place across `domain`, 0 at its low end and 1 at its high end (on a log axis, by logarithm; NaN where it cannot be placed). */
export function unitScale([low, high]: readonly [number, number], log: boolean): (v: number) => number {
  if (log) {
    const from = Math.log(low);
    const span = Math.log(high) - from;
    return (v) => (v > 0 && span > 0 ? (Math.log(v) - from) / span : Number.NaN);
  }
  const span = high - low;
  return (v) => (span > 0 ? (v - low) / span : 0.5);
}

/** The place of every value on an axis before anything is drawn (it has no ticks either). */
export const UNPLACED = (): number => Number.NaN;

/**
 * The chart's Recharts axes: the unit square, made once, so that Recharts never sees them change. The series
 * are given to Recharts already placed in it (unitScale).
 */
export const UNIT_AXES: ReactElement[] = [
  <XAxis key="unit-x" hide type="number" dataKey="x" domain={[0, 1]} allowDataOverflow />,
  <YAxis key="unit-y" hide type="number" domain={[0, 1]} allowDataOverflow />,
];

/** The same for a chart with a left and a right y axis (the rate chart's learning rate and momentum). */
export const UNIT_AXES_TWO_Y: ReactElement[] = [
  <XAxis key="unit-x" hide type="number" dataKey="x" domain={[0, 1]} allowDataOverflow />,
  <YAxis key="unit-left" yAxisId="left" hide type="number" domain={[0, 1]} allowDataOverflow />,
  <YAxis key="unit-right" yAxisId="right" orientation="right" hide type="number" domain={[0, 1]} allowDataOverflow />,
];

export interface DrawnAxis {
  /** The tick values, in the data's units (none before anything is drawn). */
  ticks: readonly number[];
  format: (value: number) => string;
  /** Each tick's place across the axis (unitScale of its domain). */
  place: (value: number) => number;
  title: string;
}

export interface DrawnAxes {
  /** An empty title draws none. */
  x: DrawnAxis;
  y: DrawnAxis;
  /** A right y axis (labels only, no grid), or null. */
  right?: DrawnAxis | null;
  /** The x title's baseline below the x axis's box (the plot's bottom plus xAxisHeight), px. */
  xTitleBelow: number;
  /** The y title's centre line from the chart's left edge, px (it reads upwards). */
  yTitleAt: number;
  /** The height under the plot kept for the x axis (its ticks and labels), px. */
  xAxisHeight: number;
  /** The tick labels' font size in px, where the chart sets one (the stage's larger type). */
  fontSize?: number;
}

/** The axes of the chart being drawn, handed to the axes layer past Recharts' chart, as the series are. */
export const DrawnAxesContext = createContext<DrawnAxes | null>(null);

const TICK = 6;
const AXIS_STROKE = '#666';
const GRID_STROKE = '#e5e5e5';
const TITLE_FILL = '#808080';

/** The ticks that fall on the axis, with their pixel position. */
function placed(axis: DrawnAxis, from: number, length: number, flip: boolean): { value: number; at: number }[] {
  return axis.ticks.flatMap((value) => {
    const u = axis.place(value);
    if (!Number.isFinite(u) || u < -1e-9 || u > 1 + 1e-9) return [];
    return [{ value, at: from + (flip ? 1 - u : u) * length }];
  });
}

/** The grid, axis lines, ticks, tick labels and titles, in Recharts' layers (see above). */
export const AxesLayer = memo(function AxesLayer() {
  const axes = useContext(DrawnAxesContext);
  const area = usePlotArea();
  if (!axes || !area) return null;
  const { x: left, y: top, width, height } = area;
  const bottom = top + height;
  const xs = placed(axes.x, left, width, false);
  const ys = placed(axes.y, top, height, true);
  const rights = axes.right ? placed(axes.right, top, height, true) : [];
  const end = left + width;
  const fontSize = axes.fontSize;
  return (
    <>
      <ZIndexLayer zIndex={DefaultZIndexes.grid}>
        <g className="recharts-cartesian-grid">
          <g className="recharts-cartesian-grid-horizontal">
            {ys.map((t) => (
              <line key={t.value} stroke={GRID_STROKE} fill="none" x1={left} y1={t.at} x2={left + width} y2={t.at} />
            ))}
          </g>
          <g className="recharts-cartesian-grid-vertical">
            {xs.map((t) => (
              <line key={t.value} stroke={GRID_STROKE} fill="none" x1={t.at} y1={top} x2={t.at} y2={bottom} />
            ))}
          </g>
        </g>
      </ZIndexLayer>
      <ZIndexLayer zIndex={DefaultZIndexes.axis}>
        <g className="recharts-layer recharts-cartesian-axis recharts-xAxis xAxis">
          <line className="recharts-cartesian-axis-line" stroke={AXIS_STROKE} fill="none" x1={left} y1={bottom} x2={left + width} y2={bottom} />
          <g className="recharts-cartesian-axis-ticks recharts-xAxis-ticks">
            {xs.map((t) => (
              <line key={t.value} className="recharts-cartesian-axis-tick-line" stroke={AXIS_STROKE} fill="none" x1={t.at} y1={bottom + TICK} x2={t.at} y2={bottom} />
            ))}
          </g>
        </g>
        <g className="recharts-layer recharts-cartesian-axis recharts-yAxis yAxis">
          <line className="recharts-cartesian-axis-line" stroke={AXIS_STROKE} fill="none" x1={left} y1={top} x2={left} y2={bottom} />
          <g className="recharts-cartesian-axis-ticks recharts-yAxis-ticks">
            {ys.map((t) => (
              <line key={t.value} className="recharts-cartesian-axis-tick-line" stroke={AXIS_STROKE} fill="none" x1={left - TICK} y1={t.at} x2={left} y2={t.at} />
            ))}
          </g>
        </g>
        {axes.right ? (
          <g className="recharts-layer recharts-cartesian-axis recharts-yAxis yAxis">
            <line className="recharts-cartesian-axis-line" stroke={AXIS_STROKE} fill="none" x1={end} y1={top} x2={end} y2={bottom} />
            <g className="recharts-cartesian-axis-ticks recharts-yAxis-ticks">
              {rights.map((t) => (
                <line key={t.value} className="recharts-cartesian-axis-tick-line" stroke={AXIS_STROKE} fill="none" x1={end + TICK} y1={t.at} x2={end} y2={t.at} />
              ))}
            </g>
          </g>
        ) : null}
      </ZIndexLayer>
      <ZIndexLayer zIndex={DefaultZIndexes.label}>
        <g className="recharts-cartesian-axis-tick-labels recharts-xAxis-tick-labels">
          {xs.map((t) => (
            <text key={t.value} x={t.at} y={bottom + TICK + 2} dy="0.71em" textAnchor="middle" fill={AXIS_STROKE} fontSize={fontSize} className="recharts-xAxis xAxis recharts-cartesian-axis-tick-value">
              {axes.x.format(t.value)}
            </text>
          ))}
        </g>
        {axes.x.title ? (
          <text x={left + width / 2} y={bottom + axes.xAxisHeight + axes.xTitleBelow} textAnchor="middle" fill={TITLE_FILL} className="recharts-text recharts-label">
            {axes.x.title}
          </text>
        ) : null}
        <g className="recharts-cartesian-axis-tick-labels recharts-yAxis-tick-labels">
          {ys.map((t) => (
            <text key={t.value} x={left - TICK - 2} y={t.at} dy="0.355em" textAnchor="end" fill={AXIS_STROKE} fontSize={fontSize} className="recharts-yAxis yAxis recharts-cartesian-axis-tick-value">
              {axes.y.format(t.value)}
            </text>
          ))}
        </g>
        <text x={axes.yTitleAt} y={top + height / 2} dy="0.355em" transform={`rotate(-90, ${axes.yTitleAt}, ${top + height / 2})`} textAnchor="middle" fill={TITLE_FILL} className="recharts-text recharts-label">
          {axes.y.title}
        </text>
        {axes.right ? (
          <g className="recharts-cartesian-axis-tick-labels recharts-yAxis-tick-labels">
            {rights.map((t) => (
              <text key={t.value} x={end + TICK + 2} y={t.at} dy="0.355em" textAnchor="start" fill={AXIS_STROKE} fontSize={fontSize} className="recharts-yAxis yAxis recharts-cartesian-axis-tick-value">
                {axes.right?.format(t.value)}
              </text>
            ))}
          </g>
        ) : null}
      </ZIndexLayer>
    </>
  );
});
