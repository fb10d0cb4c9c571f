/**
 * Every series of a chart model as SVG paths, styled as the model says: one definition for the loss, rate,
 * layer-statistics, alignment and accuracy charts. No animation, no legend entry (the charts draw their own
 * keys), no hover dot (the readouts say the values).
 *
 * One component inside the Recharts chart draws them all with the chart's own axis scales (useXAxisScale,
 * useYAxisScale, Recharts ≥ 3.8), in the layer Recharts gives its lines (ZIndexLayer, DefaultZIndexes.line),
 * clipped to the plot area as Recharts clips a line on an axis with allowDataOverflow. A Recharts <Line> per
 * series registers itself in the chart's store and re-dispatches on every new data array, and each dispatch
 * re-runs every selector of the chart: with 8 runs (16 lines and more) one redraw of the loss chart cost 100s of
 * ms of main-thread time (issue 20 §7). The elements keep the class names of Recharts' lines
 * (`recharts-line`, `recharts-curve`, `recharts-line-dots`), so the exported SVG and what reads it see the same
 * structure. A gap (a null value, or one the scale cannot place, such as 0 on a log axis) breaks the line, as
 * Recharts' Line does without connectNulls. A point with no placed neighbour (a one-point series: the train
 * loss at step 0, before any step) makes no visible path, so it is drawn as a dot.
 *
 * A series whose y axis the chart has no scale for (a right-axis series in a chart without a right axis, or
 * before Recharts has measured its axes) cannot be placed: it is drawn as an empty group marked
 * `data-unplaced`, never left out unsaid. The rate chart, the one chart with two axes, draws its right axis
 * whenever its model has a right-axis series (rateChartModel's showMomentum and momentumRange).
 */
import { memo, useId, type ReactElement } from 'react';
import { DefaultZIndexes, usePlotArea, useXAxisScale, useYAxisScale, ZIndexLayer } from 'recharts';
import type { Point } from './lineChartModel';
import type { LineSeries, SeriesStyle } from './runChartModel';

interface Options {
  /** A line of fewer points than this is drawn with a dot at each (a short run's few diagnosed steps). */
  dotsBelow?: number;
  /** Each line on its style's y axis ('left' or 'right'), for a chart with two. */
  twoAxes?: boolean;
  /**
   * Where a chart's Recharts axes hold the unit square (unitAxes.tsx): each value's place in it, x and y, before
   * the chart's scales map it to pixels.
   */
  place?: UnitPlace | null;
}

/** A value's place across an axis of the unit square (unitAxes.tsx unitScale). */
export interface UnitPlace {
  x: (v: number) => number;
  y: (v: number) => number;
  /** A right-axis series' values (twoAxes). */
  yRight?: (v: number) => number;
}

type Scale = (value: number) => number | undefined;

/**
 * The pixel positions of a line's points, packed: x and y of point i at 2i and 2i + 1, NaN where the point cannot
 * be placed (a gap). One typed array a line, no object a point: the loss chart places 16 lines and more 10 times a
 * second, and what it allocates the garbage collector takes back on the main thread (issue 20 §7).
 */
export function pixelPoints(points: readonly Point[], x: Scale, y: Scale): Float64Array {
  const placed = new Float64Array(2 * points.length).fill(Number.NaN);
  for (let i = 0; i < points.length; i++) {
    const p = points[i];
    if (p.y === null || !Number.isFinite(p.y) || !Number.isFinite(p.x)) continue;
    const px = x(p.x);
    const py = y(p.y);
    if (px === undefined || py === undefined || !Number.isFinite(px) || !Number.isFinite(py)) continue;
    placed[2 * i] = px;
    placed[2 * i + 1] = py;
  }
  return placed;
}

/** Point i of `placed` (pixelPoints), or null where it is a gap. */
export function placedAt(placed: Float64Array, i: number): { x: number; y: number } | null {
  const x = placed[2 * i];
  return i >= 0 && 2 * i < placed.length && !Number.isNaN(x) ? { x, y: placed[2 * i + 1] } : null;
}

const tenth = (v: number): number => Math.round(v * 10) / 10;

/** An SVG path through the placed points, starting afresh after each gap ('' when nothing is placed). */
export function linePath(placed: Float64Array): string {
  const parts: string[] = [];
  let open = false;
  for (let i = 0; 2 * i < placed.length; i++) {
    const x = placed[2 * i];
    if (Number.isNaN(x)) {
      open = false;
      continue;
    }
    parts.push(`${open ? 'L' : 'M'}${tenth(x)},${tenth(placed[2 * i + 1])}`);
    open = true;
  }
  return parts.join('');
}

