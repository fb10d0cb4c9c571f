import { type Locator, type Page } from '@playwright/test';
import { expect, test } from './fixtures';
import { openPlayground, savePicture, screenshot, watchPage } from './helpers';

declare global {
  interface Window {
    cspViolations?: string[];
  }
}

/** A screenshot's path beside the helpers' (for viewport and element shots). */
const shot = (name: string): string => `${process.env.E2E_OUTPUT ?? 'test-results'}/screenshots/${name}.png`;

async function recordViolations(page: Page): Promise<void> {
  await page.addInitScript(() => {
    window.cspViolations = [];
    document.addEventListener('securitypolicyviolation', (e) => window.cspViolations?.push(`${e.violatedDirective}: ${e.blockedURI}`));
  });
}

/** Opens a concept's panel from its button and checks the rendered math; returns the dialog. */
async function openExplain(page: Page, button: Locator, concept: string): Promise<Locator> {
  await button.scrollIntoViewIfNeeded();
  await button.click();
  const dialog = page.getByTestId('explain-panel');
  await expect(dialog).toBeVisible();
  await expect(dialog).toHaveAttribute('data-concept', concept);
  await expect.poll(() => dialog.locator('.katex').count()).toBeGreaterThan(5);
  await expect(dialog.locator('.katex-display')).not.toHaveCount(0);
  await expect(dialog.locator('.katex-error')).toHaveCount(0);
  await expect(dialog.getByTestId('explain-citation').first()).toBeVisible();
  return dialog;
}

/** The KaTeX fonts came from the page's own origin and loaded. */
async function katexFontsLoaded(page: Page): Promise<boolean> {
  return page.evaluate(async () => {
    await document.fonts.ready;
    return document.fonts.check('16px KaTeX_Main') && document.fonts.check('italic 16px KaTeX_Math');
  });
}

test('each Explain button opens its panel with rendered formulas, within the CSP', async ({ freshPage: page, baseURL }) => {
  const watch = watchPage(page, baseURL);
  await recordViolations(page);
  const fontRequests: string[] = [];
  page.on('requestfinished', (request) => {
    if (/KaTeX_.*\.woff2/.test(request.url())) fontRequests.push(request.url());
  });
  await openPlayground(page, '?backend=cpu');

  // Backprop, beside the algorithm select.
  let dialog = await openExplain(page, page.getByTestId('explain-backprop'), 'backprop');
  await expect(dialog).toContainText('Rumelhart');
  await expect(dialog.locator('.katex-display annotation').first()).toHaveText(/A_m = X_m W_m/);
  expect(await katexFontsLoaded(page)).toBe(true);
  // Related concepts open in the same dialog.
  await dialog.getByTestId('explain-related-locoprop').click();
  await expect(dialog).toHaveAttribute('data-concept', 'locoprop');
  await expect(dialog).toContainText('AISTATS 2022');
  await page.keyboard.press('Escape');
  await expect(page.getByTestId('explain-panel')).toHaveCount(0);

  // LocoProp: the algorithm's button follows the algorithm, and its settings have one too.
  await page.getByTestId('algorithm-select').selectOption('locoprop-m');
  await expect(page.getByTestId('locoprop-controls')).toBeVisible();
  dialog = await openExplain(page, page.getByTestId('algorithm-select').locator('xpath=ancestor::div[contains(@class,"explain-row")]').getByTestId('explain-locoprop'), 'locoprop');
  await expect(dialog).toContainText('Why the first inner step is backprop');
  await expect(dialog.locator('annotation').filter({ hasText: 'T_m = Y_m - \\gamma\\, G_m' })).not.toHaveCount(0);
  await dialog.getByTestId('explain-close').click();
  await expect(page.getByTestId('explain-panel')).toHaveCount(0);
  await openExplain(page, page.getByTestId('locoprop-controls').getByTestId('explain-locoprop'), 'locoprop');
  await page.keyboard.press('Escape');

  // Schedules, beside the schedule select.
  dialog = await openExplain(page, page.getByTestId('explain-schedules'), 'schedules');
  await expect(dialog).toContainText('triangular2');
  await expect(dialog).toContainText('Smith, Nicholay Topin');
  await page.keyboard.press('Escape');

  // The range test's rules, beside "Find learning rate".
  dialog = await openExplain(page, page.getByTestId('explain-range-test'), 'range-test');
  await expect(dialog).toContainText('0.98');
  await expect(dialog).toContainText('fastai');
  for (const [width, height] of [[1366, 768], [1920, 1080]] as const) {
    await page.setViewportSize({ width, height });
    await page.waitForTimeout(200);
    // The dialog fits the screen: its bottom edge and right edge inside the viewport.
    const box = await dialog.boundingBox();
    expect(box && box.y + box.height <= height && box.x + box.width <= width).toBe(true);
    await savePicture(page, shot(`explain-range-test-${width}x${height}`));
  }
  await dialog.getByTestId('explain-related-schedules').click();
  await savePicture(page, shot('explain-schedules-1920x1080'));
  await page.setViewportSize({ width: 1366, height: 768 });
  await dialog.getByTestId('explain-close').click();
  await openExplain(page, page.getByTestId('algorithm-select').locator('xpath=ancestor::div[contains(@class,"explain-row")]').getByTestId('explain-locoprop'), 'locoprop');
  await savePicture(page, shot('explain-locoprop-1366x768'));
  await page.keyboard.press('Escape');

  expect(fontRequests.length).toBeGreaterThan(0);
  for (const url of fontRequests) expect(new URL(url).origin).toBe(new URL(baseURL ?? 'http://127.0.0.1').origin);
  expect(await page.evaluate(() => window.cspViolations ?? [])).toEqual([]);
  expect(watch.errors).toEqual([]);
  expect(watch.foreignRequests).toEqual([]);
});

