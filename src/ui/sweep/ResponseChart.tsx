/**
 * The response curve (issue 17 §3): the metric against the swept field's value, per group the median over seeds
 * as a line over a light min–max band, every point a focusable mark that opens its configuration as a run, each
 * group's best ringed, diverged seeds marked ✕ in a strip above the plot (a median at ∞ sits in that strip, never
 * dropped). Own SVG, one element per point (automation contract: sweep-chart, sweep-point, sweep-best).
 */
import { useCallback, useMemo } from 'react';
import type { SweepValue } from '../../config/sweep';
import { describeMetric, type SweepResponse } from '../../engine/sweep/response';
import { tickLabels } from '../charts/lineChartModel';
import { oneNotation, responseChartModel, type ResponsePoint } from './responseChartModel';
import { axisUnit, formatMetricValue, formatSweepValue, thinTicks, xFraction, type XScale, type YPos } from './sweepAxes';
import { chartWidth, isActivation, useRovingFocus } from './useSweepChart';
import { useElementWidth } from '../useElementWidth';
import './sweep.css';

export interface SweepGroupStyle {
  name: string;
  color: string;
}

export interface ResponseChartProps {
  response: SweepResponse;
  /** The first swept field's values, in the sweep's order. */
  values: SweepValue[];
  fieldLabel: string;
  /** The sweep's scale; 'category' (or any non-number value) draws one slot per value. */
  scale: XScale;
  /** The metric in words, e.g. "final validation loss" (the chart says "median …"); default: the response's metric described. */
  metricLabel?: string;
  groups: { name: string; color: string }[];
  /** The swept field's current value (while its slider is dragged), drawn as a dashed vertical line. */
  marker?: number | null;
  /** A point opened (click, Enter or Space): its group, its index on the swept field, and its grid point. */
  onOpenPoint: (group: number, pointIndex: number, point: number[]) => void;
  /** A point focused (by click or the arrow keys), e.g. to show its learning curves; same arguments. */
  onSelectPoint?: (group: number, pointIndex: number, point: number[]) => void;
  /** Fixed width in px (default: the container's); height in px (default 300). */
  width?: number;
  height?: number;
}

const MARGIN = { left: 64, right: 16, bottom: 46 };
/** The strip above the plot: ✕ marks (lane A) and points whose median is off the scale (lane B). */
const STRIP = 40;
const LANE_A = 9;
const LANE_B = 23;
const LOW_STRIP = 18;
const FALLBACK_COLOR = '#5d6677';

const keyOf = (group: number, index: number): string => `${group}:${index}`;

export function pointLabel(p: ResponsePoint, groupName: string, fieldLabel: string, metricLabel: string, response: SweepResponse, best: boolean): string {
  const seeds = `${p.seeds} seed${p.seeds === 1 ? '' : 's'}`;
  const diverged = p.diverged > 0 ? ` (${p.diverged} of ${p.seeds} diverged)` : '';
  const bestText = best ? ', best of the group' : '';
  return `${groupName}, ${fieldLabel} ${formatSweepValue(p.value)}: median ${metricLabel} ${formatMetricValue(response.metric, p.median)} over ${seeds}${diverged}${bestText}; open as a run`;
}

