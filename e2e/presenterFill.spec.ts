/**
 * Presenter mode's stage fills the screen: the side column's views reach the stage's bottom, the loss chart taking
 * the height its neighbours leave (at 1920×1080 with the default views it stopped 506 px short, half the stage, and
 * 194–243 px short at 1366×768 and 1024×768). presenter.spec.ts and presenterScenes.spec.ts hold the stage's other
 * tests.
 */
import { type Page } from '@playwright/test';
import { expect, test } from './fixtures';
import { openPlayground, screenshot, watchPage } from './helpers';

/** The largest empty height left under the side column's last view, as a share of the stage's height on screen. */
const MAX_EMPTY_SHARE = 0.05;

interface Fill {
  /** From the last view's bottom to the stage's bottom (its bottom padding left out, the window's bottom at most). */
  empty: number;
  /** The stage's height on screen, from its top to that bottom. */
  stage: number;
  /** The loss chart's plot height. */
  plot: number;
}

const measureFill = (page: Page): Promise<Fill> =>
  page.evaluate(() => {
    const main = document.querySelector('.presenter-main') as HTMLElement;
    const box = main.getBoundingClientRect();
    const bottom = Math.min(window.innerHeight, box.bottom - parseFloat(getComputedStyle(main).paddingBottom));
    const last = document.querySelector('.presenter-side')?.lastElementChild?.getBoundingClientRect().bottom ?? box.top;
    const plot = document.querySelector('.presenter-loss .loss-plot')?.getBoundingClientRect().height ?? 0;
    return { empty: Math.round(bottom - last), stage: Math.round(bottom - box.top), plot: Math.round(plot) };
  });

for (const [width, height] of [
  [1024, 768],
  [1366, 768],
  [1920, 1080],
] as const) {
  test(`at ${width}×${height} the stage's views fill it: no large empty area under the loss chart, with the default views and with two-run scenes`, async ({ page, baseURL }) => {
    const watch = watchPage(page, baseURL);
    await page.setViewportSize({ width, height });
    for (const query of ['', '&scene=paper-autoencoder', '&scene=one-cycle-vs-constant']) {
      await openPlayground(page, `?backend=cpu${query}`);
      await page.keyboard.press('p');
      await expect(page.getByTestId('presenter-stage').getByTestId('loss-chart')).toBeVisible();
      // The stage fits its views to the window over a few frames (useStageFit): wait for the fill.
      await expect
        .poll(async () => {
          const fill = await measureFill(page);
          return fill.empty / fill.stage;
        }, { message: `${query || 'default views'}: the empty height under the side column over the stage's`, timeout: 5000 })
        .toBeLessThanOrEqual(MAX_EMPTY_SHARE);
      const fill = await measureFill(page);
      // The stage does not fill by scrolling: its views end on the first screen.
      expect(fill.empty, `${query || 'default views'}: ${JSON.stringify(fill)}`).toBeGreaterThanOrEqual(0);
      await screenshot(page, `presenter-fill${query.replace('&scene=', '-')}-${width}x${height}`);
      await page.keyboard.press('Escape');
      await expect(page.locator('.app')).toHaveAttribute('data-presenter', 'off');
    }
    expect(watch.errors).toEqual([]);
  });
}
