/**
 * The default pace (issue 19): on a fresh page Play trains at most 100 steps a second, so a class sees the
 * circle learn over a few seconds; full speed is one choice away in the top bar. The numbers read are the
 * run's own counters: the step count, and the steps per second the worker reports from its own clock (steps
 * after the oldest tick in a 2 s window over the time since it, worker/rateMeter.ts), never wall-time bounds.
 */
import { expect, test } from './fixtures';
import { openPlayground, readNumber, waitForSteps } from './helpers';

const PACE = 100;
/**
 * What the worker's rate may read above the cap: the token bucket (engine/stepPacer.ts) lets a
 * tick take the steps its own duration refilled, a few steps over a window of a second or more.
 */
const TOLERANCE = 0.25 * PACE;

test('a fresh page plays at the class pace shown in the top bar; full speed there lifts it', async ({ page }) => {
  await openPlayground(page, '?backend=cpu');
  const speed = page.locator('header.topbar').getByTestId('speed-select');
  await expect(speed).toHaveValue(String(PACE));
  await expect(speed.locator('option:checked')).toHaveText(`${PACE} steps/s`);
  // One speed control on the page: it moved out of the Training panel.
  await expect(page.getByTestId('speed-select')).toHaveCount(1);

  await page.getByTestId('play').click();
  // PACE steps take at least a second of the run's own clock at PACE steps/s.
  await waitForSteps(page, PACE);
  const paced: number[] = [];
  for (let i = 0; i < 5; i++) {
    await page.waitForTimeout(200);
    paced.push(await readNumber(page, 'steps-per-second'));
  }
  for (const rate of paced) {
    expect(rate).toBeGreaterThan(0);
    expect(rate).toBeLessThanOrEqual(PACE + TOLERANCE);
  }
  // The default is not written to the address.
  expect(new URL(page.url()).searchParams.has('speed')).toBe(false);

  await speed.selectOption('0');
  await expect(speed.locator('option:checked')).toHaveText('Full speed');
  await expect(page).toHaveURL(/[?&]speed=0(&|$)/);
  await expect.poll(() => readNumber(page, 'steps-per-second'), { timeout: 20_000 }).toBeGreaterThan(PACE + TOLERANCE);
  await page.getByTestId('pause').click();
});
