import { expect, test } from './fixtures';
import { openPlayground, pauseAndSettle, readNumber, screenshot, waitForSteps } from './helpers';

test('a malformed URL is reported field by field and the page still trains', async ({ page }) => {
  await openPlayground(page, '?backend=cpu&noise=abc&hidden=8,x&learningRate=1e9&colour=red');
  const status = page.getByTestId('status');
  // One message for the whole address, so the status area's message limit cannot hide a field.
  await expect(status.locator('[data-code="url"]')).toHaveCount(1);
  await expect(status).toContainText('From the address: 4 settings could not be used as given: "colour", "noise", "hidden", "learningRate".');
  await expect(status).toContainText('"noise" = "abc" is not valid (not a decimal number)');
  await expect(status).toContainText('"hidden" = "8,x" is not valid');
  await expect(status).toContainText('"learningRate" = "1e9" is not valid (must be at most 10)');
  await expect(status).toContainText('Unknown setting "colour"');
  await expect(page.getByTestId('architecture')).toContainText('2 → 8 → 8 → 1');
  await expect(page).not.toHaveURL(/noise=|colour=/);
  await page.getByTestId('step').click();
  await expect(page.getByTestId('step-count')).toHaveText('1');
  await screenshot(page, 'malformed-url');
});

test('features the data set lacks and a hexadecimal seed are named; the run trains on the defaults', async ({ page }) => {
  await openPlayground(page, '?backend=cpu&dataset=iris&features=a,a&seed=0x10');
  const status = page.getByTestId('status').locator('[data-code="url"]');
  await expect(status).toContainText('From the address: 2 settings could not be used as given: "seed", "features".');
  await expect(status).toContainText('"features" = "a,a" is not valid (iris has no feature "a"');
  await expect(status).toContainText('using the data set\'s default features, "petal length (cm)", "petal width (cm)"');
  await expect(status).toContainText('"seed" = "0x10" is not valid (not a decimal number); using the default, 1.');
  await expect(page).not.toHaveURL(/features=|seed=/);
  await page.getByTestId('play').click();
  await waitForSteps(page, 20);
  await pauseAndSettle(page);
});

test('learning rate 10 diverges, pauses with a message; a lower learning rate recovers', async ({ page }) => {
  await openPlayground(page, '?backend=cpu&learningRate=10');
  const untrainedLoss = await readNumber(page, 'train-loss');
  await page.getByTestId('play').click();
  const status = page.getByTestId('status');
  const diverged = status.locator('[data-code="diverged"]');
  await expect(diverged).toContainText('Training diverged');
  await expect(diverged).toContainText('learning rate 10');
  await expect(page.getByTestId('play')).toBeVisible();
  // The message names the step and the loss it restored; the restored weights are never worse than untrained.
  const restored = /restored the weights of step (\d+) \(training loss ([\d.]+)\)/.exec((await diverged.textContent()) ?? '');
  expect(restored).not.toBeNull();
  const [restoredStep, restoredLoss] = [Number(restored?.[1]), Number(restored?.[2])];
  expect(restoredLoss).toBeLessThanOrEqual(untrainedLoss);
  await expect(page.getByTestId('step-count')).toHaveText(String(restoredStep));
  await page.waitForTimeout(500);
  expect(await readNumber(page, 'step-count')).toBe(restoredStep);
  expect(await readNumber(page, 'train-loss')).toBe(restoredLoss);
  await screenshot(page, 'diverged');

  const lr = page.getByTestId('learningRate-input');
  await lr.fill('0.01');
  await lr.press('Enter');
  await page.getByTestId('play').click();
  // Training goes on from sane weights, and the red message goes away with the first healthy tick.
  await expect(diverged).toHaveCount(0);
  await waitForSteps(page, restoredStep + 300);
  await expect.poll(() => readNumber(page, 'train-loss')).toBeLessThan(0.4);
  await page.getByTestId('pause').click();
});

test('an L2 penalty at rate 10 is reported as dominating, and the warning goes once the rate is lowered', async ({ page }) => {
  await openPlayground(page, '?backend=cpu&regularization=l2&regularizationRate=10');
  await page.getByTestId('play').click();
  const warning = page.getByTestId('status').locator('[data-code="penalty"]');
  await expect(warning).toContainText(/The L2 penalty's gradient is \d+× the loss's/);
  await waitForSteps(page, 300);
  await expect.poll(() => readNumber(page, 'train-loss')).toBeCloseTo(Math.LN2, 2);
  await screenshot(page, 'penalty-dominates');
  const rate = page.getByTestId('regularizationRate-input');
  await rate.fill('0.001');
  await rate.press('Enter');
  await expect(warning).toHaveCount(0);
  await page.getByTestId('pause').click();
});

test('the URL follows the config, and a reload restores it', async ({ page }) => {
  await openPlayground(page, '?backend=cpu');
  await page.getByTestId('dataset-spiral').click();
  await page.getByTestId('add-layer').click();
  await expect(page).toHaveURL(/dataset=spiral/);
  await expect(page).toHaveURL(/hidden=8,8,8/);
  await page.reload();
  await expect(page.getByTestId('dataset-spiral')).toHaveAttribute('aria-pressed', 'true');
  await expect(page.getByTestId('architecture')).toContainText('2 → 8 → 8 → 8 → 1');
  await expect(page.getByTestId('status')).toBeEmpty();
});

test('a live setting keeps the run; a structural one starts a new run', async ({ page }) => {
  await openPlayground(page, '?backend=cpu&speed=0');
  await page.getByTestId('play').click();
  await waitForSteps(page, 200);
  const lr = page.getByTestId('learningRate-input');
  await lr.fill('0.003');
  await lr.press('Enter');
  await expect(page.getByTestId('learning-rate')).toHaveText('0.003');
  expect(await readNumber(page, 'step-count')).toBeGreaterThanOrEqual(200);
  await page.getByTestId('pause').click();

  await page.getByTestId('units-1').fill('5');
  await page.getByTestId('units-1').press('Enter');
  await expect(page.getByTestId('architecture')).toContainText('2 → 5 → 8 → 1');
  await expect(page.getByTestId('step-count')).toHaveText('0');
});

test('a typed value outside the range is clamped and reported', async ({ page }) => {
  await openPlayground(page, '?backend=cpu');
  const noise = page.getByTestId('noise-input');
  await noise.fill('80');
  await noise.press('Enter');
  await expect(page.getByTestId('status')).toContainText('Noise: 80 is outside 0–50');
  await expect(noise).toHaveValue('50');
  await expect(page).toHaveURL(/noise=50/);
  const lr = page.getByTestId('learningRate-input');
  await lr.fill('fast');
  await lr.press('Enter');
  await expect(page.getByTestId('status')).toContainText('Learning rate: "fast" is not a number');
  await expect(lr).toHaveValue('0.01');
});
