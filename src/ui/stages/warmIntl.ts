/**
 * ICU's number-formatting data, loaded off the main thread (issue 20 §7: every main-thread task under 50 ms).
 * The first `toLocaleString('en-US')` or `Intl.NumberFormat` in a renderer process costs 15–30 ms (measured in
 * Chromium 1366×768 on a 2-core machine: 12–33 ms for the first call, 0.1 ms after) and the page makes it in its
 * first render (the network's parameter count, the data set's sizes). A later call on any thread of the process
 * is as cheap, so a throwaway worker, started as the entry module begins, makes the first call instead; main.tsx
 * imports this module first. Where there are no workers the page pays it itself, as before.
 */
function warmNumberFormat(): void {
  if (typeof Worker === 'undefined') return;
  try {
    const worker = new Worker(new URL('./intlWarmup.worker.ts', import.meta.url), { type: 'module', name: 'locolab-intl-warmup' });
    const done = (): void => worker.terminate();
    worker.onmessage = done;
    worker.onerror = done;
  } catch {
    // A worker that cannot start (a content security policy, a sandbox) only leaves the cost where it was.
  }
}

warmNumberFormat();
