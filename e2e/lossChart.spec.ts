/**
 * The loss chart's lessons (issue 19): the too-high-rate scene keeps the stretch its diverged run rewound, grey
 * with an ✕ at the diverged step, and says so beside the chart and in the presenter bar; every run's best test
 * step is ringed; the recent window and log x say what they leave off and are remembered.
 */
import { type Page } from '@playwright/test';
import { expect, test } from './fixtures';
import { openChartOptions, openPlayground, pauseAndSettle, waitForSteps, watchPage } from './helpers';

const SHOTS = process.env.LOSSCHART_SHOTS;

async function shot(page: Page, name: string): Promise<void> {
  if (SHOTS) await page.screenshot({ path: `${SHOTS}/${name}.png` });
}

/** The x axis's tick labels of the loss chart (or the rate chart under it), as numbers. */
async function xTickValues(page: Page, chart = 'loss-chart'): Promise<number[]> {
  const texts = await page.getByTestId(chart).locator('.recharts-xAxis-tick-labels .recharts-cartesian-axis-tick-value').allTextContents();
  return texts.map(Number);
}

test('too high a learning rate: the diverged stretch stays on the chart, marked, with the message beside it', async ({ page, baseURL }) => {
  test.setTimeout(120_000);
  const watch = watchPage(page, baseURL);
  await page.setViewportSize({ width: 1366, height: 768 });
  await openPlayground(page, '?backend=cpu&scene=too-high-learning-rate');
  await page.getByTestId('play').click();
  const chart = page.getByTestId('loss-chart');
  const marker = chart.getByTestId('loss-diverged-marker');
  await expect(marker).toHaveCount(1, { timeout: 60_000 });
  // The run diverged a few steps in (step 6 on the CPU from the scene's seed) and was put back: its own line
  // rewound, the stretch it took back is drawn grey and dashed from the restored point to the diverged one.
  const atStep = Number(await marker.getAttribute('data-step'));
  expect(atStep).toBeGreaterThanOrEqual(2);
  expect(atStep).toBeLessThanOrEqual(10);
  await expect(marker).toContainText(`diverged at step ${atStep}`);
  await expect(marker.locator('title')).toContainText(`diverged at step ${atStep} (train loss `);
  const stretch = chart.locator('.loss-diverged-line path.recharts-curve');
  await expect(stretch).toHaveCount(1);
  await expect(stretch).toHaveAttribute('stroke-dasharray', '4 3');
  // More than one point: "M x,y L x,y …", one L per step after the first.
  const d = (await stretch.getAttribute('d')) ?? '';
  expect(d.split('L').length - 1).toBeGreaterThanOrEqual(2);
  await expect(page.getByTestId('status')).toContainText(`at step ${atStep}`);

  // The message sits in the chart's own area, in view with the chart.
  const note = chart.getByTestId('loss-divergence');
  await note.scrollIntoViewIfNeeded();
  await expect(note).toContainText(`Training diverged: the training loss reached`);
  await expect(note).toContainText(`at step ${atStep}`);
  await expect(note).toBeInViewport();
  await expect(chart.locator('.chart-plot')).toBeInViewport({ ratio: 0.5 });
  await expect(marker).toBeInViewport();
  await shot(page, 'diverged-1366');

  // The presenter bar says it too, in short.
  await page.getByTestId('presenter-toggle').click();
  const bar = page.getByTestId('presenter-divergence');
  await expect(bar).toContainText(`diverged at step ${atStep}`);
  await expect(bar).toBeInViewport();
  await shot(page, 'diverged-presenter-1366');
  if (SHOTS) {
    await page.setViewportSize({ width: 1024, height: 768 });
    await shot(page, 'diverged-presenter-1024');
    await page.setViewportSize({ width: 1366, height: 768 });
  }
  await page.getByTestId('presenter-toggle').click();
  await expect(bar).toHaveCount(0);

  expect(watch.errors).toEqual([]);

  // The message stays beside the chart at the other sizes.
  for (const [width, height] of [
    [1024, 768],
    [1920, 1080],
  ]) {
    await page.setViewportSize({ width, height });
    // The layout may re-render the chart at a new width: scroll to whichever note is there once it settles.
    await expect(async () => {
      await note.scrollIntoViewIfNeeded({ timeout: 2_000 });
      await expect(note).toBeInViewport({ timeout: 1_000 });
    }).toPass({ timeout: 20_000 });
    await shot(page, `diverged-${width}`);
  }
  if (SHOTS) {
    await page.getByTestId('theme-toggle').click();
    await expect(async () => note.scrollIntoViewIfNeeded({ timeout: 2_000 })).toPass({ timeout: 20_000 });
    await shot(page, 'diverged-1920-dark');
    await page.getByTestId('theme-toggle').click();
  }
  expect(watch.errors).toEqual([]);
});

