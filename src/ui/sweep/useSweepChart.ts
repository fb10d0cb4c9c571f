/** What the sweep charts share in the page: a chart's width, and keyboard focus that roves over their marks. */
import { useCallback, useRef, useState } from 'react';

/** A chart's width: the one it is given, else its container's once measured; null until then (draw nothing yet). */
export function chartWidth(given: number | undefined, measured: number): number | null {
  if (given !== undefined) return given;
  return measured > 0 ? measured : null;
}

/**
 * One tab stop for a chart's many marks (a roving tabindex, WAI-ARIA Authoring Practices, "Keyboard navigation
 * inside components"): the mark whose key is active takes tabIndex 0, the others −1; `move` focuses another mark by
 * its key (marks carry it as data-key inside the container). `keys` are the marks' keys in reading order. Tab reaches the chart once, arrows walk its marks.
 */
export function useRovingFocus(keys: readonly string[]): {
  containerRef: React.RefObject<HTMLDivElement | null>;
  tabIndexOf: (key: string) => 0 | -1;
  setActive: (key: string) => void;
  move: (key: string) => void;
} {
  const containerRef = useRef<HTMLDivElement | null>(null);
  const [active, setActive] = useState<string | null>(null);
  // A mark that has gone (the data changed) hands the tab stop back to the first.
  const current = active !== null && keys.includes(active) ? active : (keys[0] ?? null);
  const tabIndexOf = useCallback((key: string): 0 | -1 => (key === current ? 0 : -1), [current]);
  const move = useCallback((key: string) => {
    setActive(key);
    const target = containerRef.current?.querySelector<SVGElement>(`[data-key="${CSS.escape(key)}"]`);
    target?.focus();
  }, []);
  return { containerRef, tabIndexOf, setActive, move };
}

/** Whether a key press opens the focused mark (Enter or Space). */
export const isActivation = (event: React.KeyboardEvent): boolean => event.key === 'Enter' || event.key === ' ';
