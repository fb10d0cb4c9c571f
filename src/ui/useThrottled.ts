import { startTransition, useEffect, useMemo, useState } from 'react';
import type { StoreApi, UseBoundStore } from 'zustand';
import { throttledView } from './throttledView';

/**
 * A value selected from a store, re-rendering the component at most every `intervalMs`: charts redraw at ~10 Hz
 * however fast the worker sends ticks, and nothing re-renders in between. The value is taken at a store update
 * (throttledView.ts) and rendered as a transition: React renders it in slices of about 5 ms, between the page's
 * frames, where a plain update rendered a whole chart in one task. A task of 20–40 ms of the main thread's own
 * time ran past 50 ms by wall clock while the training worker held the other core (issue 20 §7).
 */
export function useThrottledSelector<S, T>(
  store: UseBoundStore<StoreApi<S>>,
  selector: (state: S) => T,
  intervalMs: number,
  /** Re-selects at once when this changes (say the selected run), as the selector then reads elsewhere. */
  key: unknown = null,
  /** While paused (say the component is off screen) the value holds; it catches up when unpaused. */
  paused = false,
): T {
  // The selector is expected to be stable apart from what `key` names.
  // eslint-disable-next-line react-hooks/exhaustive-deps
  const view = useMemo(() => throttledView(store, selector, intervalMs), [store, intervalMs, key]);
  const [shown, setShown] = useState(() => ({ view, value: view.get() }));
  useEffect(() => {
    if (paused) return;
    // A take that selected the same value (another part of the store changed) renders nothing.
    return view.subscribe(() => startTransition(() => setShown((shown) => (shown.view === view && Object.is(shown.value, view.get()) ? shown : { view, value: view.get() }))));
  }, [view, paused]);
  // A new key's value shows in this render, not one render late.
  return shown.view === view ? shown.value : view.get();
}
