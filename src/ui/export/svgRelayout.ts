/**
 * A chart's SVG laid out again at another size, with its text at another scale: the plot area (Recharts'
 * clip rectangle) stretches to fill the new size while the margins around it (ticks, axis labels) grow with
 * the text, so 24 px ticks on a 1920×1080 slide get the room they need and nothing overlaps that did not
 * overlap on screen. Every coordinate is rewritten (no stretching transform), so the file's font-size and
 * stroke-width attributes are what is drawn. Pure: it reads and writes attributes of an element tree (the DOM's
 * Element has all it needs), so it is tested without a browser.
 */

/** An SVG element as the relayout reads and writes it. */
export interface SvgNode {
  readonly tagName: string;
  getAttribute(name: string): string | null;
  setAttribute(name: string, value: string): void;
  readonly children: ArrayLike<SvgNode>;
}

export interface Size {
  width: number;
  height: number;
}

/** The font size (px) a text without one inherits in the exported figure. */
export const BASE_FONT = 12;

type Map1 = (v: number) => number;

/**
 * One axis: [0, start] and [start + span, size] are margins, scaled by `textScale` (less if the plot would
 * keep under 40 % of the output), and the plot's span stretches over the rest of `out`. Continuous and
 * increasing; 0 → 0 and `size` → `out`.
 */
export function axisMap(size: number, start: number, span: number, out: number, textScale: number): Map1 {
  const margins = size - span;
  const margin = margins > 0 ? Math.min(textScale, (0.6 * out) / margins) : textScale;
  const stretch = span > 0 ? (out - margin * margins) / span : 1;
  const end = start + span;
  return (v) => (v <= start ? v * margin : v <= end ? start * margin + (v - start) * stretch : start * margin + span * stretch + (v - end) * margin);
}

const NUMBER = /-?(?:\d+\.?\d*|\.\d+)(?:e[-+]?\d+)?/gi;
const round = (v: number): string => String(Math.round(v * 100) / 100);

/**
 * A path's data with every point mapped (absolute commands out; relative ones are resolved first). Points,
 * Bézier control points included, go through the maps, which is exact inside each piece of the piecewise
 * map. Arcs are refused (null): their radii do not map.
 */
export function mapPath(d: string, X: Map1, Y: Map1): string | null {
  const tokens = d.match(/[a-df-z]|-?(?:\d+\.?\d*|\.\d+)(?:e[-+]?\d+)?/gi) ?? [];
  const out: string[] = [];
  let i = 0;
  let command = '';
  let x = 0;
  let y = 0;
  let startX = 0;
  let startY = 0;
  const next = (): number => Number(tokens[i++]);
  const point = (relative: boolean): [number, number] => {
    const px = next() + (relative ? x : 0);
    const py = next() + (relative ? y : 0);
    return [px, py];
  };
  const emit = (letter: string, points: [number, number][]): void => {
    out.push(letter + points.map(([px, py]) => `${round(X(px))},${round(Y(py))}`).join(' '));
  };
  while (i < tokens.length) {
    if (/[a-z]/i.test(tokens[i])) command = tokens[i++];
    else if (command === '') return null;
    const relative = command === command.toLowerCase();
    const upper = command.toUpperCase();
    const counts: Record<string, number> = { M: 2, L: 2, H: 1, V: 1, C: 6, S: 4, Q: 4, T: 2, Z: 0 };
    const count = counts[upper];
    if (count === undefined) return null;
    if (upper === 'Z') {
      out.push('Z');
      [x, y] = [startX, startY];
      continue;
    }
    if (i + count > tokens.length || tokens.slice(i, i + count).some((t) => /[a-z]/i.test(t))) return null;
    if (upper === 'H' || upper === 'V') {
      const v = next();
      if (upper === 'H') x = v + (relative ? x : 0);
      else y = v + (relative ? y : 0);
      emit('L', [[x, y]]);
      continue;
    }
    const points: [number, number][] = [];
    for (let k = 0; k < count / 2; k++) points.push(point(relative));
    emit(upper, points);
    [x, y] = points[points.length - 1];
    if (upper === 'M') {
      [startX, startY] = [x, y];
      // Further pairs after a moveto are linetos (SVG 1.1 §8.3.2).
      command = relative ? 'l' : 'L';
    }
  }
  return out.join('');
}

const mapList = (value: string, f: Map1): string => value.replace(NUMBER, (n) => round(f(Number(n))));
const scaleList = (value: string, k: number): string => value.replace(NUMBER, (n) => round(Number(n) * k));
const numberOf = (node: SvgNode, name: string): number | null => {
  const value = node.getAttribute(name);
  return value === null || value.trim() === '' || !Number.isFinite(Number(value)) ? null : Number(value);
};

const ALLOWED = new Set(['svg', 'g', 'defs', 'clipPath', 'rect', 'path', 'line', 'polyline', 'polygon', 'circle', 'ellipse', 'text', 'tspan', 'title', 'desc']);
const ROTATE = /^\s*rotate\(\s*(-?[\d.e+-]+)[\s,]+(-?[\d.e+-]+)[\s,]+(-?[\d.e+-]+)\s*\)\s*$/i;
/** A mark placed by translation (the loss chart's best-step marker): its place maps, its drawing scales whole. */
const TRANSLATE = /^\s*translate\(\s*(-?[\d.e+-]+)(?:[\s,]+(-?[\d.e+-]+))?\s*\)\s*$/i;

