/**
 * The loss chart's axes (issue 19 review): log x over a recent window keeps numbers on its axis, the y axis
 * follows the live runs beside a kept diverged stretch, and the y title never meets its tick labels or gets cut.
 * Screenshots into CHARTAXES_SHOTS at 1024×768, 1366×768 and 1920×1080, light and dark.
 */
import { type Page } from '@playwright/test';
import { expect, test } from './fixtures';
import { openChartOptions, openPlayground, pauseAndSettle, savePicture, waitForSteps } from './helpers';

const SHOTS = process.env.CHARTAXES_SHOTS;
const SIZES = [
  { width: 1024, height: 768 },
  { width: 1366, height: 768 },
  { width: 1920, height: 1080 },
];

async function shots(page: Page, name: string): Promise<void> {
  if (!SHOTS) return;
  for (const size of SIZES) {
    await page.setViewportSize(size);
    await page.getByTestId('loss-chart').scrollIntoViewIfNeeded();
    await page.waitForTimeout(300);
    await savePicture(page.getByTestId('loss-chart'), `${SHOTS}/${name}-${size.width}.png`);
  }
}

/** The y axis's title and tick label boxes: the title must end left of every label and lie inside the plot's svg. */
async function yAxisBoxes(page: Page) {
  const chart = page.getByTestId('loss-chart');
  const titleEl = chart.locator('.loss-plot .recharts-label').filter({ hasText: /^loss/ });
  const title = await titleEl.boundingBox();
  const labels = await chart.locator('.recharts-yAxis-tick-labels text').evaluateAll((els) => els.map((el) => el.getBoundingClientRect().left));
  const svg = await chart.locator('.loss-plot svg.recharts-surface').first().boundingBox();
  const text = await titleEl.textContent();
  return { title, labels, svg, text };
}

async function expectTitleClear(page: Page): Promise<void> {
  const { title, labels, svg } = await yAxisBoxes(page);
  expect(title).not.toBeNull();
  expect(labels.length).toBeGreaterThan(1);
  expect((title?.x ?? 0) + (title?.width ?? 0)).toBeLessThanOrEqual(Math.min(...labels));
  expect(title?.y ?? 0).toBeGreaterThanOrEqual(svg?.y ?? 0);
  expect((title?.y ?? 0) + (title?.height ?? 0)).toBeLessThanOrEqual((svg?.y ?? 0) + (svg?.height ?? 0));
  expect(title?.x ?? -1).toBeGreaterThanOrEqual(svg?.x ?? 0);
}

test('log x over the last 500 steps: the axis has numbers, the y title clears its labels at every size', async ({ page }) => {
  test.setTimeout(180_000);
  await page.setViewportSize({ width: 1366, height: 768 });
  // At full speed to a budget of 1,200 steps, where the run pauses itself.
  await openPlayground(page, '?backend=cpu&speed=0&budget=1200');
  await page.getByTestId('play').click();
  await waitForSteps(page, 1200, 120_000);
  await expect(page.getByTestId('play')).toHaveAttribute('aria-pressed', 'false');
  await openChartOptions(page);
  await page.getByTestId('loss-window').selectOption('500');
  await page.getByTestId('log-x').check();
  const chart = page.getByTestId('loss-chart');
  const ticks = chart.locator('.recharts-xAxis-tick-labels .recharts-cartesian-axis-tick-value');
  await expect.poll(async () => (await ticks.allTextContents()).length).toBeGreaterThanOrEqual(3);
  for (const size of SIZES) {
    await page.setViewportSize(size);
    await expect.poll(async () => (await ticks.allTextContents()).length).toBeGreaterThanOrEqual(3);
    await chart.scrollIntoViewIfNeeded();
    await expectTitleClear(page);
  }
  await shots(page, 'logx-window-light');
  await page.getByTestId('theme-toggle').click();
  await shots(page, 'logx-window-dark');
});

test('a phone: the y title is whole, not cut to "…entropy)"', async ({ page }) => {
  await page.setViewportSize({ width: 390, height: 844 });
  await openPlayground(page, '?backend=cpu');
  await page.getByTestId('loss-chart').scrollIntoViewIfNeeded();
  await expectTitleClear(page);
  const { title, svg, text } = await yAxisBoxes(page);
  expect(text).toMatch(/^loss/);
  expect(title?.height ?? 0).toBeLessThanOrEqual(svg?.height ?? 0);
  if (SHOTS) await page.getByTestId('loss-chart').screenshot({ path: `${SHOTS}/phone-390.png` });
});

test('too high a learning rate: the y axis follows runs 1 and 2, the diverged ✕ is off the scale', async ({ page }) => {
  test.setTimeout(180_000);
  await page.setViewportSize({ width: 1366, height: 768 });
  // A pace of 100 steps/s, not full speed: divergence is judged at a tick's end, and at full speed a tick's size
  // follows the machine's load, so on a loaded machine run 3's early blow-up could fall inside a tick and be missed
  // until step 2,690, its spikes meanwhile part of its own line and so of the axis (CI, 2026-12-06).
  await openPlayground(page, '?backend=cpu&scene=too-high-learning-rate&speed=100');
  await page.getByTestId('play').click();
  const chart = page.getByTestId('loss-chart');
  const marker = chart.getByTestId('loss-diverged-marker');
  await expect(marker).toHaveCount(1, { timeout: 60_000 });
  await waitForSteps(page, 300, 120_000);
  await pauseAndSettle(page);
  await expect(marker).toContainText('off the scale');
  await expect(marker.locator('title')).toContainText('off the scale');
  const yTicks = (await chart.locator('.recharts-yAxis-tick-labels text').allTextContents()).map(Number);
  // The live runs' losses start near 0.7-1 (cross-entropy of an untrained net): the axis tops out near 1.5 × that, not at 12–15.
  expect(Math.max(...yTicks)).toBeLessThanOrEqual(2);
  await expectTitleClear(page);
  await shots(page, 'diverged-light');
  await page.getByTestId('theme-toggle').click();
  await shots(page, 'diverged-dark');
});

test('a learning-rate sweep: the response chart x axis writes its labels in one notation', async ({ page }) => {
  test.setTimeout(150_000);
  await page.setViewportSize({ width: 1366, height: 768 });
  await openPlayground(page, '?backend=cpu&optimizer=sgd&sweep=learningRate,0.0001,1,5,log&sweepSeeds=1&sweepBudget=100');
  await page.getByTestId('sweep-start').click();
  await expect(page.getByTestId('sweep-progress')).toHaveText('5 / 5 runs', { timeout: 90_000 });
  const chart = page.getByTestId('sweep-chart');
  const labels = await chart.locator('text.sweep-tick[text-anchor="middle"]').allTextContents();
  const numeric = labels.filter((label) => /^[\d.e-]+$/.test(label));
  expect(numeric.length).toBeGreaterThanOrEqual(3);
  // All with an exponent (1e-4 … 1e-2, 0.1 → 1e-1) or none.
  const withExponent = numeric.filter((label) => label.includes('e'));
  expect([0, numeric.length]).toContain(withExponent.length);
  if (!SHOTS) return;
  for (const theme of ['light', 'dark']) {
    if (theme === 'dark') await page.getByTestId('theme-toggle').click();
    for (const size of SIZES) {
      await page.setViewportSize(size);
      await chart.scrollIntoViewIfNeeded();
      await savePicture(chart, `${SHOTS}/sweep-${theme}-${size.width}.png`);
    }
  }
});