export function ResponseChart({ response, values, fieldLabel, scale, metricLabel: label, groups, marker = null, onOpenPoint, onSelectPoint, width, height = 300 }: ResponseChartProps) {
  const metricLabel = label ?? describeMetric(response.metric);
  const [measure, measured] = useElementWidth<HTMLDivElement>();
  const model = useMemo(() => responseChartModel(response, values, scale, { groups: groups.length }), [response, values, scale, groups.length]);
  const order = useMemo(() => model.groups.flatMap((g) => g.points.map((p) => keyOf(g.group, p.index))), [model]);
  const roving = useRovingFocus(order);
  const { containerRef } = roving;
  const plotRef = useCallback((el: HTMLDivElement | null) => {
    containerRef.current = el;
    measure(el);
  }, [containerRef, measure]);
  const shownWidth = chartWidth(width, measured);
  // Nothing drawn until the plot's box is measured (useElementWidth).
  if (shownWidth === null) {
    return (
      <figure className="sweep-figure" data-testid="sweep-chart">
        <div ref={plotRef} className="sweep-plot" />
      </figure>
    );
  }
  const w = Math.max(280, Math.floor(shownWidth));
  const low = model.anyLow ? LOW_STRIP : 0;
  const plot = { left: MARGIN.left, top: STRIP, width: w - MARGIN.left - MARGIN.right, height: Math.max(60, height - STRIP - MARGIN.bottom - low) };
  const bottom = plot.top + plot.height;
  const px = (x: number): number => plot.left + x * plot.width;
  const py = (y: YPos): number => (y === 'high' ? LANE_B : y === 'low' ? bottom + low / 2 + 2 : y === null ? bottom : plot.top + (1 - y) * plot.height);
  const yOfValue = (v: number): number => {
    const [a, b] = model.yAxis.domain;
    const t = model.yAxis.log ? (Math.log(v) - Math.log(a)) / (Math.log(b) - Math.log(a)) : (v - a) / (b - a);
    return py(t);
  };
  const nameOf = (g: number): string => groups[g]?.name ?? `Group ${g + 1}`;
  const colorOf = (g: number): string => groups[g]?.color ?? FALLBACK_COLOR;
  const xLabels = oneNotation(thinTicks(model.xAxis.ticks, plot.width));
  const yLabels = tickLabels(model.yAxis.ticks);
  const markerX = markerPosition(model.xAxis, values, marker);
  const logWord = model.xAxis.scale === 'log' ? ' (log scale)' : '';

  const onKey = (event: React.KeyboardEvent, p: ResponsePoint) => {
    if (isActivation(event)) {
      event.preventDefault();
      onOpenPoint(p.group, p.index, p.point);
      return;
    }
    const next = neighbour(model.groups.map((g) => g.points), p, event.key);
    if (next) {
      event.preventDefault();
      roving.move(keyOf(next.group, next.index));
    }
  };

  return (
    <figure className="sweep-figure" data-testid="sweep-chart">
      <div ref={plotRef} className="sweep-plot">
        <svg className="sweep-svg" width={w} height={height} role="group" aria-label={`Median ${metricLabel} against ${fieldLabel}${logWord}, one line per group`}>
          {model.yAxis.ticks.map((t, i) => (
            <g key={`y${t}`}>
              <line className="sweep-grid" x1={plot.left} x2={plot.left + plot.width} y1={yOfValue(t)} y2={yOfValue(t)} />
              <text className="sweep-tick" x={plot.left - 6} y={yOfValue(t) + 4} textAnchor="end">{yLabels[i]}</text>
            </g>
          ))}
          <line className="sweep-axis" x1={plot.left} x2={plot.left + plot.width} y1={bottom} y2={bottom} />
          {model.yAxis.ticks.length === 0 && model.groups.some((g) => g.points.length > 0) ? (
            <text className="sweep-note" data-testid="sweep-no-scale" x={plot.left + plot.width / 2} y={plot.top + plot.height / 2} textAnchor="middle">
              No point has a finite median: each sits in the ∞ strip above.
            </text>
          ) : null}
          {model.anyHigh || model.divergedPoints > 0 ? (
            <g>
              <rect className="sweep-strip" x={plot.left} y={1} width={plot.width} height={plot.top - 7} />
              <text className="sweep-tick" x={plot.left - 6} y={LANE_A + 4} textAnchor="end"><title>Seeds that diverged at this value</title>✕</text>
              <text className="sweep-tick" x={plot.left - 6} y={LANE_B + 4} textAnchor="end"><title>Medians off the scale: most seeds diverged (or never reached the target)</title>∞</text>
            </g>
          ) : null}
          {model.xAxis.minor.map((u) => (
            <line key={`m${u}`} className="sweep-minor" x1={px(xFraction(model.xAxis, u))} x2={px(xFraction(model.xAxis, u))} y1={bottom} y2={bottom + 4} />
          ))}
          {xLabels.map((t) => (
            <g key={`x${t.at}`}>
              <line className="sweep-axis" x1={px(xFraction(model.xAxis, t.at))} x2={px(xFraction(model.xAxis, t.at))} y1={bottom} y2={bottom + 6} />
              <text className="sweep-tick" x={px(xFraction(model.xAxis, t.at))} y={bottom + low + 19} textAnchor="middle">{t.label}</text>
            </g>
          ))}
          <text className="sweep-title" x={plot.left + plot.width / 2} y={height - 6} textAnchor="middle">{fieldLabel}{logWord}</text>
          <text className="sweep-title" transform={`translate(14 ${plot.top + plot.height / 2}) rotate(-90)`} textAnchor="middle">
            {fitAxisTitle(`median ${metricLabel}`, plot.height)}
            <title>median {metricLabel}</title>
          </text>
          {markerX !== null ? (
            <g data-testid="sweep-marker" data-value={String(marker)}>
              <line className="sweep-marker" x1={px(markerX)} x2={px(markerX)} y1={plot.top} y2={bottom} />
              <text className="sweep-tick" x={px(markerX) + 4} y={plot.top + 13}>{formatSweepValue(marker as number)}</text>
            </g>
          ) : null}
          {model.groups.map((g) => (
            <g key={`band${g.group}`} fill={colorOf(g.group)} stroke="none" className="sweep-band">
              {g.bands.map((run) => <path key={run[0].index} d={bandPath(run, px, (y) => (y === 'high' ? plot.top : py(y)))} />)}
            </g>
          ))}
          {model.groups.map((g) => (
            <g key={`line${g.group}`} stroke={colorOf(g.group)} fill="none" className="sweep-line">
              {g.lines.map((run) => <path key={run[0].index} d={run.map((p, i) => `${i ? 'L' : 'M'}${px(p.x).toFixed(1)},${py(p.y).toFixed(1)}`).join('')} />)}
              {model.xAxis.scale === 'category' ? g.points.map((p) => <line key={`w${p.index}`} x1={px(p.x)} x2={px(p.x)} y1={py(p.yMin)} y2={py(p.yMax)} />) : null}
            </g>
          ))}
          {model.groups.map((g) =>
            g.empty.map((e) => (
              <circle key={`e${g.group}:${e.index}`} className="sweep-empty" data-testid="sweep-empty" data-group={g.group} data-value={String(e.value)} cx={px(e.x)} cy={bottom} r={3}>
                <title>{`${nameOf(g.group)}, ${fieldLabel} ${formatSweepValue(e.value)}: ${e.seeds === 0 ? 'not run yet' : 'no value for this metric'}`}</title>
              </circle>
            )),
          )}
          {model.groups.map((g) =>
            g.points.filter((p) => p.diverged > 0).map((p) => {
              const x = px(p.x) + (model.groups.length > 1 ? (g.group - (model.groups.length - 1) / 2) * 5 : 0);
              return (
                <g key={`d${g.group}:${p.index}`} className="sweep-diverged" data-testid="sweep-diverged" data-group={g.group} data-value={String(p.value)} data-diverged={p.diverged} stroke={colorOf(g.group)}>
                  <title>{`${p.diverged} of ${p.seeds} seeds diverged (${nameOf(g.group)}, ${fieldLabel} ${formatSweepValue(p.value)})`}</title>
                  <path d={`M${x - 4},${LANE_A - 4}L${x + 4},${LANE_A + 4}M${x - 4},${LANE_A + 4}L${x + 4},${LANE_A - 4}`} />
                </g>
              );
            }),
          )}
          {model.groups.map((g) =>
            g.best ? (
              <circle key={`b${g.group}`} className="sweep-best" data-testid="sweep-best" data-group={g.group} data-value={String(g.best.value)} data-metric={String(g.best.median)} cx={px(g.best.x)} cy={py(g.best.y)} r={9} stroke={colorOf(g.group)} />
            ) : null,
          )}
          {model.groups.map((g) =>
            g.points.map((p) => (
              <circle
                key={`p${g.group}:${p.index}`}
                className="sweep-point"
                data-testid="sweep-point"
                data-key={keyOf(g.group, p.index)}
                data-group={g.group}
                data-value={String(p.value)}
                data-metric={String(p.median)}
                cx={px(p.x)}
                cy={py(p.y)}
                r={5}
                fill={colorOf(g.group)}
                tabIndex={roving.tabIndexOf(keyOf(g.group, p.index))}
                role="button"
                aria-label={pointLabel(p, nameOf(g.group), fieldLabel, metricLabel, response, g.best === p)}
                onClick={() => { roving.setActive(keyOf(g.group, p.index)); onOpenPoint(g.group, p.index, p.point); }}
                onKeyDown={(event) => onKey(event, p)}
                onFocus={() => onSelectPoint?.(g.group, p.index, p.point)}
              >
                <title>{pointLabel(p, nameOf(g.group), fieldLabel, metricLabel, response, g.best === p)}</title>
              </circle>
            )),
          )}
        </svg>
      </div>
      <ResponseLegend groups={model.groups.map((g) => ({ name: nameOf(g.group), color: colorOf(g.group) }))} marker={markerX !== null} diverged={model.divergedPoints > 0} empty={model.groups.some((g) => g.empty.length > 0)} />
    </figure>
  );
}

