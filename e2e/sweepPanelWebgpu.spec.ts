/**
 * The sweep panel on WebGPU (issue 17 §8): where the comparison trains on WebGPU, the sweep does too, in one
 * worker that trains its runs in groups, a workgroup a run (engine/sweep/gpuRunGroup.ts; the job's grouping and its
 * bit-for-bit equality with each run alone are e2e/sweepWebgpuJob.spec.ts's). Here: the panel says where the
 * worker trains, from the worker's own report, and the same sweep on the CPU agrees with it value for value to
 * float32 rounding; a device lost mid-sweep moves what the worker had not finished to CPU workers, and the sweep
 * ends with every run. The two backends round differently (TF.js's CPU kernels against our WGSL), so the comparison
 * is relative, not bit for bit. SwiftShader here: 4 runs of 20 steps.
 */
import { readFile } from 'node:fs/promises';
import { type Page } from '@playwright/test';
import { expect, test } from './fixtures';
import { csvFields, openPlayground, screenshot, watchPage } from './helpers';

/** The sweep CSV's values by run, step and metric ("learningRate,seed,step,metric" → value). */
async function sweepValues(page: Page): Promise<Map<string, number>> {
  const [download] = await Promise.all([page.waitForEvent('download'), page.getByTestId('export-sweep-csv').click()]);
  const [header, ...rows] = (await readFile(await download.path(), 'utf8')).trim().split('\n').map(csvFields);
  const at = ['learningRate', 'seed', 'step', 'metric'].map((name) => header.indexOf(name));
  const value = header.indexOf('value');
  expect([...at, value].every((i) => i >= 0), header.join(',')).toBe(true);
  return new Map(rows.map((row) => [at.map((i) => row[i]).join(','), Number(row[value])]));
}

test('on WebGPU the sweep trains in one worker on WebGPU, says so, agrees with the same sweep on the CPU to float32 rounding, and goes on on the CPU when its device is lost', async ({ page, baseURL }) => {
  const watch = watchPage(page, baseURL);
  await page.setViewportSize({ width: 1366, height: 768 });
  await openPlayground(page, '?backend=webgpu&sweep=learningRate,0.01,0.1,2,log&sweepSeeds=2&sweepBudget=20');
  await expect(page.getByTestId('backend')).toHaveText('webgpu');
  await page.getByTestId('sweep-start').click();
  await expect(page.getByTestId('sweep-progress')).toHaveText('4 / 4 runs', { timeout: 90_000 });
  await expect(page.getByTestId('sweep-backend')).toHaveText('1 worker on WebGPU, many runs a dispatch');
  await page.getByTestId('sweep-panel').scrollIntoViewIfNeeded();
  await screenshot(page, 'sweep-webgpu');
  const onGpu = await sweepValues(page);

  // The sweep worker's device lost mid-sweep: the rest of the sweep trains on the CPU, and every run finishes.
  // 20,000 steps: long enough on WebGPU that the loss lands mid-sweep on a loaded machine (2,000 steps could end
  // between two polls of the progress bar, with a core held busy); the CPU takes the rest in about a second.
  await page.getByTestId('sweep-budget').fill('20000');
  await page.getByTestId('sweep-budget').press('Enter');
  await page.getByTestId('sweep-start').click();
  // The sweep is planned in the task after the click: the finished one stays on show until then.
  await expect(page.getByTestId('sweep-progress')).not.toHaveText('4 / 4 runs');
  await expect(page.getByTestId('sweep-backend')).toHaveText(/^1 worker on WebGPU/);
  // Once the group trains on the device (its steps are counted), not while the worker is still starting WebGPU.
  const progressBar = page.getByRole('progressbar', { name: 'Sweep progress' });
  await expect.poll(async () => Number(await progressBar.getAttribute('value')), { timeout: 60_000 }).toBeGreaterThan(0);
  await page.evaluate(() => window.locolab?.sweepDeviceLoss());
  expect(await page.getByTestId('sweep-progress').textContent()).not.toBe('4 / 4 runs');
  await expect(page.getByTestId('sweep-backend')).toContainText('on the CPU since its WebGPU device was lost (');
  await expect(page.getByTestId('sweep-progress')).toHaveText('4 / 4 runs', { timeout: 90_000 });
  await expect(page.getByTestId('sweep-failures')).toHaveCount(0);
  await page.getByTestId('sweep-budget').fill('20');
  await page.getByTestId('sweep-budget').press('Enter');

  await page.getByTestId('backend-select').selectOption('cpu');
  await expect(page.getByTestId('backend')).toHaveText('cpu');
  await page.getByTestId('sweep-start').click();
  await expect(page.getByTestId('sweep-backend')).toHaveText(/^2 workers on the CPU$|^1 worker on the CPU$/);
  await expect(page.getByTestId('sweep-progress')).toHaveText('4 / 4 runs', { timeout: 90_000 });
  const onCpu = await sweepValues(page);

  expect([...onGpu.keys()].sort()).toEqual([...onCpu.keys()].sort());
  // 4 runs × 21 checkpoints × the losses and accuracies each records.
  expect(onGpu.size).toBeGreaterThanOrEqual(4 * 21 * 2);
  const apart = [...onGpu].filter(([key, gpu]) => {
    const cpu = onCpu.get(key) as number;
    return !(Math.abs(gpu - cpu) <= 1e-4 * Math.max(1, Math.abs(cpu)));
  });
  const largest = Math.max(...[...onGpu].map(([key, gpu]) => Math.abs(gpu - (onCpu.get(key) as number)) / Math.max(1, Math.abs(onCpu.get(key) as number))));
  console.log(`WebGPU against the CPU: ${onGpu.size} values, the largest difference ${largest.toExponential(2)} (relative, floor 1)`);
  expect(apart).toEqual([]);
  // Not bit for bit either: a sweep that had stayed on the CPU would match it exactly.
  expect(largest).toBeGreaterThan(0);
  expect(watch.errors).toEqual([]);
});

test('on WebGPU a network too big for the batched kernel (2-64-64-1) trains its sweep a run at a time, and says so', async ({ page, baseURL }) => {
  const watch = watchPage(page, baseURL);
  await openPlayground(page, '?backend=webgpu&hidden=64,64&sweep=learningRate,0.01,0.1,2,log&sweepSeeds=1&sweepBudget=4');
  await expect(page.getByTestId('backend')).toHaveText('webgpu');
  await page.getByTestId('sweep-start').click();
  // Before: both runs failed ("a batched sweep needs scratch, slot0, slot1 in workgroup memory").
  await expect(page.getByTestId('sweep-progress')).toHaveText('2 / 2 runs', { timeout: 90_000 });
  await expect(page.getByTestId('sweep-failures')).toHaveCount(0);
  // No reason the page can tell (the worker knows the memory did not fit): the group's name only.
  await expect(page.getByTestId('sweep-backend')).toHaveText(/^1 worker on WebGPU, one run a dispatch \([^,]+, Adam[^)]*\)$/);
  expect(watch.errors).toEqual([]);
});
