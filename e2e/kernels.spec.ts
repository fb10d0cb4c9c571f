import { expect, test } from '@playwright/test';
import { openPlayground, readNumber, waitForSteps } from './helpers';

test('the kernels setting switches the path mid-run and the status bar says which one trains', async ({ page }) => {
  await openPlayground(page, '?backend=cpu');
  await expect(page.getByTestId('kernel-path')).toHaveText('fused');
  await page.getByTestId('play').click();
  await waitForSteps(page, 500);
  await page.getByTestId('kernels-select').selectOption('plain');
  await expect(page.getByTestId('kernel-path')).toHaveText('plain');
  const atSwitch = await readNumber(page, 'step-count');
  await waitForSteps(page, atSwitch + 100);
  await page.getByTestId('pause').click();
  await expect(page).toHaveURL(/kernels=plain/);
  expect(await readNumber(page, 'train-loss')).toBeLessThan(0.5);
});
