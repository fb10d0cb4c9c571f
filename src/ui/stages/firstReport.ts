/**
 * What the output's first row waits for before it mounts (App.tsx, stage 2): the runs' first reports. The row's
 * layout follows the selected run's problem (the plane or the test images beside the loss chart, or the chart
 * across the column: ui/layout.css), which the page learns only from the worker's `run` event, and its parts grow
 * with every run's (the other runs' small planes or image rows, the chart's key and readout lines with the step-0
 * losses). Mounted before them, the loss chart appeared across the whole column and jumped beside the plane
 * 100–400 ms later (at 1920×1080 from 1,210 px wide at x 681 to 552 px at x 1,339, pushing the views under it down
 * 334 px: a layout shift score of 0.18, Layout Instability API, W3C draft §2); mounted after them, nothing on screen
 * moves. Runs that do not report within `timeoutMs` (a slow device, a run that cannot start) do not hold the page:
 * the row mounts then and takes its final form when the reports come.
 */

/** The part of a store this needs: its state now, and a call on every change (zustand's `getState`/`subscribe`). */
export interface Watched<S> {
  getState(): S;
  subscribe(listener: (state: S) => void): () => void;
}

/** Resolves once `ready(state)` holds (at once if it holds now), or after `timeoutMs`; never rejects. */
export function whenReady<S>(store: Watched<S>, ready: (state: S) => boolean, timeoutMs: number): Promise<void> {
  return new Promise((resolve) => {
    if (ready(store.getState())) {
      resolve();
      return;
    }
    const done = (): void => {
      unsubscribe();
      clearTimeout(timer);
      resolve();
    };
    const unsubscribe = store.subscribe((state) => {
      if (ready(state)) done();
    });
    const timer = setTimeout(done, timeoutMs);
  });
}
