/**
 * SGD-HD and Adam-HD on WebGPU (issue 17 §5, §8): the app's run takes the fused WGSL kernel (trainStepsWgsl.ts, one
 * workgroup wide), from the warm-up on. The warm-up records a scratch step in compile-only mode before the runs show
 * (worker/warmUp.ts); its -HD step used to leave the adapted rates without a device buffer, so the optimizer's slice of
 * them threw there and the warm-up gave up ("could not compile ahead") on every -HD page.
 */
import { expect, test } from './fixtures';
import { openPlayground, waitForSteps, watchPage } from './helpers';

test('Adam-HD on WebGPU: warmed up without a warning, trains on the fused kernel, and its learning rate adapts', async ({ page, baseURL }) => {
  const watch = watchPage(page, baseURL);
  const warnings: string[] = [];
  page.on('console', (message) => {
    if (message.type() === 'warning' && /warm-up/i.test(message.text())) warnings.push(message.text());
  });
  await openPlayground(page, '?backend=webgpu&optimizer=adam-hd&hypergradientRate=0.001&learningRate=0.001&speed=0');
  await expect(page.getByTestId('backend')).toHaveText('webgpu');
  await page.getByTestId('play').click();
  await waitForSteps(page, 200, 60_000);
  await page.getByTestId('pause').click();
  await expect(page.getByTestId('kernel-path')).toContainText('fused');
  // The rate the top bar shows is α as adapted, no longer the 0.001 it started from.
  const rate = async (): Promise<number> => Number(await page.getByTestId('learning-rate').textContent());
  // A number (the bar shows — for none, which Number reads as NaN), and no longer the rate it started from.
  await expect.poll(rate, { timeout: 10_000 }).toBeGreaterThan(Number.NEGATIVE_INFINITY);
  expect(Number.isFinite(await rate())).toBe(true);
  expect(await rate()).not.toBe(0.001);
  expect(warnings).toEqual([]);
  expect(watch.errors).toEqual([]);
});
