/**
 * Which test examples tell two runs apart (issue 17 §6): two runs on the circle, stepped by hand; the split into
 * learned by all, by none and by some covers the test set; the filter names the pair; the toggle recolours the
 * plane's test points; repeated runs seed by seed; on WebGPU, the packed readback agrees with the confusion matrix.
 */
import AxeBuilder from '@axe-core/playwright';
import { type Page } from '@playwright/test';
import { expect, test } from './fixtures';
import { openPlayground, screenshot, waitForSteps, watchPage } from './helpers';

const countOf = async (page: Page, testId: string): Promise<number> => Number(await page.getByTestId(testId).getAttribute('data-count'));

/** The large plane's pixels, as a data URL (the canvas is redrawn on each change). */
const planePixels = (page: Page): Promise<string> => page.getByTestId('decision-boundary').evaluate((canvas) => (canvas as HTMLCanvasElement).toDataURL());

test('two runs: the split covers the test set, the filter names the pair, the toggle recolours the plane', async ({ page, baseURL }) => {
  const watch = watchPage(page, baseURL);
  await page.setViewportSize({ width: 1366, height: 768 });
  await openPlayground(page, '?backend=cpu&runs=2&r2.learningRate=1');
  await expect(page.getByTestId('run-row')).toHaveCount(2);
  for (let i = 0; i < 5; i++) await page.getByTestId('step').click();
  await expect(page.getByTestId('step-count')).toHaveText('5');

  const panel = page.getByTestId('difficulty-panel');
  await expect(panel).toBeVisible();
  // Off screen the panel holds its numbers; in view it catches up with the runs' latest readback.
  await panel.scrollIntoViewIfNeeded();
  await expect(panel.locator('h3')).toContainText('(step 5)');
  // The circle's default test set: 500 points, half of them test.
  const testSize = 250;
  const [all, none, some] = [await countOf(page, 'difficulty-all'), await countOf(page, 'difficulty-none'), await countOf(page, 'difficulty-some')];
  expect(all + none + some).toBe(testSize);
  await expect(page.getByTestId('difficulty-all')).toContainText(`${((100 * all) / testSize).toFixed(1)} %`);
  await expect(panel).toContainText(`${testSize} test examples, 2 runs compared (Run 1, Run 2)`);

  const filter = page.getByTestId('difficulty-filter');
  await expect(filter.locator('option')).toHaveText(['all examples', 'where runs differ', /^where Run 1 .* is right and Run 2 .* wrong$/, /^where Run 2 .* is right and Run 1 .* wrong$/]);
  await filter.selectOption({ index: 1 });
  await expect(page.getByTestId('difficulty-filter-count')).toHaveText(`${some} examples where runs differ.`);

  // The toggle recolours the test points (paused: the plane changes for no other reason).
  await filter.selectOption('all');
  const before = await planePixels(page);
  await page.getByTestId('difficulty-colour').check();
  await expect(page.getByTestId('difficulty-scale')).toBeVisible();
  await expect.poll(() => planePixels(page)).not.toBe(before);
  await panel.scrollIntoViewIfNeeded();
  await screenshot(page, 'difficulty-1366');
  await page.getByTestId('difficulty-colour').uncheck();
  await expect.poll(() => planePixels(page)).toBe(before);

  await page.setViewportSize({ width: 1920, height: 1080 });
  await page.getByTestId('difficulty-colour').check();
  await filter.selectOption({ index: 2 });
  await expect(page.getByTestId('difficulty-filter-count')).toContainText('the other way round');
  await panel.scrollIntoViewIfNeeded();
  await screenshot(page, 'difficulty-1920');
  // The panel, its select and its toggle pass axe (nothing serious or critical), in both themes.
  for (const theme of ['light', 'dark']) {
    if (theme === 'dark') await page.getByTestId('theme-toggle').click();
    const { violations } = await new AxeBuilder({ page }).include('[data-testid="difficulty-panel"]').analyze();
    expect(violations.filter((v) => v.impact === 'serious' || v.impact === 'critical').map((v) => `${theme}: ${v.id}`)).toEqual([]);
  }
  expect(watch.errors).toEqual([]);
});

