import { type Page } from '@playwright/test';
import { expect, test } from './fixtures';
import { openPlayground, readNumber, screenshot, waitForSteps } from './helpers';

async function setNumber(page: Page, name: string, value: string): Promise<void> {
  const input = page.getByTestId(`${name}-input`);
  await input.fill(value);
  await input.press('Enter');
}

test('triangular CLR: preview, then the learning rate used cycles between base and max', async ({ page }) => {
  await openPlayground(page, '?backend=cpu&speed=300');
  // Far below the fold at the start, the preview's chart is not drawn until it comes near the screen (issue 20 §7).
  const preview = page.getByTestId('schedule-preview');
  await expect(preview).toBeAttached();
  expect(await preview.evaluate((figure) => figure.getBoundingClientRect().top > window.innerHeight + 200)).toBe(true);
  expect(await preview.locator('svg.recharts-surface').count()).toBe(0);
  await page.getByTestId('schedule-select').selectOption('cyclical');
  await setNumber(page, 'maxLearningRate', '0.05');
  await setNumber(page, 'stepSize', '50');
  await expect(page).toHaveURL(/schedule=cyclical/);
  await expect(preview.locator('.recharts-line path')).not.toHaveCount(0);
  await expect(preview).toContainText('momentum');
  await screenshot(page, 'schedule-editor');

  await page.getByTestId('play').click();
  const seen = new Set<string>();
  for (let i = 0; i < 6; i++) {
    seen.add((await page.getByTestId('learning-rate').textContent()) ?? '');
    await page.waitForTimeout(250);
  }
  expect(seen.size).toBeGreaterThan(3);
  await waitForSteps(page, 320, 30_000);
  await page.getByTestId('pause').click();
  const chart = page.getByTestId('rate-chart');
  // Charts off screen skip their redraws (useOnScreen): bring it into view first.
  await chart.scrollIntoViewIfNeeded();
  await expect.poll(async () => Number(await chart.getAttribute('data-max-lr'))).toBeGreaterThan(0.049);
  expect(Number(await chart.getAttribute('data-max-lr'))).toBeLessThanOrEqual(0.05);
  expect(Number(await chart.getAttribute('data-min-lr'))).toBeCloseTo(0.01, 3);
  await expect(chart.locator('.recharts-line path')).not.toHaveCount(0);
  await screenshot(page, 'schedule-training');
});

test('one-cycle stops at its last step with a message and holds the final rate', async ({ page }) => {
  await openPlayground(page, '?backend=cpu&schedule=one-cycle&totalSteps=200&maxLearningRate=0.05');
  await page.getByTestId('play').click();
  await expect(page.getByTestId('status')).toContainText('The one-cycle schedule ended at step 200');
  await expect(page.getByTestId('step-count')).toHaveText('200');
  await expect(page.getByTestId('play')).toBeVisible();
  const finalRate = Number(await page.getByTestId('learning-rate').textContent());
  expect(finalRate).toBeCloseTo(0.05 / 25 / 1e4, 10);
  await page.getByTestId('step').click();
  await expect(page.getByTestId('step-count')).toHaveText('201');
  expect(await readNumber(page, 'learning-rate')).toBe(finalRate);
});
