/**
 * Two layout hooks for the page: an element's height published as a CSS custom property on the root element
 * (the top bar's, which wraps to one, two or three rows with the window and the number of runs; a change once it
 * has held, settledValue.ts), and whether a media query matches.
 */
import { useCallback, useEffect, useRef, useSyncExternalStore } from 'react';
import { settledValue } from './settledValue';

/** A ref for an element whose border-box height (px) is kept in `property` on <html> while it is mounted. */
export function useCssHeight<T extends HTMLElement>(property: `--${string}`): (element: T | null) => void {
  const observer = useRef<{ disconnect(): void } | null>(null);
  const ref = useCallback(
    (element: T | null) => {
      observer.current?.disconnect();
      observer.current = null;
      const root = document.documentElement;
      if (!element) {
        root.style.removeProperty(property);
        return;
      }
      const height = (): number => Math.round(element.getBoundingClientRect().height);
      // A ResizeObserver reports the first size after the next layout, before that frame is painted; measuring
      // here would force the whole new page's style and layout inside React's commit (issue 20 §7).
      if (typeof ResizeObserver === 'undefined') {
        root.style.setProperty(property, `${height()}px`);
        return;
      }
      // The first height at once (nothing moves once painted), a later one once it has held (settledValue.ts).
      const settled = settledValue<number>((px) => root.style.setProperty(property, `${px}px`));
      const resized = new ResizeObserver((entries) => {
        const box = entries[entries.length - 1]?.borderBoxSize?.[0];
        settled.offer(box ? Math.round(box.blockSize) : height());
      });
      resized.observe(element, { box: 'border-box' });
      observer.current = {
        disconnect: () => {
          resized.disconnect();
          settled.cancel();
        },
      };
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
