/**
 * The page's first mount in stages, one task each (issue 20 §7: every main-thread task under 50 ms). Mounting
 * the whole page at once with 8 runs was one task of 160–210 ms of the main thread's CPU (React's render and
 * commit, then the style and layout it forces). Stage 0 mounts with the first render; each later stage mounts
 * in a task of its own, after the browser has had a turn (a MessageChannel message, which, unlike setTimeout,
 * is not clamped). Returns how many stages are mounted.
 */
import { useEffect, useState } from 'react';

export function useStagedMount(stages: number): number {
  const [mounted, setMounted] = useState(1);
  useEffect(() => {
    if (mounted >= stages) return;
    const channel = new MessageChannel();
    channel.port1.onmessage = () => setMounted((n) => Math.min(stages, n + 1));
    channel.port2.postMessage(null);
    return () => channel.port1.close();
  }, [mounted, stages]);
  return mounted;
}
