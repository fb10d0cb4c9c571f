/**
 * Measures the stage and sizes its views to the window (stageFit.ts): the plane from where its panel starts,
 * the side column's charts by a CSS zoom that fills the height beside it. Re-measured when the window or any
 * measured box changes size (the bar wraps, a run is added, a view is toggled).
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
}

export interface StageRefs {
  output: RefObject<HTMLElement | null>;
  side: RefObject<HTMLDivElement | null>;
}

/** The side column's scaled parts: the charts' wrappers (`.presenter-zoom`), all at one zoom. */
const scaledParts = (column: Element): HTMLElement[] => Array.from(column.querySelectorAll<HTMLElement>('.presenter-zoom'));

const topOf = (element: Element): number => element.getBoundingClientRect().top + window.scrollY;

export function useStageFit({ output, side }: StageRefs, deps: readonly unknown[]): StageFit {
  const [fit, setFit] = useState<StageFit>({ plane: stagePlaneSize(window.innerHeight, 200), zoom: 1 });
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
      const column = side.current;
      const parts = column ? scaledParts(column) : [];
      if (column && parts.length > 0) {
        const current = Number(getComputedStyle(parts[0]).zoom) || 1;
        const box = column.getBoundingClientRect();
        const max = Math.max(MIN_ZOOM, Math.min(MAX_ZOOM, box.width / MIN_CHART_WIDTH));
        const scaled = parts.reduce((sum, part) => sum + part.getBoundingClientRect().height, 0);
        zoom = fitZoom({ available: height - topOf(column) - STAGE_BOTTOM, column: box.height, scaled, current, min: MIN_ZOOM, max });
      }
      setFit((previous) => (previous.plane === plane && previous.zoom === zoom ? previous : { plane, zoom }));
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
