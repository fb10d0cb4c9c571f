/**
 * Presenter mode fits one screen after a step with every scene that ran past it: the layer targets (after the first
 * step), the test-image gallery and three or more runs' small planes took 10–158 px past the window at 1024×768
 * (paper-autoencoder 158, feedback-alignment 101, gamma-and-k 63, digits 42) and 31–32 px at 1366×768. And a
 * re-measure could tip a fitted zoom over the edge, the charts' legends and the gallery's columns reflowing with it
 * (gamma-k-heatmap's column flipped between 1.13 and 1.2, 20 px over; locoprop-vs-backprop 10–15 px over). useStageFit
 * fits the gallery's and the small planes' zoom and the loss plot's least height to the room (stageFit.ts), and
 * does not try again a zoom that overflowed.
 */
import { type Page } from '@playwright/test';
import { expect, test } from './fixtures';
import { openPlayground, screenshot, watchPage } from './helpers';

const overflow = (page: Page): Promise<{ x: number; y: number }> =>
  page.evaluate(() => ({
    x: document.documentElement.scrollWidth - window.innerWidth,
    y: document.documentElement.scrollHeight - window.innerHeight,
  }));

for (const [width, height, scenes] of [
  [1024, 768, ['paper-autoencoder', 'feedback-alignment', 'gamma-and-k', 'digits', 'locoprop-vs-backprop', 'gamma-k-heatmap']],
  [1366, 768, ['feedback-alignment', 'gamma-and-k']],
] as const) {
  test(`at ${width}×${height} the stage needs no scrolling after a step: ${scenes.join(', ')}`, async ({ page, baseURL }) => {
    const watch = watchPage(page, baseURL);
    await page.setViewportSize({ width, height });
    for (const scene of scenes) {
      await openPlayground(page, `?backend=cpu&scene=${scene}`);
      await page.keyboard.press('p');
      await expect(page.getByTestId('presenter-stage').getByTestId('loss-chart')).toBeVisible();
      await page.keyboard.press('ArrowRight');
      await expect(page.getByTestId('step-count')).toHaveText('1', { timeout: 60_000 });
      // The views redraw after the step (the layer targets, the gallery's reconstructions) and the stage refits.
      await expect.poll(() => overflow(page), { message: `${scene}: scroll overflow after a step`, timeout: 10_000 }).toEqual({ x: 0, y: 0 });
      // And stays fitted: a resize event re-measures without tipping the gallery's reflowed columns over the edge.
      await page.evaluate(() => window.dispatchEvent(new Event('resize')));
      await page.waitForTimeout(300);
      expect(await overflow(page), `${scene} after a re-measure`).toEqual({ x: 0, y: 0 });
      await screenshot(page, `presenter-fit-${scene}-${width}x${height}`);
    }
    expect(watch.errors).toEqual([]);
  });
}
