/**
 * An axis tick label as one plain SVG <text>, for the charts that redraw while training. Recharts' default tick
 * is its <Text>, which is given the axis's width and so measures each new label's words in the DOM (a hidden
 * span's getBoundingClientRect) to wrap them: a forced style and layout pass in the middle of a redraw, on
 * every redraw that brings a new label (the x axis's while steps advance). A tick label is one short number that
 * never wraps. Placed as Recharts places its own: anchored as the axis says, and hanging below its point on a
 * bottom axis (dy 0.71em, Recharts' cap height) or centred on it on a side axis (0.355em).
 */
import type { ReactElement } from 'react';

interface TickProps {
  x?: number | string;
  y?: number | string;
  textAnchor?: 'start' | 'middle' | 'end' | 'inherit';
  verticalAnchor?: 'start' | 'middle' | 'end';
  fill?: string;
  className?: string;
  payload?: { value?: unknown };
}

const DY = { start: '0.71em', middle: '0.355em', end: '0' } as const;

/** The `tick` of an axis: each label through `format` (Recharts' tickFormatter is not applied to a custom tick). */
export function plainTick(format: (value: number) => string, fontSize?: number): (props: TickProps) => ReactElement {
  return function PlainTick({ x, y, textAnchor, verticalAnchor = 'middle', fill, className, payload }: TickProps) {
    const value = Number(payload?.value);
    return (
      <text x={x} y={y} dy={DY[verticalAnchor]} textAnchor={textAnchor} fill={fill} fontSize={fontSize} className={className}>
        {Number.isFinite(value) ? format(value) : ''}
      </text>
    );
  };
}

interface GridAxis {
  scale?: { map(input: unknown): number | undefined; ticks?: (count: number | undefined) => ReadonlyArray<number> };
}

/**
 * A CartesianGrid coordinates generator: the grid lines at `ticks` (the axis's own), placed with the axis's
 * scale, or at the scale's ticks where the axis has none yet. Recharts' default generator re-derives the axis's
 * ticks through its label-fitting path, which measures each label in the DOM on every redraw (it does not see
 * the axis's interval of 0).
 */
export function gridAt(ticks: readonly number[] | undefined): (props: { xAxis?: GridAxis; yAxis?: GridAxis }) => number[] {
  return ({ xAxis, yAxis }) => {
    const scale = (xAxis ?? yAxis)?.scale;
    if (!scale) return [];
    return (ticks ?? scale.ticks?.(5) ?? []).map((t) => scale.map(t)).filter((c): c is number => c !== undefined && Number.isFinite(c));
  };
}
