/**
 * Big CSV files (issue 21, item 2): each file is made here, in the test. A 100,000-row file froze the page
 * after Play (every redraw of the plane painted all 100,000 points); a 100,000-column one took 125 s and drew
 * 99,999 checkboxes; a 1 GB one was read whole before the size check.
 */
import { truncate, writeFile } from 'node:fs/promises';
import { expect, test } from './fixtures';
import { openPlayground, readNumber, waitForSteps } from './helpers';

/** `rows` rows of two features in [-1, 1] and an XOR label, from a fixed seed. */
function xorCsv(rows: number): Buffer {
  let state = 1;
  const next = (): number => (state = (state * 16807) % 2147483647) / 2147483647;
  const lines = ['x1,x2,label'];
  for (let i = 0; i < rows; i++) {
    const [a, b] = [next() * 2 - 1, next() * 2 - 1];
    lines.push(`${a.toFixed(4)},${b.toFixed(4)},${a * b > 0 ? 1 : 0}`);
  }
  return Buffer.from(lines.join('\n'));
}

test('a 100,000-row file trains with the page answering: the plane draws a sample, Pause stops it', async ({ page }) => {
  await openPlayground(page, '?backend=cpu');
  await page.getByTestId('dataset-custom').click();
  await page.getByTestId('csv-input').setInputFiles({ name: 'rows.csv', mimeType: 'text/csv', buffer: xorCsv(100_000) });
  await expect(page.getByTestId('csv-summary')).toHaveText('rows.csv · 100,000 rows · 3 columns · 2 features → label label');
  await page.getByTestId('play').click();
  await waitForSteps(page, 30);
  // The page reads and clicks while training: before, the step count stopped at the first tick and Pause
  // could not be clicked for minutes.
  await waitForSteps(page, (await readNumber(page, 'step-count')) + 10);
  await page.getByTestId('pause').click();
  await expect(page.getByTestId('play')).toHaveAttribute('aria-pressed', 'false');
  await expect(page.getByTestId('plane-sampled')).toHaveText(/^Showing every \d+(st|nd|rd|th) point: [\d,]+ of [\d,]+ training and [\d,]+ of [\d,]+ test points\.$/);
});

test('a 100,000-column file loads its first 1,023 columns and its label, and says how many were left out', async ({ page }) => {
  const width = 100_000;
  const header = Array.from({ length: width }, (_, i) => (i === width - 1 ? 'y' : `c${i}`)).join(',');
  const row = (r: number): string => Array.from({ length: width }, (_, i) => (i === width - 1 ? r % 2 : (i + r) % 3)).join(',');
  const buffer = Buffer.from([header, row(0), row(1), row(2), row(3)].join('\n'));
  await openPlayground(page, '?backend=cpu');
  await page.getByTestId('dataset-custom').click();
  await page.getByTestId('csv-input').setInputFiles({ name: 'wide.csv', mimeType: 'text/csv', buffer });
  await expect(page.getByTestId('csv-summary')).toHaveText('wide.csv · 4 rows · 1,024 columns · 1,023 features → label y');
  await expect(page.getByTestId('csv-notes')).toContainText(
    'The file has 100,000 columns: the first 1,023 and the label column "y" were loaded, 98,976 columns left out (at most 1,024 can be loaded).',
  );
  await expect(page.locator('[data-testid^="csv-feature-"]')).toHaveCount(1023);
  // The list scrolls in a box of its own (it made the settings column ~19,500 px tall), and using two of the
  // 1,023 features takes two clicks, not 1,021.
  await expect(page.getByTestId('csv-features-legend')).toHaveText('Features: 1,023 of 1,023 in use');
  expect((await page.getByTestId('csv-features-list').boundingBox())?.height).toBeLessThan(400);
  await page.getByTestId('csv-features-first').click();
  await expect(page.getByTestId('csv-summary')).toHaveText('wide.csv · 4 rows · 1,024 columns · 1 feature → label y');
  // The tick shows at once, before the worker has read the file again for the new choice: until then the box
  // sprang back unticked (seconds for this file on a slow machine). React renders a click's update before the
  // next task; the worker's answer, which reads the 100,000 columns again, comes later.
  const tickedAtOnce = await page.getByTestId('csv-feature-1').evaluate(async (box: HTMLInputElement) => {
    box.click();
    await new Promise((resolve) => setTimeout(resolve, 0));
    return box.checked;
  });
  expect(tickedAtOnce).toBe(true);
  await expect(page.getByTestId('csv-features-legend')).toHaveText('Features: 2 of 1,023 in use');
  // The list is one Tab stop: ↓ moves within it, Tab leaves it (it held 1,023 Tab stops).
  await page.getByTestId('csv-feature-1').focus();
  await page.keyboard.press('ArrowDown');
  await expect(page.getByTestId('csv-feature-2')).toBeFocused();
  // PageDown moves the focus a page on and keeps it in sight (it only scrolled the box, so Space then toggled a
  // checkbox out of sight).
  await page.keyboard.press('PageDown');
  await expect(page.getByTestId('csv-feature-2')).not.toBeFocused();
  await expect(page.locator('[data-testid^="csv-feature-"]:focus')).toBeInViewport();
  await page.keyboard.press('Tab');
  expect(await page.getByTestId('csv-features-list').evaluate((list) => list.contains(document.activeElement))).toBe(false);
});

test('a 1 GB file is refused by its size without being read', async ({ freshPage: page }, testInfo) => {
  // Sparse: 1 GB long, nothing written. Every read of a file's contents on the page is counted.
  const path = testInfo.outputPath('huge.csv');
  await writeFile(path, 'a,b\n');
  await truncate(path, 1024 ** 3);
  await page.addInitScript(() => {
    const reads = { count: 0 };
    (window as unknown as { fileReads: typeof reads }).fileReads = reads;
    for (const name of ['arrayBuffer', 'text', 'stream', 'bytes'] as const) {
      const original = Blob.prototype[name] as (...args: unknown[]) => unknown;
      if (typeof original !== 'function') continue;
      Object.defineProperty(Blob.prototype, name, {
        value(this: Blob, ...args: unknown[]) {
          reads.count++;
          return original.apply(this, args);
        },
      });
    }
  });
  await openPlayground(page, '?backend=cpu');
  await page.getByTestId('dataset-custom').click();
  await page.getByTestId('csv-input').setInputFiles(path);
  await expect(page.getByTestId('csv-error')).toContainText(
    'huge.csv: the file is 1024.0 MB (1,073,741,824 bytes); files up to 50.0 MB (52,428,800 bytes) can be loaded.',
  );
  await expect(page.getByTestId('status')).toContainText('huge.csv: the file is 1024.0 MB');
  expect(await page.evaluate(() => (window as unknown as { fileReads: { count: number } }).fileReads.count)).toBe(0);
});
