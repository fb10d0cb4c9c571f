import { readFile } from 'node:fs/promises';
import { type Page } from '@playwright/test';
import { expect, test } from './fixtures';
import { openChartOptions, openPlayground, savePicture, waitForSteps, watchPage } from './helpers';

/** Backprop, LocoProp-M, and a cyclical-rate run repeated over three seeds. */
const THREE_RUNS = '?backend=cpu&speed=0&runs=3&r2.algorithm=locoprop-m&r3.schedule=cyclical&r3.maxLearningRate=0.05&r3.stepSize=100&r3.repeatSeeds=3';

async function shootOutput(page: Page, name: string): Promise<void> {
  await savePicture(page.locator('section[aria-labelledby="output-heading"]'), `${process.env.E2E_OUTPUT ?? 'test-results'}/screenshots/${name}.png`);
}

test('the output charts overlay every run: loss with a seed band, rates, layer statistics, small boundaries', async ({ page, baseURL }) => {
  const watch = watchPage(page, baseURL);
  await page.setViewportSize({ width: 1366, height: 768 });
  await openPlayground(page, THREE_RUNS);
  await page.getByTestId('play').click();
  await waitForSteps(page, 300, 60_000);
  await page.getByTestId('pause').click();

  // Charts off screen hold still while training (they redraw once scrolled in), so look at each, as a person would.
  const loss = page.getByTestId('loss-chart');
  await loss.scrollIntoViewIfNeeded();
  await expect(loss).toHaveAttribute('data-series-count', '3');
  // The repeated run's band, train and test, behind its median lines.
  await expect(loss.locator('.recharts-area')).toHaveCount(2);
  await expect(loss.locator('.recharts-line')).toHaveCount(6);
  await expect(loss.locator('.run-legend-entry')).toHaveCount(3);
  await expect(loss.locator('.run-legend-entry').nth(2)).toContainText('median of 3 seeds, min–max band');
  await expect(page.getByTestId('loss-readout')).toContainText('Run 3: train');
  await openChartOptions(page);
  await page.getByTestId('band-kind').selectOption('iqr');
  await expect(loss.locator('.run-legend-entry').nth(2)).toContainText('interquartile band');

  const rate = page.getByTestId('rate-chart');
  await rate.scrollIntoViewIfNeeded();
  await expect(rate).toHaveAttribute('data-series-count', '3');
  expect(Number(await rate.getAttribute('data-max-lr'))).toBeGreaterThan(0.02);
  expect(Number(await rate.getAttribute('data-min-lr'))).toBeLessThanOrEqual(0.01);

  const layers = page.getByTestId('layer-stats-chart');
  await layers.scrollIntoViewIfNeeded();
  await expect(layers).toHaveAttribute('data-series-count', '3');
  expect(Number(await layers.getAttribute('data-lines'))).toBeGreaterThanOrEqual(12);

  const [download] = await Promise.all([page.waitForEvent('download'), page.getByTestId('loss-csv').click()]);
  const csv = await readFile(await download.path(), 'utf8');
  const lines = csv.split('\n');
  expect(lines[0]).toBe('run,step,epoch,examples,time_ms,metric,value');
  for (const position of [1, 2, 3]) expect(lines.some((line) => line.startsWith(`"Run ${position} ·`))).toBe(true);
  expect(lines.some((line) => line.includes(',train_loss_seed_'))).toBe(true);
  expect(csv).not.toMatch(/NaN/);

  // Hovering the loss chart reads the values under the pointer.
  const plot = loss.locator('.chart-plot');
  const box = await plot.boundingBox();
  if (!box) throw new Error('loss chart has no box');
  await page.mouse.move(box.x + box.width * 0.5, box.y + box.height * 0.5);
  await expect(page.getByTestId('loss-readout')).toContainText('at step');
  await shootOutput(page, 'comparison-output-1366');
  await page.mouse.move(0, 0);

  // Smoothed (raw lines faint behind the two single-seed runs), log y, each run on its own training time.
  await page.getByTestId('smoothing-slider').fill('0.6');
  await page.getByTestId('log-y').check();
  await page.getByTestId('x-axis').selectOption('time');
  await expect(loss.locator('.recharts-line')).toHaveCount(10);
  await expect(page.getByTestId('loss-readout')).toContainText('latest');
  await shootOutput(page, 'comparison-output-1366-smoothed-log-time');

  const smalls = page.getByTestId('decision-boundary-small');
  await expect(smalls).toHaveCount(2);
  await page.locator('[data-testid="decision-boundary-small"][data-run-id="run-2"]').click();
  await expect(page.locator('.boundary-title')).toContainText('Run 2');
  await expect(page.locator('[data-testid="decision-boundary-small"][data-run-id="run-1"]')).toBeVisible();

  await page.setViewportSize({ width: 1920, height: 1080 });
  await page.waitForTimeout(300);
  await shootOutput(page, 'comparison-output-1920');
  expect(watch.errors).toEqual([]);
});
