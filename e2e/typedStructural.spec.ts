import { expect, test } from './fixtures';
import { openPlayground, pauseAndSettle, readNumber, waitForSteps } from './helpers';

test('typing a layer size applies it on Enter, not per keystroke, and reports clamps', async ({ page }) => {
  await openPlayground(page, '?backend=cpu');
  await page.getByTestId('play').click();
  await waitForSteps(page, 50);
  const before = await pauseAndSettle(page);

  const units = page.getByTestId('units-1');
  await units.fill('');
  await units.pressSequentially('12');
  // Nothing applied while typing: no 1-unit network, the run goes on where it was.
  await expect(page.getByTestId('architecture')).toContainText('2 → 8 → 8 → 1');
  expect(await readNumber(page, 'step-count')).toBe(before);
  await units.press('Enter');
  await expect(page.getByTestId('architecture')).toContainText('2 → 12 → 8 → 1');
  await expect(page.getByTestId('step-count')).toHaveText('0');

  const status = page.getByTestId('status');
  for (const [typed, used] of [['0', '1'], ['65', '64'], ['1e9', '64']]) {
    await units.fill(typed);
    await units.press('Enter');
    await expect(status).toContainText(`Units in layer 1: ${typed} is outside 1–64 or not a whole number; using ${used}.`);
    await expect(units).toHaveValue(used);
  }
  await units.fill('many');
  await units.blur();
  await expect(status).toContainText('Units in layer 1: "many" is not a whole number from 1 to 64; kept 64.');
  await expect(page).toHaveURL(/hidden=64,8/);
});

test('clearing the seed keeps the seed and says so', async ({ page }) => {
  await openPlayground(page, '?backend=cpu&seed=7');
  const seed = page.getByTestId('seed-input');
  await seed.fill('');
  await seed.press('Enter');
  await expect(page.getByTestId('status')).toContainText('Seed: "" is not a whole number from 0 to 999999; kept 7.');
  await expect(seed).toHaveValue('7');
  await expect(page).toHaveURL(/seed=7/);
  await seed.fill('2.5');
  await seed.press('Enter');
  await expect(page.getByTestId('status')).toContainText('Seed: 2.5 is outside 0–999999 or not a whole number; using 3.');
  await expect(page).toHaveURL(/seed=3/);
});
