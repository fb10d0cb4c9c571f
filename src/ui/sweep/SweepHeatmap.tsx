/**
 * The heatmap of a two-field sweep (issue 17 §3): one grid per group, side by side while they fit, the first field
 * across and the second up, each cell coloured by its median on one scale shared by all groups (darker = better),
 * the best cell outlined, diverged cells marked ✕ (hatched when their median is off the scale), cells not yet run
 * grey. Every cell is a focusable mark that opens its configuration as a run (automation contract: sweep-heatmap,
 * sweep-cell, sweep-best).
 */
import { useCallback, useId, useMemo } from 'react';
import type { SweepValue } from '../../config/sweep';
import { describeMetric, type SweepResponse } from '../../engine/sweep/response';
import { heatmapModel, rgb, sequentialColor, type HeatCell, type HeatmapModel } from './heatmapModel';
import { formatCompact, formatMetricValue, formatSweepValue, thinTicks } from './sweepAxes';
import { oneNotation } from './responseChartModel';
import { chartWidth, isActivation, useRovingFocus } from './useSweepChart';
import { useElementWidth } from '../useElementWidth';
import './sweep.css';

export interface SweepHeatmapProps {
  response: SweepResponse;
  /** The first swept field's values (across, one column each) and the second's (up, one row each), in the sweep's order. */
  columns: SweepValue[];
  rows: SweepValue[];
  columnLabel: string;
  rowLabel: string;
  /** The metric in words, e.g. "final validation loss" (the chart says "median …"); default: the response's metric described. */
  metricLabel?: string;
  groups: { name: string; color: string }[];
  /** A cell opened (click, Enter or Space): its group, its index in the plan's grid order (i × rows + j), and its grid point [i, j]. */
  onOpenPoint: (group: number, pointIndex: number, point: number[]) => void;
  /** A cell focused (by click or the arrow keys), e.g. to show its learning curves; same arguments. */
  onSelectPoint?: (group: number, pointIndex: number, point: number[]) => void;
  /** Fixed width in px for all the grids together (default: the container's). */
  width?: number;
}

const GAP = 20;
const TOP = 6;
const RIGHT = 8;
const BOTTOM = 40;
const MIN_CELL = 16;
const MAX_CELL = 48;
const MAX_GRID_HEIGHT = 320;
const CHAR = 7;

const keyOf = (c: Pick<HeatCell, 'group' | 'i' | 'j'>): string => `${c.group}:${c.i}:${c.j}`;

export function cellLabel(c: HeatCell, groupName: string, fieldLabels: [string, string], metricLabel: string, response: SweepResponse, best: boolean): string {
  const where = `${groupName}, ${fieldLabels[0]} ${formatSweepValue(c.value[0])}, ${fieldLabels[1]} ${formatSweepValue(c.value[1])}`;
  if (c.state === 'empty') return `${where}: not run yet; open as a run`;
  const seeds = `${c.seeds} seed${c.seeds === 1 ? '' : 's'}`;
  const diverged = c.diverged > 0 ? ` (${c.diverged} of ${c.seeds} diverged)` : '';
  return `${where}: median ${metricLabel} ${formatMetricValue(response.metric, c.median)} over ${seeds}${diverged}${best ? ', best of the group' : ''}; open as a run`;
}

/** Grid geometry for `count` grids of `columns` × `rows` cells in `width` px, with row labels `labelWidth` px wide. */
export function heatmapLayout(width: number, count: number, columns: number, rows: number, labelWidth: number): { cellW: number; cellH: number; left: number; perRow: number } {
  const left = 18 + labelWidth + 6;
  const needed = (cell: number): number => left + columns * cell + RIGHT;
  let perRow = Math.max(1, count);
  while (perRow > 1 && (width - (perRow - 1) * GAP) / perRow < needed(MIN_CELL + 4)) perRow -= 1;
  const gridW = (width - (perRow - 1) * GAP) / perRow;
  const cellW = Math.max(MIN_CELL, Math.min(MAX_CELL, Math.floor((gridW - left - RIGHT) / Math.max(1, columns))));
  const cellH = Math.max(14, Math.min(cellW, MAX_CELL, Math.floor(MAX_GRID_HEIGHT / Math.max(1, rows))));
  return { cellW, cellH, left, perRow };
}

