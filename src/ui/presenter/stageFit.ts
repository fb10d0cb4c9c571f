/**
 * How large the stage draws its views so that the default ones fit the screen without scrolling: the plane as
 * tall as the room under its panel's top allows, and the side column's charts scaled (CSS zoom) to the height
 * left beside it. Pure arithmetic here; useStageFit.ts measures the page and applies it.
 */

/**
 * Room the plane's panel takes besides the plane, in CSS pixels, until it is measured: its legend row, the
 * one-line readout, padding and border (72 px at 1024 px wide, 86 at 1920, where the type is larger).
 */
export const PANEL_BESIDE_PLANE = 90;
/** The stage's bottom padding (presenter.css, .presenter-main), kept free under the views. */
export const STAGE_BOTTOM = 16;
export const MIN_PLANE = 280;
export const MAX_PLANE = 1000;

/**
 * The plane's largest side when its panel starts `panelTop` px down a window `height` px tall and takes
 * `beside` px besides the plane: what leaves the panel's bottom on the screen.
 */
export function stagePlaneSize(height: number, panelTop: number, beside = PANEL_BESIDE_PLANE): number {
  const room = Math.floor(height - panelTop - beside - STAGE_BOTTOM);
  return Math.max(MIN_PLANE, Math.min(MAX_PLANE, Number.isFinite(room) ? room : MIN_PLANE));
}

export interface ZoomFit {
  /** Height the column may take, from its top to the window's bottom less the stage's bottom margin. */
  available: number;
  /** The column's height now. */
  column: number;
  /** The scaled part's height now, at zoom `current`. */
  scaled: number;
  current: number;
  min: number;
  max: number;
}

/**
 * The zoom that makes the column exactly `available` tall by scaling one part of it (the rest keeps its
 * height), within [min, max]. The part's height at zoom 1 is its height now over the zoom it has now, so
 * applying the result and measuring again gives the same result (no oscillation under a ResizeObserver).
 */
export function fitZoom({ available, column, scaled, current, min, max }: ZoomFit): number {
  if (!(scaled > 0) || !(current > 0) || !Number.isFinite(available)) return Math.max(min, Math.min(max, current));
  const natural = scaled / current;
  const rest = column - scaled;
  const zoom = (available - rest) / natural;
  return Math.max(min, Math.min(max, Math.floor(zoom * 100) / 100));
}

/** The loss chart's plot height on the stage at zoom 1, as on the page (charts.css), and the least it shrinks to. */
export const PLOT_LEAST = 250;
export const MIN_PLOT_LEAST = 120;

export interface PlotFit {
  /** Height the column may take. */
  available: number;
  /** The column's unscaled height (the layer targets, the Explain panel, headings, gaps, padding). */
  rest: number;
  /** The scaled parts' height at zoom 1 with the plot at PLOT_LEAST. */
  natural: number;
  /** The zoom the parts are drawn at (fitZoom's). */
  zoom: number;
}

/**
 * The loss plot's least height (at zoom 1) that leaves the column within `available` at `zoom`: PLOT_LEAST while it
 * fits, less once the zoom is at its least and the unscaled views (the layer targets after a step) still push the
 * column past the window, down to MIN_PLOT_LEAST.
 */
export function fitPlotLeast({ available, rest, natural, zoom }: PlotFit): number {
  if (!(zoom > 0) || !Number.isFinite(available) || !Number.isFinite(natural)) return PLOT_LEAST;
  const least = Math.floor((available - rest) / zoom - natural + PLOT_LEAST);
  return Math.max(MIN_PLOT_LEAST, Math.min(PLOT_LEAST, least));
}

/** The test-image gallery's zoom before it is fitted to the height (the wide screens' larger images). */
export const galleryMaxZoom = (width: number): number => (width >= 1800 ? 1.45 : width >= 1400 ? 1.3 : 1);
/** The gallery's and the other runs' small planes' least zoom: their 12–15 px labels stay at 9 px or more. */
export const MIN_OUTPUT_ZOOM = 0.7;
