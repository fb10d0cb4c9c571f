/**
 * The sweep builder's second field: batch size defaults to doublings (8…256, log, 6 values), not an even split
 * of 1…256. Screenshots into SWEEPDEFAULTS_SHOTS at 1024×768, 1366×768 and 1920×1080.
 */
import { expect, test } from './fixtures';
import { openPlayground, savePicture } from './helpers';

test('a batch-size axis defaults to 8, 16, 32, 64, 128, 256', async ({ page }) => {
  await page.setViewportSize({ width: 1366, height: 768 });
  await openPlayground(page, '?backend=cpu&sweep=learningRate,0.001,10,7,log&sweepSeeds=2&sweepBudget=300');
  await page.getByTestId('sweep-field-2').selectOption('batchSize');
  await expect(page.getByTestId('sweep-from-2')).toHaveValue('8');
  await expect(page.getByTestId('sweep-to-2')).toHaveValue('256');
  await expect(page.getByTestId('sweep-count-2')).toHaveValue('6');
  await expect(page.getByTestId('sweep-scale-2')).toHaveValue('log');
  await expect(page.getByTestId('sweep-size')).toContainText('84 runs');
  const shots = process.env.SWEEPDEFAULTS_SHOTS;
  for (const size of shots ? [{ width: 1024, height: 768 }, { width: 1366, height: 768 }, { width: 1920, height: 1080 }] : []) {
    await page.setViewportSize(size);
    await page.getByTestId('sweep-panel').scrollIntoViewIfNeeded();
    await page.waitForTimeout(200);
    await savePicture(page, `${shots}/sweep-defaults-${size.width}.png`);
  }
});
