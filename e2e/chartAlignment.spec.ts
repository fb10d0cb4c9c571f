/**
 * The loss chart and the rate chart under it share their x positions: both plots start at the same x (one y-axis
 * width), so the "0" step tick sits at the same x in both, at every window size. Each export row names its chart.
 * Screenshots into CHARTALIGN_SHOTS at 1024×768, 1366×768 and 1920×1080.
 */
import { type Page } from '@playwright/test';
import { expect, test } from './fixtures';
import { openChartOptions, openPlayground, pauseAndSettle, savePicture, waitForSteps } from './helpers';

const SHOTS = process.env.CHARTALIGN_SHOTS;
const SIZES = [
  { width: 1024, height: 768 },
  { width: 1366, height: 768 },
  { width: 1920, height: 1080 },
];

/**
 * The centre x of a chart's "0" x-axis tick label, or NaN while it is not laid out (Recharts redraws its axes after a
 * resize: seen once in CI between two polls), so the poll below tries again and fails only if it never appears.
 */
async function zeroTickX(page: Page, testId: string): Promise<number> {
  const label = page.getByTestId(testId).locator('.recharts-xAxis-tick-labels text').filter({ hasText: /^0$/ }).first();
  const box = await label.boundingBox({ timeout: 1000 }).catch(() => null);
  return box ? box.x + box.width / 2 : Number.NaN;
}

test('the loss and rate charts put step 0 at the same x; each export row says which chart it exports', async ({ page }) => {
  test.setTimeout(120_000);
  await page.setViewportSize(SIZES[0]);
  // One-cycle cycles the momentum, so the rate chart draws its right axis too.
  await openPlayground(page, '?backend=cpu&speed=0&budget=150&schedule=one-cycle&totalSteps=150&maxLearningRate=0.05');
  await page.getByTestId('play').click();
  await waitForSteps(page, 150, 90_000);
  await expect(page.getByTestId('play')).toHaveAttribute('aria-pressed', 'false');
  await openChartOptions(page);
  await expect(page.getByTestId('loss-export-caption')).toHaveText('Loss chart:');
  await expect(page.getByTestId('rate-export-caption')).toHaveText('Learning-rate chart:');
  for (const size of SIZES) {
    await page.setViewportSize(size);
    await expect.poll(async () => Math.abs((await zeroTickX(page, 'loss-chart')) - (await zeroTickX(page, 'rate-chart')))).toBeLessThan(1);
    if (SHOTS) {
      await page.getByTestId('rate-chart').scrollIntoViewIfNeeded();
      await savePicture(page, `${SHOTS}/charts-${size.width}.png`);
    }
  }
});

/** A chart's x tick labels, and the centre x of its last one. */
async function xTicks(page: Page, testId: string): Promise<{ labels: string[]; lastX: number }> {
  const labels = page.getByTestId(testId).locator('.recharts-xAxis-tick-labels text');
  const texts = await labels.allTextContents();
  const box = await labels.last().boundingBox();
  return { labels: texts, lastX: box ? box.x + box.width / 2 : Number.NaN };
}

test('trained at full speed and paused, both charts draw the same x range, out to a tick at or past the last step', async ({ page }) => {
  test.setTimeout(120_000);
  await page.setViewportSize({ width: 1366, height: 768 });
  await openPlayground(page, '?backend=cpu&speed=0');
  await page.getByTestId('play').click();
  // Past the first seconds, where the range reaches ahead of a fast run (charts/drawnXRange.ts).
  await waitForSteps(page, 5000, 60_000);
  const step = await pauseAndSettle(page);
  await page.getByTestId('rate-chart').scrollIntoViewIfNeeded();
  await expect.poll(async () => (await xTicks(page, 'rate-chart')).labels.join(' ')).toBe((await xTicks(page, 'loss-chart')).labels.join(' '));
  const loss = await xTicks(page, 'loss-chart');
  const rate = await xTicks(page, 'rate-chart');
  expect(Math.abs(loss.lastX - rate.lastX)).toBeLessThan(1);
  // Settled on the data: the axis ends at the first tick at or past the last step, within a third of the width.
  const end = Number(loss.labels.at(-1)?.replace(/[^0-9.]/g, ''));
  expect(end).toBeGreaterThanOrEqual(step);
  expect(step / end).toBeGreaterThanOrEqual(2 / 3 - 0.01);
});
