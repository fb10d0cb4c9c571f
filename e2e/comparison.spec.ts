import { readFile } from 'node:fs/promises';
import { type Page } from '@playwright/test';
import { expect, test } from './fixtures';
import { openPlayground, savePicture, screenshot, watchPage } from './helpers';

const rows = (page: Page) => page.getByTestId('run-row');
const rowSteps = async (page: Page): Promise<number[]> => (await page.getByTestId('run-step-count').allTextContents()).map(Number);

/** Waits until every run's step count has stopped moving (pausing lets the tick in flight finish). */
async function settledSteps(page: Page): Promise<number[]> {
  let previous = '';
  await expect
    .poll(
      async () => {
        const now = JSON.stringify(await rowSteps(page));
        const settled = now === previous;
        previous = now;
        return settled;
      },
      { intervals: [400] },
    )
    .toBe(true);
  return JSON.parse(previous) as number[];
}

test('two runs train side by side: add, edit the copy, play, compare, export, remove', async ({ page, baseURL }) => {
  const watch = watchPage(page, baseURL);
  await openPlayground(page, '?backend=cpu');
  await expect(rows(page)).toHaveCount(1);
  await expect(page.getByTestId('remove-run')).toBeDisabled();
  await expect(page.getByTestId('editing-run')).toHaveCount(0);

  await page.getByTestId('add-run').click();
  await expect(rows(page)).toHaveCount(2);
  await expect(rows(page).nth(1)).toHaveAttribute('aria-selected', 'true');
  await expect(page.getByTestId('editing-run')).toContainText('Editing run 2 (same settings)');
  await page.getByTestId('algorithm-select').selectOption('locoprop-m');
  await expect(rows(page).nth(1).getByTestId('run-name')).toHaveText('LocoProp-M, γ = 3');
  await expect(page.getByTestId('editing-run')).toContainText('Editing run 2 (LocoProp-M, γ = 3)');
  // Run 1 kept its settings: selecting it shows backprop in the panels.
  await rows(page).nth(0).click();
  await expect(rows(page).nth(0)).toHaveAttribute('aria-selected', 'true');
  await expect(page.getByTestId('algorithm-select')).toHaveValue('backprop');
  // The rows are keyboard reachable: arrow keys move the selection.
  await rows(page).nth(0).press('ArrowDown');
  await expect(rows(page).nth(1)).toHaveAttribute('aria-selected', 'true');
  await expect(rows(page).nth(1)).toBeFocused();
  await expect(page.getByTestId('algorithm-select')).toHaveValue('locoprop-m');

  await page.getByTestId('play').click();
  await expect.poll(async () => Math.min(...(await rowSteps(page))), { timeout: 30_000 }).toBeGreaterThan(30);
  await page.getByTestId('pause').click();
  const [first, second] = await settledSteps(page);
  expect(first).toBeGreaterThan(30);
  expect(second).toBe(first); // lockstep: every run does the same steps
  // The top bar is the selected run's (run 2), classification accuracy as a percentage.
  await expect(page.getByTestId('step-count')).toHaveText(String(second));
  await expect(page.getByTestId('train-accuracy')).toHaveText(/^\d+\.\d%$/);
  await expect(page.getByTestId('test-accuracy')).toHaveText(/^\d+\.\d%$/);
  for (const id of ['run-train-loss', 'run-test-loss']) {
    for (const text of await page.getByTestId(id).allTextContents()) expect(Number(text)).toBeGreaterThan(0);
  }

  // The summary: a row per run; a target both runs passed reports a step, one far below says "not yet".
  await expect(page.getByTestId('summary-row')).toHaveCount(2);
  const target = page.getByTestId('target-loss-input');
  // Auto: the highest best loss among the runs, which every run has reached, so both report a step.
  await expect(target).toHaveValue('');
  await expect(target).toHaveAttribute('placeholder', 'auto');
  await expect(page.getByTestId('summary-target-step')).toHaveText([/^step \d+$/, /^step \d+$/]);
  const autoTarget = Number(await page.getByTestId('summary-target-loss').textContent());
  const bestLosses = (await page.getByTestId('summary-best-train-loss').allTextContents()).map(Number);
  expect(autoTarget).toBe(Math.max(...bestLosses));
  await target.fill('0.69');
  await target.press('Enter');
  await expect(page.getByTestId('summary-target-step').nth(0)).toHaveText(/^step \d+$/);
  await target.fill('0.000001');
  await target.press('Enter');
  await expect(page.getByTestId('summary-target-step')).toHaveText(['not yet', 'not yet']);
  const download = page.waitForEvent('download');
  await page.getByTestId('export-summary').click();
  const csv = (await readFile(await (await download).path(), 'utf8')).trim().split('\n');
  expect(csv).toHaveLength(3);
  expect(csv[1]).toMatch(/^1,"Backprop, Adam, lr 0\.01",1,\d+,/);
  expect(csv[2]).toMatch(/^2,"LocoProp-M, γ = 3",1,\d+,/);
  // Cleared: back to auto, in reach of both runs for the screenshots below.
  await target.fill('');
  await target.press('Enter');
  await expect(page.getByTestId('summary-target-step')).toHaveText([/^step \d+$/, /^step \d+$/]);

  // Both runs on the loss chart, its legend naming them; hiding a run takes it off the chart but keeps its
  // row (dimmed, numbers still live) and does not select it.
  const chart = page.getByTestId('loss-chart');
  await expect(chart).toContainText('Run 1');
  await expect(chart).toContainText('Run 2');
  await rows(page).nth(0).getByTestId('run-visible').uncheck();
  await expect(rows(page).nth(0)).toHaveClass(/is-hidden/);
  await expect(rows(page).nth(0)).toHaveAttribute('aria-selected', 'false');
  await expect(chart).not.toContainText('Run 1');
  await expect(chart).toContainText('Run 2');
  await rows(page).nth(0).getByTestId('run-visible').check();
  await expect(chart).toContainText('Run 1');

  for (const [width, height] of [
    [1366, 768],
    [1920, 1080],
  ]) {
    await page.setViewportSize({ width, height });
    await screenshot(page, `comparison-${width}x${height}`);
    // What a person sees before scrolling.
    await savePicture(page, `${process.env.E2E_OUTPUT ?? 'test-results'}/screenshots/comparison-${width}x${height}-viewport.png`);
  }

  await rows(page).nth(1).getByTestId('remove-run').click();
  await expect(rows(page)).toHaveCount(1);
  await expect(page.getByTestId('remove-run')).toBeDisabled();
  await expect(page.getByTestId('editing-run')).toHaveCount(0);
  await expect(page.getByTestId('algorithm-select')).toHaveValue('backprop');
  expect(watch.errors).toEqual([]);
});

