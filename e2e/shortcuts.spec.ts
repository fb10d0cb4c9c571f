import { type Page } from '@playwright/test';
import { expect, test } from './fixtures';
import { openPlayground, pauseAndSettle, readNumber, watchPage } from './helpers';

/** Presses a key with the page itself focused (nothing typed into). */
async function pressOnPage(page: Page, key: string): Promise<void> {
  await page.evaluate(() => (document.activeElement instanceof HTMLElement ? document.activeElement.blur() : undefined));
  await page.keyboard.press(key);
}

test('Space plays and pauses, → steps exactly one, R resets, 1–9 select a run, ? shows the help', async ({ page, baseURL }) => {
  const watch = watchPage(page, baseURL);
  await openPlayground(page, '?backend=cpu');

  await pressOnPage(page, 'Space');
  await expect(page.getByTestId('pause')).toBeVisible();
  await expect.poll(() => readNumber(page, 'step-count')).toBeGreaterThan(0);
  // Paused (the tick in flight at the key still reports): → adds exactly one step, and nothing more arrives after it.
  const before = await pauseAndSettle(page, { pause: () => pressOnPage(page, 'Space') });
  await pressOnPage(page, 'ArrowRight');
  await expect(page.getByTestId('step-count')).toHaveText(String(before + 1));
  await page.waitForTimeout(500);
  await expect(page.getByTestId('step-count')).toHaveText(String(before + 1));

  await pressOnPage(page, 'r');
  await expect(page.getByTestId('step-count')).toHaveText('0');

  await page.getByTestId('add-run').click();
  const rows = page.getByTestId('run-row');
  await expect(rows).toHaveCount(2);
  await expect(rows.nth(1)).toHaveAttribute('aria-selected', 'true');
  await pressOnPage(page, '1');
  await expect(rows.nth(0)).toHaveAttribute('aria-selected', 'true');
  await pressOnPage(page, '2');
  await expect(rows.nth(1)).toHaveAttribute('aria-selected', 'true');
  await pressOnPage(page, '9');
  await expect(rows.nth(1)).toHaveAttribute('aria-selected', 'true');

  await pressOnPage(page, '?');
  const help = page.getByTestId('shortcut-help');
  await expect(help).toBeVisible();
  await expect(help).toContainText('Play or pause');
  await page.keyboard.press('Escape');
  await expect(help).toBeHidden();
  expect(watch.errors).toEqual([]);
});

test('shortcuts do nothing while a text field has focus', async ({ page }) => {
  await openPlayground(page, '?backend=cpu');
  const box = page.getByTestId('learningRate-input');
  await box.focus();
  for (const key of ['Space', 'ArrowRight', 'r', 'l', 'p', '1', 'Shift+Slash']) await page.keyboard.press(key);
  await page.waitForTimeout(600);
  await expect(page.getByTestId('step-count')).toHaveText('0');
  await expect(page.getByTestId('play')).toBeVisible();
  await expect(page.locator('.app')).toHaveAttribute('data-presenter', 'off');
  await expect(page.getByTestId('shortcut-help')).toHaveCount(0);
  await expect(page.getByTestId('find-lr')).toBeVisible();
  // The keys went to the box instead: the text holds the typed characters.
  await expect(box).toBeFocused();
  await expect(box).toHaveValue(/rlp1\?/);
});

test('L starts the range test; P and Esc enter and leave presenter mode; → and N move an open narration instead of stepping', async ({ page }) => {
  await openPlayground(page, '?backend=cpu&rangeSteps=50');
  await pressOnPage(page, 'l');
  await expect(page.getByTestId('range-chart')).toBeVisible({ timeout: 30_000 });

  // A narration that takes the key cancels the event (the contract with the narration's listener).
  await page.evaluate(() => {
    const w = window as unknown as { narrationMoves: string[] };
    w.narrationMoves = [];
    window.addEventListener('locolab:narration', (event) => {
      w.narrationMoves.push(String((event as CustomEvent<string>).detail));
      event.preventDefault();
    });
  });
  const moves = (): Promise<string[]> => page.evaluate(() => (window as unknown as { narrationMoves: string[] }).narrationMoves);
  const steps = await readNumber(page, 'step-count');
  await pressOnPage(page, 'ArrowRight');
  await pressOnPage(page, 'ArrowLeft');
  await pressOnPage(page, 'n');
  expect(await moves()).toEqual(['next', 'back']);
  await page.waitForTimeout(300);
  expect(await readNumber(page, 'step-count')).toBe(steps);

  await pressOnPage(page, 'p');
  await expect(page.locator('.app')).toHaveAttribute('data-presenter', 'on');
  await pressOnPage(page, 'n');
  expect(await moves()).toEqual(['next', 'back', 'next']);
  await page.keyboard.press('Escape');
  await expect(page.locator('.app')).toHaveAttribute('data-presenter', 'off');
});

test('with the slow step narrated, → moves the real narration and takes no training step', async ({ page }) => {
  await openPlayground(page, '?backend=cpu');
  await page.getByTestId('slow-step').click();
  await expect(page.getByTestId('step-count')).toHaveText('1');
  const narration = page.getByTestId('narration');
  await expect(narration).not.toHaveText(/Press “Slow step”/);
  const first = await narration.textContent();
  await pressOnPage(page, 'ArrowRight');
  await expect(narration).not.toHaveText(first ?? '');
  await pressOnPage(page, 'ArrowLeft');
  await expect(narration).toHaveText(first ?? '');
  await page.waitForTimeout(300);
  await expect(page.getByTestId('step-count')).toHaveText('1');
});