test('the best test step is ringed; the recent window and log x say what they leave off and are remembered', async ({ page }) => {
  test.setTimeout(120_000);
  await page.setViewportSize({ width: 1366, height: 768 });
  await openPlayground(page, '?backend=cpu&speed=0');
  await page.getByTestId('play').click();
  await waitForSteps(page, 700, 90_000);
  const last = await pauseAndSettle(page);
  const chart = page.getByTestId('loss-chart');
  await chart.scrollIntoViewIfNeeded();
  const best = chart.getByTestId('loss-best-marker');
  await expect(best).toHaveCount(1);
  const bestStep = Number(await best.getAttribute('data-step'));
  expect(bestStep).toBeGreaterThan(0);
  expect(bestStep).toBeLessThanOrEqual(last);
  await expect(chart.getByTestId('loss-best')).toContainText(`best test loss`);
  await expect(chart.getByTestId('loss-best')).toContainText(`at step ${bestStep.toLocaleString('en-US')}`);
  await shot(page, 'best-1366');

  // The last 500 steps: the axis starts there, and the chart says the earlier ones are off it.
  await openChartOptions(page);
  await page.getByTestId('loss-window').selectOption('500');
  await expect(chart.getByTestId('loss-window-note')).toContainText(`Steps ${(last - 500).toLocaleString('en-US')}–${last.toLocaleString('en-US')} shown`);
  // At full speed a run reports some steps, not each one: the CSV holds those, and neither the note nor the button says more.
  await expect(chart.getByTestId('loss-window-note')).toContainText('the CSV holds every reported step');
  await expect(chart.getByTestId('loss-csv')).toHaveAttribute('title', /every reported step/);
  expect(Math.min(...(await xTickValues(page)))).toBeGreaterThanOrEqual(last - 500);
  // The learning-rate chart under it follows, so the two still line up.
  await expect.poll(async () => Math.min(...(await xTickValues(page, 'rate-chart')))).toBeGreaterThanOrEqual(last - 500);
  await shot(page, 'window-500-1366');
  await page.getByTestId('loss-window').selectOption('0');
  await expect(chart.getByTestId('loss-window-note')).toHaveCount(0);

  // Log x: decades on the axis, step 0 left out and said so.
  await page.getByTestId('log-x').check();
  await expect(chart.getByTestId('log-x-note')).toContainText('step 0 (the untrained network) cannot be placed');
  await expect.poll(() => xTickValues(page)).toEqual(expect.arrayContaining([10, 100]));
  await expect.poll(() => xTickValues(page, 'rate-chart')).toEqual(await xTickValues(page));
  await shot(page, 'log-x-1366');

  // Both are remembered with the other display preferences.
  await page.getByTestId('loss-window').selectOption('2000');
  await page.reload();
  await expect(page.getByTestId('loss-window')).toHaveValue('2000');
  await expect(page.getByTestId('log-x')).toBeChecked();
});

test('at step 0 the untrained losses are drawn: a one-point series is a dot', async ({ page }) => {
  await page.setViewportSize({ width: 1366, height: 768 });
  await openPlayground(page, '?backend=cpu');
  const chart = page.getByTestId('loss-chart');
  await chart.scrollIntoViewIfNeeded();
  await expect(page.getByTestId('step-count')).toHaveText('0');
  // Train and test loss at step 0, one point each: a path through one point draws nothing, so each is a dot.
  await expect.poll(() => chart.locator('[data-lone-points] circle').count(), { timeout: 30_000 }).toBeGreaterThanOrEqual(2);
  const radius = Number(await chart.locator('[data-lone-points] circle').first().getAttribute('r'));
  expect(radius).toBeGreaterThanOrEqual(3);
  await expect(chart.locator('[data-unplaced]')).toHaveCount(0);
  await shot(page, 'step0-1366');
});
