import AxeBuilder from '@axe-core/playwright';
import { expect, test, type Page } from '@playwright/test';
import { openPlayground, screenshot, waitForSteps } from './helpers';

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

test('axe: no serious or critical violation in the main view', async ({ page }) => {
  await trained(page);
  expect(await seriousViolations(page, 'main')).toEqual([]);
});

test('axe: no serious or critical violation in presenter mode', async ({ page }) => {
  await page.setViewportSize({ width: 1920, height: 1080 });
  await trained(page);
  await page.getByTestId('presenter-toggle').click();
  await expect(page.locator('.app')).toHaveAttribute('data-presenter', 'on');
  expect(await seriousViolations(page, 'presenter')).toEqual([]);
});

test('axe: no serious or critical violation in the dark theme, chosen by the toggle or by the system', async ({ page }) => {
  await page.setViewportSize({ width: 1400, height: 900 });
  await trained(page);
  await page.getByTestId('theme-toggle').click();
  await expect(page.locator('html')).toHaveAttribute('data-theme', 'dark');
  expect(await seriousViolations(page, 'dark')).toEqual([]);
  await screenshot(page, 'main-dark');
  await page.getByTestId('presenter-toggle').click();
  expect(await seriousViolations(page, 'dark presenter')).toEqual([]);
  await page.screenshot({ path: `${process.env.E2E_OUTPUT ?? 'test-results'}/screenshots/presenter-dark.png` });
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
