/**
 * Pictures of the charts: a chart's Recharts SVGs (one or several plots in a figure) composed into one
 * standalone SVG with a title and a key of the runs, and that SVG drawn to a canvas at 2× for a PNG; a canvas
 * (the decision boundary) copied at 2× its displayed size. The exported files say what they show without the
 * page around them: the run names go with their colours.
 */

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

/**
 * One standalone SVG of every plot in `root`, placed as on the page, under a title and over a key. `selector`
 * picks the plots (Recharts' surfaces by default); `inlineStyles` writes their computed look into the copy, for
 * charts drawn with CSS classes.
 */
export function chartSvg(root: HTMLElement, title: string, key: readonly KeyEntry[], selector = 'svg.recharts-surface', inlineStyles = false): ChartPicture | null {
  const surfaces = Array.from(root.querySelectorAll<SVGSVGElement>(selector));
  if (surfaces.length === 0) return null;
  const boxes = surfaces.map((svg) => svg.getBoundingClientRect());
  const left = Math.min(...boxes.map((b) => b.left));
  const top = Math.min(...boxes.map((b) => b.top));
  const plotWidth = Math.ceil(Math.max(...boxes.map((b) => b.right)) - left);
  const plotHeight = Math.ceil(Math.max(...boxes.map((b) => b.bottom)) - top);
  const width = Math.max(plotWidth + 2 * PAD, 200);
  const keyTop = TITLE_HEIGHT + plotHeight + PAD;
  const height = keyTop + key.length * KEY_LINE + PAD;
  const plots = surfaces.map((svg, i) => {
    const copy = svg.cloneNode(true) as SVGSVGElement;
    copy.setAttribute('x', String(PAD + boxes[i].left - left));
    copy.setAttribute('y', String(TITLE_HEIGHT + boxes[i].top - top));
    copy.setAttribute('width', String(boxes[i].width));
    copy.setAttribute('height', String(boxes[i].height));
    copy.removeAttribute('style');
    if (inlineStyles) inlineComputedStyles(svg, copy);
    return new XMLSerializer().serializeToString(copy);
  });
  const keyLines = key.map(
    (entry, i) =>
      `<g transform="translate(${PAD},${keyTop + i * KEY_LINE})"><rect width="14" height="4" y="5" fill="${escapeXml(entry.color)}"/><text x="20" y="12" font-size="12" fill="#1f2430">${escapeXml(entry.label)}</text></g>`,
  );
  const markup = [
    `<svg xmlns="http://www.w3.org/2000/svg" width="${width}" height="${height}" viewBox="0 0 ${width} ${height}" font-family='${FONT}' font-size="12">`,
    `<rect width="100%" height="100%" fill="#ffffff"/>`,
    // A long title on a narrow chart gets smaller rather than cut (about 0.6 em a character).
    `<text x="${PAD}" y="17" font-size="${Math.min(14, Math.floor((width - 2 * PAD) / (0.6 * title.length)))}" font-weight="600" fill="#1f2430">${escapeXml(title)}</text>`,
    ...plots,
    ...keyLines,
    '</svg>',
  ].join('\n');
  return { markup, width, height };
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
