/**
 * The runs a chart draws (visible ones, in the runs list's order, with their names and colours), re-read at
 * most every `intervalMs`: the run registry changes on every tick of any run, and the histories underneath
 * are mutated in place, so a new array here is what tells a chart to redraw.
 */
import { useMemo, useState } from 'react';
import { useComparisonView } from '../../state/comparisonView';
import { useRunStore } from '../../state/runStore';
import { useRuns } from '../useRuns';
import { useThrottledSelector } from '../useThrottled';
import { visibleChartRuns, type ChartRun } from './runChartModel';

type RunState = ReturnType<typeof useRunStore.getState>;
interface Read {
  runs: RunState['runs'];
  playing: boolean;
  /** When these runs were first read (ms, performance.now()): the clock a chart's x range paces runs by (drawnXRange.ts). */
  at: number;
}

/** A selector of the runs and whether they train, the same object while neither changes (no redraw for a message). */
function runsReader(): (state: RunState) => Read {
  let last: Read | null = null;
  return (state) => (last && last.runs === state.runs && last.playing === state.playing ? last : (last = { runs: state.runs, playing: state.playing, at: performance.now() }));
}

/** `paused` (the chart is off screen) holds the data until it is drawn again. `at`: when the runs were read. */
export function useChartRunsAt(intervalMs: number, paused = false): { runs: ChartRun[]; at: number; playing: boolean } {
  const views = useRuns();
  const hidden = useComparisonView((state) => state.hidden);
  const [selectRuns] = useState(runsReader);
  const data = useThrottledSelector(useRunStore, selectRuns, intervalMs, null, paused);
  return useMemo(() => ({ runs: visibleChartRuns(views, data.runs, hidden), at: data.at, playing: data.playing }), [views, data, hidden]);
}

export function useChartRuns(intervalMs: number, paused = false): ChartRun[] {
  return useChartRunsAt(intervalMs, paused).runs;
}
