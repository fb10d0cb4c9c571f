/**
 * A shipped data file the worker cannot fetch: the worker posts the path and the HTTP status (worker/dataFacts.ts),
 * the page words them in the status (state/dataMessages.ts; issue 20 §6), and the page keeps working. And a chunk
 * of the page's own code that does not arrive is said on the page (main.tsx).
 */
import { expect, test } from '@playwright/test';

test('a data file answered with HTTP 404 is named with its path and status, and the page waits without crashing', async ({ page }) => {
  await page.context().route('**/data/iris.bin', (route) => route.fulfill({ status: 404, body: '' }));
  await page.goto('/?backend=cpu&dataset=iris');
  const status = page.getByTestId('status').locator('[data-code="data-unavailable"]');
  await expect(status).toHaveText(/iris: the data file \/(.*\/)?data\/iris\.bin could not be fetched \(HTTP 404\)\./, { timeout: 60_000 });
  await expect(page.getByTestId('step-count')).toHaveText('0');
});

test('a part of the start that does not load is said on the page, not left blank (issue 20 §7)', async ({ page }) => {
  // The entry loads React and then the page's modules (boot.tsx) by dynamic imports; either may fail to arrive.
  await page.route(/\/assets\/boot-[^/]+\.js$/, (route) => route.abort());
  await page.goto('/?backend=cpu');
  await expect(page.getByRole('alert')).toContainText(/^LocoLab did not load \(.+\)\. Reload the page to try again\.$/);
});
