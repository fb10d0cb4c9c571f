import { type Page } from '@playwright/test';
import { expect, test } from './fixtures';
import { SCENES } from '../src/config/scenes';
import { openPlayground, savePicture, screenshot, waitForSteps } from './helpers';

/** A picture of one panel, beside the full-page screenshots. */
async function panelShot(page: Page, selector: string, name: string): Promise<void> {
  await savePicture(page.locator(selector), `${process.env.E2E_OUTPUT ?? 'test-results'}/screenshots/${name}.png`);
}

/** The runs' rows have numbers once every run has been evaluated. */
async function waitForRuns(page: Page, count: number): Promise<void> {
  const rows = page.getByTestId('run-row');
  await expect(rows).toHaveCount(count, { timeout: 60_000 });
  for (let i = 0; i < count; i++) await expect(rows.nth(i).getByTestId('run-train-loss')).toHaveText(/^\d/, { timeout: 60_000 });
}

test('every scene opens from ?scene=, shows its card and trains a step', async ({ page }) => {
  test.setTimeout(60_000 + SCENES.length * 60_000);
  for (const scene of SCENES) {
    await openPlayground(page, `?backend=cpu&scene=${scene.name}`);
    await expect(page.getByTestId('scene-select')).toHaveValue(scene.name);
    await expect(page.getByTestId('scene-card')).toContainText(scene.title);
    await expect(page).toHaveURL(new RegExp(`\\?scene=${scene.name}&backend=cpu&v=1$`));
    await waitForRuns(page, scene.runs.length);
    await expect(page.getByTestId('status')).not.toContainText('From the address');
    await page.getByTestId('step').click();
    await waitForSteps(page, 1, 60_000);
    const rows = page.getByTestId('run-row');
    for (let i = 0; i < scene.runs.length; i++) await expect(rows.nth(i).getByTestId('run-step-count')).toHaveText('1', { timeout: 60_000 });
  }
});

test('the scene picker opens a scene, the address holds only what differs from it, and an edit survives a reload', async ({ page }) => {
  await page.setViewportSize({ width: 1366, height: 768 });
  await openPlayground(page, '?backend=cpu');
  const select = page.getByTestId('scene-select');
  await select.selectOption({ label: 'One-cycle vs constant' });
  await expect(page).toHaveURL(/\?scene=one-cycle-vs-constant&backend=cpu&v=1$/);
  await waitForRuns(page, 2);
  await expect(page.getByTestId('run-row').nth(1)).toBeVisible();
  await page.getByTestId('run-row').nth(1).click();
  await expect(page.getByTestId('schedule-select')).toHaveValue('one-cycle');
  await page.getByTestId('scene-card').scrollIntoViewIfNeeded();
  await screenshot(page, 'scene-card-1366');
  await panelShot(page, 'section.runs-panel', 'scene-card-1366-panel');
  await page.setViewportSize({ width: 1920, height: 1080 });
  await page.getByTestId('scene-card').scrollIntoViewIfNeeded();
  await screenshot(page, 'scene-card-1920');
  await panelShot(page, 'section.runs-panel', 'scene-card-1920-panel');

  // Run 2's seed changed: the address is the scene plus that one difference.
  await page.getByTestId('seed-input').fill('7');
  await page.getByTestId('seed-input').press('Enter');
  await expect(page).toHaveURL(/\?scene=one-cycle-vs-constant&backend=cpu&r2\.seed=7&v=1$/);
  await page.reload();
  await expect(page.getByTestId('scene-select')).toHaveValue('one-cycle-vs-constant');
  await waitForRuns(page, 2);
  await page.getByTestId('run-row').nth(1).click();
  await expect(page.getByTestId('seed-input')).toHaveValue('7');
  await expect(page).toHaveURL(/\?scene=one-cycle-vs-constant&backend=cpu&r2\.seed=7&v=1$/);

  // Restart sets the runs back to the scene; "no scene" keeps the runs and writes them in full.
  await page.getByTestId('scene-restart').click();
  await expect(page).toHaveURL(/\?scene=one-cycle-vs-constant&backend=cpu&v=1$/);
  await select.selectOption('');
  // The scene's pace stays with the runs.
  await expect(page).toHaveURL(/dataset=moons.*speed=200.*runs=2.*r2\.schedule=one-cycle/);
  await expect(page.getByTestId('scene-card')).toHaveCount(0);
});

test('an unknown scene is named in the status area and the defaults are used', async ({ page }) => {
  await openPlayground(page, '?backend=cpu&scene=no-such-scene');
  await expect(page.getByTestId('status')).toContainText('There is no scene "no-such-scene"; using the defaults');
  await expect(page.getByTestId('scene-select')).toHaveValue('');
  await expect(page.getByTestId('run-row')).toHaveCount(1);
  await expect(page).toHaveURL(/\?backend=cpu&v=1$/);
});

test('narration waits for Next with auto-advance off, at 1366×768 and 1920×1080', async ({ page }) => {
  await page.setViewportSize({ width: 1366, height: 768 });
  await openPlayground(page, '?backend=cpu&scene=locoprop-targets&hidden=6,6,6,4&activation=tanh');
  const targets = page.locator('section.targets');
  await targets.scrollIntoViewIfNeeded();
  await page.getByTestId('slow-step').click();
  const narration = page.getByTestId('narration');
  await expect(narration).toContainText('Forward pass, layer 1');
  await page.waitForTimeout(2_500);
  await expect(narration).toContainText('Forward pass, layer 1');
  for (let i = 0; i < 10; i++) await page.getByTestId('narration-next').click();
  await expect(narration).toContainText('Targets: each layer gets its own target');
  // → and ← (the keyboard shortcuts) move the open narration, and → then takes no training step.
  const position = page.getByTestId('narration-position');
  await expect(position).toHaveText('Phase 11 of 17');
  await page.keyboard.press('ArrowRight');
  await expect(position).toHaveText('Phase 12 of 17');
  await page.keyboard.press('ArrowLeft');
  await expect(position).toHaveText('Phase 11 of 17');
  await expect(page.getByTestId('step-count')).toHaveText('1');
  // Four hidden layers: the diagram's last box, the output, is whole within the panel.
  const panel = await targets.boundingBox();
  const output = await page.getByTestId('network-diagram').locator('li').last().boundingBox();
  expect(panel && output && output.x + output.width <= panel.x + panel.width).toBe(true);
  await expect(page.getByTestId('network-diagram')).toContainText('output: 1 sigmoid');
  await targets.scrollIntoViewIfNeeded();
  await screenshot(page, 'narration-1366');
  await panelShot(page, 'section.targets', 'narration-1366-panel');
  await page.setViewportSize({ width: 1920, height: 1080 });
  await targets.scrollIntoViewIfNeeded();
  await screenshot(page, 'narration-1920');
  await panelShot(page, 'section.targets', 'narration-1920-panel');
  // The dark theme and presenter mode show the same narration, controls and diagram.
  await page.getByTestId('theme-toggle').click();
  await panelShot(page, 'section.targets', 'narration-1920-dark-panel');
  await page.getByTestId('scene-card').scrollIntoViewIfNeeded();
  await panelShot(page, 'section.runs-panel', 'scene-card-1920-dark-panel');
  await page.getByTestId('presenter-toggle').click();
  await page.waitForTimeout(500);
  await screenshot(page, 'narration-presenter-1920');
  await expect(narration).toContainText('Targets: each layer gets its own target');
});