test('an address with two runs loads both rows; equal-time pacing lets the costlier LocoProp-M fall behind', async ({ page }) => {
  // Full speed, whatever the default pace: each tick's time is then shared by the planner (engine/pacing.ts).
  // A network large enough that a step's arithmetic, not a tick's fixed cost, sets each run's clock under load.
  await openPlayground(page, '?backend=cpu&speed=0&hidden=16,16&batchSize=32&runs=2&r2.algorithm=locoprop-m');
  await expect(rows(page)).toHaveCount(2);
  await expect(page.getByTestId('run-name')).toHaveText(['Backprop, Adam, lr 0.01', 'LocoProp-M, γ = 3']);
  await page.getByTestId('pacing-select').selectOption('time');
  await page.getByTestId('play').click();
  await expect.poll(async () => (await rowSteps(page))[0], { timeout: 30_000 }).toBeGreaterThan(500);
  await page.getByTestId('pause').click();
  const steps = await settledSteps(page);
  // Each run's own training clock (its ticks only, evaluation included) over its steps, as the summary shows it.
  const msPerStep = (await page.getByTestId('summary-ms-per-step').allTextContents()).map(Number);
  const clocks = msPerStep.map((ms, i) => ms * steps[i]);
  console.log(`equal time: steps ${steps.join(' / ')}, ms per step ${msPerStep.join(' / ')}, own clocks ${clocks.map((c) => c.toFixed(0)).join(' / ')} ms`);
  expect(steps[1]).toBeGreaterThan(0);
  // K = 10 inner iterations: a LocoProp-M step costs more than a backprop step by the runs' own clocks…
  expect(msPerStep[1]).toBeGreaterThan(msPerStep[0]);
  // …so sharing the time, not the steps, leaves it behind (lockstep would give both the same count).
  expect(steps[1]).toBeLessThan(steps[0]);
});

test('repeating a run over seeds: typed count applies on Enter, clamps are reported, the summary compares bands', async ({ page }) => {
  await openPlayground(page, '?backend=cpu&runs=2&r2.learningRate=0.1');
  const seeds = page.getByTestId('repeat-seeds-input');
  await seeds.fill('0');
  await seeds.press('Enter');
  await expect(page.getByTestId('status')).toContainText('Repeat over seeds: 0 is outside 1–10');
  await expect(seeds).toHaveValue('1');

  await seeds.fill('3');
  await seeds.press('Enter');
  await expect(rows(page).nth(0)).toContainText('3 seeds');
  await rows(page).nth(1).click();
  await expect(seeds).toHaveValue('1');
  await seeds.fill('3');
  await seeds.blur();
  await expect(rows(page).nth(1)).toContainText('3 seeds');

  await page.getByTestId('step').click();
  await expect(page.getByTestId('summary-seeds')).toHaveText(['median of 3 seeds', 'median of 3 seeds']);
  await expect(page.getByTestId('band-comparison')).toContainText(/Run [12]/);
  await screenshot(page, 'comparison-seeds');
});
