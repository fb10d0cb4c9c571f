/**
 * Presenter mode with the scenes (issue 19, review of the stage): the bar stays short with several runs, a scene
 * turns on the views its text names, the scene card is on the page's first screen, the dark theme's Play button
 * has contrast, and the transport comes first on a phone. presenter.spec.ts holds the stage's other tests.
 */
import AxeBuilder from '@axe-core/playwright';
import { type Page } from '@playwright/test';
import { expect, test } from './fixtures';
import { openPlayground, screenshot, watchPage } from './helpers';

const verticalOverflow = (page: Page): Promise<number> => page.evaluate(() => (document.scrollingElement?.scrollHeight ?? 0) - window.innerHeight);

/** The run chips' boxes, their name's font size and lines, and where the swatch sits inside each chip. */
async function chips(page: Page): Promise<{ font: number; lines: number; inset: number; label: string; name: string }[]> {
  return page.locator('button.presenter-run').evaluateAll((buttons) =>
    buttons.map((button) => {
      const name = button.querySelector('.presenter-run-name') as HTMLElement;
      const style = getComputedStyle(name);
      const swatch = button.querySelector('.swatch') as HTMLElement;
      return {
        font: parseFloat(style.fontSize),
        lines: Math.round(name.getBoundingClientRect().height / parseFloat(style.lineHeight)),
        // From the chip's inner edge: the selected chip's border is 1 px wider.
        inset: swatch.getBoundingClientRect().left - button.getBoundingClientRect().left - button.clientLeft,
        label: name.textContent ?? '',
        name: button.getAttribute('title') ?? '',
      };
    }),
  );
}

for (const [scene, width, runs] of [
  ['too-high-learning-rate', 1024, 3],
  ['one-cycle-vs-constant', 1366, 2],
  ['paper-autoencoder', 1366, 2],
  ['backprop-spiral', 1024, 1],
] as const) {
  test(`the stage fits ${width}×768 with the ${scene} scene's ${runs} run(s): short chip names on one line, aligned alike`, async ({ page, baseURL }) => {
    const watch = watchPage(page, baseURL);
    await page.setViewportSize({ width, height: 768 });
    await openPlayground(page, `?backend=cpu&scene=${scene}`);
    await page.keyboard.press('p');
    await expect(page.locator('button.presenter-run')).toHaveCount(runs);
    await expect(page.getByTestId('loss-chart')).toBeVisible();
    // One step: the runs' numbers, and LocoProp's layer target cards, take their room.
    await page.getByTestId('step').click();
    await expect(page.getByTestId('step-count')).toHaveText('1', { timeout: 60_000 });
    await page.waitForTimeout(300);
    await screenshot(page, `presenter-scene-${scene}-${width}x768`);
    await expect.poll(() => verticalOverflow(page)).toBeLessThanOrEqual(0);
    await expect.poll(() => page.evaluate(() => document.documentElement.scrollWidth - window.innerWidth)).toBeLessThanOrEqual(0);
    const measured = await chips(page);
    for (const chip of measured) {
      expect(chip.font, chip.label).toBeGreaterThanOrEqual(24);
      expect(chip.lines, chip.label).toBe(1);
      expect(chip.label).toMatch(/^Run \d( · .+)?$/);
      // The full name stays in the tooltip (and for screen readers), longer than the label's detail.
      expect(chip.name.startsWith(`${chip.label.split(' · ')[0]} · `), chip.name).toBe(true);
      expect(chip.name.length).toBeGreaterThan(chip.label.length);
    }
    expect(new Set(measured.map((chip) => Math.round(chip.inset))).size).toBe(1);
    expect(watch.errors).toEqual([]);
  });
}

test('a scene turns on the stage views its text names; Layer Targets only with a LocoProp run; the paper scene has an x-axis choice', async ({ page }) => {
  await page.setViewportSize({ width: 1366, height: 768 });
  const stage = page.getByTestId('presenter-stage');
  const openViews = async (): Promise<void> => {
    if ((await page.getByTestId('presenter-views').getAttribute('aria-expanded')) !== 'true') await page.getByTestId('presenter-views').click();
  };
  await openPlayground(page, '?backend=cpu&scene=one-cycle-vs-constant');
  await page.keyboard.press('p');
  await expect(stage.getByTestId('rate-chart')).toBeVisible();
  await openViews();
  await expect(page.getByTestId('presenter-view-rate')).toBeChecked();
  await expect(page.getByTestId('presenter-view-targets')).not.toBeChecked();
  await expect(stage.getByTestId('layer-card')).toHaveCount(0);
  await page.keyboard.press('Escape');
  await page.keyboard.press('p');

  await openPlayground(page, '?backend=cpu&scene=too-high-learning-rate');
  await page.keyboard.press('p');
  await expect(stage.getByTestId('loss-chart')).toBeVisible();
  await openViews();
  await expect(page.getByTestId('presenter-view-targets')).not.toBeChecked();
  await page.keyboard.press('Escape');
  await page.keyboard.press('p');

  await openPlayground(page, '?backend=cpu&scene=locoprop-vs-backprop');
  await page.keyboard.press('p');
  await openViews();
  await expect(page.getByTestId('presenter-view-targets')).toBeChecked();
  // The card says "Switch the x axis to training time": the stage has the switch, under Views.
  await expect(page.getByTestId('presenter-scene')).toContainText('x axis');
  const axis = stage.getByTestId('presenter-x-axis');
  await expect(axis).toBeVisible();
  await axis.selectOption('time');
  await expect(stage.getByTestId('loss-chart').locator('.recharts-label').first()).toHaveText('training time (s)');
});