function ResponseLegend({ groups, marker, diverged, empty }: { groups: SweepGroupStyle[]; marker: boolean; diverged: boolean; empty: boolean }) {
  return (
    <figcaption>
      <ul className="sweep-legend" aria-label="Groups drawn">
        {groups.map((g, i) => (
          <li key={i} className="sweep-legend-entry">
            <span className="sweep-swatch" style={{ background: g.color }} />
            <span className="sweep-legend-name">{g.name}</span>
          </li>
        ))}
        <li className="sweep-legend-key">line: median over seeds · band: min–max · ring: best</li>
        {diverged ? <li className="sweep-legend-key">✕ diverged seeds · ∞ median off the scale</li> : null}
        {marker ? <li className="sweep-legend-key">dashed: the current value</li> : null}
        {empty ? <li className="sweep-legend-key">hollow dot on the axis: no value there (not run, or none for this metric)</li> : null}
      </ul>
    </figcaption>
  );
}

/** About the width of a character of the axis title (12.5 px, semibold), for fitting it without measuring. */
const TITLE_PX_PER_CHAR = 8;

/**
 * The y axis's title within the plot's height: whole when it fits; else without its parenthesis ("median mean
 * validation loss over training (area under the curve)" ran past a 300 px chart at both ends); else cut with "…".
 * The full title is the text's tooltip, and the metric picker and the rule name it in full.
 */