export function SweepHeatmap({ response, columns, rows, columnLabel, rowLabel, metricLabel: label, groups, onOpenPoint, onSelectPoint, width }: SweepHeatmapProps) {
  const [measure, measured] = useElementWidth<HTMLDivElement>();
  const metricLabel = label ?? describeMetric(response.metric);
  const fieldLabels = useMemo((): [string, string] => [columnLabel, rowLabel], [columnLabel, rowLabel]);
  const model = useMemo(() => heatmapModel(response, columns, rows, { groups: groups.length }), [response, columns, rows, groups.length]);
  const order = useMemo(() => model.grids.flatMap((g) => g.cells.map(keyOf)), [model]);
  const roving = useRovingFocus(order);
  const { containerRef } = roving;
  const rootRef = useCallback((el: HTMLDivElement | null) => {
    containerRef.current = el;
    measure(el);
  }, [containerRef, measure]);
  // Each svg holds the hatch it uses, so a grid saved alone (ChartExportButtons takes svg.sweep-svg) keeps its
  // pattern; the ids differ per grid and per chart (useId), as ids must be unique in a page (SVG 2 §5.10.1 "id").
  const hatch = `sweep-hatch-${useId().replace(/[^A-Za-z0-9_-]/g, '')}`;
  const hatchOf = (group: number): string => `${hatch}-${group}`;
  const shownWidth = chartWidth(width, measured);
  // Nothing drawn until the container is measured: the grids render once, at their width, in a task of their own.
  if (shownWidth === null) return <div className="sweep-figure" data-testid="sweep-heatmap" ref={rootRef} />;
  const available = Math.max(200, Math.floor(shownWidth));
  const labelWidth = Math.max(...model.rows.map((r) => r.length), 1) * CHAR;
  const layout = heatmapLayout(available, model.grids.length, columns.length, rows.length, labelWidth);
  const nameOf = (g: number): string => groups[g]?.name ?? `Group ${g + 1}`;

  const onKey = (event: React.KeyboardEvent, c: HeatCell) => {
    if (isActivation(event)) {
      event.preventDefault();
      onOpenPoint(c.group, c.pointIndex, [c.i, c.j]);
      return;
    }
    const next = neighbourCell(c, event.key, columns.length, rows.length, model.grids.length);
    if (next) {
      event.preventDefault();
      roving.move(keyOf(next));
    }
  };

  return (
    <div className="sweep-figure" data-testid="sweep-heatmap" ref={rootRef}>
      <div className="sweep-heatmaps">
        {model.grids.map((grid) => (
          <figure key={grid.group} className="sweep-heatmap-group" data-group={grid.group}>
            <figcaption>
              <span className="sweep-swatch" style={{ background: groups[grid.group]?.color ?? '#5d6677' }} />
              {nameOf(grid.group)}
            </figcaption>
            <HeatGrid model={model} grid={grid} layout={layout} fieldLabels={fieldLabels} hatch={hatchOf(grid.group)}>
              {(c, box) => {
                const best = grid.best === c;
                const label = cellLabel(c, nameOf(grid.group), fieldLabels, metricLabel, response, best);
                return (
                  <rect
                    className={`sweep-cell ${c.state}`}
                    data-testid="sweep-cell"
                    data-key={keyOf(c)}
                    data-group={c.group}
                    data-value={`${String(c.value[0])},${String(c.value[1])}`}
                    data-metric={String(c.median)}
                    {...box}
                    fill={c.fill ? rgb(c.fill) : c.state === 'off' ? `url(#${hatchOf(grid.group)})` : undefined}
                    tabIndex={roving.tabIndexOf(keyOf(c))}
                    role="button"
                    aria-label={label}
                    onClick={() => { roving.setActive(keyOf(c)); onOpenPoint(c.group, c.pointIndex, [c.i, c.j]); }}
                    onKeyDown={(event) => onKey(event, c)}
                    onFocus={() => onSelectPoint?.(c.group, c.pointIndex, [c.i, c.j])}
                  >
                    <title>{label}</title>
                  </rect>
                );
              }}
            </HeatGrid>
          </figure>
        ))}
      </div>
      <ColourLegend model={model} metricLabel={metricLabel} hatch={hatch} />
    </div>
  );
}

