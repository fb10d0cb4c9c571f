import { expect, test } from '@playwright/test';
import { openPlayground, readNumber, waitForSteps, watchPage } from './helpers';

test('the kernels setting switches the path mid-run and the status bar says which one trains', async ({ page }) => {
  await openPlayground(page, '?backend=cpu&speed=0');
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

test('LocoProp-M on WebGPU trains on the fused kernel for 2-8-8-1: the status says fused, steps rise, no errors', async ({ page, baseURL }) => {
  // The WebGPU LocoProp kernel (algorithms/locoprop/webgpuLocoPropSteps.ts); its parity is e2e/fusedWebgpu.spec.ts's.
  test.setTimeout(120_000);
  const watch = watchPage(page, baseURL);
  await openPlayground(page, '?backend=webgpu&algorithm=locoprop-m');
  await expect(page.getByTestId('backend')).toHaveText('webgpu');
  await page.getByTestId('play').click();
  await expect(page.getByTestId('kernel-path')).toHaveText('fused');
  // Two ticks: the first is one step, the second up to four (growth 4×, engine/pacing.ts) of which all but a
  // diagnosed last one run fused. Each plain K = 10 step costs over a second on software WebGPU, so no more.
  await waitForSteps(page, 5, 60_000);
  await page.getByTestId('pause').click();
  await expect(page).toHaveURL(/algorithm=locoprop-m/);
  expect(watch.errors).toEqual([]);
});
