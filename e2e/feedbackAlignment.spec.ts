import { readFile } from 'node:fs/promises';
import { expect, test } from './fixtures';
import { openPlayground, screenshot, waitForSteps, watchPage } from './helpers';

test('feedback alignment trains from the URL; the alignment chart shows each layer’s angle to the gradient, and the export names its B', async ({ page, baseURL }) => {
  const watch = watchPage(page, baseURL);
  // Stopped at step 1,500 (the budget), not paused wherever full speed has got to: the angles are measured from
  // θ's float32 change (measure.ts), which rounding dominates as the steps shrink, so the output layer's 0° reads
  // 0.6° some thousands of steps on. At one step the angles are the same on every run.
  await openPlayground(page, '?backend=cpu&algorithm=feedback-alignment&optimizer=sgd&learningRate=0.1&hidden=6,4&seed=3&speed=0&budget=1500');
  await expect(page.getByTestId('algorithm-select')).toHaveValue('feedback-alignment');
  const before = Number(await page.getByTestId('train-loss').textContent());
  await page.getByTestId('play').click();
  await waitForSteps(page, 1500, 60_000);
  await expect(page.getByTestId('play')).toHaveAttribute('aria-pressed', 'false');
  await expect(page.getByTestId('step-count')).toHaveText('1500');
  expect(Number(await page.getByTestId('train-loss').textContent())).toBeLessThan(before);

  const chart = page.getByTestId('alignment-chart');
  await chart.scrollIntoViewIfNeeded();
  const layers = chart.getByTestId('alignment-layer');
  await expect(layers).toHaveCount(3);
  const angles = await layers.evaluateAll((items) => items.map((item) => Number(item.getAttribute('data-angle'))));
  // The output layer's update is backprop's exactly (0°); the hidden layers' come through B: a real angle, downhill.
  expect(angles[2]).toBeLessThan(0.5);
  for (const angle of angles.slice(0, 2)) {
    expect(angle).toBeGreaterThan(0.5);
    expect(angle).toBeLessThan(180);
  }
  await screenshot(page, 'alignment-chart');

  // The Explain button of the chart opens feedback alignment's panel.
  await chart.getByRole('button', { name: 'Explain' }).click();
  await expect(page.getByRole('dialog')).toContainText('Feedback alignment');
  await page.keyboard.press('Escape');

  // The PyTorch export is feedback alignment's own: its B, no LocoProp inner loop.
  const [file] = await Promise.all([page.waitForEvent('download'), page.getByTestId('export-pytorch').click()]);
  const script = (await readFile(await file.path())).toString('utf8');
  expect(script).toContain('ALGORITHM = "feedback-alignment"');
  expect(script).toContain('FEEDBACK = [None, torch.tensor(');
  expect(script).not.toContain('LOCOPROP_VARIANT');
  expect(watch.errors).toEqual([]);
});
