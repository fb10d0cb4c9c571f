import { describe, expect, it } from 'vitest';
import { composeFigure, SCREEN_FIGURE, type PlotCopy } from './chartImage';
import { EXPORT_PRESETS, exportPreset } from './exportPresets';
import { axisMap, mapPath, relayoutSurface, type SvgNode } from './svgRelayout';

/** An element tree with what the relayout uses (the DOM's Element in the browser). */
class Node implements SvgNode {
  readonly attributes: Map<string, string>;
  constructor(
    readonly tagName: string,
    attributes: Record<string, string | number> = {},
    readonly children: Node[] = [],
    readonly text = '',
  ) {
    this.attributes = new Map(Object.entries(attributes).map(([k, v]) => [k, String(v)]));
  }
  getAttribute(name: string): string | null {
    return this.attributes.get(name) ?? null;
  }
  setAttribute(name: string, value: string): void {
    this.attributes.set(name, value);
  }
  serialize(): string {
    const attributes = Array.from(this.attributes, ([k, v]) => ` ${k}="${v}"`).join('');
    return `<${this.tagName}${attributes}>${this.text}${this.children.map((c) => c.serialize()).join('')}</${this.tagName}>`;
  }
  all(): Node[] {
    return [this, ...this.children.flatMap((c) => c.all())];
  }
}

/** A surface shaped as Recharts draws the loss chart: 1000×250, the plot clipped to x 74–940, y 8–202. */
function rechartsLike(): Node {
  return new Node('svg', { class: 'recharts-surface', width: 1000, height: 250, viewBox: '0 0 1000 250' }, [
    new Node('defs', {}, [new Node('clipPath', { id: 'c' }, [new Node('rect', { x: 74, y: 8, width: 866, height: 194 })])]),
    new Node('g', { class: 'recharts-cartesian-grid' }, [new Node('line', { x1: 74, y1: 105, x2: 940, y2: 105, stroke: '#e5e5e5' })]),
    new Node('g', { class: 'recharts-yAxis' }, [
      new Node('line', { class: 'recharts-cartesian-axis-tick-line', x1: 68, y1: 105, x2: 74, y2: 105 }),
      new Node('text', { class: 'recharts-cartesian-axis-tick-value', x: 66, y: 105, 'text-anchor': 'end' }, [new Node('tspan', { x: 66, dy: '0.355em' }, [], '0.5')]),
      new Node('text', { class: 'recharts-label', x: 20, y: 105, transform: 'rotate(-90, 20, 105)' }, [], 'loss'),
    ]),
    new Node('g', { class: 'recharts-xAxis' }, [new Node('text', { class: 'recharts-cartesian-axis-tick-value', x: 507, y: 210, 'text-anchor': 'middle' }, [new Node('tspan', { x: 507, dy: '0.71em' }, [], '500')])]),
    new Node('path', { class: 'recharts-line-curve', d: 'M74,10L507,100L940,202', stroke: '#0072B2', 'stroke-width': 2, 'stroke-dasharray': '6 3' }),
    // A mark placed by translation, drawn around its origin (the best-step marker).
    new Node('g', { 'data-testid': 'marker', transform: 'translate(507,100)' }, [new Node('circle', { r: 5, 'stroke-width': 2.5 })]),
  ]);
}

const plot = (node: Node, box = { left: 0, top: 0, width: 1000, height: 250 }): PlotCopy => ({ node, box, serialize: () => node.serialize() });
const texts = (node: Node): Node[] => node.all().filter((n) => n.tagName === 'text');
const fontSizes = (markup: string): number[] => Array.from(markup.matchAll(/<text[^>]*font-size="([\d.]+)"/g), (m) => Number(m[1]));

describe('axisMap', () => {
  it('scales the margins by the text scale and stretches the plot over the rest', () => {
    const X = axisMap(1000, 74, 866, 1824, 2);
    expect(X(0)).toBe(0);
    expect(X(74)).toBe(148);
    expect(X(1000)).toBeCloseTo(1824, 9);
    // The right margin (60 px on screen) is 120 px out.
    expect(X(1000) - X(940)).toBeCloseTo(120, 9);
    expect(X(507) - X(74)).toBeCloseTo((433 * (1824 - 2 * 134)) / 866, 9);
  });
  it('keeps the plot at least 40 % of the output when the margins would take more', () => {
    const X = axisMap(100, 40, 20, 100, 4);
    expect(X(60) - X(40)).toBeCloseTo(40, 9);
    expect(X(100)).toBeCloseTo(100, 9);
  });
});

describe('mapPath', () => {
  it('maps every point, relative commands resolved and H/V written as lines', () => {
    const double = (v: number): number => 2 * v;
    expect(mapPath('M1,2l3,4H10v1z', double, double)).toBe('M2,4L8,12L20,12L20,14Z');
    expect(mapPath('M0 0C1 1 2 2 3 3', double, (v) => v + 1)).toBe('M0,1C2,2 4,3 6,4');
  });
  it('refuses arcs', () => {
    expect(mapPath('M0,0A5,5 0 0 1 10,10', (v) => v, (v) => v)).toBeNull();
  });
});

