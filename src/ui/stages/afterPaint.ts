/**
 * Parts of a view drawn after its first paint, one part per task (issue 20 §7: every main-thread task under
 * 50 ms). With 8 runs the output's first row mounted in one task of 99 ms of the main thread's CPU: React's
 * render and commit, the loss chart's Recharts plot (its store, selectors and SVG) and eight planes drawn on
 * their canvases. A part that can wait for a frame without moving anything (a plot in a box of fixed size, the
 * pictures on canvases already laid out) asks `useAfterPaint`: it is false on the first render; after the next
 * frame a MessageChannel message (not clamped like setTimeout) turns one waiting part true and renders it at once
 * (flushSync), and posts the next message for the next part, so each renders in a task of its own. A hidden page
 * draws no frames: there a timer starts the queue (TIMER_MS), as in useStagedMount.
 */
import { useEffect, useState, type ReactNode } from 'react';
import { flushSync } from 'react-dom';
import { messageTask } from './messageTask';

/** How the queue waits: for the next frame to be painted, and for the next task. */
export interface PaintScheduler {
  afterFrame(callback: () => void): void;
  nextTask(callback: () => void): void;
}

/** The wait for a frame after which the queue starts anyway (a hidden page, which draws none). */
const TIMER_MS = 250;

export const browserPaints: PaintScheduler = {
  afterFrame(callback) {
    let done = false;
    const once = (): void => {
      if (done) return;
      done = true;
      cancelAnimationFrame(frame);
      clearTimeout(timer);
      messageTask(callback);
    };
    const frame = requestAnimationFrame(once);
    const timer = setTimeout(once, TIMER_MS);
  },
  nextTask: messageTask,
};

export interface PaintQueue {
  /** Runs `part` in a task of its own after the next paint, after the parts queued before it; returns a cancel. */
  enqueue(part: () => void): () => void;
}

export function paintQueue(scheduler: PaintScheduler): PaintQueue {
  const waiting: (() => void)[] = [];
  let started = false;
  const next = (): void => {
    const part = waiting.shift();
    if (!part) {
      started = false;
      return;
    }
    try {
      part();
    } finally {
      if (waiting.length > 0) scheduler.nextTask(next);
      else started = false;
    }
  };
  return {
    enqueue(part) {
      waiting.push(part);
      if (!started) {
        started = true;
        scheduler.afterFrame(next);
      }
      return () => {
        const at = waiting.indexOf(part);
        if (at >= 0) waiting.splice(at, 1);
      };
    },
  };
}

const queue = typeof requestAnimationFrame === 'undefined' ? null : paintQueue(browserPaints);

/** False until this part's turn after the first paint (see above); true from then on. Without frames (tests), true. */
export function useAfterPaint(): boolean {
  const [ready, setReady] = useState(queue === null);
  useEffect(() => {
    if (ready || !queue) return;
    return queue.enqueue(() => flushSync(() => setReady(true)));
  }, [ready]);
  return ready;
}

/**
 * Its children once its turn after the first paint has come (useAfterPaint), nothing before: for a part of a panel
 * below the first screen, so that the first paint lays out less. With 8 runs the first paint's style and layout
 * (551 layout objects, 372 elements, half of them in the data and network panels below the fold at 1366×768)
 * was 27 ms of the main thread's CPU and 61 ms of wall time, traced, in a task of 42/91 ms (issue 20 §7). Only
 * for what ends its column: what it holds appears below everything else there, so nothing on screen moves.
 */
export function AfterPaint({ children }: { children: ReactNode }): ReactNode {
  return useAfterPaint() ? children : null;
}
