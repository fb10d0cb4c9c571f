import AxeBuilder from '@axe-core/playwright';
import { type Locator, type Page } from '@playwright/test';
import { expect, test } from './fixtures';
import { openPlayground, readNumber, savePicture, waitForSteps } from './helpers';

const SHOTS = process.env.E2E_OUTPUT ?? 'test-results';

/** How many distinct colours a canvas shows (0 for a blank one). */
async function distinctColours(canvas: Locator): Promise<number> {
  return canvas.evaluate((element) => {
    const c = element as HTMLCanvasElement;
    const ctx = c.getContext('2d');
    if (!ctx || c.width === 0) return 0;
    const data = ctx.getImageData(0, 0, c.width, c.height).data;
    const seen = new Set<number>();
    for (let i = 0; i < data.length; i += 4) if (data[i + 3] > 0) seen.add((data[i] << 16) | (data[i + 1] << 8) | data[i + 2]);
    return seen.size;
  });
}

/** Serious and critical axe violations inside the per-unit view. */
async function axeOnView(page: Page): Promise<string[]> {
  const results = await new AxeBuilder({ page }).include('[data-testid="neuron-grid"]').analyze();
  return results.violations.filter((v) => v.impact === 'serious' || v.impact === 'critical').flatMap((v) => v.nodes.map((n) => `${v.id} at ${n.target.join(' ')}`));
}

test('one unit per hidden unit, drawn as a heatmap over the plane; a layer’s width changes the count; focus enlarges a unit', async ({ page }) => {
  await openPlayground(page, '?backend=cpu&hidden=4,3');
  const grid = page.getByTestId('neuron-grid');
  await grid.scrollIntoViewIfNeeded();
  await expect(page.getByTestId('neuron')).toHaveCount(7);
  await expect(page.locator('[data-testid="neuron"][data-layer="2"][data-unit="2"]')).toHaveCount(1);
  // The untrained network is drawn without a step: the view asks for it once it is on screen.
  await expect(grid).toHaveAttribute('data-state', 'drawn');
  await page.getByTestId('play').click();
  await waitForSteps(page, 40);
  await page.getByTestId('pause').click();
  const first = page.getByTestId('neuron').first().locator('canvas');
  await expect.poll(() => distinctColours(first)).toBeGreaterThan(3);
  // Edges: a canvas under the units, coloured by the weights.
  await expect.poll(() => distinctColours(page.locator('.neuron-edges'))).toBeGreaterThan(1);

  const unit = page.locator('[data-testid="neuron"][data-layer="1"][data-unit="2"]');
  await unit.focus();
  const detail = page.getByTestId('neuron-detail');
  await expect(detail).toBeVisible();
  await expect(detail).toContainText('Layer 1, unit 3');
  await expect(detail).toContainText(/Incoming weights -?\d/);
  const large = detail.locator('canvas').first();
  expect(await large.evaluate((c) => c.getBoundingClientRect().width)).toBeGreaterThan(await unit.evaluate((c) => c.getBoundingClientRect().width));
  await expect.poll(() => distinctColours(large)).toBeGreaterThan(3);
  // The enlarged view sits beside or below the unit, never over it.
  const [u, d] = [await unit.boundingBox(), await detail.boundingBox()];
  if (!u || !d) throw new Error('no boxes');
  expect(u.x + u.width <= d.x || d.x + d.width <= u.x || u.y + u.height <= d.y || d.y + d.height <= u.y).toBe(true);
  // The arrow keys move between units (one tab stop for the whole grid).
  await page.keyboard.press('ArrowRight');
  await expect(detail).toContainText('Layer 2, unit 3');
  await page.setViewportSize({ width: 1366, height: 768 });
  await grid.scrollIntoViewIfNeeded();
  await savePicture(page, `${SHOTS}/screenshots/neurons-plane-1366.png`);
  expect(await axeOnView(page)).toEqual([]);

  const units1 = page.getByTestId('units-1');
  await units1.fill('6');
  await units1.press('Enter');
  await expect(page.getByTestId('neuron')).toHaveCount(9);
  await expect(grid).toHaveAttribute('data-state', 'drawn');
});