describe('relayoutSurface', () => {
  it('writes the scaled font size on every text, and scales strokes, dashes and margins', () => {
    const svg = rechartsLike();
    expect(relayoutSurface(svg, { width: 1000, height: 250 }, { width: 1824, height: 800 }, 2)).toBe(true);
    expect(texts(svg).map((t) => t.getAttribute('font-size'))).toEqual(['24', '24', '24']);
    const line = svg.all().find((n) => n.tagName === 'path');
    expect(line?.getAttribute('stroke-width')).toBe('4');
    expect(line?.getAttribute('stroke-dasharray')).toBe('12 6');
    // Margins doubled (left 74 → 148, right 60 → 120, top 8 → 16, bottom 48 → 96): the plot's corner (940, 202)
    // lands at (1824 − 120, 800 − 96), and the point between at its share of the stretched plot.
    expect(line?.getAttribute('d')).toBe('M148,23.09L926,342.27L1704,704');
    const tick = texts(svg)[0];
    expect(tick.getAttribute('x')).toBe('132');
    expect(tick.children[0].getAttribute('dy')).toBe('0.355em');
    expect(texts(svg)[1].getAttribute('transform')).toBe('rotate(-90, 40, 360)');
    expect(svg.getAttribute('viewBox')).toBe('0 0 1824 800');
    // The mark moves with its point on the line and grows with the text, round still.
    const marker = svg.all().find((n) => n.getAttribute('data-testid') === 'marker');
    expect(marker?.getAttribute('transform')).toBe('translate(926, 342.27)');
    expect(marker?.children[0].attributes).toEqual(new Map([['r', '10'], ['stroke-width', '5']]));
    const clip = svg.all().find((n) => n.tagName === 'rect');
    expect([clip?.getAttribute('x'), clip?.getAttribute('width'), clip?.getAttribute('height')]).toEqual(['148', '1556', '688']);
  });
  it('leaves a surface it cannot map exactly as it was', () => {
    const svg = rechartsLike();
    svg.children.push(new Node('g', { transform: 'scale(2)' }));
    const before = svg.serialize();
    expect(relayoutSurface(svg, { width: 1000, height: 250 }, { width: 1824, height: 800 }, 2)).toBe(false);
    expect(svg.serialize()).toBe(before);
    const unclipped = new Node('svg', { width: 100, height: 100 }, [new Node('text', { x: 5, y: 5 }, [], 'a')]);
    expect(relayoutSurface(unclipped, { width: 100, height: 100 }, { width: 200, height: 200 }, 2)).toBe(false);
  });
});

describe('composeFigure', () => {
  const key = [
    { label: 'Run 1 · Backprop', color: '#0072B2' },
    { label: 'Run 2 · LocoProp-M', color: '#D55E00' },
  ];
  it('gives each preset its size, and its text at the preset’s scale', () => {
    for (const preset of EXPORT_PRESETS.filter((p) => p.size)) {
      const figure = composeFigure([plot(rechartsLike())], 'Loss by step', key, { size: preset.size, textScale: preset.textScale, withTitle: true });
      expect({ width: figure.width, height: figure.height }).toEqual(preset.size);
      expect(figure.markup).toMatch(new RegExp(`^<svg [^>]*width="${preset.size?.width}" height="${preset.size?.height}"`));
      expect(Math.min(...fontSizes(figure.markup))).toBeCloseTo(12 * preset.textScale, 1);
    }
  });
  it('puts 24 px ticks on the 16:9 slide', () => {
    const slide = exportPreset('slide-16x9');
    const figure = composeFigure([plot(rechartsLike())], 'Loss', key, { size: slide.size, textScale: slide.textScale, withTitle: true });
    const ticks = Array.from(figure.markup.matchAll(/<text class="recharts-cartesian-axis-tick-value"[^>]*font-size="([\d.]+)"/g), (m) => Number(m[1]));
    expect(ticks).toHaveLength(2);
    expect(Math.min(...ticks)).toBeGreaterThanOrEqual(24);
  });
  it('leaves the title out when asked, and the plots take its room', () => {
    const options = { size: { width: 1920, height: 1080 }, textScale: 2, withTitle: true };
    const titled = composeFigure([plot(rechartsLike())], 'Loss by step', key, options);
    const untitled = composeFigure([plot(rechartsLike())], 'Loss by step', key, { ...options, withTitle: false });
    expect(titled.markup).toContain('>Loss by step</text>');
    expect(untitled.markup).not.toContain('Loss by step');
    const plotHeight = (markup: string): number => Number(/<svg class="recharts-surface"[^>]* height="([\d.]+)"/.exec(markup)?.[1]);
    expect(plotHeight(untitled.markup)).toBeGreaterThan(plotHeight(titled.markup));
  });
  it('keeps the screen figure at the plots’ own size, unchanged inside', () => {
    const node = rechartsLike();
    const figure = composeFigure([plot(node)], 'Loss', key, SCREEN_FIGURE);
    expect(figure.width).toBe(1016);
    expect(node.getAttribute('width')).toBe('1000');
    expect(node.all().find((n) => n.tagName === 'path')?.getAttribute('d')).toBe('M74,10L507,100L940,202');
    expect(fontSizes(figure.markup).filter((s) => s !== 14)).toEqual([12, 12, 12, 12, 12]);
  });
  it('states a paper figure’s size in inches', () => {
    const paper = exportPreset('paper-column');
    const figure = composeFigure([plot(rechartsLike())], 'Loss', key, { size: paper.size, textScale: paper.textScale, withTitle: false, dpi: paper.dpi });
    expect(figure.markup).toMatch(/^<svg [^>]*width="3.5in" height="2.5in" viewBox="0 0 1050 750"/);
    // 8 pt at 300 dpi.
    expect(Math.min(...fontSizes(figure.markup))).toBeCloseTo(33.33, 2);
  });
  it('scales a plot without a clip rectangle whole, its aspect kept', () => {
    const node = new Node('svg', { class: 'sweep-svg', width: 400, height: 200 }, [new Node('text', { x: 5, y: 5 }, [], 'a')]);
    composeFigure([plot(node, { left: 0, top: 0, width: 400, height: 200 })], 'Sweep', [], { size: { width: 1920, height: 1080 }, textScale: 2, withTitle: false });
    expect(node.getAttribute('viewBox')).toBe('0 0 400 200');
    expect(node.getAttribute('width')).toBe('1888');
  });
});
