/**
 * Pictures of the charts: a chart's Recharts SVGs (one or several plots in a figure) composed into one
 * standalone SVG with a title and a key of the runs, made for a preset (exportPresets.ts): as shown, or laid
 * out again at a slide's or a paper column's size with its text scaled (svgRelayout.ts); that SVG drawn to a
 * canvas for a PNG (2× as shown, 1:1 at a preset's size); a canvas (the decision boundary) copied at 2× its
 * displayed size. The exported files say what they show without the page around them: the run names go with
 * their colours. Only presentation attributes are written, never a style attribute (the page's policy,
 * style-src 'self', blocks those).
 */
import { BASE_FONT, relayoutSurface, type SvgNode } from './svgRelayout';

export const EXPORT_SCALE = 2;
const FONT = 'system-ui, -apple-system, "Segoe UI", Roboto, sans-serif';
const TITLE_HEIGHT = 24;
const KEY_LINE = 18;
const PAD = 8;

export interface KeyEntry {
  label: string;
  color: string;
}

export interface ChartPicture {
  markup: string;
  width: number;
  height: number;
}

const escapeXml = (text: string): string => text.replace(/[<>&"']/g, (c) => ({ '<': '&lt;', '>': '&gt;', '&': '&amp;', '"': '&quot;', "'": '&apos;' })[c] ?? c);

/** Presentation properties a chart styled by CSS classes (the sweep charts) needs written into its copy. */
const STYLED = ['fill', 'fill-opacity', 'stroke', 'stroke-width', 'stroke-dasharray', 'stroke-opacity', 'opacity', 'font-size', 'font-weight', 'text-anchor', 'dominant-baseline'] as const;

/**
 * Writes each element's computed presentation into the copy as SVG presentation attributes (not a `style`
 * attribute, which the page's policy, style-src 'self', blocks), so the picture keeps the page's look without
 * its CSS.
 */
function inlineComputedStyles(original: SVGSVGElement, copy: SVGSVGElement): void {
  const from = [original, ...Array.from(original.querySelectorAll('*'))];
  const to = [copy, ...Array.from(copy.querySelectorAll('*'))];
  from.forEach((element, i) => {
    const computed = getComputedStyle(element);
    for (const name of STYLED) {
      const value = computed.getPropertyValue(name);
      if (value !== '') to[i]?.setAttribute(name, value);
    }
  });
}

/** How a figure is made: its size (null: the plots' size on screen), its text scale, its title, its print resolution. */
export interface FigureOptions {
  size: { width: number; height: number } | null;
  textScale: number;
  withTitle: boolean;
  /** When set, the SVG states its size in inches at this resolution (a paper's figure). */
  dpi?: number | null;
}

export const SCREEN_FIGURE: FigureOptions = { size: null, textScale: 1, withTitle: true };

/** One plot's copy (mutated by the layout) and its box on screen, relative to the top-left of all the plots. */
export interface PlotCopy {
  node: SvgNode;
  box: { left: number; top: number; width: number; height: number };
  serialize: () => string;
}

/** The key's entries flowed into rows `width` wide (about 0.6 em a character): each row's entries with their x. */
function keyRows(key: readonly KeyEntry[], width: number, k: number): { entry: KeyEntry; x: number }[][] {
  const rows: { entry: KeyEntry; x: number }[][] = [];
  let x = Infinity;
  for (const entry of key) {
    const w = (20 + 0.6 * 12 * entry.label.length + 16) * k;
    if (x + w > width && x > 0) {
      rows.push([]);
      x = 0;
    }
    rows[rows.length - 1].push({ entry, x });
    x += w;
  }
  return rows;
}

const round = (v: number): string => String(Math.round(v * 100) / 100);

/**
 * The figure: the plots placed as on the page (each laid out again at its share of the size, svgRelayout.ts,
 * or scaled whole where that cannot be done exactly), under the title and over a key of the runs. Pure (the
 * plots come serialized by the caller), so sizes and text are tested without a browser.
 */
export function composeFigure(plots: readonly PlotCopy[], title: string, key: readonly KeyEntry[], options: FigureOptions): ChartPicture {
  const k = options.textScale;
  const pad = PAD * k;
  const sourceWidth = Math.max(...plots.map((p) => p.box.left + p.box.width));
  const sourceHeight = Math.max(...plots.map((p) => p.box.top + p.box.height));
  const width = options.size ? options.size.width : Math.max(Math.ceil(sourceWidth) + 2 * pad, 200);
  const rows = keyRows(key, width - 2 * pad, k);
  const plotsTop = options.withTitle ? TITLE_HEIGHT * k : pad;
  const keyHeight = rows.length * KEY_LINE * k;
  const plotWidth = width - 2 * pad;
  const plotHeight = options.size ? Math.max(40 * k, options.size.height - plotsTop - 2 * pad - keyHeight) : Math.ceil(sourceHeight);
  const keyTop = plotsTop + plotHeight + pad;
  const height = options.size ? options.size.height : keyTop + keyHeight + pad;
  const sx = options.size ? plotWidth / sourceWidth : 1;
  const sy = options.size ? plotHeight / sourceHeight : 1;
  const placed = plots.map(({ node, box, serialize }) => {
    const out = { width: box.width * sx, height: box.height * sy };
    if (!relayoutSurface(node, box, out, k)) {
      // Scaled whole, its aspect kept (the page's own charts have a clip rectangle; the sweep's do not).
      node.setAttribute('viewBox', `0 0 ${round(box.width)} ${round(box.height)}`);
      node.setAttribute('width', round(out.width));
      node.setAttribute('height', round(out.height));
    }
    node.setAttribute('x', round(pad + box.left * sx));
    node.setAttribute('y', round(plotsTop + box.top * sy));
    return serialize();
  });
  const keyLines = rows.flatMap((row, r) =>
    row.map(
      ({ entry, x }) =>
        `<g transform="translate(${round(pad + x)},${round(keyTop + r * KEY_LINE * k)})"><rect width="${round(14 * k)}" height="${round(4 * k)}" y="${round(5 * k)}" fill="${escapeXml(entry.color)}"/><text x="${round(20 * k)}" y="${round(12 * k)}" font-size="${round(12 * k)}" fill="#1f2430">${escapeXml(entry.label)}</text></g>`,
    ),
  );
  // A long title on a narrow chart gets smaller rather than cut (about 0.6 em a character).
  const titleFont = Math.min(14 * k, Math.floor((width - 2 * pad) / (0.6 * Math.max(1, title.length))));
  const size = options.dpi ? `width="${round(width / options.dpi)}in" height="${round(height / options.dpi)}in"` : `width="${round(width)}" height="${round(height)}"`;
  const markup = [
    `<svg xmlns="http://www.w3.org/2000/svg" ${size} viewBox="0 0 ${round(width)} ${round(height)}" font-family='${FONT}' font-size="${round(BASE_FONT * k)}">`,
    `<rect width="100%" height="100%" fill="#ffffff"/>`,
    ...(options.withTitle ? [`<text x="${round(pad)}" y="${round(17 * k)}" font-size="${titleFont}" font-weight="600" fill="#1f2430">${escapeXml(title)}</text>`] : []),
    ...placed,
    ...keyLines,
    '</svg>',
  ].join('\n');
  return { markup, width: Math.round(width), height: Math.round(height) };
}

/**
 * One standalone SVG of every plot in `root`, placed as on the page, under a title and over a key, made as
 * `options` say. `selector` picks the plots (Recharts' surfaces by default); `inlineStyles` writes their
 * computed look into the copy, for charts drawn with CSS classes.
 */
export function chartSvg(root: HTMLElement, title: string, key: readonly KeyEntry[], selector = 'svg.recharts-surface', inlineStyles = false, options: FigureOptions = SCREEN_FIGURE): ChartPicture | null {
  const surfaces = Array.from(root.querySelectorAll<SVGSVGElement>(selector));
  if (surfaces.length === 0) return null;
  const boxes = surfaces.map((svg) => svg.getBoundingClientRect());
  const left = Math.min(...boxes.map((b) => b.left));
  const top = Math.min(...boxes.map((b) => b.top));
  if (boxes.every((b) => b.width === 0 || b.height === 0)) return null;
  const plots = surfaces.map((svg, i): PlotCopy => {
    const copy = svg.cloneNode(true) as SVGSVGElement;
    copy.removeAttribute('style');
    if (inlineStyles) inlineComputedStyles(svg, copy);
    return { node: copy, box: { left: boxes[i].left - left, top: boxes[i].top - top, width: boxes[i].width, height: boxes[i].height }, serialize: () => new XMLSerializer().serializeToString(copy) };
  });
  return composeFigure(plots, title, key, options);
}

function canvasBlob(canvas: HTMLCanvasElement): Promise<Blob> {
  return new Promise((resolve, reject) => canvas.toBlob((blob) => (blob ? resolve(blob) : reject(new Error('the canvas gave no PNG'))), 'image/png'));
}

/** The SVG drawn at `scale`× into a PNG (through an <img> of a blob URL; the page's policy allows blob: images). */
export async function svgToPng(picture: ChartPicture, scale = EXPORT_SCALE): Promise<{ blob: Blob; width: number; height: number }> {
  const url = URL.createObjectURL(new Blob([picture.markup], { type: 'image/svg+xml' }));
  try {
    const image = new Image();
    image.decoding = 'sync';
    await new Promise<void>((resolve, reject) => {
      image.onload = () => resolve();
      image.onerror = () => reject(new Error('the chart could not be drawn as an image'));
      image.src = url;
    });
    const canvas = document.createElement('canvas');
    canvas.width = Math.round(picture.width * scale);
    canvas.height = Math.round(picture.height * scale);
    const context = canvas.getContext('2d');
    if (!context) throw new Error('no 2-D canvas here');
    context.fillStyle = '#ffffff';
    context.fillRect(0, 0, canvas.width, canvas.height);
    context.drawImage(image, 0, 0, canvas.width, canvas.height);
    return { blob: await canvasBlob(canvas), width: canvas.width, height: canvas.height };
  } finally {
    URL.revokeObjectURL(url);
  }
}

/** A canvas (the decision boundary) at `scale`× its displayed size, pixels kept sharp. */
export async function canvasToPng(source: HTMLCanvasElement, scale = EXPORT_SCALE): Promise<{ blob: Blob; width: number; height: number }> {
  const box = source.getBoundingClientRect();
  const canvas = document.createElement('canvas');
  canvas.width = Math.round((box.width || source.width) * scale);
  canvas.height = Math.round((box.height || source.height) * scale);
  const context = canvas.getContext('2d');
  if (!context) throw new Error('no 2-D canvas here');
  context.imageSmoothingEnabled = source.width < canvas.width / 2 ? false : true;
  context.fillStyle = '#ffffff';
  context.fillRect(0, 0, canvas.width, canvas.height);
  context.drawImage(source, 0, 0, canvas.width, canvas.height);
  return { blob: await canvasBlob(canvas), width: canvas.width, height: canvas.height };
}

/** "locolab-loss-2026-05-01T12-30-00" and the like. */
export function exportFileName(what: string, extension: string, now = new Date()): string {
  return `locolab-${what}-${now.toISOString().slice(0, 19).replace(/:/g, '-')}.${extension}`;
}
