/**
 * Measures the stage and sizes its views to the window (stageFit.ts): the plane from where its panel starts,
 * the side column's charts by a CSS zoom that fills the height beside it; past the largest zoom the loss chart's
 * plot takes what is left (presenter.css). Re-measured when the window or any measured box changes size (the bar
 * wraps, a run is added, a view is toggled).
 */
import { useLayoutEffect, useState, type RefObject } from 'react';
import { fitZoom, STAGE_BOTTOM, stagePlaneSize } from './stageFit';

/**
 * At most the size the wide-screen rules used to give; at least a little under the page's own size, so that the
 * loss and rate charts together (one-cycle's scene) still fit under the bar at 1366×768 (14 px over at zoom 1).
 */
const MIN_ZOOM = 0.85;
const MAX_ZOOM = 1.45;
/** The chart's own width (its width on screen over its zoom) stays at least this wide, so a zoom never squeezes the plot. */
const MIN_CHART_WIDTH = 380;

export interface StageFit {
  plane: number;
  zoom: number;
  /** The side column's least height: the room from its top to the stage's bottom (0 while there is no column). */
  side: number;
}

export interface StageRefs {
  output: RefObject<HTMLElement | null>;
  side: RefObject<HTMLDivElement | null>;
}

/** The side column's scaled parts: the charts' wrappers (`.presenter-zoom`), all at one zoom. */
const scaledParts = (column: Element): HTMLElement[] => Array.from(column.querySelectorAll<HTMLElement>('.presenter-zoom'));

/**
 * How much taller than its least height the loss chart's plot is drawn, in screen pixels: it takes the height the
 * column's views leave (presenter.css), so the views' own heights are what the column holds less this.
 */
function grownBy(column: Element, zoom: number): number {
  let grown = 0;
  for (const plot of column.querySelectorAll<HTMLElement>('.loss-plot')) {
    const least = parseFloat(getComputedStyle(plot).minHeight);
    if (Number.isFinite(least)) grown += Math.max(0, plot.getBoundingClientRect().height - least * zoom);
  }
  return grown;
}

const topOf = (element: Element): number => element.getBoundingClientRect().top + window.scrollY;

export function useStageFit({ output, side }: StageRefs, deps: readonly unknown[]): StageFit {
  const [fit, setFit] = useState<StageFit>({ plane: stagePlaneSize(window.innerHeight, 200), zoom: 1, side: 0 });
  useLayoutEffect(() => {
    const measure = (): void => {
      const height = window.innerHeight;
      const panel = output.current;
      const drawn = panel?.querySelector('[data-testid="decision-boundary"]');
      const figure = drawn?.closest('figure');
      // What the panel holds around the plane's figure (title, legend, readout, padding), measured once the plane
      // is drawn. The other runs' small planes under it are left out: they may go below the fold, the plane may not.
      let beside: number | undefined;
      if (panel && drawn && figure) {
        const style = getComputedStyle(panel);
        const bottom = parseFloat(style.paddingBottom) + parseFloat(style.borderBottomWidth);
        beside = figure.getBoundingClientRect().bottom - panel.getBoundingClientRect().top - drawn.getBoundingClientRect().height + bottom;
      }
      const plane = panel ? stagePlaneSize(height, topOf(panel), beside) : fit.plane;
      let zoom = 1;
      let room = 0;
      const column = side.current;
      const parts = column ? scaledParts(column) : [];
      if (column && parts.length > 0) {
        const current = Number(getComputedStyle(parts[0]).zoom) || 1;
        const box = column.getBoundingClientRect();
        const max = Math.max(MIN_ZOOM, Math.min(MAX_ZOOM, box.width / MIN_CHART_WIDTH));
        // The views at their own heights: the column is at least `room` tall (its min-height), the loss plot taking the rest.
        const grown = grownBy(column, current);
        const views = (column.lastElementChild?.getBoundingClientRect().bottom ?? box.bottom) - box.top - grown;
        const scaled = parts.reduce((sum, part) => sum + part.getBoundingClientRect().height, 0) - grown;
        room = Math.max(0, Math.floor(height - topOf(column) - STAGE_BOTTOM));
        zoom = fitZoom({ available: room, column: views, scaled, current, min: MIN_ZOOM, max });
      }
      setFit((previous) => (previous.plane === plane && previous.zoom === zoom && previous.side === room ? previous : { plane, zoom, side: room }));
    };
    measure();
    const observer = new ResizeObserver(measure);
    const watched = [output.current, side.current, document.querySelector('.presenter-bar'), ...(side.current ? scaledParts(side.current) : [])];
    for (const element of watched) if (element) observer.observe(element);
    window.addEventListener('resize', measure);
    return () => {
      observer.disconnect();
      window.removeEventListener('resize', measure);
    };
    // The refs' elements change with the views shown (deps); `fit` is read only as a fallback.
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, deps);
  return fit;
}
