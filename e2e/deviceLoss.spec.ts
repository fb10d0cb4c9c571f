import { expect, test } from './fixtures';
import { openPlayground, readNumber, waitForSteps, watchPage } from './helpers';

// A WebGPU device lost while a tick or a range test is in flight (issue 21 item 6). SwiftShader's WebGPU is
// slow: a few steps on it only, the rest on the CPU the runs move to.

// One WebGPU page for the two losses (each WebGPU page load compiles its pipelines on SwiftShader, seconds of CPU):
// the second loss comes on the fresh device that choosing WebGPU again gives.
test('a WebGPU device lost mid-tick moves the playing run to the CPU, which trains on; WebGPU chosen again gets a fresh device; lost during a range test, the run is restored on the CPU and the sweep finishes there', async ({ page }) => {
  test.setTimeout(150_000);
  await openPlayground(page, '?backend=webgpu&rangeSteps=30');
  await expect(page.getByTestId('backend')).toHaveText('webgpu');
  await page.getByTestId('step').click();
  await expect(page.getByTestId('step-count')).toHaveText('1', { timeout: 30_000 });

  await page.evaluate(() => window.locolab?.client.send({ type: 'simulateDeviceLoss', when: 'mid-tick' }));
  await page.getByTestId('play').click();
  const status = page.getByTestId('status');
  await expect(status).toContainText('The WebGPU device was lost in the middle of a tick', { timeout: 30_000 });
  await expect(status).toContainText('continues from step 1, the last one read back');
  // The page words why WebGL was passed over too (state/backendMessages.ts), from the worker's facts.
  await expect(status).toContainText(/Training on CPU\. WebGL runs in software here \(.+\), slower than the CPU backend\. Pick a backend under Training to override\./);
  await expect(status).not.toContainText('Training stopped');
  await expect(page.getByTestId('backend')).toHaveText('cpu');
  // Still playing, and training on past the lost tick.
  await expect(page.getByTestId('pause')).toHaveAttribute('aria-pressed', 'true');
  await waitForSteps(page, 30);
  await page.getByTestId('pause').click();
  await expect(page.getByTestId('play')).toHaveAttribute('aria-pressed', 'false');

  // The backend control shows where the runs went, so choosing WebGPU again is one change the worker hears,
  // and it trains on a fresh device (issue 21: the control still read WebGPU and choosing it did nothing).
  await expect(page.getByTestId('backend-select')).toHaveValue('cpu');
  await page.getByTestId('backend-select').selectOption('webgpu');
  await expect(page.getByTestId('backend')).toHaveText('webgpu', { timeout: 30_000 });
  const before = await readNumber(page, 'step-count');
  await page.getByTestId('step').click();
  await expect(page.getByTestId('step-count')).toHaveText(String(before + 1), { timeout: 30_000 });
  expect(Number.isFinite(await readNumber(page, 'train-loss'))).toBe(true);
  await expect(page.getByTestId('backend')).toHaveText('webgpu');
  await expect(status).not.toContainText('Training stopped');

  // The fresh device lost while the range test sweeps: the run is put back as it was, on the CPU.
  const step = String(before + 1);
  const lossBefore = await page.getByTestId('train-loss').textContent();
  await page.evaluate(() => window.locolab?.client.send({ type: 'simulateDeviceLoss', when: 'mid-tick' }));
  await page.getByTestId('find-lr').click();
  await expect(status).toContainText('The WebGPU device was lost during the learning-rate range test', { timeout: 60_000 });
  await expect(status).toContainText(`restored to step ${step} on CPU, and the sweep runs again there`);
  await expect(page.getByTestId('backend')).toHaveText('cpu');
  await expect(status).toContainText(`The run was put back exactly as it was (step ${step})`, { timeout: 30_000 });
  await expect(status).not.toContainText('cancelled');
  expect(Number(await page.getByTestId('range-chart').getAttribute('data-points'))).toBeGreaterThan(0);
  await expect(page.getByTestId('step-count')).toHaveText(step);
  await expect(page.getByTestId('train-loss')).toHaveText(lossBefore ?? '');
  await expect(status).not.toContainText('Training stopped');
});

// The warm-up keeps a scratch copy on WebGPU for a second after the runs show, to compile its diagnosed step then
// (worker/warmUp.ts); lost meanwhile, the runs move to the CPU and the copy must not follow them there.
test('a WebGPU device lost as soon as the runs show moves them to the CPU, where they train with nothing of the warm-up in the way', async ({ page, baseURL }) => {
  const watch = watchPage(page, baseURL);
  await openPlayground(page, '?backend=webgpu');
  await page.evaluate(() => window.locolab?.client.send({ type: 'simulateDeviceLoss' }));
  await expect(page.getByTestId('status')).toContainText('WebGPU device was lost');
  await expect(page.getByTestId('backend')).not.toHaveText('webgpu');
  await page.getByTestId('play').click();
  await waitForSteps(page, 50);
  await page.getByTestId('pause').click();
  await expect(page.getByTestId('status')).not.toContainText('Training stopped');
  expect(watch.errors).toEqual([]);
});
