/**
 * Issue 20 §7, "main thread with 8 runs": while 8 runs train at full speed, the charts redraw without reading
 * layout. Recharts measured each line's length (getTotalLength, 782 reads in 23 redraws of the loss chart) and
 * each new tick label in the DOM (getBoundingClientRect on its measurement span, for its tick text and its grid),
 * every read forcing a style and layout pass in the middle of a commit. The charts now draw their series with
 * the axis scales (seriesLines.tsx) and plain tick labels at ticks of their own (plainTick.tsx). Counted, not
 * timed: layout reads by the charts (inside a chart's SVG but the schedule preview's, or Recharts'
 * text-measuring span, which any chart uses) against the loss chart's redraws (frames in which something in its
 * SVG changed).
 */
import { expect, test } from '@playwright/test';
import { openPlayground, waitForSteps } from './helpers';

interface Counts {
  reads: number;
  redraws: number;
  /** The first reads: which method, on what, measuring which text. */
  readers: string[];
}

test('the charts redraw 8 training runs without reading layout', async ({ page }) => {
  await page.addInitScript(() => {
    const counts = { reads: 0, redraws: 0, readers: [] as string[], on: false };
    (window as unknown as { layoutCounts: typeof counts }).layoutCounts = counts;
    // The schedule preview keeps Recharts' own lines (for their tooltip); they measure their length when the
    // preview's step axis grows to the current step, about once a second: not counted here.
    const byChart = (element: Element): boolean =>
      element.id.startsWith('recharts_measurement_span') || (element.closest('svg.recharts-surface') !== null && element.closest('[data-testid="schedule-preview"]') === null);
    const wrap = <T extends object>(proto: T, name: keyof T & string): void => {
      const original = proto[name] as unknown as (this: Element, ...args: unknown[]) => unknown;
      Object.defineProperty(proto, name, {
        configurable: true,
        value(this: Element, ...args: unknown[]) {
          if (counts.on && byChart(this)) {
            counts.reads++;
            if (counts.readers.length < 8) counts.readers.push(`${name} on ${this.tagName}.${this.getAttribute('class') ?? this.id} "${this.textContent ?? ''}"`);
          }
          return original.apply(this, args);
        },
      });
    };
    wrap(Element.prototype, 'getBoundingClientRect');
    wrap(SVGGraphicsElement.prototype, 'getBBox');
    wrap(SVGGeometryElement.prototype, 'getTotalLength');
    wrap(SVGTextContentElement.prototype, 'getComputedTextLength');
    let frameSeen = false;
    new MutationObserver((records) => {
      if (!counts.on || frameSeen || !records.some((r) => r.target instanceof Element && r.target.closest('[data-testid="loss-chart"] svg') !== null)) return;
      frameSeen = true;
      counts.redraws++;
      requestAnimationFrame(() => (frameSeen = false));
    }).observe(document, { subtree: true, attributes: true, childList: true });
  });
  await openPlayground(page, '?backend=cpu&runs=8&speed=0');
  await expect(page.getByTestId('loss-chart').locator('.recharts-line')).not.toHaveCount(0);
  await page.getByTestId('play').click();
  await waitForSteps(page, 50);
  await page.evaluate(() => ((window as unknown as { layoutCounts: { on: boolean } }).layoutCounts.on = true));
  // Until the loss chart has redrawn 20 times (at most 10 a second).
  await expect.poll(() => page.evaluate(() => (window as unknown as { layoutCounts: Counts }).layoutCounts.redraws), { timeout: 60_000 }).toBeGreaterThanOrEqual(20);
  const counts = await page.evaluate(() => (window as unknown as { layoutCounts: Counts }).layoutCounts);
  expect(counts.reads, `${counts.reads} layout reads in ${counts.redraws} redraws: ${counts.readers.join('; ')}`).toBe(0);
  // Every run still drawn: train and test of 8 runs.
  await expect(page.getByTestId('loss-chart').locator('.recharts-line')).toHaveCount(16);
});