/** The plot area: the first clip rectangle with numbers (Recharts clips its lines to the plot so). */
function plotArea(node: SvgNode): { x: number; y: number; width: number; height: number } | null {
  if (node.tagName === 'clipPath') {
    const rect = Array.from(node.children).find((c) => c.tagName === 'rect');
    if (rect) {
      const [x, y, width, height] = ['x', 'y', 'width', 'height'].map((n) => numberOf(rect, n));
      if (x !== null && y !== null && width !== null && height !== null && width > 0 && height > 0) return { x, y, width, height };
    }
  }
  for (const child of Array.from(node.children)) {
    const found = plotArea(child);
    if (found) return found;
  }
  return null;
}

/** Whether every element is one the relayout maps exactly (only pivoted rotations as transforms, no arcs). */
function supported(node: SvgNode, root: boolean): boolean {
  if (!ALLOWED.has(node.tagName) || (node.tagName === 'svg' && !root)) return false;
  const transform = node.getAttribute('transform');
  if (transform !== null && transform.trim() !== '' && !ROTATE.test(transform) && !(node.tagName === 'g' && TRANSLATE.test(transform))) return false;
  const d = node.tagName === 'path' ? node.getAttribute('d') : null;
  if (d !== null && mapPath(d, (v) => v, (v) => v) === null) return false;
  return Array.from(node.children).every((child) => supported(child, false));
}

function relayoutNode(node: SvgNode, X: Map1, Y: Map1, k: number, inheritedFont: number): void {
  const tag = node.tagName;
  const set = (name: string, f: (value: string) => string): void => {
    const value = node.getAttribute(name);
    if (value !== null && value.trim() !== '') node.setAttribute(name, f(value));
  };
  const rawFont = node.getAttribute('font-size');
  // Sizes in px or unitless scale; anything relative (em, %) follows its parent's, which is scaled.
  const ownFont = rawFont !== null && /^\s*[\d.]+(px)?\s*$/.test(rawFont) ? Number.parseFloat(rawFont) : null;
  const font = ownFont ?? inheritedFont;
  // Every text carries its size, so the file says what is drawn.
  if (ownFont !== null || tag === 'text') node.setAttribute('font-size', round(font * k));
  set('stroke-width', (v) => (Number.isFinite(Number.parseFloat(v)) ? round(Number.parseFloat(v) * k) : v));
  set('stroke-dasharray', (v) => scaleList(v, k));
  if (tag === 'rect') {
    // The size is the mapped far corner less the mapped near one (read before x and y are rewritten).
    const [x, y, w, h] = [numberOf(node, 'x') ?? 0, numberOf(node, 'y') ?? 0, numberOf(node, 'width'), numberOf(node, 'height')];
    if (w !== null) node.setAttribute('width', round(Math.max(0, X(x + w) - X(x))));
    if (h !== null) node.setAttribute('height', round(Math.max(0, Y(y + h) - Y(y))));
    set('rx', (v) => scaleList(v, k));
    set('ry', (v) => scaleList(v, k));
  }
  for (const name of ['x', 'x1', 'x2', 'cx']) set(name, (v) => mapList(v, X));
  for (const name of ['y', 'y1', 'y2', 'cy']) set(name, (v) => mapList(v, Y));
  if (tag === 'circle') set('r', (v) => scaleList(v, k));
  if (tag === 'ellipse') {
    set('rx', (v) => scaleList(v, k));
    set('ry', (v) => scaleList(v, k));
  }
  for (const name of ['dx', 'dy']) set(name, (v) => (/em\s*$/.test(v) ? v : scaleList(v, k)));
  if (tag === 'path') set('d', (v) => mapPath(v, X, Y) ?? v);
  if (tag === 'polyline' || tag === 'polygon') {
    set('points', (v) => {
      const numbers = v.match(NUMBER)?.map(Number) ?? [];
      const pairs: string[] = [];
      for (let i = 0; i + 1 < numbers.length; i += 2) pairs.push(`${round(X(numbers[i]))},${round(Y(numbers[i + 1]))}`);
      return pairs.join(' ');
    });
  }
  set('transform', (v) => {
    const m = ROTATE.exec(v);
    return m ? `rotate(${m[1]}, ${round(X(Number(m[2])))}, ${round(Y(Number(m[3])))})` : v;
  });
  const placed = tag === 'g' ? TRANSLATE.exec(node.getAttribute('transform') ?? '') : null;
  if (placed) {
    node.setAttribute('transform', `translate(${round(X(Number(placed[1])))}, ${round(Y(Number(placed[2] ?? 0)))})`);
    const scaled = (v: number): number => v * k;
    for (const child of Array.from(node.children)) relayoutNode(child, scaled, scaled, k, font);
    return;
  }
  for (const child of Array.from(node.children)) relayoutNode(child, X, Y, k, font);
}

/**
 * Lays `root` (a chart surface `source` big, mutated in place) out again at `out` with text, strokes and
 * marks `textScale` times their size. False, with nothing changed, when it cannot be done exactly (no clip
 * rectangle to find the plot by, or elements it does not map): the caller then scales the picture whole.
 */
export function relayoutSurface(root: SvgNode, source: Size, out: Size, textScale: number): boolean {
  const area = plotArea(root);
  if (!area || !supported(root, true)) return false;
  const X = axisMap(source.width, area.x, area.width, out.width, textScale);
  const Y = axisMap(source.height, area.y, area.height, out.height, textScale);
  if (root.getAttribute('stroke-width') === null) root.setAttribute('stroke-width', round(textScale));
  for (const child of Array.from(root.children)) relayoutNode(child, X, Y, textScale, BASE_FONT);
  root.setAttribute('width', round(out.width));
  root.setAttribute('height', round(out.height));
  root.setAttribute('viewBox', `0 0 ${round(out.width)} ${round(out.height)}`);
  return true;
}