test('LocoProp: the enlarged unit shows its targets from the diagnosed step, unit 12 of 16 too', async ({ page }) => {
  await openPlayground(page, '?backend=cpu&algorithm=locoprop-m&hidden=16');
  await page.getByTestId('neuron-grid').scrollIntoViewIfNeeded();
  await page.getByTestId('step').click();
  await expect(page.getByTestId('step-count')).toHaveText('1');
  await page.locator('[data-testid="neuron"][data-layer="1"][data-unit="1"]').focus();
  await expect(page.getByTestId('neuron-targets')).toBeVisible();
  await expect(page.getByTestId('neuron-targets')).toContainText(/mean \|T − Y\|/);
  // Unit 12 is past the targets panel's 8: once enlarged, the next diagnosed step samples it.
  const unit12 = page.locator('[data-testid="neuron"][data-layer="1"][data-unit="11"]');
  await unit12.focus();
  await expect(page.getByTestId('neuron-detail')).toContainText('Layer 1, unit 12');
  await expect(page.getByTestId('neuron-detail')).toContainText('come with the next diagnosed step');
  await page.getByTestId('step').click();
  await expect(page.getByTestId('step-count')).toHaveText('2');
  await unit12.focus();
  await expect(page.getByTestId('neuron-detail')).toContainText('Layer 1, unit 12');
  await expect(page.getByTestId('neuron-targets')).toContainText(/mean \|T − Y\|/);
});

test('digits: the first layer’s weights as images and each unit’s activation histogram', async ({ page }) => {
  await openPlayground(page, '?backend=cpu&dataset=digits&hidden=16,8');
  const grid = page.getByTestId('neuron-grid');
  await grid.scrollIntoViewIfNeeded();
  await expect(page.getByTestId('neuron')).toHaveCount(24);
  await expect(page.getByTestId('neuron-weight-image')).toHaveCount(16);
  await page.getByTestId('play').click();
  await waitForSteps(page, 30);
  await page.getByTestId('pause').click();
  await expect.poll(() => distinctColours(page.getByTestId('neuron-weight-image').first())).toBeGreaterThan(3);
  const histogram = page.locator('[data-testid="neuron"][data-layer="2"]').first().locator('canvas');
  await expect.poll(() => distinctColours(histogram)).toBeGreaterThan(0);
  await page.locator('[data-testid="neuron"][data-layer="1"][data-unit="0"]').focus();
  await expect(page.getByTestId('neuron-detail')).toContainText(/activation on \d+ test examples/);
  await savePicture(page, `${SHOTS}/screenshots/neurons-digits.png`);
  expect(await axeOnView(page)).toEqual([]);
});

/** The enlarged histogram's counts of layer 1's `units` units, as its label words them, once the view is drawn. */
async function histogramLabels(page: Page, units: number): Promise<string[]> {
  await page.getByTestId('neuron-grid').scrollIntoViewIfNeeded();
  await expect(page.getByTestId('neuron-grid')).toHaveAttribute('data-state', 'drawn');
  await page.locator('[data-testid="neuron"][data-layer="1"][data-unit="0"]').focus();
  const labels: string[] = [];
  for (let unit = 1; unit <= units; unit++) {
    if (unit > 1) await page.keyboard.press('ArrowDown');
    await expect(page.getByTestId('neuron-detail')).toContainText(`Layer 1, unit ${unit}`);
    labels.push((await page.getByTestId('neuron-histogram').getAttribute('aria-label')) ?? '');
  }
  return labels;
}

test('WebGPU: with the view open the losses still read back, histograms count as on the CPU, and the plane’s units are drawn (SwiftShader: a few steps)', async ({ page }) => {
  // The untrained digits network (θ from the seed, the same on both backends) on the CPU backend, for reference.
  const digits = 'dataset=digits&hidden=8&kernels=plain';
  await openPlayground(page, `?backend=cpu&${digits}`);
  const onCpu = await histogramLabels(page, 8);
  for (const label of onCpu) expect(label.split(': ')[1].split(', ').reduce((sum, n) => sum + Number(n), 0)).toBe(256);
  for (const query of [digits, 'hidden=4,3']) {
    await openPlayground(page, `?backend=webgpu&${query}`);
    await expect(page.getByTestId('backend')).toHaveText('webgpu');
    // Histograms were off on WebGPU: an int32 → float32 cast there zeroed the tick's whole readback.
    if (query === digits) expect(await histogramLabels(page, 8)).toEqual(onCpu);
    await page.getByTestId('neuron-grid').scrollIntoViewIfNeeded();
    for (let step = 1; step <= 2; step++) {
      await page.getByTestId('step').click();
      await expect(page.getByTestId('step-count')).toHaveText(String(step), { timeout: 60_000 });
      // The histograms' run on the test rows once zeroed this tick's whole readback: the loss read 0.
      await expect.poll(() => readNumber(page, 'train-loss')).toBeGreaterThan(0.1);
    }
    await expect(page.getByTestId('neuron-grid')).toHaveAttribute('data-state', 'drawn');
  }
  await expect.poll(() => distinctColours(page.getByTestId('neuron').first().locator('canvas'))).toBeGreaterThan(3);
});
