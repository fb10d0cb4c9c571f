/**
 * Threads (issue 18 §1): the server sends COOP and COEP, so the page and its workers are cross-origin isolated
 * as a user of `vite preview` gets them, and the top bar's `threads` item says what threading is in use: a live
 * run's step on one thread, a sweep's runs on one worker per core (at most one per run), and the isolation.
 */
import { type Page } from '@playwright/test';
import { expect, test } from './fixtures';
import { openPlayground, savePicture, watchPage } from './helpers';

/** `self.crossOriginIsolated` in the page's worker whose script is `<script>-<hash>.js` (a build) or `<script>.ts?…` (`vite` dev). */
async function workerIsolated(page: Page, script: string): Promise<boolean> {
  const named = (url: string): boolean => new RegExp(`/${script}(-[\\w-]+\\.js|\\.ts\\?.*)$`).test(url);
  await expect.poll(() => page.workers().some((w) => named(w.url())), { timeout: 30_000 }).toBe(true);
  const worker = page.workers().find((w) => named(w.url()));
  return (await worker?.evaluate(() => self.crossOriginIsolated)) ?? false;
}

test('the page and its training worker are cross-origin isolated, and the bar says so with the sweep workers per core', async ({ page, baseURL }) => {
  const watch = watchPage(page, baseURL);
  const response = await page.goto('/?backend=cpu');
  expect(response?.headers()['cross-origin-opener-policy']).toBe('same-origin');
  expect(response?.headers()['cross-origin-embedder-policy']).toBe('require-corp');
  await expect(page.getByTestId('train-loss')).toHaveText(/^\d/, { timeout: 60_000 });
  expect(await page.evaluate(() => self.crossOriginIsolated)).toBe(true);
  expect(await workerIsolated(page, 'worker')).toBe(true);
  const cores = await page.evaluate(() => navigator.hardwareConcurrency);
  const threads = page.getByTestId('threads');
  await expect(threads).toHaveText(`1 thread · sweep ${cores} · isolated`);
  await expect(threads).toHaveAttribute('title', /^Cross-origin isolated: yes/);
  await expect(threads).toHaveAttribute('title', new RegExp(`A sweep: up to ${cores} workers? at once, one per core \\(${cores} cores?\\)`));
  await expect(threads).toHaveAttribute('title', /each step on one thread \(the training worker's.*\): LocoLab does not split a step's batch across cores/);
  expect(watch.errors).toEqual([]);
});

test("while a sweep of one run trains, the bar counts its one worker, which is isolated too; after it, a core each again", async ({ page }) => {
  await openPlayground(page, '?backend=cpu&sweep=learningRate,0.1&sweepBudget=100000');
  const cores = await page.evaluate(() => navigator.hardwareConcurrency);
  await expect(page.getByTestId('sweep-size')).toContainText('1 run');
  await page.getByTestId('sweep-start').click();
  const threads = page.getByTestId('threads');
  await expect(threads).toHaveText('1 thread · sweep 1 · isolated');
  await expect(threads).toHaveAttribute('title', /This sweep: 1 worker at once \(one per core, at most one per run/);
  expect(await workerIsolated(page, 'sweepWorker')).toBe(true);
  await page.getByTestId('sweep-cancel').click();
  await expect(threads).toHaveText(`1 thread · sweep ${cores} · isolated`);
});

test('the threads item shows its words where they fit, only its numbers where those fit, and gives way to a long learning rate; the bar one row throughout', async ({ page }) => {
  const item = page.locator('.statusbar .stat').filter({ has: page.getByTestId('threads') });
  const cases = [
    { width: 1920, height: 1080, query: 'runs=1&learningRate=0.01', rate: '0.01', level: 'words' },
    { width: 1366, height: 768, query: 'runs=2&learningRate=0.01', rate: '0.01', level: 'numbers' },
    { width: 1366, height: 768, query: 'runs=2&learningRate=0.00001234', rate: '0.00001234', level: 'none' },
  ] as const;
  for (const { width, height, query, rate, level } of cases) {
    await page.setViewportSize({ width, height });
    await openPlayground(page, `?backend=cpu&${query}`);
    await page.getByTestId('step').click();
    await expect(page.getByTestId('learning-rate')).toHaveText(rate);
    if (level === 'words') await expect(item).toHaveClass('stat');
    if (level === 'numbers') await expect(item).toHaveClass('stat threads-compact');
    if (level === 'none') await expect(item).toHaveClass(/stat-out/);
    const wordWidth = (await page.getByTestId('threads').locator('.threads-word').first().boundingBox())?.width ?? 0;
    expect(wordWidth > 1).toBe(level === 'words');
    // Whatever shows, a screen reader reads it all.
    await expect(page.getByTestId('threads')).toHaveText(/^1 thread · sweep \d+ · isolated$/);
    expect((await page.locator('.topbar').boundingBox())?.height ?? 999).toBeLessThanOrEqual(80);
    await savePicture(page.locator('.topbar'), `${process.env.E2E_OUTPUT ?? 'test-results'}/screenshots/threads-bar-${width}-${level}.png`);
  }
});
