/** A chart box's size from its ResizeObserver's first report, so a Recharts chart renders once, at its size. */
import { useCallback, useEffect, useRef, useState } from 'react';

export interface MeasuredSize {
  width: number;
  height: number;
  /** The box's computed font size, px (the loss chart sizes its axis labels and title by it). */
  fontPx: number;
}

/**
 * The content box of an element, followed as it changes; null until the ResizeObserver's first report (after the
 * next layout). Recharts' ResponsiveContainer renders nothing on its first render, reads the box in an effect
 * (getBoundingClientRect: a forced layout) and renders the chart in the same task; with the size known first, the
 * chart renders once, at that size (issue 20 §7). Rounded as ResponsiveContainer rounds, so the same pixels.
 * Without ResizeObserver (a test DOM) the box is read once when it mounts.
 */
export function useMeasuredSize<T extends HTMLElement>(): [(element: T | null) => void, MeasuredSize | null] {
  const [size, setSize] = useState<MeasuredSize | null>(null);
  const observer = useRef<ResizeObserver | null>(null);
  const ref = useCallback((element: T | null) => {
    observer.current?.disconnect();
    observer.current = null;
    if (!element) return;
    const set = (width: number, height: number): void => {
      const next = { width: Math.round(width), height: Math.round(height), fontPx: Number.parseFloat(getComputedStyle(element).fontSize) || 16 };
      setSize((was) => (was && was.width === next.width && was.height === next.height && was.fontPx === next.fontPx ? was : next));
    };
    if (typeof ResizeObserver === 'undefined') {
      set(element.clientWidth, element.clientHeight);
      return;
    }
    observer.current = new ResizeObserver((entries) => {
      const box = entries[0]?.contentRect;
      if (box) set(box.width, box.height);
    });
    observer.current.observe(element);
  }, []);
  useEffect(() => () => observer.current?.disconnect(), []);
  return [ref, size];
}