function HeatGrid({ model, grid, layout, fieldLabels, hatch, children }: {
  model: HeatmapModel;
  grid: HeatmapModel['grids'][number];
  layout: ReturnType<typeof heatmapLayout>;
  fieldLabels: [string, string];
  /** The id of this grid's hatch pattern, defined inside its own svg. */
  hatch: string;
  children: (c: HeatCell, box: { x: number; y: number; width: number; height: number }) => React.ReactNode;
}) {
  const { cellW, cellH, left } = layout;
  const nColumns = model.columns.length;
  const nRows = model.rows.length;
  const plotH = nRows * cellH;
  const w = left + nColumns * cellW + RIGHT;
  const h = TOP + plotH + BOTTOM;
  const x = (i: number): number => left + i * cellW;
  const y = (j: number): number => TOP + (nRows - 1 - j) * cellH;
  const columnTicks = thinTicks(model.columns.map((label, i) => ({ at: i, label })), nColumns * cellW, CHAR);
  const rowTicks = thinTicks(model.rows.map((label, j) => ({ at: j, label })), plotH, 14 / 2, 4);
  const showText = cellW >= 40 && cellH >= 18;
  return (
    <svg className="sweep-svg" width={w} height={h} role="group" aria-label={`${fieldLabels[0]} across, ${fieldLabels[1]} up`}>
      <HatchPattern id={hatch} />
      {grid.cells.map((c) => (
        <g key={keyOf(c)}>
          {children(c, { x: x(c.i), y: y(c.j), width: cellW, height: cellH })}
          {showText && c.state === 'value' ? (
            <text className={`sweep-cell-text ${c.lightText ? 'light' : 'dark'}`} x={x(c.i) + cellW / 2} y={y(c.j) + cellH / 2 + 4} textAnchor="middle">{formatCompact(c.median)}</text>
          ) : null}
          {c.diverged > 0 ? <Cross cx={x(c.i) + cellW / 2} cy={y(c.j) + cellH / 2} size={Math.min(cellW, cellH) / 2 - 3} corner={showText && c.state === 'value'} w={cellW} h={cellH} /> : null}
        </g>
      ))}
      {grid.best ? (
        <g>
          <rect className="sweep-best-cell" data-testid="sweep-best" data-group={grid.group} data-value={`${String(grid.best.value[0])},${String(grid.best.value[1])}`} data-metric={String(grid.best.median)} x={x(grid.best.i) + 2.5} y={y(grid.best.j) + 2.5} width={cellW - 5} height={cellH - 5} />
          <rect className="sweep-best-cell-inner" x={x(grid.best.i) + 2.5} y={y(grid.best.j) + 2.5} width={cellW - 5} height={cellH - 5} />
        </g>
      ) : null}
      {columnTicks.map((t) => (
        <text key={`c${t.at}`} className="sweep-tick" x={x(t.at) + cellW / 2} y={TOP + plotH + 16} textAnchor="middle">{t.label}</text>
      ))}
      {rowTicks.map((t) => (
        <text key={`r${t.at}`} className="sweep-tick" x={left - 6} y={y(t.at) + cellH / 2 + 4} textAnchor="end">{t.label}</text>
      ))}
      <text className="sweep-title" x={left + (nColumns * cellW) / 2} y={h - 5} textAnchor="middle">{fieldLabels[0]}</text>
      <text className="sweep-title" transform={`translate(13 ${TOP + plotH / 2}) rotate(-90)`} textAnchor="middle">{fieldLabels[1]}</text>
    </svg>
  );
}

