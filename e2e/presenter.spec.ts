import AxeBuilder from '@axe-core/playwright';
import { type Page } from '@playwright/test';
import { expect, test } from './fixtures';
import { openPlayground, savePicture, screenshot, waitForSteps, watchPage } from './helpers';

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

/** Opens the bar's Views panel (the view checkboxes live there). */
async function openViews(page: Page): Promise<void> {
  const button = page.getByTestId('presenter-views');
  if ((await button.getAttribute('aria-expanded')) !== 'true') await button.click();
  await expect(page.locator('#presenter-views-panel')).toBeVisible();
}

for (const [width, height, minPlane] of [
  [1920, 1080, 600],
  // At 1024 px the other run's small plane sits beside the plane (under it, it fell below the fold), so the plane is narrower.
  [1024, 768, 320],
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
    const small = await page.locator('.presenter-output .boundary-smalls').boundingBox();
    expect((small?.y ?? 9999) + (small?.height ?? 0)).toBeLessThanOrEqual(height);
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
    await savePicture(page, `${process.env.E2E_OUTPUT ?? 'test-results'}/screenshots/presenter-${width}x${height}.png`);
    await screenshot(page, `presenter-${width}x${height}-full`);

    // Scrolled to the bottom, the transport is still on screen.
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
  await savePicture(page, `${process.env.E2E_OUTPUT ?? 'test-results'}/screenshots/presenter-after-scroll-1366x768.png`);
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
  await openViews(page);
  await page.getByTestId('presenter-view-scene').uncheck();
  await expect(page.getByTestId('presenter-scene')).toHaveCount(0);
  await page.getByTestId('presenter-view-scene').check();
  // On from the start: the scene's text names the learning-rate chart (its stageViews); off and on again.
  await expect(page.getByTestId('presenter-view-rate')).toBeChecked();
  await page.getByTestId('presenter-view-rate').uncheck();
  await expect(page.getByTestId('presenter-stage').getByTestId('rate-chart')).toHaveCount(0);
  await page.getByTestId('presenter-view-rate').check();
  await page.getByTestId('presenter-views').click();
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
  await savePicture(page, `${process.env.E2E_OUTPUT ?? 'test-results'}/screenshots/presenter-digits-1920x1080.png`);
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

/** How far the page scrolls past the window (0 or less: the stage fits). */
const verticalOverflow = (page: Page): Promise<number> => page.evaluate(() => (document.scrollingElement?.scrollHeight ?? 0) - window.innerHeight);
const fontSize = (page: Page, selector: string): Promise<number> => page.locator(selector).first().evaluate((element) => parseFloat(getComputedStyle(element).fontSize));

test('presenter mode fits the screen with its default views at 1024×768 and 1920×1080: no banner, no chart tool row, 24 px chips, views and step', async ({ page, baseURL }) => {
  const watch = watchPage(page, baseURL);
  await page.setViewportSize({ width: 1024, height: 768 });
  // A bad address value puts a warning banner on the page (52–85 px); the stage carries none.
  await openPlayground(page, '?backend=cpu&noise=abc');
  await expect(page.getByTestId('status').locator('[data-code="url"]')).toBeVisible();
  await trainSome(page, 30);
  await page.keyboard.press('p');
  const stage = page.getByTestId('presenter-stage');
  await expect(stage).toBeVisible();
  await expect(stage.getByTestId('loss-chart').locator('.recharts-line').first()).toBeVisible();
  // Backprop alone: no layer targets by default (they open with a LocoProp run).
  await expect(stage.getByTestId('layer-card')).toHaveCount(0);
  // No banner and no tool row on the stage; the warning is still there for screen readers.
  await expect(stage.locator('.message:visible')).toHaveCount(0);
  await expect(page.getByTestId('stage-status')).toContainText('noise');
  for (const tool of ['log-y', 'smoothing-slider', 'x-axis', 'loss-csv', 'export-png', 'loss-chart-svg']) await expect(stage.getByTestId(tool)).toBeHidden();
  await expect(stage.locator('.chart-controls:visible, .chart-toolbar:visible')).toHaveCount(0);

  // Type a room can read at 1024×768: run chips, the view names and the step at 24 px or more; the chart ticks at 16.
  await openViews(page);
  for (const selector of ['.presenter-run-name', '.presenter-run-loss', '.presenter-view', '[data-testid="step-count"]']) expect(await fontSize(page, selector), selector).toBeGreaterThanOrEqual(24);
  await page.getByTestId('presenter-views').click();
  const tick = await stage
    .getByTestId('loss-chart')
    .locator('.recharts-cartesian-axis-tick-value')
    .first()
    .evaluate((element) => {
      let zoom = 1;
      for (let e: Element | null = element; e; e = e.parentElement) zoom *= Number(getComputedStyle(e).zoom) || 1;
      return parseFloat(getComputedStyle(element).fontSize) * zoom;
    });
  expect(tick).toBeGreaterThanOrEqual(16);

  for (const [width, height] of [
    [1024, 768],
    [1920, 1080],
  ] as const) {
    await page.setViewportSize({ width, height });
    // The stage re-measures on resize: poll until it has settled within the window.
    await expect.poll(() => verticalOverflow(page), { message: `${width}×${height}` }).toBeLessThanOrEqual(0);
    // The charts take their new zoom's width a frame or two after it is set.
    await expect.poll(() => horizontalOverflow(page)).toBeLessThanOrEqual(0);
    expect(await inViewport(page, 'decision-boundary')).toBe(true);
    expect(await inViewport(page, 'loss-chart')).toBe(true);
  }
  expect(watch.errors).toEqual([]);
});

test('the presenter bar keeps one row at 1366 px, with one run and with a two-run scene', async ({ page }) => {
  await page.setViewportSize({ width: 1366, height: 768 });
  for (const query of ['?backend=cpu', '?backend=cpu&scene=one-cycle-vs-constant']) {
    await openPlayground(page, query);
    await page.keyboard.press('p');
    const rows = await page.locator('.presenter-bar').evaluate((bar) => {
      const boxes = Array.from(bar.children, (child) => child.getBoundingClientRect()).filter((box) => box.height > 1);
      return { lowestTop: Math.max(...boxes.map((b) => b.top)), highestBottom: Math.min(...boxes.map((b) => b.bottom)) };
    });
    // One row: every item starts above the bottom of every other.
    expect(rows.lowestTop, query).toBeLessThan(rows.highestBottom);
    await page.keyboard.press('Escape');
  }
});

test('the range test, accuracy and Explain are stage views; L puts the range chart on the stage', async ({ page, baseURL }) => {
  const watch = watchPage(page, baseURL);
  await page.setViewportSize({ width: 1366, height: 768 });
  await openPlayground(page, '?backend=cpu');
  await page.keyboard.press('p');
  const stage = page.getByTestId('presenter-stage');
  await expect(stage.getByTestId('range-chart')).toHaveCount(0);
  // L on the stage starts the test and shows its chart.
  await page.keyboard.press('l');
  await expect(page.getByTestId('presenter-view-range')).toBeChecked();
  await expect(stage.getByTestId('range-chart')).toBeVisible();
  await expect(stage.getByTestId('range-suggestions')).toBeVisible({ timeout: 30_000 });
  // Its settings stay on the page; the chart, its suggestions and the buttons to use them are on the stage.
  await expect(stage.getByTestId('rangeSteps-input')).toBeHidden();
  await openViews(page);
  await page.getByTestId('presenter-view-range').uncheck();
  await expect(stage.getByTestId('range-chart')).toHaveCount(0);
  await page.getByTestId('presenter-view-range').check();
  await expect(stage.getByTestId('range-chart')).toBeVisible();

  await page.getByTestId('presenter-views').click();
  await trainSome(page, 20);
  await openViews(page);
  await page.getByTestId('presenter-view-accuracy').check();
  await expect(stage.getByTestId('accuracy-chart').locator('.recharts-line')).toHaveCount(2);
  await expect(stage.getByTestId('accuracy-readout')).toContainText(/Run 1: train \d+\.\d% · test \d+\.\d%/);
  await page.getByTestId('presenter-view-explain').check();
  await page.getByTestId('presenter-views').click();
  const explain = stage.getByTestId('presenter-explain');
  await expect(explain).toHaveAttribute('data-concept', 'backprop');
  await expect(explain.locator('.katex').first()).toBeVisible();
  await explain.getByTestId('presenter-explain-select').selectOption('range-test');
  await expect(explain).toHaveAttribute('data-concept', 'range-test');
  // Nothing wider than the window at 1024 px (the select of panels once was).
  await page.setViewportSize({ width: 1024, height: 768 });
  await expect.poll(() => horizontalOverflow(page)).toBeLessThanOrEqual(0);
  await page.setViewportSize({ width: 1366, height: 768 });
  await screenshot(page, 'presenter-views-1366x768');
  expect(watch.errors).toEqual([]);
});

/** Every axe violation on the page (not only serious ones), one line each. */
async function axeViolations(page: Page, label: string): Promise<string[]> {
  const results = await new AxeBuilder({ page }).analyze();
  return results.violations.flatMap((v) => v.nodes.map((node) => `${label}: ${v.id} (${v.impact}) at ${node.target.join(' ')}`));
}

test('the stage passes axe with no violation of any kind in both themes, the scene card inside a landmark; dark target plots are dark', async ({ page }) => {
  await page.setViewportSize({ width: 1366, height: 768 });
  await openPlayground(page, '?backend=cpu&scene=one-cycle-vs-constant');
  await trainSome(page, 20);
  await page.keyboard.press('p');
  await expect(page.getByTestId('presenter-scene')).toBeVisible();
  await openViews(page);
  await page.getByTestId('presenter-view-targets').check();
  await page.getByTestId('presenter-views').click();
  await expect(page.getByTestId('layer-card').first()).toBeVisible();
  expect(await page.getByTestId('presenter-scene').evaluate((card) => card.closest('main, [role="main"], header, nav, aside, footer, form, section[aria-label], section[aria-labelledby]') !== null)).toBe(true);
  expect(await axeViolations(page, 'stage light')).toEqual([]);
  await page.getByTestId('theme-toggle').click();
  await expect(page.locator('html')).toHaveAttribute('data-theme', 'dark');
  expect(await axeViolations(page, 'stage dark')).toEqual([]);

  // The targets' scatter plots paint the dark paper: a corner pixel (inside the canvas, outside the frame) is
  // opaque and dark (a cleared canvas would read as transparent black, showing the CSS background behind it).
  const corner = async (): Promise<number[]> =>
    page
      .getByTestId('layer-card')
      .first()
      .locator('canvas')
      .first()
      .evaluate((canvas: HTMLCanvasElement) => Array.from(canvas.getContext('2d')?.getImageData(1, 1, 1, 1).data ?? []));
  const darkest = async (): Promise<number> => {
    const [r, g, b, alpha] = await corner();
    return alpha === 255 ? Math.max(r, g, b) : 999;
  };
  await expect.poll(darkest).toBeLessThan(60);
  await savePicture(page, `${process.env.E2E_OUTPUT ?? 'test-results'}/screenshots/presenter-dark-scene-1366x768.png`);
  // Back to the light theme, the same plot is light again (redrawn on the theme's change, training paused).
  await page.getByTestId('theme-toggle').click();
  await expect.poll(async () => {
    const [r, g, b, alpha] = await corner();
    return alpha === 255 ? Math.min(r, g, b) : -1;
  }).toBeGreaterThan(200);
});

test('a scene can start by itself: "Start when opened" on the scene card', async ({ page }) => {
  await openPlayground(page, '?backend=cpu&scene=one-cycle-vs-constant');
  const box = page.getByTestId('scene-autostart');
  await expect(box).not.toBeChecked();
  // Off: restarting the scene leaves it at step 0.
  await page.getByTestId('scene-restart').click();
  await page.waitForTimeout(600);
  await expect(page.getByTestId('step-count')).toHaveText('0');
  await expect(page.getByTestId('play')).toHaveAttribute('aria-pressed', 'false');
  await box.check();
  // On: another scene opened from the picker trains without Play.
  await page.getByTestId('scene-select').selectOption('backprop-spiral');
  await expect(page.getByTestId('pause')).toHaveAttribute('aria-pressed', 'true');
  await waitForSteps(page, 5);
  // Remembered in this browser.
  await page.reload();
  await expect(page.getByTestId('scene-autostart')).toBeChecked();
});

test('the Views panel’s x-axis choice is readable and the run chips’ colours read as swatches, in both themes', async ({ page }) => {
  await page.setViewportSize({ width: 1366, height: 768 });
  await openPlayground(page, '?backend=cpu');
  await page.keyboard.press('p');
  await expect(page.locator('.app')).toHaveAttribute('data-presenter', 'on');
  await openViews(page);
  const colours = (testId: string) =>
    page.getByTestId(testId).evaluate((element) => {
      const style = getComputedStyle(element);
      return { ink: style.color, ground: style.backgroundColor };
    });
  for (const theme of ['light', 'dark']) {
    // It read white on white: the page's field colour under the bar's ink.
    const select = await colours('presenter-x-axis');
    expect(select.ink, `${theme}: the select's text on its own background`).not.toBe(select.ground);
    await expect(page.getByTestId('presenter-x-axis')).toHaveValue('step');
    // A swatch, not a checkbox-like square: wider than tall.
    const box = await page.locator('button.presenter-run .swatch').first().boundingBox();
    expect(box && box.width > 1.8 * box.height).toBe(true);
    if (process.env.E2E_SHOTS) {
      for (const [width, height] of [[1024, 768], [1366, 768], [1920, 1080]] as const) {
        await page.setViewportSize({ width, height });
        await openViews(page);
        await savePicture(page, `${process.env.E2E_SHOTS}/presenter-views-${theme}-${width}.png`);
      }
      await page.setViewportSize({ width: 1366, height: 768 });
    }
    if (theme === 'light') {
      await page.getByTestId('presenter-views').click();
      await page.getByTestId('theme-toggle').click();
      await expect(page.locator('html')).toHaveAttribute('data-theme', 'dark');
      await openViews(page);
    }
  }
});
