import { expect, test } from '@playwright/test';

for (const backend of ['webgpu', 'webgl', 'auto']) {
  test(`smoke ${backend}`, async ({ page }) => {
    page.on('console', (m) => console.log(`[${m.type()}] ${m.text().slice(0, 300)}`));
    page.on('pageerror', (e) => console.log(`[pageerror] ${e.message}`));
    const t0 = Date.now();
    await page.goto(`/?backend=${backend}`);
    await expect(page.getByTestId('step-count')).toHaveText('0');
    await expect(page.getByTestId('train-loss')).not.toHaveText('—');
    console.log(backend, 'ready after', Date.now() - t0, 'ms; backend', await page.getByTestId('backend').textContent());
    await page.getByTestId('play').click();
    await page.waitForTimeout(8000);
    console.log('steps', await page.getByTestId('step-count').textContent(), 'loss', await page.getByTestId('train-loss').textContent(), 'sps', await page.getByTestId('steps-per-second').textContent());
    console.log('status:', await page.getByTestId('status').textContent());
    await page.screenshot({ path: `test-results/smoke-${backend}.png`, fullPage: true });
  });
}
