/**
 * The width of an element, followed as it changes (ResizeObserver; 0 until measured), floored to whole pixels.
 * The first width comes from the observer's first report, after the next layout: read in a ref callback,
 * mid-commit, it forced the new page's layout inside React's commit (issue 20 §7: the sweep's heatmap drew its
 * 256 cells twice in the start button's task; the output's first row spent 15–25 ms of its stage's task in the
 * layout the plane's read forced). Shared by the plane, the neurons view and the sweep charts, which draw nothing
 * until measured.
 */
import { useCallback, useEffect, useRef, useState } from 'react';

export function useElementWidth<T extends HTMLElement>(): [(element: T | null) => void, number] {
  const [width, setWidth] = useState(0);
  const observer = useRef<ResizeObserver | null>(null);
  const ref = useCallback((element: T | null) => {
    observer.current?.disconnect();
    observer.current = null;
    if (!element) return;
    if (typeof ResizeObserver === 'undefined') {
      setWidth(element.clientWidth);
      return;
    }
    observer.current = new ResizeObserver((entries) => setWidth(Math.floor(entries[0]?.contentRect.width ?? 0)));
    observer.current.observe(element);
  }, []);
  useEffect(() => () => observer.current?.disconnect(), []);
  return [ref, width];
}
