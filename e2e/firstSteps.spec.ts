/**
 * Plain kernels on WebGPU compile their shaders on first use (11 s to the first step on Debian's software GPU):
 * after Play the status bar says so, and the first tick takes the words back.
 */
import { expect, test } from '@playwright/test';
import { openPlayground, waitForSteps } from './helpers';

test('WebGPU plain kernels: "Preparing the first steps" shows after Play and goes at the first steps', async ({ page }) => {
  test.setTimeout(120_000);
  await page.setViewportSize({ width: 1366, height: 768 });
  await openPlayground(page, '?backend=webgpu&kernels=plain');
  await page.getByTestId('play').click();
  const status = page.getByTestId('status');
  await expect(status).toContainText('Preparing the first steps on WebGPU: the GPU programs compile on first use', { timeout: 30_000 });
  const shots = process.env.FIRSTSTEPS_SHOTS;
  for (const size of shots ? [{ width: 1024, height: 768 }, { width: 1366, height: 768 }, { width: 1920, height: 1080 }] : []) {
    await page.setViewportSize(size);
    await page.screenshot({ path: `${shots}/first-steps-${size.width}.png` });
  }
  await waitForSteps(page, 1, 90_000);
  await expect(status).not.toContainText('Preparing the first steps', { timeout: 10_000 });
});