test('repeated runs are compared seed by seed: the seed select picks each run\'s 2nd seed (its own split), whose split covers the test set, and the plane is coloured at the 1st seed only', async ({ page, baseURL }) => {
  const watch = watchPage(page, baseURL);
  await page.setViewportSize({ width: 1366, height: 768 });
  await openPlayground(page, '?backend=cpu&runs=2&repeatSeeds=2&r2.repeatSeeds=2&r2.learningRate=1');
  await expect(page.getByTestId('run-row')).toHaveCount(2);
  for (let i = 0; i < 3; i++) await page.getByTestId('step').click();
  await expect(page.getByTestId('step-count')).toHaveText('3');
  const panel = page.getByTestId('difficulty-panel');
  await panel.scrollIntoViewIfNeeded();
  await expect(panel.locator('h3')).toContainText('(step 3)');
  const seed = page.getByTestId('difficulty-seed');
  await expect(seed.locator('option')).toHaveText(['1st of each run', '2nd of each run']);
  const split = async (): Promise<number[]> => [await countOf(page, 'difficulty-all'), await countOf(page, 'difficulty-none'), await countOf(page, 'difficulty-some')];
  const first = await split();
  expect(first.reduce((a, b) => a + b, 0)).toBe(250);
  await expect(panel).toContainText('each at its 1st seed');
  const before = await planePixels(page);
  await seed.selectOption('1');
  await expect(panel).toContainText('each at its 2nd seed');
  // Seed 2's split: other test points, so another split of them (deterministic: the same seeds every time).
  await expect.poll(split).not.toEqual(first);
  const second = await split();
  expect(second.reduce((a, b) => a + b, 0)).toBe(250);
  // Colouring at the 2nd seed leaves the plane (the 1st seed's points) as it was, and says so.
  await page.getByTestId('difficulty-colour').check();
  await expect(page.getByTestId('difficulty-seed-note')).toBeVisible();
  await page.waitForTimeout(500);
  expect(await planePixels(page)).toBe(before);
  await screenshot(page, 'difficulty-seeds-1366');
  for (const [width, height] of [[1024, 768], [1920, 1080]]) {
    await page.setViewportSize({ width, height });
    await panel.scrollIntoViewIfNeeded();
    await screenshot(page, `difficulty-seeds-${width}`);
  }
  await seed.selectOption('0');
  await expect(page.getByTestId('difficulty-seed-note')).toHaveCount(0);
  await expect.poll(() => planePixels(page)).not.toBe(before);
  expect(await split()).toEqual(first);
  expect(watch.errors).toEqual([]);
});

test('digits on WebGPU: two identical runs train on the fused kernel (64-16-10 fits one workgroup), the loss falls, no errors; they agree on every example, and those right are the confusion diagonal', async ({ page, baseURL }) => {
  test.setTimeout(150_000);
  // One WebGPU page for the fused softmax kernel on digits and the packed readback there (each WebGPU load compiles
  // its pipelines on SwiftShader). The readback packs 16 examples to a float32 value (engine/evaluationTensors.ts);
  // digits' 898 test examples end in a partial value.
  const watch = watchPage(page, baseURL);
  await openPlayground(page, '?backend=webgpu&runs=2&dataset=digits&hidden=16');
  await expect(page.getByTestId('backend')).toHaveText('webgpu');
  const before = Number.parseFloat((await page.getByTestId('train-loss').textContent()) ?? '');
  for (let i = 0; i < 5; i++) await page.getByTestId('step').click();
  // The steps wait behind the warm-up's shader compiles (worker/warmUp.ts): seconds on SwiftShader, more under load.
  await waitForSteps(page, 5, 60_000);
  await expect(page.getByTestId('kernel-path')).toHaveText('fused');
  await expect.poll(async () => Number.parseFloat((await page.getByTestId('train-loss').textContent()) ?? ''), { timeout: 30_000 }).toBeLessThan(before);
  const panel = page.getByTestId('difficulty-panel');
  await panel.scrollIntoViewIfNeeded();
  await expect(panel.locator('h3')).toContainText('(step 5)');
  const right = (await page.locator('.confusion-table td.diagonal').allTextContents()).map(Number).reduce((a, b) => a + b, 0);
  expect(await countOf(page, 'difficulty-some')).toBe(0);
  expect(await countOf(page, 'difficulty-all')).toBe(right);
  expect((await countOf(page, 'difficulty-all')) + (await countOf(page, 'difficulty-none'))).toBe(898);
  expect(watch.errors).toEqual([]);
});
