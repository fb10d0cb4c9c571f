import { expect, test } from './fixtures';
import { openPlayground, readNumber, screenshot, waitForSteps } from './helpers';

test('switching backprop → LocoProp-M while playing keeps training; one target chart per layer', async ({ page }) => {
  // 100 steps a second at most, whatever the default pace: the switch comes early in training, while the loss
  // still has far to fall (at full speed backprop could be near its floor before the switch, and LocoProp-M's
  // first steps from fresh optimizer state can lift a loss that low for longer than any wait).
  await openPlayground(page, '?backend=cpu&speed=100');
  await page.getByTestId('play').click();
  await waitForSteps(page, 100);
  // The targets panel redraws only while on screen (as a person looks at it), so scroll to it.
  await page.locator('section.targets').scrollIntoViewIfNeeded();
  await expect(page.getByTestId('layer-card')).toHaveCount(3); // two hidden layers and the output

  // The bound is the run's own loss as the switch is made: LocoProp-M must take it lower by training on.
  const lossAtSwitch = await readNumber(page, 'train-loss');
  await page.getByTestId('algorithm-select').selectOption('locoprop-m');
  await expect(page.getByTestId('locoprop-controls')).toBeVisible();
  const stepAtSwitch = await readNumber(page, 'step-count');
  expect(stepAtSwitch).toBeGreaterThanOrEqual(100);
  await waitForSteps(page, stepAtSwitch + 300);
  await expect.poll(() => readNumber(page, 'train-loss')).toBeLessThan(lossAtSwitch);
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

test('slow step narrates one LocoProp step with its own numbers, at the presenter\'s pace; cost is measured per algorithm', async ({ page }) => {
  await openPlayground(page, '?backend=cpu&algorithm=locoprop-m&innerSteps=3');
  await page.locator('section.targets').scrollIntoViewIfNeeded();
  await page.getByTestId('slow-step').click();
  const narration = page.getByTestId('narration');
  const position = page.getByTestId('narration-position');
  await expect(narration).toContainText('Forward pass, layer 1');
  await expect(page.getByTestId('step-count')).toHaveText('1');
  await expect(page.getByTestId('narration-auto')).not.toBeChecked();
  await expect(page.getByTestId('narration-back')).toBeDisabled();
  // Auto-advance is off: the first phase waits for the presenter (the old pace moved on after 0.9 s).
  await page.waitForTimeout(3_000);
  await expect(narration).toContainText('Forward pass, layer 1');
  await expect(position).toHaveText('Phase 1 of 11');
  await page.getByTestId('narration-next').click();
  await expect(narration).toContainText('Forward pass, layer 2');
  await page.getByTestId('narration-back').click();
  await expect(narration).toContainText('Forward pass, layer 1');
  // The shortcuts' event (N, →, ←) moves it too; a handled event says so through preventDefault.
  const handled = await page.evaluate(() => !window.dispatchEvent(new CustomEvent('locolab:narration', { detail: 'next', cancelable: true })));
  expect(handled).toBe(true);
  await expect(position).toHaveText('Phase 2 of 11');
  for (let i = 0; i < 5; i++) await page.getByTestId('narration-next').click();
  await expect(narration).toContainText('Targets: each layer gets its own target Y − γ·G');
  await expect(position).toHaveText('Phase 7 of 11');
  await screenshot(page, 'slow-step');
  for (let i = 0; i < 3; i++) await page.getByTestId('narration-next').click();
  await expect(narration).toContainText('Inner iteration 3 of 3');
  // Auto-advance, when asked for, finishes the walk by itself; the last phase then closes.
  await page.getByTestId('narration-auto').check();
  await expect(narration).toContainText('New weights', { timeout: 15_000 });
  await expect(page.getByTestId('narration-position')).toHaveText('No step narrated', { timeout: 15_000 });
  await expect(page.getByTestId('slow-step')).toBeEnabled();
  const unhandled = await page.evaluate(() => window.dispatchEvent(new CustomEvent('locolab:narration', { detail: 'next', cancelable: true })));
  expect(unhandled).toBe(true);

  await page.getByTestId('measure-cost').click();
  const cost = page.getByTestId('cost-row');
  await expect(cost).toContainText('measured on cpu');
  await expect(cost).toContainText(/LocoProp-M [\d.]+ ms \([\d.]+× backprop\)/);
  await expect(page.getByTestId('step-count')).toHaveText('1'); // measuring left the run as it was
});
