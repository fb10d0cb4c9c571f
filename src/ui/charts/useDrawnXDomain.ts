/**
 * The x range a chart draws (drawnXRange.ts), held between its renders. The loss chart leads: while on screen it
 * publishes its range, and the rate chart under it follows that range where it covers the rate chart's own data
 * in the same view (axis, log x, window), so a step sits at the same x in both though they redraw at different
 * paces; else the rate chart holds a range of its own. A chart off screen holds data from before (it is not
 * redrawn), so the loss chart then publishes nothing, and no stale range (a run reset since) is followed.
 */
import { useEffect, useMemo, useState } from 'react';
import { create } from 'zustand';
import type { XAxisKind } from '../../state/viewStore';
import { steadyXRange, type XRange } from './drawnXRange';

interface Published {
  view: string;
  low: number;
  end: number;
}

const useLead = create<{ lead: Published | null }>(() => ({ lead: null }));

function publish(lead: Published | null): void {
  useLead.setState((s) => (s.lead === lead || (s.lead && lead && s.lead.view === lead.view && s.lead.low === lead.low && s.lead.end === lead.end) ? s : { lead }));
}

export interface XView {
  axis: XAxisKind;
  logX: boolean;
  /** A recent window is on (the last N steps). */
  windowed: boolean;
}

export interface XClock {
  /** When the data was read (ms, performance.now(); useChartRunsAt): the clock of a run's pace. */
  at: number;
  /** Whether the runs are training: a paused run's range settles on its data (no reaching ahead). */
  playing: boolean;
}

export function useDrawnXDomain(role: 'lead' | 'follow', domain: [number, number] | null, { axis, logX, windowed }: XView, { at, playing }: XClock, onScreen: boolean): [number, number] | null {
  const [range, setRange] = useState<XRange | null>(null);
  // Derived from the data and the range drawn before: the same object while the data stays within it.
  const next = domain ? steadyXRange(range, domain, axis, logX, windowed, at, playing) : null;
  if (next !== range) setRange(next);
  const low = next?.low ?? null;
  const ownEnd = next?.end ?? null;
  const view = next?.view ?? '';
  useEffect(() => {
    if (role === 'lead') publish(onScreen && low !== null && ownEnd !== null ? { view, low, end: ownEnd } : null);
  }, [role, onScreen, view, low, ownEnd]);
  useEffect(() => () => (role === 'lead' ? publish(null) : undefined), [role]);
  const dataEnd = domain?.[1] ?? null;
  // The lead's end where it is for this view and this start and covers this chart's data.
  const leadEnd = useLead((s) => (role === 'follow' && s.lead && s.lead.view === view && s.lead.low === low && dataEnd !== null && s.lead.end >= dataEnd ? s.lead.end : null));
  const end = leadEnd ?? ownEnd;
  // The same array while the range stands: a memoised plot given it is not drawn again on a pointer move.
  return useMemo(() => (low === null || end === null ? null : [low, end]), [low, end]);
}
