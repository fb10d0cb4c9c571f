/**
 * The training budget (issue 19 §1): "stop at N steps or epochs", shared by every run. At full speed (fused CPU
 * kernels, hundreds of steps a tick) both runs of a comparison pause at exactly the budget; Play there trains
 * nothing and says why; a raised budget plays on from where the runs stood. The budget is in the address and
 * survives a reload; a bad one is named. The numbers read are the runs' own step counters (the runs table's
 * run-step-count), never a clock.
 */
import { type Page } from '@playwright/test';
import { expect, test } from './fixtures';
import { openPlayground, screenshot } from './helpers';

const rowSteps = async (page: Page): Promise<number[]> => (await page.getByTestId('run-step-count').allTextContents()).map(Number);

/** Sets the budget as a user does: types it and presses Enter. */
async function setBudget(page: Page, value: string): Promise<void> {
  await page.getByTestId('budget-input').fill(value);
  await page.getByTestId('budget-input').press('Enter');
}

/** Presses Play and waits for the runs to stop by themselves (the button shows Play again). */
async function playToBudget(page: Page): Promise<void> {
  await page.getByTestId('play').click();
  await expect(page.getByTestId('play')).toHaveAttribute('aria-pressed', 'false', { timeout: 60_000 });
}

test('a budget of 300 steps pauses both runs at exactly step 300 at full speed; Play then says so; a raised budget goes on', async ({ page }) => {
  await openPlayground(page, '?backend=cpu&speed=0&batchSize=10&runs=2&r2.learningRate=0.1');
  await expect(page.getByTestId('run-row')).toHaveCount(2);
  await expect(page.getByTestId('budget-input')).toHaveValue('');
  await expect(page.getByTestId('budget-unit')).toHaveValue('steps');
  await setBudget(page, '300');
  await expect(page).toHaveURL(/[?&]budget=300(&|$)/);
  // The default circle has 250 training points: at batch 10, 25 steps an epoch.
  await expect(page.getByTestId('budget-hint')).toHaveText('300 steps ≈ 12 epochs (1 epoch = 25 steps).');

  await playToBudget(page);
  await expect.poll(() => rowSteps(page)).toEqual([300, 300]);
  await expect(page.getByTestId('kernel-path')).toHaveText('fused');
  await expect(page.getByTestId('status')).toContainText('The training budget of 300 steps is reached: training paused at step 300');
  await screenshot(page, 'budget-reached');

  // Play at the budget trains nothing: the runs stay at 300 and the notice stands.
  await playToBudget(page);
  expect(await rowSteps(page)).toEqual([300, 300]);
  await expect(page.getByTestId('status')).toContainText('is reached');

  // Raised, the runs go on from 300 (nothing was reset) to the new budget; the notice comes down.
  await setBudget(page, '400');
  await playToBudget(page);
  await expect.poll(() => rowSteps(page)).toEqual([400, 400]);
  await expect(page.getByTestId('status')).toContainText('budget of 400 steps');

  // The budget is in the address (written within 250 ms of the change, urlSync.ts): a reload keeps it.
  await expect(page).toHaveURL(/[?&]budget=400(&|$)/);
  await page.reload();
  await expect(page.getByTestId('budget-input')).toHaveValue('400');
  await expect(page.getByTestId('run-row')).toHaveCount(2);
});

test('in epochs the budget reads in steps for the data and batch; a bad budget in the address is named', async ({ page }) => {
  await openPlayground(page, '?backend=cpu&speed=0&batchSize=10&budget=3&budgetUnit=epochs');
  await expect(page.getByTestId('budget-unit')).toHaveValue('epochs');
  await expect(page.getByTestId('budget-hint')).toHaveText('3 epochs = 75 steps (1 epoch = 25).');
  await playToBudget(page);
  await expect.poll(() => rowSteps(page)).toEqual([75]);
  await expect(page.getByTestId('epoch')).toHaveText('3');

  await openPlayground(page, '?backend=cpu&budget=-5&budgetUnit=hours');
  await expect(page.getByTestId('status')).toContainText('"budget" = "-5" is not valid');
  await expect(page.getByTestId('status')).toContainText('"budgetUnit" = "hours" is not valid');
  await expect(page.getByTestId('budget-input')).toHaveValue('');
  // Typed: text that is no whole number is refused by name and the budget kept.
  await setBudget(page, 'lots');
  await expect(page.getByTestId('status')).toContainText('Stop at: "lots" is not a number; kept');
  await expect(page.getByTestId('budget-input')).toHaveValue('');
});

test('the one-cycle scene ends both runs at step 2,000', async ({ page }) => {
  await openPlayground(page, '?scene=one-cycle-vs-constant&backend=cpu&speed=0');
  await expect(page.getByTestId('budget-input')).toHaveValue('2000');
  await playToBudget(page);
  await expect.poll(() => rowSteps(page)).toEqual([2000, 2000]);
});