/** The placed points with no placed neighbour: a path through one point draws nothing, so these get a dot. */
export function lonePoints(placed: Float64Array): { x: number; y: number; index: number }[] {
  const lone: { x: number; y: number; index: number }[] = [];
  const count = placed.length / 2;
  const isPlaced = (i: number): boolean => i >= 0 && i < count && !Number.isNaN(placed[2 * i]);
  for (let i = 0; i < count; i++) {
    if (isPlaced(i) && !isPlaced(i - 1) && !isPlaced(i + 1)) lone.push({ x: placed[2 * i], y: placed[2 * i + 1], index: i });
  }
  return lone;
}

/** A lone point's dot: at least as wide as the line would be, so it reads as the series. */
export const loneDotRadius = (lineWidth: number): number => Math.max(3, 1.25 * lineWidth);

/** The scale `style`'s series is placed with, or null where the chart has none for its axis. */
export function yScaleFor<S>(style: Pick<SeriesStyle, 'axis'>, twoAxes: boolean, left: S | undefined, right: S | undefined): S | null {
  return (twoAxes && style.axis === 'right' ? right : left) ?? null;
}

interface PathsProps extends Required<Omit<Options, 'place'>> {
  place: UnitPlace | null;
  lines: readonly LineSeries[];
  styles: Readonly<Record<string, SeriesStyle>>;
}

const SeriesPaths = memo(function SeriesPaths({ lines, styles, dotsBelow, twoAxes, place }: PathsProps) {
  const clipId = `series-clip-${useId().replace(/[^a-zA-Z0-9_-]/g, '')}`;
  const xScale = useXAxisScale();
  const leftScale = useYAxisScale(twoAxes ? 'left' : undefined);
  const rightScale = useYAxisScale(twoAxes ? 'right' : undefined);
  const x = place && xScale ? (v: number) => xScale(place.x(v)) : xScale;
  const left = place && leftScale ? (v: number) => leftScale(place.y(v)) : leftScale;
  const toRight = place?.yRight;
  // Placed in the unit square, a right-axis series without a right axis to place it by is unplaced (see above).
  const right = place ? (toRight && rightScale ? (v: number) => rightScale(toRight(v)) : undefined) : rightScale;
  const area = usePlotArea();
  if (!x || !left || !area) return null;
  return (
    <ZIndexLayer zIndex={DefaultZIndexes.line}>
      <defs>
        <clipPath id={clipId}>
          <rect x={area.x} y={area.y} width={area.width} height={area.height} />
        </clipPath>
      </defs>
      <g clipPath={`url(#${clipId})`}>
        {lines.map((line) => {
          const style = styles[line.id];
          const y = yScaleFor(style, twoAxes, left, right);
          if (!y) return <g key={line.id} className="recharts-layer recharts-line" data-series={line.id} data-unplaced={`no scale for its ${style.axis} y axis`} />;
          const placed = pixelPoints(line.points, x, y);
          const dotted = line.points.length < dotsBelow;
          const lone = dotted ? [] : lonePoints(placed);
          return (
            <g key={line.id} className="recharts-layer recharts-line">
              <path
                className="recharts-curve recharts-line-curve"
                d={linePath(placed)}
                fill="none"
                stroke={style.color}
                strokeWidth={style.width}
                strokeOpacity={style.opacity}
                strokeDasharray={style.dash}
              />
              {dotted ? (
                <g className="recharts-layer recharts-line-dots">
                  {line.points.map((_, i) => {
                    const p = placedAt(placed, i);
                    return p ? <circle key={i} className="recharts-dot" cx={p.x} cy={p.y} r={2} fill={style.color} /> : null;
                  })}
                </g>
              ) : null}
              {lone.length > 0 ? (
                <g className="recharts-layer recharts-line-dots" data-lone-points="">
                  {lone.map((p) => (
                    <circle key={p.index} className="recharts-dot" cx={p.x} cy={p.y} r={loneDotRadius(style.width)} fill={style.color} fillOpacity={style.opacity} />
                  ))}
                </g>
              ) : null}
            </g>
          );
        })}
      </g>
    </ZIndexLayer>
  );
});

export function seriesLines(lines: readonly LineSeries[], styles: Readonly<Record<string, SeriesStyle>>, { dotsBelow = 0, twoAxes = false, place = null }: Options = {}): ReactElement {
  return <SeriesPaths key="series-lines" lines={lines} styles={styles} dotsBelow={dotsBelow} twoAxes={twoAxes} place={place} />;
}
