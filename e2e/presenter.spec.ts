import { expect, test, type Page } from '@playwright/test';
import { openPlayground, screenshot, waitForSteps, watchPage } from './helpers';

async function trainSome(page: Page, steps: number): Promise<void> {
  await page.getByTestId('play').click();
  await waitForSteps(page, steps);
  await page.getByTestId('pause').click();
}

/** Whether the element lies wholly inside the viewport now. */
async function inViewport(page: Page, testId: string): Promise<boolean> {
  return page.getByTestId(testId).evaluate((element) => {
    const r = element.getBoundingClientRect();
    return r.top >= 0 && r.left >= 0 && r.bottom <= window.innerHeight && r.right <= window.innerWidth;
  });
}

const horizontalOverflow = (page: Page): Promise<number> => page.evaluate(() => document.documentElement.scrollWidth - window.innerWidth);

for (const [width, height, minPlane] of [
  [1920, 1080, 600],
  [1024, 768, 400],
] as const) {
  test(`presenter mode at ${width}×${height}: the plane large, the transport always visible, nothing clipped`, async ({ page, baseURL }) => {
    const watch = watchPage(page, baseURL);
    await page.setViewportSize({ width, height });
    await openPlayground(page, '?backend=cpu&dataset=spiral&hidden=8,8&activation=tanh');
    await page.getByTestId('add-run').click();
    await trainSome(page, 40);
    await page.getByTestId('presenter-toggle').click();
    await expect(page.locator('.app')).toHaveAttribute('data-presenter', 'on');
    await expect(page.getByTestId('presenter-stage')).toBeVisible();

    const plane = await page.getByTestId('decision-boundary').boundingBox();
    expect(plane?.width ?? 0).toBeGreaterThanOrEqual(minPlane);
    // The whole plane fits under the bar on the first screen.
    expect((plane?.y ?? 0) + (plane?.height ?? 0)).toBeLessThanOrEqual(height);
    expect(await inViewport(page, 'play')).toBe(true);
    expect(await inViewport(page, 'step-count')).toBe(true);
    await expect(page.locator('.presenter-run')).toHaveCount(2);
    // No scene open: no scene card, and no choice of one.
    await expect(page.getByTestId('presenter-view-scene')).toHaveCount(0);
    expect(await horizontalOverflow(page)).toBeLessThanOrEqual(0);
    await page.getByTestId('loss-chart').scrollIntoViewIfNeeded();
    await expect(page.getByTestId('loss-chart').locator('.recharts-line').first()).toBeVisible();
    await page.evaluate(() => window.scrollTo(0, 0));
    await page.waitForTimeout(400);
    await page.screenshot({ path: `${process.env.E2E_OUTPUT ?? 'test-results'}/screenshots/presenter-${width}x${height}.png` });
    await screenshot(page, `presenter-${width}x${height}-full`);

    // Scrolled to the targets at the bottom, the transport is still on screen.
    await page.evaluate(() => window.scrollTo(0, document.documentElement.scrollHeight));
    await page.waitForTimeout(200);
    expect(await inViewport(page, 'play')).toBe(true);
    await page.getByTestId('step').click();
    await expect(page.getByTestId('step-count')).toHaveText(/^\d+$/);

    await page.keyboard.press('Escape');
    await expect(page.locator('.app')).toHaveAttribute('data-presenter', 'off');
    await expect(page.getByTestId('learningRate-input')).toBeVisible();
    expect(watch.errors).toEqual([]);
  });
}

test('presenter mode opens at its top wherever the page was scrolled, and leaving returns there', async ({ page, baseURL }) => {
  const watch = watchPage(page, baseURL);
  await page.setViewportSize({ width: 1366, height: 768 });
  await openPlayground(page, '?backend=cpu');
  // Down to the share panel, well below the first screen.
  await page.getByTestId('share-panel').scrollIntoViewIfNeeded();
  const scrolled = await page.evaluate(() => window.scrollY);
  expect(scrolled).toBeGreaterThan(600);
  const shareTop = (): Promise<number> => page.getByTestId('share-panel').evaluate((element) => Math.round(element.getBoundingClientRect().top));
  const before = await shareTop();
  await page.keyboard.press('p');
  await expect(page.locator('.app')).toHaveAttribute('data-presenter', 'on');
  expect(await page.evaluate(() => window.scrollY)).toBe(0);
  // The stage's first view, the plane, is on the first screen.
  expect(await inViewport(page, 'decision-boundary')).toBe(true);
  await page.screenshot({ path: `${process.env.E2E_OUTPUT ?? 'test-results'}/screenshots/presenter-after-scroll-1366x768.png` });
  await page.keyboard.press('Escape');
  await expect(page.locator('.app')).toHaveAttribute('data-presenter', 'off');
  // Back where the page was: the share panel where it stood on screen (charts above it may take their height
  // after the page returns, and the browser's scroll anchoring keeps what was in view in place).
  await expect.poll(shareTop).toBeGreaterThanOrEqual(before - 2);
  await expect.poll(shareTop).toBeLessThanOrEqual(before + 2);
  expect(await page.evaluate(() => window.scrollY)).toBeGreaterThan(600);
  expect(watch.errors).toEqual([]);
});

