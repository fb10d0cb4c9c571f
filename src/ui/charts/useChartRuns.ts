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
const selectRuns = (state: RunState): RunState['runs'] => state.runs;

/** `paused` (the chart is off screen) holds the data until it is drawn again. */
export function useChartRuns(intervalMs: number, paused = false): ChartRun[] {
  const views = useRuns();
  const hidden = useComparisonView((state) => state.hidden);
  const data = useThrottledSelector(useRunStore, selectRuns, intervalMs, null, paused);
  return useMemo(() => visibleChartRuns(views, data, hidden), [views, data, hidden]);
}
