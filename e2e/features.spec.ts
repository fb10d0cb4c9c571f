/**
 * The 2-D sets' feature inputs (issue 19 §4, engine/data/features.ts) and real data starting on its own
 * network (§8): toggles change the input layer, the run trains on them, the PyTorch export computes them; a bad
 * name in the address is reported by name; picking digits applies its preset network and says so.
 */
import { spawnSync } from 'node:child_process';
import { mkdir, readFile, writeFile } from 'node:fs/promises';
import { type Page } from '@playwright/test';
import { expect, test } from './fixtures';
import { openPlayground, pauseAndSettle, readNumber, savePicture, waitForSteps, watchPage } from './helpers';

const OUTPUT = process.env.E2E_OUTPUT ?? 'test-results';
const SHOTS = process.env.E2E_SHOTS ?? `${OUTPUT}/screenshots`;

async function shots(page: Page, name: string): Promise<void> {
  await mkdir(SHOTS, { recursive: true });
  const size = page.viewportSize();
  for (const [width, height] of [[1024, 768], [1366, 768], [1920, 1080]]) {
    await page.setViewportSize({ width, height });
    await page.getByTestId('feature-inputs').or(page.getByTestId('dataset-network-note')).first().scrollIntoViewIfNeeded();
    await savePicture(page, `${SHOTS}/${name}-${width}.png`);
  }
  if (size) await page.setViewportSize(size);
}

/** The first Python with torch, if any ($PYTHON, python3, Debian's /usr/bin/python3). */
function pythonWithTorch(): string | null {
  return [process.env.PYTHON, 'python3', '/usr/bin/python3'].find((p): p is string => p !== undefined && spawnSync(p, ['-c', 'import torch']).status === 0) ?? null;
}

test('x₁² and sin 6x₁ on: the input layer widens, the run learns, the PyTorch export computes the features', async ({ page, baseURL }) => {
  test.setTimeout(180_000);
  const watch = watchPage(page, baseURL);
  await openPlayground(page, '?backend=cpu&speed=0');
  const toggles = page.getByTestId('feature-toggle');
  await expect(toggles).toHaveCount(7);
  const toggle = (feature: string) => page.locator(`[data-testid="feature-toggle"][data-feature="${feature}"]`);
  await expect(toggle('x1')).toHaveAttribute('aria-pressed', 'true');
  await expect(toggle('x2')).toHaveAttribute('aria-pressed', 'true');
  await expect(toggle('x1sq')).toHaveAttribute('aria-pressed', 'false');
  await expect(page.getByTestId('architecture')).toContainText('2 → 8 → 8 → 1');
  // The targets panel redraws while on screen.
  await page.getByTestId('network-diagram').scrollIntoViewIfNeeded();
  await expect(page.getByTestId('network-diagram')).toContainText('input (x₁, x₂)');

  await toggle('x1sq').click();
  await toggle('sinx1').click();
  await expect(toggle('x1sq')).toHaveAttribute('aria-pressed', 'true');
  await expect(page).toHaveURL(/features=x1%2Cx2%2Cx1sq%2Csinx1|features=x1,x2,x1sq,sinx1/);
  await expect(page.getByTestId('architecture')).toContainText('4 → 8 → 8 → 1', { timeout: 30_000 });
  await page.getByTestId('network-diagram').scrollIntoViewIfNeeded();
  await expect(page.getByTestId('network-diagram')).toContainText('input (x₁, x₂, x₁², sin 6x₁)');
  await expect(page.getByTestId('step-count')).toHaveText('0');
  await expect(page.getByTestId('train-loss')).toHaveText(/^\d/);
  const before = await readNumber(page, 'train-loss');

  await page.getByTestId('play').click();
  await waitForSteps(page, 400, 60_000);
  await pauseAndSettle(page);
  const after = await readNumber(page, 'train-loss');
  expect(after).toBeLessThan(before * 0.7);
  await expect(page.getByTestId('decision-boundary')).toBeVisible();
  await shots(page, 'features-on');

  const [file] = await Promise.all([page.waitForEvent('download'), page.getByTestId('export-pytorch').click()]);
  const text = (await readFile(await file.path())).toString('utf8');
  expect(text).toContain('LAYER_SIZES = [4, 8, 8, 1]');
  expect(text).toContain('def input_features(points, names):');
  expect(text).toMatch(/^TRAIN_X = input_features\([\s\S]*?\["x1", "x2", "x1sq", "sinx1"\]\)/m);
  const python = pythonWithTorch();
  if (python) {
    const script = `${OUTPUT}/features-export.py`;
    await writeFile(script, text);
    const run = spawnSync(python, [script, '--verify', '--json'], { encoding: 'utf8' });
    console.log(`PyTorch vs playground on feature inputs, first 100 steps: ${run.stdout.trim().split('\n').pop()}`);
    expect(run.status).toBe(0);
  }
  expect(watch.errors).toEqual([]);
});

test('a feature the 2-D sets do not have is named in the status and x₁, x₂ used', async ({ page }) => {
  await openPlayground(page, '?backend=cpu&features=x1,zz');
  await expect(page.getByTestId('status')).toContainText('circle has no feature "zz"');
  await expect(page.getByTestId('architecture')).toContainText('2 → 8 → 8 → 1');
  await expect(page.locator('[data-testid="feature-toggle"][aria-pressed="true"]')).toHaveCount(2);
});

test('picking digits applies its preset network and says so; the feature toggles are for the 2-D sets only', async ({ page }) => {
  test.setTimeout(120_000);
  await openPlayground(page, '?backend=cpu');
  await page.getByTestId('dataset-digits').click();
  await expect(page.getByTestId('dataset-network-note')).toHaveText("Network set to Digits 8×8's preset 64-32-10; your own network is kept when you have set one.");
  await expect(page.getByTestId('architecture')).toContainText('64 → 32 → 10', { timeout: 60_000 });
  await expect(page.getByTestId('feature-toggle')).toHaveCount(0);
  await shots(page, 'features-digits-preset');
  // A network of one's own (two layers) is kept on the next pick.
  await page.getByTestId('add-layer').click();
  await page.getByTestId('dataset-mnist14').click();
  await expect(page.getByTestId('dataset-network-note')).toContainText('is kept; MNIST 14×14\'s preset is 196-128-64-10.');
  await expect(page.getByTestId('architecture')).toContainText('196 → 32 → ', { timeout: 60_000 });
});
