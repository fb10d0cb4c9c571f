/**
 * How much of the top bar's last, least urgent stat (the threads item, ThreadsStat.tsx) the bar has room for.
 * The live numbers come first: the item shows its words where they fit ("1 thread · sweep 2 · isolated"), only
 * its numbers where those fit (a step's thread count, "1"), and steps out of sight (still read by screen readers) where even that
 * would push the numbers onto a second row (at 1366 px with two runs and a long learning rate, say). Measured
 * in a ResizeObserver's callback, after layout (no layout forced in React's commit: issue 20 §7).
 *
 * Two items give way in order: `auto`'s measured rates (AutoRatesStat.tsx) before the threads, the threads first.
 * An item measures the stats beside it less those that give way before it (`givesWayFirst`) and less any out of
 * the row (`stat-out`), so its level never waits on theirs, and theirs follows from it: no back and forth.
 */
import { useCallback, useEffect, useRef, useState } from 'react';

export interface BarWidths {
  /** The other stats together, with the gaps between them. */
  others: number;
  /** The gap between stats. */
  statGap: number;
  /** Room for the stats beside the bar's other groups on their row (its content edge less the display tools' right edge and a gap). */
  besideTools: number;
  /** The bar's content width: the stats' room when they have a row of their own. */
  row: number;
}

export type BarLevel = 'wide' | 'compact' | 'out';

/** Whether an item `item` px wide fits: beside the tools where the other stats fit there, else within a row of their own. */
export function itemFits(w: BarWidths, item: number): boolean {
  const room = w.others <= w.besideTools ? w.besideTools : w.row;
  return w.others + w.statGap + item <= room;
}

/** The most of the item that fits, given its width with its words (`wide`) and with its numbers only (`compact`). */
export function barLevel(w: BarWidths, wide: number, compact: number): BarLevel {
  if (itemFits(w, wide)) return 'wide';
  return itemFits(w, compact) ? 'compact' : 'out';
}

const widthOf = (element: Element | null | undefined): number => element?.getBoundingClientRect().width ?? 0;

/** Whether a stat beside the item gives way before it (its width is not counted against the item); none by default. */
export type GivesWayFirst = (stat: Element) => boolean;
const noneFirst: GivesWayFirst = () => false;

function measure(item: HTMLElement, givesWayFirst: GivesWayFirst): { widths: BarWidths; wide: number; compact: number } | null {
  const statusbar = item.parentElement;
  const bar = statusbar?.parentElement;
  const tools = statusbar?.previousElementSibling;
  if (!statusbar || !bar || !tools) return null;
  const barStyle = getComputedStyle(bar);
  const barBox = bar.getBoundingClientRect();
  const contentRight = barBox.right - parseFloat(barStyle.paddingRight) - parseFloat(barStyle.borderRightWidth);
  const contentLeft = barBox.left + parseFloat(barStyle.paddingLeft) + parseFloat(barStyle.borderLeftWidth);
  const statGap = parseFloat(getComputedStyle(statusbar).columnGap) || 0;
  const others = Array.from(statusbar.children).filter((child) => child !== item && !child.classList.contains('stat-out') && !givesWayFirst(child));
  // The item is as wide as its label, its value, or its minimum width, whichever is widest.
  const floor = Math.max(parseFloat(getComputedStyle(item).minWidth) || 0, widthOf(item.querySelector('.stat-label')));
  return {
    widths: {
      others: others.reduce((sum, child) => sum + widthOf(child), 0) + Math.max(0, others.length - 1) * statGap,
      statGap,
      besideTools: contentRight - tools.getBoundingClientRect().right - (parseFloat(barStyle.columnGap) || 0),
      row: contentRight - contentLeft,
    },
    wide: Math.max(floor, widthOf(item.querySelector('[data-measure="wide"]'))),
    compact: Math.max(floor, widthOf(item.querySelector('[data-measure="compact"]'))),
  };
}

/**
 * A ref for the item (holding `[data-measure="wide"]` and `[data-measure="compact"]`: its value in each form, out
 * of the flow and out of sight) and the level it has room for. Where the stats scroll sideways (a phone:
 * `flex-wrap: nowrap`), the compact form. `givesWayFirst` (a stable function): the stats that give way before this one.
 */
export function useBarRoom<T extends HTMLElement>(givesWayFirst: GivesWayFirst = noneFirst): [(element: T | null) => void, BarLevel] {
  const [level, setLevel] = useState<BarLevel>('compact');
  const observer = useRef<ResizeObserver | null>(null);
  const ref = useCallback((item: T | null) => {
    observer.current?.disconnect();
    observer.current = null;
    const statusbar = item?.parentElement;
    if (!item || !statusbar?.parentElement || typeof ResizeObserver === 'undefined') return;
    const check = (): void => {
      if (getComputedStyle(statusbar).flexWrap === 'nowrap') return setLevel('compact');
      const measured = measure(item, givesWayFirst);
      if (measured) setLevel(barLevel(measured.widths, measured.wide, measured.compact));
    };
    observer.current = new ResizeObserver(check);
    // The bar (the window's width), the stats' row (a stat coming or going), each stat (its numbers) and the item.
    observer.current.observe(statusbar.parentElement);
    observer.current.observe(statusbar);
    for (const child of Array.from(statusbar.children)) observer.current.observe(child);
  }, [givesWayFirst]);
  useEffect(() => () => observer.current?.disconnect(), []);
  return [ref, level];
}
