import { expect, test } from './fixtures';
import { openPlayground, pauseAndSettle, readNumber, screenshot, waitForSteps, watchPage } from './helpers';

test('loads with no console errors and no requests to other origins', async ({ page, baseURL }) => {
  const watch = watchPage(page, baseURL);
  await openPlayground(page, '');
  await expect(page.getByTestId('backend')).toHaveText(/^(webgpu|webgl|cpu)$/);
  // `auto` (the default) measures the CPU and this Chromium's WebGPU (SwiftShader on CI) once the run is shown,
  // and takes the faster.
  const measured = /^auto: CPU ([\d,.]+) steps\/s \(\w+\), WebGPU ([\d,.]+) steps\/s/;
  await expect(page.getByTestId('backend')).toHaveAttribute('title', measured);
  const rates = measured.exec((await page.getByTestId('backend').getAttribute('title')) ?? '');
  const [cpu, webgpu] = [rates?.[1], rates?.[2]].map((rate) => Number(rate?.replace(/,/g, '')));
  await expect(page.getByTestId('backend')).toHaveText(cpu >= webgpu ? 'cpu' : 'webgpu');
  // On the CPU the fused kernels' products run in WebAssembly SIMD inside the worker, under the page's CSP.
  if (cpu >= webgpu) await expect(page.getByTestId('backend')).toHaveAttribute('title', /fused kernels' matrix products in WebAssembly SIMD/);
  await page.getByTestId('play').click();
  await waitForSteps(page, 50);
  await page.getByTestId('pause').click();
  expect(watch.errors).toEqual([]);
  expect(watch.foreignRequests).toEqual([]);
});

/** The training worker's chunks of the GPU backends' code, which it loads only when it starts that backend. */
const gpuBackendChunks = (requests: string[]): string[] => requests.map((url) => /\/(tfjs-backend-web(?:gl|gpu))-[\w-]+\.js$/.exec(url)?.[1] ?? '').filter(Boolean);

test('CPU: play trains (steps rise, loss falls), pause stops, step adds exactly one; the GPU backends\' code is never fetched', async ({ page, baseURL }) => {
  const watch = watchPage(page, baseURL);
  await openPlayground(page, '?backend=cpu&speed=0');
  await expect(page.getByTestId('backend')).toHaveText('cpu');
  const initialLoss = await readNumber(page, 'train-loss');
  expect(initialLoss).toBeGreaterThan(0.6);

  await page.getByTestId('play').click();
  await expect(page.getByTestId('pause')).toHaveAttribute('aria-pressed', 'true');
  await waitForSteps(page, 500);
  await expect.poll(() => readNumber(page, 'train-loss')).toBeLessThan(initialLoss / 2);
  await expect(page.getByTestId('steps-per-second')).toHaveText(/^\d/);
  await expect(page.getByTestId('learning-rate')).toHaveText('0.01');

  const paused = await pauseAndSettle(page);
  await page.waitForTimeout(700);
  expect(await readNumber(page, 'step-count')).toBe(paused);

  await page.getByTestId('step').click();
  await expect(page.getByTestId('step-count')).toHaveText(String(paused + 1));
  await page.getByTestId('step').click();
  await expect(page.getByTestId('step-count')).toHaveText(String(paused + 2));
  await page.waitForTimeout(500);
  await expect(page.getByTestId('step-count')).toHaveText(String(paused + 2));
  expect(Number(await page.getByTestId('epoch').textContent())).toBeGreaterThan(0);
  expect(watch.requests.some((url) => /\/worker-[\w-]+\.js$/.test(url))).toBe(true);
  expect(gpuBackendChunks(watch.requests)).toEqual([]);
  await screenshot(page, 'main-view');
});

// WebGL's training test is security.spec.ts's (the CSP while training on WebGL, where the loss must fall).

// One WebGPU page for both (each WebGPU page load compiles its pipelines on SwiftShader, seconds of CPU).
test('WebGPU: Play pressed as soon as the runs show trains while the warm-up compiles, Pause and Step work meanwhile; a device lost between ticks moves the run to another backend without losing it', async ({ page, baseURL }) => {
  const watch = watchPage(page, baseURL);
  await openPlayground(page, '?backend=webgpu');
  await expect(page.getByTestId('backend')).toHaveText('webgpu');
  // At once: the warm-up's diagnosed-step pipelines are still compiling in parallel (worker/warmUp.ts), and the
  // pause's evaluation meets shader keys that compile was given; neither may stop training.
  await page.getByTestId('play').click();
  await waitForSteps(page, 1, 30_000);
  // A tick in flight at the click still reports; on SwiftShader, beside the compile, it can take over a second.
  const paused = await pauseAndSettle(page, { interval: 2000 });
  for (let i = 1; i <= 2; i++) {
    await page.getByTestId('step').click();
    await expect(page.getByTestId('step-count')).toHaveText(String(paused + i), { timeout: 30_000 });
  }
  await expect(page.getByTestId('status')).not.toContainText('Training stopped');
  expect(Number.isFinite(await readNumber(page, 'train-loss'))).toBe(true);
  await screenshot(page, 'webgpu');
  expect(watch.errors).toEqual([]);
  expect(gpuBackendChunks(watch.requests)).toEqual(['tfjs-backend-webgpu']);
  const lossBefore = await page.getByTestId('train-loss').textContent();

  await page.evaluate(() => window.locolab?.client.send({ type: 'simulateDeviceLoss' }));
  await expect(page.getByTestId('status')).toContainText('WebGPU device was lost');
  await expect(page.getByTestId('backend')).not.toHaveText('webgpu');
  await expect(page.getByTestId('step-count')).toHaveText(String(paused + 2));
  await expect(page.getByTestId('train-loss')).toHaveText(lossBefore ?? '');
  await page.getByTestId('step').click();
  await expect(page.getByTestId('step-count')).toHaveText(String(paused + 3));
  await screenshot(page, 'device-lost');
});
