import { useEffect, useState } from 'react';
import type { StoreApi, UseBoundStore } from 'zustand';

/**
 * A value selected from a store, re-rendering the component at most every `intervalMs` (trailing edge):
 * charts redraw at ~10 Hz however fast the worker sends ticks, and nothing re-renders in between.
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
  const [value, setValue] = useState(() => selector(store.getState()));
  useEffect(() => {
    if (paused) return;
    let timer: ReturnType<typeof setTimeout> | null = null;
    let last = 0;
    const flush = (): void => {
      timer = null;
      last = performance.now();
      setValue(selector(store.getState()));
    };
    const unsubscribe = store.subscribe(() => {
      if (timer === null) timer = setTimeout(flush, Math.max(0, last + intervalMs - performance.now()));
    });
    flush();
    return () => {
      unsubscribe();
      if (timer !== null) clearTimeout(timer);
    };
    // The selector is expected to be stable apart from what `key` names.
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [store, intervalMs, key, paused]);
  return value;
}
