import { expect, test } from '@playwright/test';
import { pauseAndSettle, readNumber } from './helpers';

/**
 * A heavy link (issue 21 item 3, issue 20 §7): MNIST through two layers of 512 at batch 128, about 0.5 GFLOP a
 * step, on the CPU backend. Before, such a link showed step 0 and "2 → 512 → 512 → 1" with no word while the
 * worker evaluated the untrained network on 4,000 examples three times, answering nothing. Now the cost is said
 * before that (with a smaller network to try), the architecture names the data's sizes, and Pause takes effect
 * between slices of work. Heavy, not absurd: a few seconds a tick, so the test stays short.
 */
test('a heavy MNIST network on the CPU says its cost first, names its sizes, trains, and pauses', async ({ page }) => {
  test.setTimeout(180_000);
  await page.goto('/?backend=cpu&dataset=mnist&hidden=512,512&activation=tanh,tanh&batchSize=128');
  const status = page.getByTestId('status');
  await expect(status).toContainText(/Heavy network: 669,706 parameters\. A step of batch 128 is 513\.5 MFLOP, about [\d.]+ s on CPU/, { timeout: 60_000 });
  await expect(status).toContainText('Losses and accuracies are measured on the first 747 of 2,000 training and 747 of 2,000 test examples');
  await expect(status).toContainText(/For steps under 0\.1 s, try hidden layers \d+,\d+\./);
  await expect(page.getByTestId('architecture')).toContainText('784 → 512 → 512 → 10');
  await expect(page.getByTestId('train-loss')).toHaveText(/^\d/, { timeout: 120_000 });

  await page.getByTestId('play').click();
  await expect.poll(() => readNumber(page, 'step-count'), { timeout: 120_000 }).toBeGreaterThanOrEqual(1);
  // Once its first step is timed the rate is this device's own.
  await expect(status).toContainText('GFLOP/s measured on this device', { timeout: 60_000 });
  // The worker takes the pause at its next slice (a step or an evaluation of one run, a few seconds here); a
  // step taken before the pause came in is shown by the pause's own evaluation; after that nothing moves.
  const previous = await pauseAndSettle(page, { interval: 8000, timeout: 60_000 });
  await page.waitForTimeout(4000);
  expect(await readNumber(page, 'step-count')).toBe(previous);
  await expect(page.getByTestId('play')).toHaveAttribute('aria-pressed', 'false');
});

/**
 * One heavy run beside a light one (issue 21): in lockstep the light run steps only as often as the heavy one,
 * and the page says so, with the way out; in equal time it says nothing of the kind.
 */
test('a light run beside a heavy one: lockstep says why it waits, equal time does not', async ({ page }) => {
  test.setTimeout(120_000);
  const status = page.getByTestId('status');
  const heavy = '?backend=cpu&runs=2&r2.dataset=mnist&r2.hidden=512,512&r2.activation=tanh,tanh&r2.batchSize=128';
  await page.goto(`/${heavy}`);
  await expect(status).toContainText(/Run 1 waits for run 2: in lockstep every run takes the same steps, and a step of run 2 takes about [\d.]+ m?s, [\d,.]+× one of run 1\. Choose equal time \(Pacing: time\) to let each train at its own pace\./, { timeout: 60_000 });
  await page.goto(`/${heavy}&pacing=time`);
  await expect(status).toContainText('Heavy network', { timeout: 60_000 });
  await expect(page.getByTestId('run-train-loss').nth(1)).toHaveText(/^\d/, { timeout: 60_000 });
  await expect(status).not.toContainText('waits for');
});
