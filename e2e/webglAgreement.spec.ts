/**
 * The WebGL backend trains what the CPU backend trains: the same run (backprop, and LocoProp-M's inner loop), stepped the same number of times with Step,
 * gives the same train and test losses at every step to float32 rounding (the two backends' ops round differently;
 * WebGL compiles its programs with the shapes as uniforms, worker/backend.ts, so one program serves every shape).
 */
import { readFile } from 'node:fs/promises';
import { expect, test } from './fixtures';
import { openChartOptions, openPlayground, watchPage } from './helpers';
import type { Page } from '@playwright/test';

const STEPS = 8;
/** Relative difference allowed (an absolute one below a loss of 1): float32 rounding, measured 1.2e-7 here. */
const TOLERANCE = 1e-5;

/** Step → metric → value of run 1, from the loss chart's CSV (run,step,…,metric,value). */
async function stepsOf(page: Page, backend: string, algorithm: string): Promise<Map<string, number>> {
  await openPlayground(page, `?backend=${backend}&seed=5&algorithm=${algorithm}`);
  await expect(page.getByTestId('backend')).toHaveText(backend, { timeout: 60_000 });
  for (let step = 1; step <= STEPS; step++) {
    await page.getByTestId('step').click();
    await expect(page.getByTestId('step-count')).toHaveText(String(step), { timeout: 60_000 });
  }
  await page.getByTestId('loss-chart').scrollIntoViewIfNeeded();
  await openChartOptions(page);
  const [download] = await Promise.all([page.waitForEvent('download'), page.getByTestId('loss-chart').getByTestId('loss-csv').click()]);
  const values = new Map<string, number>();
  for (const line of (await readFile(await download.path(), 'utf8')).trim().split('\n').slice(1)) {
    const cells = line.split(',');
    const [step, metric, value] = [cells.at(-6), cells.at(-2), cells.at(-1)];
    if (step !== undefined && metric?.endsWith('_loss') && value !== undefined) values.set(`${step} ${metric}`, Number(value));
  }
  return values;
}

for (const algorithm of ['backprop', 'locoprop-m']) {
  test(`WebGL, ${algorithm}: ${STEPS} steps give the CPU backend's train and test losses at every step, to ${TOLERANCE} relative`, async ({ page, baseURL }) => {
    test.setTimeout(120_000);
    const watch = watchPage(page, baseURL);
    const onWebGl = await stepsOf(page, 'webgl', algorithm);
    const onCpu = await stepsOf(page, 'cpu', algorithm);
    const keys = [...onCpu.keys()];
    // Step 0 and each of the steps, train and test.
    expect(keys.filter((key) => key.endsWith('train_loss')).length).toBe(STEPS + 1);
    const apart = keys.flatMap((key) => {
      const [cpu, webgl] = [onCpu.get(key) as number, onWebGl.get(key)];
      const ok = webgl !== undefined && Math.abs(webgl - cpu) <= TOLERANCE * Math.max(1, Math.abs(cpu));
      return ok ? [] : [`${key}: WebGL ${webgl} vs CPU ${cpu}`];
    });
    const worst = Math.max(...keys.map((key) => Math.abs((onWebGl.get(key) ?? Number.NaN) - (onCpu.get(key) as number)) / Math.max(1, Math.abs(onCpu.get(key) as number))));
    console.log(`${algorithm}, WebGL against the CPU backend: ${keys.length} losses, the largest difference ${worst.toExponential(2)}`);
    expect(apart).toEqual([]);
    expect(watch.errors).toEqual([]);
  });
}
