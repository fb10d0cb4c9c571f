import { type Page } from '@playwright/test';
import { expect, test } from './fixtures';
import { openPlayground, screenshot, waitForSteps } from './helpers';

/** Full-page screenshots at a laptop and a desktop size. */
async function screenshots(page: Page, name: string): Promise<void> {
  for (const [width, height] of [
    [1366, 768],
    [1920, 1080],
  ] as const) {
    await page.setViewportSize({ width, height });
    await page.waitForTimeout(300);
    await screenshot(page, `${name}-${width}x${height}`);
  }
}

const percent = async (page: Page, testId: string): Promise<number> => Number.parseFloat((await page.getByTestId(testId).textContent()) ?? '');

test('digits: the gallery labels 24 test images, the confusion matrix has 10 rows, accuracy passes 50 %', async ({ page }) => {
  await openPlayground(page, '?backend=cpu&speed=0&dataset=digits&hidden=32');
  await expect(page.getByTestId('decision-boundary')).toHaveCount(0);
  await page.getByTestId('play').click();
  await waitForSteps(page, 200, 60_000);
  await expect.poll(() => percent(page, 'test-accuracy'), { timeout: 60_000 }).toBeGreaterThan(50);
  await page.getByTestId('pause').click();

  const gallery = page.getByTestId('image-gallery');
  await gallery.scrollIntoViewIfNeeded();
  const items = gallery.getByTestId('gallery-item');
  await expect(items).toHaveCount(24);
  await expect(items.first()).toHaveAttribute('data-correct', /^(true|false)$/);
  await expect(gallery.getByTestId('gallery-prediction').first()).toHaveText(/^\d \d+%$/);
  // A wrong prediction says the true class in words, not by colour alone.
  // (Read in one go: the last predictions may still land while the test reads.)
  const marks = await gallery.evaluate((root) =>
    Array.from(root.querySelectorAll('[data-testid="gallery-item"]'), (item) => [item.getAttribute('data-correct'), /✗ true \d/.test(item.textContent ?? '')]),
  );
  for (const [correct, saysTruth] of marks) expect(saysTruth).toBe(correct === 'false');
  await expect(gallery.getByTestId('gallery-score')).toHaveText(/^\d+ of 24 right$/);

  const matrix = page.getByTestId('confusion-matrix');
  await matrix.scrollIntoViewIfNeeded();
  await expect(matrix.getByTestId('confusion-row')).toHaveCount(10);
  // The counts come with the grid, less often than the top bar's numbers: the heading says which step they count.
  await expect(matrix.getByRole('heading')).toHaveText(/^Confusion matrix \(test set, step [\d,]+\)$/);
  await expect(matrix.locator('thead th[scope="col"]')).toHaveCount(12);
  await expect(matrix.getByTestId('confusion-recall').first()).toHaveText(/^\d+\.\d %$/);
  // The matrix fits a narrow panel: no wider than its section.
  const [tableWidth, sectionWidth] = await matrix.evaluate((section) => [section.querySelector('table')?.getBoundingClientRect().width ?? 0, section.getBoundingClientRect().width]);
  expect(tableWidth).toBeLessThanOrEqual(sectionWidth + 1);
  await screenshots(page, 'real-digits');
});

test('iris: the plane shows three classes with a legend and reads the class under the pointer', async ({ page }) => {
  await openPlayground(page, '?backend=cpu&speed=0&dataset=iris');
  const plane = page.getByTestId('decision-boundary');
  await plane.scrollIntoViewIfNeeded();
  await expect(plane).toBeVisible();
  await expect(page.getByTestId('class-legend-entry')).toHaveText(['setosa', 'versicolor', 'virginica']);
  await expect(page.getByTestId('image-gallery')).toHaveCount(0);
  await page.getByTestId('play').click();
  await waitForSteps(page, 300, 60_000);
  await page.getByTestId('pause').click();
  await expect(page.getByTestId('plane-axes')).toContainText('petal length (cm)');
  const box = await plane.boundingBox();
  if (!box) throw new Error('no plane');
  // The plane grows with its panel (up to 640 px): hover scrolls the point into view first.
  await plane.hover({ position: { x: box.width * 0.2, y: box.height * 0.8 } });
  await expect(page.getByTestId('plane-readout')).toHaveText(/^class (setosa|versicolor|virginica) \(p = [01]\.\d\d\) at \(petal length \(cm\) −?\d\.\d\d sd, petal width \(cm\) −?\d\.\d\d sd\)$/);
  await expect(page.getByTestId('confusion-matrix').getByTestId('confusion-row')).toHaveCount(3);
  await screenshots(page, 'real-iris');
});

