/**
 * Measures the stage and sizes its views to the window (stageFit.ts): the plane from where its panel starts,
 * the side column's charts by a CSS zoom that fills the height beside it; past the largest zoom the loss chart's
 * plot takes what is left (presenter.css). Re-measured when the window or any measured box changes size (the bar
 * wraps, a run is added, a view is toggled).
 */
import { useLayoutEffect, useState, type RefObject } from 'react';
import { fitPlotLeast, fitZoom, galleryMaxZoom, MIN_OUTPUT_ZOOM, PLOT_LEAST, STAGE_BOTTOM, stagePlaneSize } from './stageFit';

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
  /** The loss plot's least height at zoom 1 (PLOT_LEAST unless the column's other views leave less). */
  plot: number;
  /** The test-image gallery's zoom, and the other runs' small planes' (both fitted to the room under the panel's top). */
  gallery: number;
  smalls: number;
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

/**
 * The least zooms seen overflowing the window at its present size. The charts' legends and the gallery's columns
 * reflow with the zoom (a smaller zoom leaves them more width of their own), so heights are not in proportion to
 * it and a fit from the last measure can overshoot: gamma-k-heatmap's column flipped between 1.13 (fits) and 1.2
 * (20 px over) at 1024×768. Once a zoom overflowed, the zoom only shrinks until the window changes size (or the
 * views shown change); the loss plot takes any height left (presenter.css).
 */
interface TooLarge {
  side: number;
  gallery: number;
}
const NONE_TOO_LARGE: TooLarge = { side: Infinity, gallery: Infinity };
/** Once a zoom overflowed, the zoom only shrinks (below that one, and never above the one drawn now). */
const capOf = (tooLarge: number, current: number): number => (tooLarge === Infinity ? Infinity : Math.min(current, Math.round((tooLarge - 0.01) * 100) / 100));

const topOf = (element: Element): number => element.getBoundingClientRect().top + window.scrollY;
const zoomOf = (element: Element): number => Number(getComputedStyle(element).zoom) || 1;

/**
 * The output panel's zooms: the gallery's so that the panel ends on the screen (at most the wide screens' larger
 * size), the small planes' so that their column does. Each scales one part of the panel (fitZoom).
 */
function outputZooms(panel: HTMLElement | null, height: number, tooLarge: TooLarge): { gallery: number; smalls: number } {
  const zooms = { gallery: galleryMaxZoom(window.innerWidth), smalls: 1 };
  if (!panel) return zooms;
  const room = height - topOf(panel) - STAGE_BOTTOM;
  const box = panel.getBoundingClientRect();
  const gallery = panel.querySelector('.presenter-gallery');
  if (gallery) {
    const scaled = gallery.getBoundingClientRect().height;
    const current = zoomOf(gallery);
    if (box.height > room + 1) tooLarge.gallery = Math.min(tooLarge.gallery, current);
    const max = Math.min(zooms.gallery, capOf(tooLarge.gallery, current));
    zooms.gallery = fitZoom({ available: room, column: box.height, scaled, current, min: MIN_OUTPUT_ZOOM, max });
  }
  const smalls = panel.querySelector('.boundary-smalls');
  if (smalls) {
    const own = smalls.getBoundingClientRect();
    const style = getComputedStyle(panel);
    const under = parseFloat(style.paddingBottom) + parseFloat(style.borderBottomWidth);
    zooms.smalls = fitZoom({ available: room - (own.top - box.top) - under, column: own.height, scaled: own.height, current: zoomOf(smalls), min: MIN_OUTPUT_ZOOM, max: 1 });
  }
  return zooms;
}

export function useStageFit({ output, side }: StageRefs, deps: readonly unknown[]): StageFit {
  const [fit, setFit] = useState<StageFit>({
    plane: stagePlaneSize(window.innerHeight, 200),
    zoom: 1,
    side: 0,
    plot: PLOT_LEAST,
    gallery: galleryMaxZoom(window.innerWidth),
    smalls: 1,
  });
  useLayoutEffect(() => {
    let tooLarge = { ...NONE_TOO_LARGE };
    let size = '';
    const measure = (): void => {
      const height = window.innerHeight;
      if (size !== `${window.innerWidth}x${height}`) tooLarge = { ...NONE_TOO_LARGE };
      size = `${window.innerWidth}x${height}`;
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
      let plot = PLOT_LEAST;
      const column = side.current;
      const parts = column ? scaledParts(column) : [];
      if (column && parts.length > 0) {
        const current = zoomOf(parts[0]);
        const box = column.getBoundingClientRect();
        const bottom = column.lastElementChild?.getBoundingClientRect().bottom ?? box.bottom;
        room = Math.max(0, Math.floor(height - topOf(column) - STAGE_BOTTOM));
        if (bottom - box.top > room + 1) tooLarge.side = Math.min(tooLarge.side, current);
        const max = Math.max(MIN_ZOOM, Math.min(MAX_ZOOM, box.width / MIN_CHART_WIDTH, capOf(tooLarge.side, current)));
        // The views at their own heights: the column is at least `room` tall (its min-height), the loss plot taking the rest.
        const grown = grownBy(column, current);
        // With the plot at its full least height (it may be drawn shorter now, fitPlotLeast).
        const lowered = Array.from(column.querySelectorAll<HTMLElement>('.loss-plot'), (p) => PLOT_LEAST - parseFloat(getComputedStyle(p).minHeight)).filter(Number.isFinite);
        const back = lowered.reduce((sum, by) => sum + Math.max(0, by), 0) * current;
        const views = bottom - box.top - grown + back;
        const scaled = parts.reduce((sum, part) => sum + part.getBoundingClientRect().height, 0) - grown + back;
        zoom = fitZoom({ available: room, column: views, scaled, current, min: MIN_ZOOM, max });
        if (lowered.length > 0) plot = fitPlotLeast({ available: room, rest: views - scaled, natural: scaled / current, zoom });
      }
      const { gallery, smalls } = outputZooms(panel, height, tooLarge);
      const next: StageFit = { plane, zoom, side: room, plot, gallery, smalls };
      setFit((previous) => (Object.keys(next) as (keyof StageFit)[]).every((key) => previous[key] === next[key]) ? previous : next);
    };
    measure();
    const observer = new ResizeObserver(measure);
    // The column's views too: the layer targets grow after the first step without the column's own box always changing.
    const watched = [
      output.current,
      side.current,
      document.querySelector('.presenter-bar'),
      ...(side.current ? [...scaledParts(side.current), ...Array.from(side.current.children)] : []),
      output.current?.querySelector('.presenter-gallery'),
    ];
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
