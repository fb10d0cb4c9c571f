/**
 * Yielding to the worker's message loop between slices of work (issue 21 item 3; the live loop in worker/host.ts,
 * a sweep's chunks in engine/sweep/sweepJob.ts): the host's commands
 * (pause, reset, removing a run) arrive as messages, and a worker that never returns to its event loop reads
 * none of them. A promise that resolves never lets them in (microtasks run before the next message); a
 * MessageChannel message is a task, queued behind the messages already waiting, and unlike setTimeout(0) it is
 * not clamped to 4 ms once nested (HTML Living Standard, "Timers": past a nesting level of 5, a timeout below
 * 4 ms becomes 4 ms).
 */
export function yieldToMessages(): Promise<void> {
  return new Promise((resolve) => {
    if (typeof MessageChannel === 'undefined') {
      setTimeout(resolve, 0);
      return;
    }
    const channel = new MessageChannel();
    channel.port1.onmessage = () => {
      channel.port1.close();
      resolve();
    };
    channel.port2.postMessage(null);
  });
}
