/**
 * The x range a chart draws (drawnXRange.ts), held between its renders, and shared by the loss chart and the rate
 * chart under it: each publishes its own while mounted and both draw to the further end of those that start
 * where theirs does, so a step sits at the same x in both though they redraw at different paces.
 */
import { useEffect, useState } from 'react';
import { create } from 'zustand';
import type { XAxisKind } from '../../state/viewStore';
import { steadyXRange, type XRange } from './drawnXRange';

type ChartName = 'loss' | 'rate';

const useRanges = create<{ ranges: Partial<Record<ChartName, [number, number]>> }>(() => ({ ranges: {} }));

function publish(chart: ChartName, range: [number, number] | null): void {
  useRanges.setState((s) => {
    const current = s.ranges[chart];
    if (range === null ? current === undefined : current?.[0] === range[0] && current[1] === range[1]) return s;
    const ranges = { ...s.ranges };
    if (range === null) delete ranges[chart];
    else ranges[chart] = range;
    return { ranges };
  });
}

/** `at`: when the data was read (ms, performance.now(); useChartRunsAt), the clock of a run's pace. */
export function useDrawnXDomain(chart: ChartName, domain: [number, number] | null, axis: XAxisKind, logX: boolean, windowed: boolean, at: number): [number, number] | null {
  const [range, setRange] = useState<XRange | null>(null);
  // Derived from the data and the range drawn before: the same object while the data stays within it.
  const next = domain ? steadyXRange(range, domain, axis, logX, windowed, at) : null;
  if (next !== range) setRange(next);
  const low = next?.low ?? null;
  const end = next?.end ?? null;
  useEffect(() => publish(chart, low === null || end === null ? null : [low, end]), [chart, low, end]);
  useEffect(() => () => publish(chart, null), [chart]);
  const furthest = useRanges((s) => Object.values(s.ranges).reduce((most, r) => (r && r[0] === low && r[1] > most ? r[1] : most), end ?? Number.NEGATIVE_INFINITY));
  return low === null || end === null ? null : [low, Math.max(end, furthest)];
}
