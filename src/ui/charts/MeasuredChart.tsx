/** A box of the chart's height and the full width, drawing its Recharts chart once measured (useMeasuredSize). */
import type { ReactNode } from 'react';
import { useAfterPaint } from '../stages/afterPaint';
import { useMeasuredSize, type MeasuredSize } from './useMeasuredSize';

type Draw = (width: number, height: number, later: boolean) => ReactNode;

interface Props {
  /** The box's height, px (the chart's). */
  height: number;
  /**
   * The chart at the box's measured size. `later` is false in the first draw and true from a task after the
   * next paint (stages/afterPaint.ts): what can wait (lines, markers, a tooltip) joins then, so Recharts' first
   * draw is two tasks, not one.
   */
  children: Draw;
  /** False keeps the box empty, at its height (a chart not yet near the screen); default true. */
  draw?: boolean;
}

/** The chart once measured; `later` counts from this first draw, not from the empty box's mount. */
function Sized({ size, draw }: { size: MeasuredSize; draw: Draw }) {
  const later = useAfterPaint();
  return draw(size.width, size.height, later);
}

/**
 * In place of Recharts' ResponsiveContainer (width 100%, a fixed height): the same box, empty until its
 * ResizeObserver's first report, then the chart at that size, rendered once and with no layout read mid-commit
 * (issue 20 §7; see useMeasuredSize).
 */
export function MeasuredChart({ height, children, draw = true }: Props) {
  const [ref, size] = useMeasuredSize<HTMLDivElement>();
  return (
    <div ref={ref} style={{ width: '100%', height }}>
      {draw && size && size.width > 0 && size.height > 0 ? <Sized size={size} draw={children} /> : null}
    </div>
  );
}