test('MNIST 14×14 autoencoder: the gallery shows originals beside reconstructions', async ({ page }) => {
  await openPlayground(page, '?backend=cpu&dataset=mnist14&task=autoencoder&hidden=64,16,64');
  await page.getByTestId('play').click();
  await waitForSteps(page, 30, 60_000);
  await page.getByTestId('pause').click();
  const gallery = page.getByTestId('image-gallery');
  await gallery.scrollIntoViewIfNeeded();
  await expect(gallery.getByTestId('gallery-pair')).toHaveCount(24);
  await expect(gallery.getByTestId('gallery-original')).toHaveCount(24);
  await expect(gallery.getByTestId('gallery-reconstruction')).toHaveCount(24);
  await expect(gallery.getByTestId('gallery-pair').first()).toContainText('original');
  await expect(gallery.getByTestId('gallery-pair').first()).toContainText('reconstruction');
  const size = await gallery.getByTestId('gallery-original').first().boundingBox();
  expect(size?.width ?? 0).toBeGreaterThanOrEqual(56);
  await expect(page.getByTestId('confusion-matrix')).toHaveCount(0);
  await expect(page.getByTestId('decision-boundary')).toHaveCount(0);
  await screenshots(page, 'real-mnist14-autoencoder');
});

test('circle: the plane as before, a 2×2 confusion matrix, no gallery', async ({ page }) => {
  await openPlayground(page, '?backend=cpu&speed=0&dataset=circle');
  await page.getByTestId('play').click();
  await waitForSteps(page, 300);
  await page.getByTestId('pause').click();
  const plane = page.getByTestId('decision-boundary');
  await expect(plane).toBeVisible();
  await expect(page.getByTestId('class-legend')).toHaveCount(0);
  await expect(page.getByTestId('plane-axes')).toHaveCount(0);
  await expect(page.getByTestId('image-gallery')).toHaveCount(0);
  const box = await plane.boundingBox();
  if (!box) throw new Error('no plane');
  await page.mouse.move(box.x + box.width * 0.5, box.y + box.height * 0.5);
  await expect(page.getByTestId('plane-readout')).toHaveText(/^P\(class 1\) = [01]\.\d{3} at \(x₁ −?0\.\d\d, x₂ −?0\.\d\d\)$/);
  const matrix = page.getByTestId('confusion-matrix');
  await matrix.scrollIntoViewIfNeeded();
  await expect(matrix.getByTestId('confusion-row')).toHaveCount(2);
  await screenshots(page, 'real-circle');
});

test('MNIST picked by its button: the worker loads the file, accuracy rises past 70 % and the gallery labels test digits', async ({ page }) => {
  await openPlayground(page, '?backend=cpu&speed=0');
  await page.getByTestId('dataset-mnist14').click();
  await expect(page).toHaveURL(/dataset=mnist14/);
  // The run restarts on the new data: 196 inputs, 10 outputs, the fixed split.
  await expect(page.getByTestId('architecture')).toContainText('196 →', { timeout: 60_000 });
  await expect(page.getByTestId('architecture')).toContainText('→ 10');
  await page.getByTestId('play').click();
  await waitForSteps(page, 300, 120_000);
  await expect.poll(() => percent(page, 'test-accuracy'), { timeout: 120_000 }).toBeGreaterThan(70);
  await page.getByTestId('pause').click();
  const gallery = page.getByTestId('image-gallery');
  await gallery.scrollIntoViewIfNeeded();
  await expect(gallery.getByTestId('gallery-item')).toHaveCount(24);
  await expect(gallery.getByTestId('gallery-score')).toHaveText(/^\d+ of 24 right$/);
  await screenshots(page, 'real-mnist14');
});

test("the paper's scene: two runs on the MNIST autoencoder, backprop RMSProp and LocoProp-M, from the same start", async ({ page }) => {
  await openPlayground(page, '?backend=cpu');
  await page.getByTestId('scene-paper-autoencoder').click();
  await expect(page).toHaveURL(/dataset=mnist14/);
  await expect(page).toHaveURL(/runs=2/);
  const rows = page.getByTestId('runs-list').locator('tbody tr');
  await expect(rows).toHaveCount(2);
  await expect(rows.nth(1)).toContainText('LocoProp-M');
  await expect(page.getByTestId('architecture')).toContainText('196 → 128 → 64 → 16 → 64 → 128 → 196', { timeout: 60_000 });
  // Same initial weights: before any step the two runs' losses are equal (and not yet a placeholder).
  const lossOf = (i: number) => rows.nth(i).getByTestId('run-train-loss');
  await expect(lossOf(1)).toHaveText(/^\d/, { timeout: 60_000 });
  await expect(lossOf(0)).toHaveText((await lossOf(1).textContent()) ?? '');
  await page.getByTestId('step').click();
  await waitForSteps(page, 1, 60_000);
  // The gallery shows both runs' reconstructions side by side: a row each over the same test images.
  const comparison = page.getByTestId('image-gallery').getByTestId('gallery-comparison');
  await expect(comparison).toHaveAttribute('data-runs', '2');
  await expect(comparison.locator('tr[data-run="2"]').first()).toContainText('Run 2');
  await expect(page.getByTestId('gallery-key')).toContainText(/Run 1 · Backprop.*Run 2 · LocoProp-M/);
  await expect(comparison.locator('[data-row="run-2"]')).toHaveCount(24);
  await screenshots(page, 'paper-scene');
});

// Digits on WebGPU (the fused softmax kernel) is difficulty.spec.ts's, on the same page as its packed readback.
