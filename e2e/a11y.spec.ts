import AxeBuilder from '@axe-core/playwright';
import { type Page } from '@playwright/test';
import { expect, test } from './fixtures';
import { openPlayground, savePicture, screenshot, waitForSteps } from './helpers';

/** The serious and critical violations, one line each with where they are, for the report. */
async function seriousViolations(page: Page, label: string): Promise<string[]> {
  const results = await new AxeBuilder({ page }).analyze();
  const lines = results.violations
    .filter((v) => v.impact === 'serious' || v.impact === 'critical')
    .flatMap((v) => v.nodes.map((node) => `${label}: ${v.id} (${v.impact}) at ${node.target.join(' ')}: ${node.failureSummary?.split('\n').slice(1, 2).join(' ').trim() ?? ''}`));
  const minor = results.violations.filter((v) => v.impact !== 'serious' && v.impact !== 'critical').map((v) => `${v.id} (${v.impact}, ${v.nodes.length})`);
  console.log(`${label}: ${lines.length} serious/critical node(s); lesser: ${minor.join(', ') || 'none'}`);
  for (const line of lines) console.log(line);
  return lines;
}

async function trained(page: Page): Promise<void> {
  await openPlayground(page, '?backend=cpu');
  await page.getByTestId('play').click();
  await waitForSteps(page, 20);
  await page.getByTestId('pause').click();
}

test('axe: no serious or critical violation with real data: the digits gallery and a 10-class confusion matrix of every shade, in both themes', async ({ page }) => {
  await openPlayground(page, '?backend=cpu&dataset=digits&hidden=16');
  await page.getByTestId('play').click();
  await waitForSteps(page, 60);
  await page.getByTestId('pause').click();
  await expect(page.getByTestId('confusion-row')).toHaveCount(10);
  expect(await seriousViolations(page, 'digits')).toEqual([]);
  await page.getByTestId('theme-toggle').click();
  expect(await seriousViolations(page, 'digits dark')).toEqual([]);
});

// One page for the main view in both themes and presenter mode in the dark one (presenter mode in both themes, with
// a scene and its target plots, is held to no violation of any kind by presenter.spec.ts).
test('axe: no serious or critical violation in the main view, light and dark, and in presenter mode, dark', async ({ page }) => {
  await page.setViewportSize({ width: 1400, height: 900 });
  await trained(page);
  // A refused sweep file's message is on the page for both themes' checks (its red was 2.3:1 on the dark panel).
  await page.getByTestId('import-sweep-json').setInputFiles({ name: 'not-a-sweep.json', mimeType: 'application/json', buffer: Buffer.from('[]') });
  await expect(page.getByTestId('sweep-import-error')).toContainText('not-a-sweep.json was not loaded, nothing changed.');
  expect(await seriousViolations(page, 'main')).toEqual([]);
  await page.getByTestId('theme-toggle').click();
  await expect(page.locator('html')).toHaveAttribute('data-theme', 'dark');
  expect(await seriousViolations(page, 'dark')).toEqual([]);
  // Every chart's plot follows the theme: the first background painted behind it is not white (the schedule
  // preview's was #ffffff in the dark theme). Charts drawn on canvas paint the theme's paper themselves.
  // The preview draws once it comes near the screen (it is below the fold).
  await page.getByTestId('schedule-preview').scrollIntoViewIfNeeded();
  await expect(page.getByTestId('schedule-preview').locator('svg.recharts-surface').first()).toBeVisible();
  const plots = await page.locator('svg.recharts-surface').evaluateAll((svgs) =>
    svgs.map((svg) => {
      let background = 'rgba(0, 0, 0, 0)';
      for (let e: Element | null = svg; e && /rgba\(0, 0, 0, 0\)|transparent/.test(background); e = e.parentElement) background = getComputedStyle(e).backgroundColor;
      return `${svg.closest('[data-testid]')?.getAttribute('data-testid') ?? '?'} on ${background}`;
    }),
  );
  expect(plots.some((plot) => plot.startsWith('schedule-preview '))).toBe(true);
  expect(plots.filter((plot) => plot.endsWith('rgb(255, 255, 255)'))).toEqual([]);
  await screenshot(page, 'main-dark');
  await page.getByTestId('presenter-toggle').click();
  await expect(page.locator('.app')).toHaveAttribute('data-presenter', 'on');
  expect(await seriousViolations(page, 'dark presenter')).toEqual([]);
  await savePicture(page, `${process.env.E2E_OUTPUT ?? 'test-results'}/screenshots/presenter-dark.png`);
});

test('the dark theme follows prefers-color-scheme until the toggle chooses', async ({ page }) => {
  await page.emulateMedia({ colorScheme: 'dark' });
  await openPlayground(page, '?backend=cpu');
  await expect(page.locator('html')).toHaveAttribute('data-theme', 'dark');
  const background = await page.evaluate(() => getComputedStyle(document.documentElement).backgroundColor);
  await page.getByTestId('theme-toggle').click();
  await expect(page.locator('html')).toHaveAttribute('data-theme', 'light');
  await page.reload();
  await expect(page.locator('html')).toHaveAttribute('data-theme', 'light');
  expect(background).not.toBe(await page.evaluate(() => getComputedStyle(document.documentElement).backgroundColor));
});

/** WCAG relative luminance contrast of two computed CSS colours ("rgb(r, g, b)"). */
function contrast(a: string, b: string): number {
  const luminance = (color: string): number => {
    const [r, g, bl] = (color.match(/[\d.]+/g) ?? ['0', '0', '0']).slice(0, 3).map((c) => {
      const v = Number(c) / 255;
      return v <= 0.03928 ? v / 12.92 : ((v + 0.055) / 1.055) ** 2.4;
    });
    return 0.2126 * r + 0.7152 * g + 0.0722 * bl;
  };
  const [hi, lo] = [luminance(a), luminance(b)].sort((x, y) => y - x);
  return (hi + 0.05) / (lo + 0.05);
}

test('the keyboard focus ring stands out at 3:1 or more on panels and on the top bar, in both themes; the shortcut help passes axe', async ({ page }) => {
  await openPlayground(page, '?backend=cpu');
  for (const theme of ['light', 'dark']) {
    if (theme === 'dark') await page.getByTestId('theme-toggle').click();
    await expect(page.locator('html')).toHaveAttribute('data-theme', theme);
    for (const testId of ['find-lr', 'play', 'add-run']) {
      const target = page.getByTestId(testId);
      await target.focus();
      await page.keyboard.press('Shift+Tab');
      await page.keyboard.press('Tab');
      await expect(target).toBeFocused();
      const [ring, background] = await target.evaluate((element) => {
        let bg = 'rgba(0, 0, 0, 0)';
        for (let e: Element | null = element.parentElement; e && /rgba\(0, 0, 0, 0\)|transparent/.test(bg); e = e.parentElement) bg = getComputedStyle(e).backgroundColor;
        return [getComputedStyle(element).outlineColor, bg];
      });
      expect(contrast(ring, background), `${theme} ${testId}: ring ${ring} on ${background}`).toBeGreaterThanOrEqual(3);
    }
  }
  await page.keyboard.press('Shift+Slash');
  await expect(page.getByTestId('shortcut-help')).toBeVisible();
  expect(await seriousViolations(page, 'shortcut help')).toEqual([]);
});