/** Every tick is a whole decade or 1, 2 or 5 times a power of ten. */
function is125(v: number): boolean {
  const e = Math.floor(Math.log10(v) + 1e-9);
  return [1, 2, 5].includes(Number((v / 10 ** e).toPrecision(6)));
}

test('range chart: 1-2-5/decade ticks, labels apart, a click on a suggestion selects it', async ({ page }) => {
  await page.setViewportSize({ width: 1366, height: 768 });
  await openPlayground(page, '?backend=cpu');
  await page.getByTestId('find-lr').click();
  await expect(page.getByTestId('range-suggestions')).toBeVisible({ timeout: 30_000 });
  await expect(page.getByTestId('status')).toContainText('The run was put back exactly as it was');
  const chart = page.getByTestId('range-chart');
  await chart.scrollIntoViewIfNeeded();

  const ticks = (await chart.locator('.recharts-xAxis-tick-labels .recharts-cartesian-axis-tick-value').allTextContents()).map(Number);
  expect(ticks.length).toBeGreaterThanOrEqual(4);
  for (const t of ticks) expect(is125(t), `tick ${t}`).toBe(true);
  const steps = ticks.slice(1).map((t, i) => Math.round(Math.log10(t / ticks[i])));
  expect(new Set(steps).size, `ticks ${ticks.join(', ')}`).toBe(1);

  // The markers' labels overlap neither one another nor the other markers.
  await expect(chart.locator('[data-testid^="range-marker-"]')).toHaveCount(3);
  const labels = await chart.locator('.range-marker-label').evaluateAll((els) => els.map((e) => e.getBoundingClientRect().toJSON() as DOMRect));
  for (let i = 0; i < labels.length; i++)
    for (let j = i + 1; j < labels.length; j++) {
      const [a, b] = [labels[i], labels[j]];
      expect(a.x < b.x + b.width && b.x < a.x + a.width && a.y < b.y + b.height && b.y < a.y + a.height, 'labels overlap').toBe(false);
    }

  // The valley is chosen at first; a click on the steepest marker chooses it, as dragging does.
  const chosen = page.getByTestId('range-chosen');
  await expect(chosen).toHaveText((await page.getByTestId('range-valley').textContent()) ?? '');
  await expect(chart.getByTestId('range-marker-valley')).toHaveAttribute('data-selected', 'true');
  await chart.getByTestId('range-marker-steep').locator('circle').last().click({ force: true });
  await expect(chosen).toHaveText((await page.getByTestId('range-steep').textContent()) ?? '');
  await expect(chart.getByTestId('range-marker-steep')).toHaveAttribute('data-selected', 'true');
  await expect(page.getByTestId('range-steep')).toHaveAttribute('aria-pressed', 'true');
  await page.mouse.move(5, 5); // no tooltip over the markers in the pictures
  await screenshot(page, 'range-chart-steep-chosen-1366');
  await savePicture(page.getByTestId('range-suggestions').locator('xpath=..'), shot('range-panel-steep-chosen-1366'));

  // The suggestion's number below the chart chooses it too; minimum/10 picks the sweep point nearest its rate.
  await page.getByTestId('range-minimum').click();
  const minimum = Number(await page.getByTestId('range-minimum').textContent());
  const picked = Number(await chosen.textContent());
  // The default sweep's points are 10^(6/300) ≈ 1.047× apart, so the nearest lies within √1.047 ≈ 1.023× (plus
  // 3-digit display rounding).
  expect(Math.abs(Math.log(picked / minimum))).toBeLessThan(Math.log(1.03));
  await expect(page.getByTestId('range-minimum')).toHaveAttribute('aria-pressed', 'true');
  await page.getByTestId('range-valley').click();
  await expect(chosen).toHaveText((await page.getByTestId('range-valley').textContent()) ?? '');
  await page.setViewportSize({ width: 1920, height: 1080 });
  await page.waitForTimeout(300);
  await chart.scrollIntoViewIfNeeded();
  await screenshot(page, 'range-chart-1920');
  await savePicture(page.getByTestId('range-suggestions').locator('xpath=..'), shot('range-panel-1920'));
});

