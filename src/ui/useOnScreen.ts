/**
 * Whether an element is on screen (IntersectionObserver), so that a chart below the fold skips its redraws
 * while training at full speed and catches up the moment it scrolls into view: Recharts' SVG work for charts
 * nobody sees was most of the page's main-thread time with four runs. `onScreen` is true until the observer first
 * reports, and where IntersectionObserver does not exist. `seen` is false until the observer first reports the
 * element near the screen and true from then on (true where there is no observer): a chart below the fold
 * mounts only then, not in the page's start (issue 20 §7).
 */
import { useCallback, useEffect, useRef, useState } from 'react';

export function useOnScreen<T extends Element>(): [(element: T | null) => void, boolean, boolean] {
  const [onScreen, setOnScreen] = useState(true);
  const [seen, setSeen] = useState(typeof IntersectionObserver === 'undefined');
  const observer = useRef<IntersectionObserver | null>(null);
  const ref = useCallback((element: T | null) => {
    observer.current?.disconnect();
    observer.current = null;
    if (!element || typeof IntersectionObserver === 'undefined') return;
    // A margin, so a chart starts drawing just before it scrolls in.
    observer.current = new IntersectionObserver(
      (entries) => {
        const near = entries.some((entry) => entry.isIntersecting);
        setOnScreen(near);
        if (near) setSeen(true);
      },
      { rootMargin: '200px' },
    );
    observer.current.observe(element);
  }, []);
  useEffect(() => () => observer.current?.disconnect(), []);
  return [ref, onScreen, seen];
}