test('presenter mode shows the learning rate each run used when asked: one-cycle against constant, at 1366×768 and 1920×1080', async ({ page, baseURL }) => {
  const watch = watchPage(page, baseURL);
  await openPlayground(page, '?backend=cpu&scene=one-cycle-vs-constant');
  await trainSome(page, 200);
  await page.getByTestId('presenter-toggle').click();
  // The scene's "what to watch" stays on the stage, and can be hidden.
  await expect(page.getByTestId('presenter-scene')).toContainText('One-cycle vs constant. The loss per step');
  await page.getByTestId('presenter-view-scene').uncheck();
  await expect(page.getByTestId('presenter-scene')).toHaveCount(0);
  await page.getByTestId('presenter-view-scene').check();
  // Off at first: the plane, the loss and the targets are the default stage.
  await expect(page.getByTestId('presenter-view-rate')).not.toBeChecked();
  await expect(page.getByTestId('presenter-stage').getByTestId('rate-chart')).toHaveCount(0);
  await page.getByTestId('presenter-view-rate').check();
  const rate = page.getByTestId('presenter-stage').getByTestId('rate-chart');
  await expect(rate).toHaveAttribute('data-series-count', '2');
  // Two rate lines, and one-cycle's momentum (dashed, right axis).
  await expect(rate.locator('.recharts-line')).toHaveCount(3);
  // One-cycle's rate moves (warm-up from max/div), the constant run's does not: the chart spans both.
  expect(Number(await rate.getAttribute('data-max-lr'))).toBeGreaterThan(Number(await rate.getAttribute('data-min-lr')));
  for (const [width, height] of [
    [1366, 768],
    [1920, 1080],
  ] as const) {
    await page.setViewportSize({ width, height });
    await rate.scrollIntoViewIfNeeded();
    await page.waitForTimeout(300);
    expect(await horizontalOverflow(page)).toBeLessThanOrEqual(0);
    await screenshot(page, `presenter-rate-${width}x${height}`);
  }
  expect(watch.errors).toEqual([]);
});

test('presenter mode with image data shows the gallery', async ({ page }) => {
  await page.setViewportSize({ width: 1920, height: 1080 });
  await openPlayground(page, '?backend=cpu&dataset=digits');
  await page.getByTestId('presenter-toggle').click();
  await expect(page.getByTestId('image-gallery')).toBeVisible();
  await page.screenshot({ path: `${process.env.E2E_OUTPUT ?? 'test-results'}/screenshots/presenter-digits-1920x1080.png` });
});

test('main view at 390 px: output first, no horizontal scroll, the plane fits', async ({ page }) => {
  await page.setViewportSize({ width: 390, height: 844 });
  await openPlayground(page, '?backend=cpu');
  const plane = await page.getByTestId('decision-boundary').boundingBox();
  const data = await page.getByRole('heading', { name: 'Data' }).first().boundingBox();
  expect(plane && data && plane.y < data.y).toBe(true);
  expect(plane?.width ?? 0).toBeGreaterThanOrEqual(300);
  expect(plane?.width ?? 999).toBeLessThanOrEqual(390);
  expect(await horizontalOverflow(page)).toBeLessThanOrEqual(0);
  // The speed shares a row with the display tools (the theme button shows its icon): no row of its own.
  const speed = await page.getByTestId('speed-select').boundingBox();
  const present = await page.getByTestId('presenter-toggle').boundingBox();
  expect(speed && present && Math.abs(speed.y + speed.height / 2 - (present.y + present.height / 2))).toBeLessThanOrEqual(4);
  await screenshot(page, 'main-390');
});

test('the plane grows with its panel and reads out by keyboard', async ({ page }) => {
  await page.setViewportSize({ width: 1400, height: 1000 });
  await openPlayground(page, '?backend=cpu');
  const wide = await page.getByTestId('decision-boundary').boundingBox();
  expect(wide?.width ?? 0).toBeGreaterThan(400);
  expect(wide?.width ?? 999).toBeLessThanOrEqual(640);
  // A narrower window, a narrower output column (two columns above 1,100 px): the plane follows it.
  await page.setViewportSize({ width: 1280, height: 1000 });
  await expect.poll(async () => (await page.getByTestId('decision-boundary').boundingBox())?.width ?? 0).toBeLessThan((wide?.width ?? 0) - 40);
  await page.setViewportSize({ width: 1400, height: 1000 });
  await expect.poll(async () => (await page.getByTestId('decision-boundary').boundingBox())?.width ?? 0).toBeCloseTo(wide?.width ?? 0, 0);

  const plane = page.getByTestId('decision-boundary');
  const readout = page.getByTestId('plane-readout');
  await expect(readout).toHaveAttribute('aria-live', 'polite');
  await plane.focus();
  await page.keyboard.press('ArrowRight');
  await expect(readout).toHaveText(/^P\(class 1\) = [01]\.\d{3} at \(x₁ /);
  const first = await readout.textContent();
  await page.keyboard.press('ArrowUp');
  await expect(readout).not.toHaveText(first ?? '');
  await expect(page.getByTestId('plane-cursor')).toBeVisible();
  // The arrows moved the cursor, not the training.
  await expect(page.getByTestId('step-count')).toHaveText('0');
});
