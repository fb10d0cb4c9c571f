/**
 * The heatmap saved as a picture (issue 17 §7, "PNG and SVG of the curve and the heatmap"): the export takes each
 * `svg.sweep-svg` alone (SweepResults.tsx → ChartExportButtons → chartImage.ts chartSvg, which clones those
 * elements and nothing else), so every pattern or gradient a grid points at with `url(#…)` must be defined inside
 * that same svg; a hatch kept in a separate hidden svg left a diverged cell pointing at nothing in the file. The
 * ids stay unique in the page (SVG 2 §5.10.1: an id is unique in its document).
 */
import { createElement } from 'react';
import { renderToStaticMarkup } from 'react-dom/server';
import { describe, expect, it } from 'vitest';
import type { ResponseCell, SweepResponse } from '../../engine/sweep/response';
import { SweepHeatmap } from './SweepHeatmap';

const groups = [
  { name: 'Run 1', color: '#1f77b4' },
  { name: 'Run 2', color: '#ff7f0e' },
];

/** Two groups over 3 × 2 cells; group 0's cell [2, 1] diverged with its median off the scale (+∞), hatched. */
function heatmapMarkup(): string {
  const cells = groups.flatMap((_, g) =>
    [0, 1, 2].flatMap((i) =>
      [0, 1].map((j): ResponseCell => {
        const off = g === 0 && i === 2 && j === 1;
        const value = off ? Number.POSITIVE_INFINITY : 0.1 * (1 + i + j + g);
        return { group: g, point: [i, j], values: [value], median: value, min: value, max: value, diverged: off ? 1 : 0 };
      }),
    ),
  );
  const response: SweepResponse = { metric: { kind: 'final', of: 'testLoss' }, checkpoint: 1, atStep: 10, cells, best: [null, null], rule: '' };
  return renderToStaticMarkup(createElement(SweepHeatmap, { response, columns: [0.01, 0.1, 1], rows: [2, 4], columnLabel: 'Learning rate', rowLabel: 'Width', groups, onOpenPoint: () => undefined, width: 800 }));
}

/** The svg elements the export takes (chartSvg's selector "svg.sweep-svg"); they are never nested. */
const exportedSvgs = (html: string): string[] => Array.from(html.matchAll(/<svg[^>]*class="sweep-svg"[^>]*>[\s\S]*?<\/svg>/g), (m) => m[0]);
const references = (svg: string): string[] => Array.from(svg.matchAll(/url\(#([^)]+)\)/g), (m) => m[1]);
const ids = (html: string): string[] => Array.from(html.matchAll(/\sid="([^"]+)"/g), (m) => m[1]);

describe('the heatmap saved as an SVG', () => {
  it('a grid with a diverged cell off the scale carries the hatch pattern it fills that cell with', () => {
    const html = heatmapMarkup();
    const svgs = exportedSvgs(html);
    // Two grids and the colour scale's bar.
    expect(svgs).toHaveLength(3);
    const hatched = svgs.filter((svg) => /class="sweep-cell off"/.test(svg));
    expect(hatched).toHaveLength(1);
    expect(references(hatched[0]).length).toBeGreaterThan(0);
    for (const svg of svgs) {
      for (const id of references(svg)) expect(ids(svg), `url(#${id}) without its definition in the saved svg`).toContain(id);
    }
    expect(hatched[0]).toMatch(/<pattern id="[^"]+"/);
  });

  it('keeps every id unique in the page', () => {
    const all = ids(heatmapMarkup());
    expect(all.length).toBeGreaterThan(0);
    expect(new Set(all).size).toBe(all.length);
  });
});
