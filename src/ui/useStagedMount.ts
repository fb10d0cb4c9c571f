/**
 * The page's first mount in stages, one task each (issue 20 §7: every main-thread task under 50 ms). Mounting
 * the whole page at once with 8 runs was one task of 160–210 ms of the main thread's CPU (React's render and
 * commit, then the style and layout it forces). Stage 1 mounts with the first render; each later stage mounts
 * in a task of its own once the last one has been painted: the next frame's requestAnimationFrame callback posts
 * a MessageChannel message (unlike setTimeout, not clamped), whose task runs after that frame and posts another.
 * So the controls are on screen before anything else starts, and what a stage's first frame sets off (a chart's
 * ResizeObserver measuring its box, then drawing) runs in its own task, before the next stage's. A hidden page draws no frames:
 * there a timer posts the message (TIMER_MS). `prepare(n)`, where given, is what stage n needs first (its
 * module's dynamic import, stages/lazyModule.ts): stage n mounts once that has resolved, so a stage never renders
 * before its code is there and the stages still appear in order; a rejected `prepare` stops the mounting there
 * (the caller says why). Returns how many stages are mounted.
 */
import { useEffect, useState } from 'react';
import { flushSync } from 'react-dom';

/** The wait for a frame after which the next stage mounts anyway (a hidden page, which draws none). */
const TIMER_MS = 250;

export function useStagedMount(stages: number, prepare?: (stage: number) => Promise<unknown>): number {
  const [mounted, setMounted] = useState(1);
  useEffect(() => {
    if (mounted >= stages) return;
    let cancelled = false;
    let posted = false;
    let frame = 0;
    let timer: ReturnType<typeof setTimeout> | undefined;
    const channel = new MessageChannel();
    let turns = 0;
    channel.port1.onmessage = () => {
      if (cancelled) return;
      // The first message runs after the frame; what that frame's ResizeObservers set (a chart drawing at its
      // measured size) was scheduled in it, after the message was posted, so a second turn lets it render first.
      turns += 1;
      if (turns === 1) channel.port2.postMessage(null);
      // Rendered in this task (flushSync), not in a scheduler task of React's: there an update already waiting (a
      // chart's first measured size, stages/afterPaint.ts) rendered in the same task as the stage (issue 20 §7).
      else flushSync(() => setMounted((n) => Math.min(stages, n + 1)));
    };
    const post = (): void => {
      if (cancelled || posted) return;
      posted = true;
      cancelAnimationFrame(frame);
      clearTimeout(timer);
      channel.port2.postMessage(null);
    };
    const afterFrame = (): void => {
      if (cancelled) return;
      frame = requestAnimationFrame(post);
      timer = setTimeout(post, TIMER_MS);
    };
    const ready = prepare?.(mounted + 1);
    if (ready === undefined) afterFrame();
    else ready.then(afterFrame, () => undefined);
    return () => {
      cancelled = true;
      cancelAnimationFrame(frame);
      clearTimeout(timer);
      channel.port1.close();
    };
  }, [mounted, stages, prepare]);
  return mounted;
}
