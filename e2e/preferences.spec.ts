import { expect, test } from '@playwright/test';
import { openPlayground, watchPage } from './helpers';

/** The stored value that blanked the page on every reload ("n.toFixed is not a function", issue 9). */
const CORRUPTED = '{"state":{"smoothing":"abc","logY":"yes","xAxis":"foo"},"version":1}';

test.describe('corrupted stored display preferences', () => {
  for (const [name, stored] of [
    ['wrong types', CORRUPTED],
    ['unparseable JSON', '{"state":{"smoothing":'],
  ] as const) {
    test(`${name}: the page works with the defaults, a console warning and no page errors`, async ({ page, baseURL }) => {
      const watch = watchPage(page, baseURL);
      const warnings: string[] = [];
      page.on('console', (message) => {
        if (message.type() === 'warning') warnings.push(message.text());
      });
      // Before any page script runs, on every load: as if an earlier session had left it there.
      await page.addInitScript((value) => window.localStorage.setItem('locolab-view', value), stored);
      await openPlayground(page, '?backend=cpu');

      await expect(page.getByTestId('smoothing-slider')).toHaveValue('0');
      await expect(page.getByTestId('loss-chart').locator('output')).toHaveText('0.00');
      await expect(page.getByTestId('log-y')).not.toBeChecked();
      await expect(page.getByTestId('x-axis')).toHaveValue('step');
      await page.getByTestId('step').click();
      await expect(page.getByTestId('step-count')).toHaveText('1');

      expect(warnings.some((w) => w.startsWith('Saved display preferences:'))).toBe(true);
      expect(watch.errors).toEqual([]);
    });
  }
});
