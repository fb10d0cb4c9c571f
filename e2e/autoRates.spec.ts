/**
 * `auto` measures each path and the status bar says so (issue 18 §4: "the status bar names the choice and the
 * measured rates"): with the CPU and this Chromium's WebGPU (SwiftShader) both offered, the backend's label says
 * "auto" over its pick and the item beside it shows a measured rate for each path, in sight at 1366×768, the bar
 * one row.
 */
import { expect, test } from './fixtures';
import { watchPage } from './helpers';

test('auto: the bar names the measured pick and each path\'s measured rate at 1366×768, one row', async ({ page, baseURL }) => {
  const watch = watchPage(page, baseURL);
  await page.setViewportSize({ width: 1366, height: 768 });
  await page.goto('/?backend=auto');
  await expect(page.getByTestId('auto-choice')).toHaveText(' · auto', { timeout: 30_000 });
  await expect(page.getByTestId('auto-choice')).toBeVisible();
  const pick = (await page.getByTestId('backend').textContent()) ?? '';
  expect(['cpu', 'webgpu']).toContain(pick);
  const rates = page.getByTestId('auto-rates');
  await expect(rates).toHaveText(/^cpu [\d,.]+ steps\/s · webgpu [\d,.]+ steps\/s$/);
  // In sight: the item is in the row (not out of it), and the form shown (the long one, or two short rows where
  // the bar is short of room) has each path's rate inside the viewport, the same numbers as the long form's.
  const item = page.locator('.statusbar .stat').filter({ has: rates });
  await expect(item).not.toHaveClass(/stat-out/);
  const shown = /rates-compact/.test((await item.getAttribute('class')) ?? '') ? page.getByTestId('auto-rates-short') : rates;
  const longText = (await rates.textContent()) ?? '';
  for (const backend of ['cpu', 'webgpu']) {
    const rate = new RegExp(`${backend} ([\\d,.]+)`).exec(longText)?.[1] ?? 'none';
    const piece = shown.locator('span', { hasText: new RegExp(`^${backend} ${rate.replace('.', '\\.')}(/s| steps/s)$`) });
    const box = await piece.boundingBox();
    expect(box !== null && box.width > 1 && box.x >= 0 && box.x + box.width <= 1366 && box.y + box.height <= 768, `${backend}'s rate ${rate} in sight`).toBe(true);
    // In the short form the pick's row is the bold one.
    if (shown !== rates) expect(await piece.getAttribute('class')).toBe(backend === pick ? 'rates-pick' : null);
  }
  // The title says what each rate was measured over, with the same numbers.
  const title = (await rates.getAttribute('title')) ?? '';
  for (const [, backend, rate] of longText.matchAll(/(cpu|webgpu) ([\d,.]+)/g)) {
    const label = backend === 'cpu' ? 'CPU' : 'WebGPU';
    expect(title).toMatch(new RegExp(`^${label} \\(.*\\): ${rate.replace('.', '\\.')} steps/s, measured over (one timed batch|the fastest of \\d timed batches) of [\\d,]+ steps?`, 'm'));
  }
  expect((await page.locator('.topbar').boundingBox())?.height ?? 999).toBeLessThanOrEqual(80);
  expect(watch.errors).toEqual([]);
});

test('auto: Play pressed as soon as the runs show trains at once, and the paths are measured by the pause after it', async ({ page, baseURL }) => {
  const watch = watchPage(page, baseURL);
  await page.setViewportSize({ width: 1366, height: 768 });
  await page.goto('/?backend=auto');
  // The runs show (their untrained loss) while the paths are still being measured; Play cuts the measuring short.
  await expect(page.getByTestId('train-loss').first()).toHaveText(/^\d/, { timeout: 30_000 });
  await page.getByTestId('play').click();
  await expect(page.getByTestId('step-count')).not.toHaveText('0');
  await page.getByTestId('pause').click();
  await expect(page.getByTestId('auto-rates')).toHaveText(/^cpu [\d,.]+ steps\/s · webgpu [\d,.]+ steps\/s$/, { timeout: 30_000 });
  await expect(page.getByTestId('auto-choice')).toHaveText(' · auto');
  expect(watch.errors).toEqual([]);
});
