/**
 * The learning curves of one grid point of a sweep (issue 17 §3, "Curves"): one small plot per group, each seed's
 * metric over the checkpoint steps, every plot on the same axes. A diverged seed is drawn dashed and ends in ✕.
 * A seed's curve (or its button) opens that seed as a run.
 */
import { useMemo } from 'react';
import { tickLabels } from '../charts/lineChartModel';
import { curvesModel, type CurvePoint } from './curvesModel';
import { chartWidth } from './useSweepChart';
import { useElementWidth } from '../useElementWidth';
import './sweep.css';

export interface SweepCurve {
  /** The seed's number, for its label (default: its position). */
  seed?: number;
  steps: readonly number[];
  values: readonly number[];
  /** Whether (or at which step) the seed diverged; null or false when it did not. */
  diverged: boolean | number | null;
}

export interface SweepCurvesProps {
  /** Per group, per seed. */
  curves: SweepCurve[][];
  groups: { name: string; color: string }[];
  /** The metric in words, e.g. "validation loss". */
  metricLabel: string;
  /** What the curves are of, e.g. "Learning curves at learning rate 0.01". */
  title?: string;
  onOpenSeed?: (group: number, seedIndex: number) => void;
  /** Fixed width in px for all the plots together (default: the container's). */
  width?: number;
}

const GAP = 14;
const MIN_PLOT = 220;
const HEIGHT = 170;
const MARGIN = { left: 50, right: 10, top: 8, bottom: 36 };

const isDiverged = (c: SweepCurve): boolean => c.diverged !== null && c.diverged !== false;

/** Step counts as 500, 2k, 12.5k. */
export function formatSteps(v: number): string {
  return Math.abs(v) >= 1000 ? `${Number((v / 1000).toPrecision(3))}k` : String(v);
}

/** How many plots a row holds in `width` px, and how wide each is. */
export function curvesLayout(width: number, count: number): { perRow: number; plotWidth: number } {
  const perRow = Math.max(1, Math.min(Math.max(1, count), Math.floor((width + GAP) / (MIN_PLOT + GAP))));
  return { perRow, plotWidth: Math.max(MIN_PLOT, Math.floor((width - (perRow - 1) * GAP) / perRow)) };
}

export function SweepCurves({ curves, groups, metricLabel, title, onOpenSeed, width }: SweepCurvesProps) {
  const [measure, measured] = useElementWidth<HTMLDivElement>();
  const model = useMemo(() => curvesModel(curves.map((seeds) => seeds.map((c) => ({ steps: c.steps, values: c.values, diverged: isDiverged(c) })))), [curves]);
  const shownWidth = chartWidth(width, measured);
  // Nothing drawn until the box is measured (useElementWidth).
  if (shownWidth === null) return <div className="sweep-curves" data-testid="sweep-curves" ref={measure} />;
  const { plotWidth } = curvesLayout(Math.floor(shownWidth), curves.length);
  const plot = { left: MARGIN.left, top: MARGIN.top, width: plotWidth - MARGIN.left - MARGIN.right, height: HEIGHT - MARGIN.top - MARGIN.bottom };
  const bottom = plot.top + plot.height;
  const px = (x: number): number => plot.left + x * plot.width;
  const py = (y: number): number => plot.top + (1 - y) * plot.height;
  const [x0, x1] = model.xDomain;
  const [y0, y1] = model.yAxis.domain;
  const yTick = (v: number): number => py(model.yAxis.log ? (Math.log(v) - Math.log(y0)) / (Math.log(y1) - Math.log(y0)) : (v - y0) / (y1 - y0));
  const yLabels = tickLabels(model.yAxis.ticks);
  const path = (points: readonly CurvePoint[]): string => points.map((p, k) => `${k ? 'L' : 'M'}${px(p.x).toFixed(1)},${py(p.y).toFixed(1)}`).join('');
  return (
    <div className="sweep-curves" data-testid="sweep-curves" ref={measure}>
      {title ? <p className="sweep-curves-head">{title}</p> : null}
      {model.groups.map((lines, group) => {
        const name = groups[group]?.name ?? `Group ${group + 1}`;
        const color = groups[group]?.color ?? '#5d6677';
        const seedName = (k: number): string => `seed ${curves[group][k]?.seed ?? k + 1}`;
        return (
          <figure key={group} className="sweep-curves-group" data-testid="sweep-curves-group" data-group={group} style={{ width: plotWidth }}>
            <figcaption>
              <span className="sweep-swatch" style={{ background: color }} />
              {name}
            </figcaption>
            <svg className="sweep-svg" width={plotWidth} height={HEIGHT} role="img" aria-label={`${name}: ${metricLabel} against steps, ${lines.length} seed${lines.length === 1 ? '' : 's'}${lines.some((l) => l.diverged) ? `, ${lines.filter((l) => l.diverged).length} diverged` : ''}`}>
              {model.yAxis.ticks.map((t, i) => (
                <g key={`y${t}`}>
                  <line className="sweep-grid" x1={plot.left} x2={plot.left + plot.width} y1={yTick(t)} y2={yTick(t)} />
                  <text className="sweep-tick" x={plot.left - 5} y={yTick(t) + 4} textAnchor="end">{yLabels[i]}</text>
                </g>
              ))}
              <line className="sweep-axis" x1={plot.left} x2={plot.left + plot.width} y1={bottom} y2={bottom} />
              {model.xTicks.map((t) => (
                <text key={`x${t}`} className="sweep-tick" x={px((t - x0) / (x1 - x0 || 1))} y={bottom + 16} textAnchor="middle">{formatSteps(t)}</text>
              ))}
              <text className="sweep-title" x={plot.left + plot.width / 2} y={HEIGHT - 4} textAnchor="middle">step</text>
              <text className="sweep-title" transform={`translate(12 ${plot.top + plot.height / 2}) rotate(-90)`} textAnchor="middle">{metricLabel}</text>
              {lines.map((line, k) => (
                <g key={k} data-testid="sweep-curve" data-group={group} data-seed={curves[group][k]?.seed ?? k} data-diverged={String(line.diverged)}>
                  <title>{`${name}, ${seedName(k)}${line.diverged ? ' (diverged)' : ''}${onOpenSeed ? ': click to open as a run' : ''}`}</title>
                  <path className={`sweep-curve${line.diverged ? ' diverged' : ''}`} d={path(line.points)} stroke={color} />
                  {onOpenSeed ? <path d={path(line.points)} stroke="transparent" strokeWidth={10} fill="none" pointerEvents="stroke" cursor="pointer" onClick={() => onOpenSeed(group, k)} /> : null}
                  {line.end ? (
                    <path className="sweep-cross" d={`M${px(line.end.x) - 4},${py(line.end.y) - 4}L${px(line.end.x) + 4},${py(line.end.y) + 4}M${px(line.end.x) - 4},${py(line.end.y) + 4}L${px(line.end.x) + 4},${py(line.end.y) - 4}`} />
                  ) : null}
                </g>
              ))}
            </svg>
            {onOpenSeed && lines.length > 0 ? (
              <div className="sweep-curves-open">
                <span className="muted">Open as a run:</span>
                {lines.map((line, k) => (
                  <button key={k} type="button" className="small" aria-label={`Open ${name}, ${seedName(k)} as a run`} onClick={() => onOpenSeed(group, k)}>
                    {seedName(k)}{line.diverged ? ' ✕' : ''}
                  </button>
                ))}
              </div>
            ) : null}
          </figure>
        );
      })}
    </div>
  );
}
