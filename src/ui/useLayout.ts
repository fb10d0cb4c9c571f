/**
 * Two layout hooks for the page: an element's height published as a CSS custom property on the root element
 * (the top bar's, which wraps to one, two or three rows with the window and the number of runs), and whether a
 * media query matches.
 */
import { useCallback, useEffect, useRef, useSyncExternalStore } from 'react';

/** A ref for an element whose border-box height (px) is kept in `property` on <html> while it is mounted. */
export function useCssHeight<T extends HTMLElement>(property: `--${string}`): (element: T | null) => void {
  const observer = useRef<ResizeObserver | null>(null);
  const ref = useCallback(
    (element: T | null) => {
      observer.current?.disconnect();
      observer.current = null;
      const root = document.documentElement;
      if (!element) {
        root.style.removeProperty(property);
        return;
      }
      const publish = (): void => root.style.setProperty(property, `${Math.round(element.getBoundingClientRect().height)}px`);
      // A ResizeObserver reports the first size after the next layout, before that frame is painted; measuring
      // here would force the whole new page's style and layout inside React's commit (issue 20 §7).
      if (typeof ResizeObserver === 'undefined') {
        publish();
        return;
      }
      observer.current = new ResizeObserver(publish);
      observer.current.observe(element);
    },
    [property],
  );
  useEffect(() => () => observer.current?.disconnect(), []);
  return ref;
}

/** Whether `query` matches now, followed as it changes (false where matchMedia does not exist). */
export function useMediaQuery(query: string): boolean {
  const subscribe = useCallback(
    (onChange: () => void) => {
      if (typeof window === 'undefined' || !window.matchMedia) return () => undefined;
      const list = window.matchMedia(query);
      list.addEventListener('change', onChange);
      return () => list.removeEventListener('change', onChange);
    },
    [query],
  );
  const read = (): boolean => typeof window !== 'undefined' && !!window.matchMedia && window.matchMedia(query).matches;
  return useSyncExternalStore(subscribe, read, () => false);
}
