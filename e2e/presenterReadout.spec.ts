/**
 * The presenter's run chip and the loss chart's readout show the same latest losses at the same moment, while
 * training (the chart is redrawn at most 10 times a second; the readout's latest numbers are not held back with it).
 * Screenshots into PRESENTER_READOUT_SHOTS at 1024×768, 1366×768 and 1920×1080.
 */
import { expect, test } from './fixtures';
import { openPlayground, savePicture, waitForSteps } from './helpers';

test('presenter: chip and chart readout agree on the latest losses while training', async ({ page }) => {
  test.setTimeout(90_000);
  await page.setViewportSize({ width: 1366, height: 768 });
  await openPlayground(page, '?backend=cpu');
  await page.getByTestId('presenter-toggle').click();
  await page.getByTestId('play').click();
  await waitForSteps(page, 20, 30_000);
  // Both read in one turn of the page's script: the same rendered moment.
  const read = () =>
    page.evaluate(() => {
      const chip = document.querySelector('.presenter-run.is-selected .presenter-run-loss')?.textContent ?? '';
      const readout = document.querySelector('[data-testid=loss-readout] li:not(.readout-x)')?.textContent ?? '';
      const numbers = (text: string) => text.match(/\d+\.\d+/g)?.slice(-2) ?? [];
      return { chip: numbers(chip), readout: numbers(readout) };
    });
  for (let i = 0; i < 6; i++) {
    const { chip, readout } = await read();
    expect(chip.length).toBe(2);
    expect(readout).toEqual(chip);
    await page.waitForTimeout(250);
  }
  const shots = process.env.PRESENTER_READOUT_SHOTS;
  for (const size of shots ? [{ width: 1024, height: 768 }, { width: 1366, height: 768 }, { width: 1920, height: 1080 }] : []) {
    await page.setViewportSize(size);
    await page.waitForTimeout(300);
    await savePicture(page, `${shots}/presenter-readout-${size.width}.png`);
  }
});
