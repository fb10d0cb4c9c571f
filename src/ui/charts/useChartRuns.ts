/**
 * The runs a chart draws (visible ones, in the runs list's order, with their names and colours), re-read at
 * most every `intervalMs`: the run registry changes on every tick of any run, and the histories underneath
 * are mutated in place, so a new array here is what tells a chart to redraw.
 */
import { useMemo } from 'react';
import { useComparisonView } from '../../state/comparisonView';
import { useRunStore } from '../../state/runStore';
import { useRuns } from '../useRuns';
import { useThrottledSelector } from '../useThrottled';
import { visibleChartRuns, type ChartRun } from './runChartModel';

type RunState = ReturnType<typeof useRunStore.getState>;
/** The runs, and when they were read (ms, performance.now()): the pace a chart's range reaches ahead by (drawnXRange.ts). */
const selectRuns = (state: RunState): { runs: RunState['runs']; at: number } => ({ runs: state.runs, at: performance.now() });

/** `paused` (the chart is off screen) holds the data until it is drawn again. `at`: when the runs were read. */
export function useChartRunsAt(intervalMs: number, paused = false): { runs: ChartRun[]; at: number } {
  const views = useRuns();
  const hidden = useComparisonView((state) => state.hidden);
  const data = useThrottledSelector(useRunStore, selectRuns, intervalMs, null, paused);
  return useMemo(() => ({ runs: visibleChartRuns(views, data.runs, hidden), at: data.at }), [views, data, hidden]);
}

export function useChartRuns(intervalMs: number, paused = false): ChartRun[] {
  return useChartRunsAt(intervalMs, paused).runs;
}
