/**
 * ICU's number-formatting data, loaded in a main-thread task of its own (issue 20 §7: every main-thread task
 * under 50 ms). The first `toLocaleString('en-US')` or `Intl.NumberFormat` in a renderer process costs 15–30 ms
 * (measured in Chromium on this 2-core machine: 12–33 ms for the first call, 0.1 ms after), and it fell in the
 * task of whichever render formatted a number first: the controls' (the network's parameter count, now grouped
 * without ICU, format.ts formatWhole), then the loss chart's (its window menu). App.tsx runs this between the
 * controls and the output. A worker could not do it for the page: it started some 500 ms after the entry, later
 * than the output's first render.
 */
export function warmNumberFormat(): Promise<void> {
  return new Promise((resolve) => {
    const channel = new MessageChannel();
    channel.port1.onmessage = () => {
      channel.port1.close();
      (1234.5).toLocaleString('en-US');
      resolve();
    };
    channel.port2.postMessage(null);
  });
}