test('the open scene\'s card is on the first screen of the page at 1366×768 and 1920×1080', async ({ page }) => {
  for (const [width, height] of [
    [1366, 768],
    [1920, 1080],
  ] as const) {
    await page.setViewportSize({ width, height });
    await openPlayground(page, '?backend=cpu');
    await page.getByTestId('scene-select').selectOption('too-high-learning-rate');
    const watchText = page.getByTestId('scene-watch');
    await expect(watchText).toContainText('third run');
    const box = await watchText.boundingBox();
    expect(box, `${width}`).not.toBeNull();
    expect((box?.y ?? 9999) + (box?.height ?? 0), `${width}×${height}`).toBeLessThanOrEqual(height);
    expect(await page.evaluate(() => window.scrollY)).toBe(0);
    // Collapsible: its title stays, its text goes, and comes back.
    await page.getByTestId('scene-card-toggle').click();
    await expect(watchText).toBeHidden();
    await page.getByTestId('scene-card-toggle').click();
    await expect(watchText).toBeVisible();
    await screenshot(page, `scene-card-${width}x${height}`);
  }
  // A landmark of its own (a section named by its title), with no axe violation in either theme.
  for (const theme of ['light', 'dark']) {
    if (theme === 'dark') await page.getByTestId('theme-toggle').click();
    const results = await new AxeBuilder({ page }).include('[data-testid="scene-card"]').analyze();
    expect(results.violations.map((v) => `${theme}: ${v.id}`)).toEqual([]);
  }
});

/** WCAG 2.x contrast ratio of two computed `rgb(...)` colours. */
async function playContrast(page: Page): Promise<number> {
  return page.getByTestId('play').evaluate((button) => {
    const rgb = (value: string): number[] => (value.match(/[\d.]+/g) ?? []).slice(0, 3).map(Number);
    const lum = ([r, g, b]: number[]): number => {
      const lin = (c: number): number => (c / 255 <= 0.04045 ? c / 255 / 12.92 : ((c / 255 + 0.055) / 1.055) ** 2.4);
      return 0.2126 * lin(r) + 0.7152 * lin(g) + 0.0722 * lin(b);
    };
    const style = getComputedStyle(button);
    const [a, b] = [lum(rgb(style.color)), lum(rgb(style.backgroundColor))].sort((x, y) => y - x);
    return (a + 0.05) / (b + 0.05);
  });
}

test('dark theme: the Play icon has at least 3:1 against its button, on the page and on the stage', async ({ page }) => {
  await page.setViewportSize({ width: 1366, height: 768 });
  await openPlayground(page, '?backend=cpu');
  await page.getByTestId('theme-toggle').click();
  await expect(page.locator('html')).toHaveAttribute('data-theme', 'dark');
  expect(await playContrast(page)).toBeGreaterThanOrEqual(3);
  await page.keyboard.press('p');
  await expect(page.getByTestId('presenter-stage')).toBeVisible();
  expect(await playContrast(page)).toBeGreaterThanOrEqual(3);
});

test('at 390 px the presenter bar puts the transport first, before the run chip and the views', async ({ page }) => {
  await page.setViewportSize({ width: 390, height: 844 });
  await openPlayground(page, '?backend=cpu');
  await page.keyboard.press('p');
  const play = await page.getByTestId('play').boundingBox();
  const views = await page.getByTestId('presenter-views').boundingBox();
  const chip = await page.locator('button.presenter-run').first().boundingBox();
  expect(play && views && chip).toBeTruthy();
  expect(play?.y ?? 999).toBeLessThan(views?.y ?? 0);
  expect(play?.y ?? 999).toBeLessThan(chip?.y ?? 0);
  await screenshot(page, 'presenter-390');
});

test('in the LocoProp-targets scene, N starts the narration by keyboard and a clicker’s PageDown and PageUp move it', async ({ page, baseURL }) => {
  const watch = watchPage(page, baseURL);
  await page.setViewportSize({ width: 1366, height: 768 });
  await openPlayground(page, '?backend=cpu&scene=locoprop-targets');
  await page.keyboard.press('p');
  const narration = page.getByTestId('narration');
  await expect(narration).toContainText('Press “Slow step”');
  // N with nothing open starts a slow step, as the button does (it did nothing before).
  await page.keyboard.press('n');
  await expect(page.getByTestId('narration-close')).toBeVisible({ timeout: 60_000 });
  await expect(page.getByTestId('step-count')).toHaveText('1');
  const first = await narration.textContent();
  await page.keyboard.press('PageDown');
  await expect(narration).not.toHaveText(first ?? '');
  await page.keyboard.press('PageUp');
  await expect(narration).toHaveText(first ?? '');
  // The narration moved, so no training step was taken.
  await expect(page.getByTestId('step-count')).toHaveText('1');
  expect(watch.errors).toEqual([]);
});
