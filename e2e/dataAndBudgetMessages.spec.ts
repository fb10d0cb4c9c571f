/**
 * Issue 19's review of the Data panel and the budget's messages: a CSV file after an image set gets the default
 * network (not the set's preset) and the note says so; toggling a feature input is marked and said to start a new
 * run; the budget's message comes down when the run starts again, and Play at the budget says so again and puts
 * the focus on the budget. The steps read are the runs' own counters, never a clock.
 */
import { type Page } from '@playwright/test';
import { expect, test } from './fixtures';
import { openPlayground, screenshot } from './helpers';

const toggle = (page: Page, feature: string) => page.locator(`[data-testid="feature-toggle"][data-feature="${feature}"]`);

/** Presses Play and waits for the runs to stop by themselves at the budget (the button shows Play again). */
async function playToBudget(page: Page): Promise<void> {
  await page.getByTestId('play').click();
  await expect(page.getByTestId('play')).toHaveAttribute('aria-pressed', 'false', { timeout: 60_000 });
}

test('Digits, then a CSV file: the default network, and the note names the CSV pick', async ({ page }) => {
  await openPlayground(page, '?backend=cpu');
  await page.getByTestId('dataset-digits').click();
  await expect(page.getByTestId('dataset-network-note')).toContainText("Digits 8×8's preset 64-32-10");
  await page.getByTestId('dataset-custom').click();
  await page.getByTestId('csv-input').setInputFiles('e2e/fixtures/clusters.csv');
  await expect(page).toHaveURL(/dataset=custom/);
  await expect(page.getByTestId('architecture')).toContainText('4 → 8 → 8 → 3');
  await expect(page.getByTestId('dataset-network-note')).toContainText('Network set to the default network, 8-8 hidden, for CSV file');
});

test('a feature input is marked "new run" and toggling it says the run started again; the budget message goes then', async ({ page }) => {
  await openPlayground(page, '?backend=cpu&speed=0&budget=20');
  await expect(page.getByTestId('feature-inputs-kind')).toHaveText('new run');
  await playToBudget(page);
  await expect(page.getByTestId('status')).toContainText('The training budget of 20 steps is reached');
  // Play at the budget: said again, in other words, and the budget takes the focus.
  await playToBudget(page);
  await expect(page.getByTestId('status')).toContainText('Play trains nothing: the training budget of 20 steps is reached');
  await expect(page.getByTestId('budget-input')).toBeFocused();
  await screenshot(page, 'budget-play-again');
  // A feature input toggled: a new run from step 0, said in the status; the budget message no longer holds.
  await toggle(page, 'x1sq').click();
  await expect(page.getByTestId('status')).toContainText("Feature inputs are now x₁, x₂, x₁²: the network's input layer changed, so a new run started from step 0 on them.");
  await expect(page.getByTestId('step-count')).toHaveText('0');
  await expect(page.getByTestId('status')).not.toContainText('budget of 20 steps');
  // Reset at the budget takes it down too.
  await playToBudget(page);
  await expect(page.getByTestId('status')).toContainText('budget of 20 steps');
  await page.getByTestId('reset').click();
  await expect(page.getByTestId('step-count')).toHaveText('0');
  await expect(page.getByTestId('status')).not.toContainText('budget of 20 steps');
  // A set without feature inputs: what the toggle did no longer applies.
  await page.getByTestId('dataset-digits').click();
  await expect(page.getByTestId('status')).not.toContainText('Feature inputs are now');
});
