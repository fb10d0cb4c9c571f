/**
 * A shipped data file the worker cannot fetch: the worker posts the path and the HTTP status (worker/dataFacts.ts),
 * the page words them in the status (state/dataMessages.ts; issue 20 §6), and the page keeps working.
 */
import { expect, test } from '@playwright/test';

test('a data file answered with HTTP 404 is named with its path and status, and the page waits without crashing', async ({ page }) => {
  await page.context().route('**/data/iris.bin', (route) => route.fulfill({ status: 404, body: '' }));
  await page.goto('/?backend=cpu&dataset=iris');
  const status = page.getByTestId('status').locator('[data-code="data-unavailable"]');
  await expect(status).toHaveText(/iris: the data file \/(.*\/)?data\/iris\.bin could not be fetched \(HTTP 404\)\./, { timeout: 60_000 });
  await expect(page.getByTestId('step-count')).toHaveText('0');
});