function Cross({ cx, cy, size, corner, w, h }: { cx: number; cy: number; size: number; corner: boolean; w: number; h: number }) {
  // Over a value the ✕ is small in the top right corner, so the number stays legible; alone it fills the cell.
  const s = corner ? 3.5 : Math.max(3, Math.min(size, 9));
  const [x, y] = corner ? [cx + w / 2 - 7, cy - h / 2 + 7] : [cx, cy];
  return <path className="sweep-cross" d={`M${x - s},${y - s}L${x + s},${y + s}M${x - s},${y + s}L${x + s},${y - s}`} />;
}

function HatchPattern({ id }: { id: string }) {
  return (
    <defs>
      <pattern id={id} width={6} height={6} patternUnits="userSpaceOnUse" patternTransform="rotate(45)">
        <rect className="sweep-hatch-bg" width={6} height={6} />
        <line className="sweep-hatch-line" x1={0} y1={0} x2={0} y2={6} />
      </pattern>
    </defs>
  );
}

function ColourLegend({ model, metricLabel, hatch }: { model: HeatmapModel; metricLabel: string; hatch: string }) {
  const gradient = `${hatch}-scale`;
  const { low, high, log, lowerIsBetter, ticks } = model.scale;
  const f = (v: number): number => (log ? Math.log10(v) : v);
  const at = (v: number): number => (high > low ? (f(v) - f(low)) / (f(high) - f(low)) : 0.5);
  const barW = 180;
  const stops = Array.from({ length: 9 }, (_, k) => k / 8);
  const anyValue = model.grids.some((g) => g.cells.some((c) => c.state === 'value'));
  return (
    <div className="sweep-scale" aria-label="Colour scale">
      <span>median {metricLabel}{log ? ' (log scale)' : ''}:</span>
      {anyValue ? (
        <svg className="sweep-svg" width={barW + 40} height={34} role="img" aria-label={`from ${formatCompact(low)} to ${formatCompact(high)}, darker is better`}>
          <defs>
            <linearGradient id={gradient}>
              {stops.map((s) => <stop key={s} offset={s} stopColor={rgb(sequentialColor(lowerIsBetter ? s : 1 - s))} />)}
            </linearGradient>
          </defs>
          <rect x={20} y={2} width={barW} height={12} fill={`url(#${gradient})`} />
          {oneNotation(ticks.map((t) => ({ at: t, label: formatCompact(t) }))).map((t, k) => <text key={k} className="sweep-tick" x={20 + at(t.at) * barW} y={30} textAnchor="middle">{t.label}</text>)}
        </svg>
      ) : <span>no values yet</span>}
      <span>darker is better ({lowerIsBetter ? 'lower' : 'higher'})</span>
      {/* Each swatch stays on the line of its words. */}
      <span className="sweep-scale-entry">
        <svg width={14} height={14} aria-hidden="true"><rect className="sweep-cell empty" width={14} height={14} /></svg>
        <span>not run yet</span>
      </span>
      <span className="sweep-scale-entry">
        <svg width={14} height={14} aria-hidden="true"><HatchPattern id={`${hatch}-key`} /><rect width={14} height={14} fill={`url(#${hatch}-key)`} /></svg>
        <span>✕ diverged (hatched: median off the scale)</span>
      </span>
    </div>
  );
}

function neighbourCell(c: HeatCell, key: string, columns: number, rows: number, grids: number): Pick<HeatCell, 'group' | 'i' | 'j'> | null {
  const moves: Record<string, [number, number]> = { ArrowRight: [1, 0], ArrowLeft: [-1, 0], ArrowUp: [0, 1], ArrowDown: [0, -1] };
  const move = moves[key];
  if (!move) return null;
  let { group, i } = c;
  const j = c.j + move[1];
  i += move[0];
  if (i >= columns && group + 1 < grids) [group, i] = [group + 1, 0];
  if (i < 0 && group > 0) [group, i] = [group - 1, columns - 1];
  if (i < 0 || i >= columns || j < 0 || j >= rows) return null;
  return { group, i, j };
}
