import { expect, test } from '@playwright/test';
import { openPlayground, readNumber, screenshot, waitForSteps } from './helpers';

test('switching backprop → LocoProp-M while playing keeps training; one target chart per layer', async ({ page }) => {
  await openPlayground(page, '?backend=cpu');
  await page.getByTestId('play').click();
  await waitForSteps(page, 100);
  const lossBeforeSwitch = await readNumber(page, 'train-loss');
  // The targets panel redraws only while on screen (as a person looks at it), so scroll to it.
  await page.locator('section.targets').scrollIntoViewIfNeeded();
  await expect(page.getByTestId('layer-card')).toHaveCount(3); // two hidden layers and the output

  await page.getByTestId('algorithm-select').selectOption('locoprop-m');
  await expect(page.getByTestId('locoprop-controls')).toBeVisible();
  const stepAtSwitch = await readNumber(page, 'step-count');
  expect(stepAtSwitch).toBeGreaterThanOrEqual(100);
  await waitForSteps(page, stepAtSwitch + 300);
  await expect.poll(() => readNumber(page, 'train-loss')).toBeLessThan(lossBeforeSwitch);
  await expect(page).toHaveURL(/algorithm=locoprop-m/);
  await expect(page.getByTestId('layer-card')).toHaveCount(3);
  await expect(page.getByTestId('layer-card').first()).toContainText('Local loss change in the inner loop');
  await page.getByTestId('pause').click();

  await page.getByTestId('add-layer').click();
  await page.getByTestId('step').click();
  await page.locator('section.targets').scrollIntoViewIfNeeded();
  await expect(page.getByTestId('layer-card')).toHaveCount(4);
  await screenshot(page, 'locoprop-targets');
});

test('slow step narrates one LocoProp step with its own numbers; cost is measured per algorithm', async ({ page }) => {
  await openPlayground(page, '?backend=cpu&algorithm=locoprop-m&innerSteps=3');
  await page.getByTestId('slow-step').click();
  const narration = page.getByTestId('narration');
  await expect(narration).toContainText('Forward pass, layer 1');
  await expect(page.getByTestId('step-count')).toHaveText('1');
  await expect(narration).toContainText('Targets: each layer gets its own target Y − γ·G', { timeout: 15_000 });
  await screenshot(page, 'slow-step');
  await expect(narration).toContainText('Inner iteration 3 of 3', { timeout: 15_000 });
  await expect(narration).toContainText('New weights', { timeout: 15_000 });

  await page.getByTestId('measure-cost').click();
  const cost = page.getByTestId('cost-row');
  await expect(cost).toContainText('measured on cpu');
  await expect(cost).toContainText(/LocoProp-M [\d.]+ ms \([\d.]+× backprop\)/);
  await expect(page.getByTestId('step-count')).toHaveText('1'); // measuring left the run as it was
});