export function fitAxisTitle(title: string, heightPx: number): string {
  const fits = (text: string): boolean => text.length * TITLE_PX_PER_CHAR <= heightPx;
  if (fits(title)) return title;
  const bare = title.replace(/\s*\([^)]*\)\s*$/, '');
  if (fits(bare)) return bare;
  const room = Math.max(4, Math.floor(heightPx / TITLE_PX_PER_CHAR) - 1);
  const cut = bare.slice(0, room);
  const space = cut.lastIndexOf(' ');
  return `${(space > room / 2 ? cut.slice(0, space) : cut).trimEnd()}…`;
}

/** The area between a run's max (left to right) and min (right to left). */
function bandPath(run: readonly ResponsePoint[], px: (x: number) => number, py: (y: YPos) => number): string {
  const top = run.map((p, i) => `${i ? 'L' : 'M'}${px(p.x).toFixed(1)},${py(p.yMax).toFixed(1)}`);
  const under = [...run].reverse().map((p) => `L${px(p.x).toFixed(1)},${py(p.yMin).toFixed(1)}`);
  return `${top.join('')}${under.join('')}Z`;
}

/** The marker's position (a fraction of the axis, clamped to it), or null when it cannot be drawn. */
function markerPosition(axis: ReturnType<typeof responseChartModel>['xAxis'], values: readonly SweepValue[], marker: number | null): number | null {
  if (marker === null || !Number.isFinite(marker)) return null;
  if (axis.scale === 'category') {
    const at = values.indexOf(marker);
    return at < 0 ? null : xFraction(axis, at);
  }
  if (axis.scale === 'log' && marker <= 0) return null;
  return Math.min(1, Math.max(0, xFraction(axis, axisUnit(axis, marker, 0))));
}

/** The point an arrow key moves to: along the group (left/right, Home/End) or to the nearest of the next group (up/down). */
function neighbour(groups: readonly (readonly ResponsePoint[])[], p: ResponsePoint, key: string): ResponsePoint | null {
  const own = groups[p.group] ?? [];
  const at = own.indexOf(p);
  if (key === 'ArrowRight') return own[at + 1] ?? null;
  if (key === 'ArrowLeft') return own[at - 1] ?? null;
  if (key === 'Home') return own[0] ?? null;
  if (key === 'End') return own[own.length - 1] ?? null;
  if (key !== 'ArrowUp' && key !== 'ArrowDown') return null;
  const step = key === 'ArrowDown' ? 1 : -1;
  for (let g = p.group + step; g >= 0 && g < groups.length; g += step) {
    if (groups[g].length === 0) continue;
    return groups[g].reduce((best, q) => (Math.abs(q.index - p.index) < Math.abs(best.index - p.index) ? q : best));
  }
  return null;
}
