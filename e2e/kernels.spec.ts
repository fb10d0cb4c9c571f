import { expect, test } from './fixtures';
import { openPlayground, pauseAndSettle, readNumber, waitForSteps, watchPage } from './helpers';

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

test('on WebGPU the app trains on the fused kernel, backprop and then LocoProp-M (2-8-8-1): the status says fused, steps rise, the loss falls, no errors', async ({ page, baseURL }) => {
  // The WebGPU kernels (algorithms/backprop/webgpuTrainSteps.ts, algorithms/locoprop/webgpuLocoPropSteps.ts); their
  // parity is e2e/fusedWebgpu.spec.ts's. One WebGPU page for both: each load compiles its pipelines on SwiftShader.
  // On SwiftShader the live loop runs a few steps/s here: its evaluation and the plain diagnosed step of each tick
  // cost far more than the fused steps (bench/webgpu-fused-bench.ts measures the kernel alone).
  test.setTimeout(150_000);
  const watch = watchPage(page, baseURL);
  await openPlayground(page, '?backend=webgpu');
  await expect(page.getByTestId('backend')).toHaveText('webgpu');
  const initialLoss = await readNumber(page, 'train-loss');
  await page.getByTestId('play').click();
  await expect(page.getByTestId('kernel-path')).toHaveText('fused');
  await waitForSteps(page, 30, 60_000);
  await expect.poll(() => readNumber(page, 'train-loss'), { timeout: 30_000 }).toBeLessThan(initialLoss);
  const atSwitch = await pauseAndSettle(page);

  await page.getByTestId('algorithm-select').selectOption('locoprop-m');
  await expect(page).toHaveURL(/algorithm=locoprop-m/);
  await page.getByTestId('play').click();
  // Two ticks: the first is one step, the second up to four (growth 4×, engine/pacing.ts) of which all but a
  // diagnosed last one run fused. Each plain K = 10 step costs over a second on software WebGPU, so no more.
  await waitForSteps(page, atSwitch + 5, 60_000);
  await expect(page.getByTestId('kernel-path')).toHaveText('fused');
  await page.getByTestId('pause').click();
  expect(watch.errors).toEqual([]);
});