/** Each y tick label of the preview lies wholly inside the chart's SVG. */
async function labelsInside(preview: Locator): Promise<{ text: string; inside: boolean }[]> {
  return preview.evaluate((figure) => {
    const svg = figure.querySelector('svg.recharts-surface');
    if (!svg) return [];
    const frame = svg.getBoundingClientRect();
    return [...figure.querySelectorAll('.recharts-yAxis-tick-labels .recharts-cartesian-axis-tick-value')].map((t) => {
      const box = t.getBoundingClientRect();
      return { text: t.textContent ?? '', inside: box.left >= frame.left - 0.5 && box.right <= frame.right + 0.5 && box.width > 0 };
    });
  });
}

test('the schedule preview shows its y labels whole', async ({ page }) => {
  for (const [width, height] of [[1366, 768], [1920, 1080]] as const) {
    await page.setViewportSize({ width, height });
    for (const query of ['schedule=cyclical&learningRate=0.001&maxLearningRate=0.0075', 'schedule=one-cycle&maxLearningRate=0.0075&totalSteps=300', 'schedule=exponential&learningRate=0.00003']) {
      await openPlayground(page, `?backend=cpu&${query}`);
      const preview = page.getByTestId('schedule-preview');
      await preview.scrollIntoViewIfNeeded();
      await expect(preview.locator('.recharts-line path')).not.toHaveCount(0);
      await expect.poll(async () => (await labelsInside(preview)).length).toBeGreaterThan(2);
      const labels = await labelsInside(preview);
      for (const l of labels) expect(l.inside, `"${l.text}" clipped (${query}, ${width})`).toBe(true);
      for (const l of labels) expect(Number(l.text), l.text).not.toBeNaN();
    }
    await page.getByTestId('schedule-preview').scrollIntoViewIfNeeded();
    await screenshot(page, `schedule-preview-${width}`);
    await savePicture(page.getByTestId('schedule-preview').locator('xpath=..'), shot(`schedule-panel-${width}`));
  }
});
