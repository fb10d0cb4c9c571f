/**
 * The x range the loss and rate charts draw while runs train. Every change of an axis's range makes Recharts
 * re-register the axis in its store and draw the whole chart again in the next animation frame, in one task of
 * 20–35 ms of the main thread's own time; with the data's own range that happened on every redraw, half of the
 * loss chart's main-thread time, and right after Play the frames ran past 50 ms by wall clock while the worker
 * held the other core (issue 20 §7). So the drawn range holds still:
 * - its right end is one of its own ticks, at or past the data's end (drawnXDomain);
 * - it moves only when the data passes it, and then reaches as far as the data will go in X_LOOKAHEAD_MS at the
 *   pace it went since the last move, never more than doubling the span (steadyXRange). A run at full speed
 *   moves the axis a few times a second for the first second, then about once a second or less; a slow run's
 *   axis just steps to its next tick.
 * A window (the last N steps) and a log axis keep the data's range: the window slides with the runs, and a log
 * axis's end is a decade away.
 */
import type { XAxisKind } from '../../state/viewStore';
import { xTicks } from './runChartModel';

/** How far ahead of a fast run the range reaches when it moves (at most twice the span). */
export const X_LOOKAHEAD_MS = 1000;

/** The data's range, its right end moved out to the next of its own ticks (the curves fill two thirds at least). */
export function drawnXDomain(domain: [number, number], axis: XAxisKind, logX: boolean, windowed: boolean): [number, number] {
  if (logX || windowed) return domain;
  let high = domain[1];
  // Out to the next tick; a wider range may space its ticks wider, so again until the end is one of its ticks.
  for (let i = 0; i < 4; i++) {
    const ticks = xTicks([domain[0], high], axis, false);
    const step = ticks.length >= 2 ? ticks[1] - ticks[0] : 0;
    if (!(step > 0)) return [domain[0], high];
    const next = Number((Math.ceil(high / step - 1e-9) * step).toPrecision(12));
    if (next <= high) return [domain[0], high];
    high = next;
  }
  return [domain[0], high];
}

export interface XRange {
  /** The range drawn. */
  low: number;
  end: number;
  /** The data's end, and the time (ms), when the range last moved. */
  last: number;
  at: number;
  /** The view it was drawn for (axis, log x, window): another view starts afresh. */
  view: string;
}

/**
 * The range to draw for `domain` at `now`, given the previous one: the previous one itself (the same object)
 * while the data has grown within it; else a new one, reaching ahead of a growing run (see above). Not
 * `reachingAhead` (training paused), the range settles on the data's own (drawnXDomain): a run paused in its
 * first seconds is not left in the left half of its chart.
 */
export function steadyXRange(previous: XRange | null, domain: [number, number], axis: XAxisKind, logX: boolean, windowed: boolean, now: number, reachingAhead = true): XRange {
  const view = `${axis}/${logX}/${windowed}`;
  const same = previous !== null && previous.view === view && previous.low === domain[0];
  let end = domain[1];
  if (!logX && !windowed && !reachingAhead) end = drawnXDomain(domain, axis, false, false)[1];
  else if (!logX && !windowed) {
    if (same && domain[1] >= previous.last && domain[1] <= previous.end) return previous;
    // Growing past the range: reach ahead at the pace since the last move. Shrunk (a reset, a rewind, a run hidden): afresh.
    const perMs = same && domain[1] >= previous.last ? (domain[1] - previous.last) / Math.max(1, now - previous.at) : 0;
    const ahead = Math.min(domain[1] - domain[0], perMs * X_LOOKAHEAD_MS);
    end = drawnXDomain([domain[0], domain[1] + ahead], axis, false, false)[1];
  }
  // The same range drawn again is the same object (a render that derives it from this one stops here).
  return same && previous.end === end ? previous : { low: domain[0], end, last: domain[1], at: now, view };
}
