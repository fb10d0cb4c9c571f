import { type Page } from '@playwright/test';
import { expect, test } from './fixtures';
import { openPlayground, savePicture, screenshot, waitForSteps, watchPage } from './helpers';

const fixture = (name: string): string => `e2e/fixtures/${name}`;

async function percent(page: Page, testId: string): Promise<number> {
  const text = (await page.getByTestId(testId).textContent()) ?? '';
  return Number.parseFloat(text);
}

/** The data panel alone, to read its text at full size. */
async function dataPanelShot(page: Page, name: string): Promise<void> {
  await savePicture(page.locator('section[aria-labelledby="data-heading"]'), `${process.env.E2E_OUTPUT ?? 'test-results'}/screenshots/${name}.png`);
}

async function loadCsv(page: Page, name: string): Promise<void> {
  await page.getByTestId('dataset-custom').click();
  await page.getByTestId('csv-input').setInputFiles(fixture(name));
}

test('a 3-class CSV file loads, shows its columns and trains above 60 % test accuracy', async ({ page, baseURL }) => {
  const watch = watchPage(page, baseURL);
  await openPlayground(page, '?backend=cpu');
  await loadCsv(page, 'clusters.csv');
  await expect(page).toHaveURL(/dataset=custom/);
  await expect(page.getByTestId('csv-summary')).toHaveText('clusters.csv · 60 rows · 5 columns · 4 features → label species');
  await expect(page.getByTestId('csv-label')).toHaveValue('4');
  for (const i of [0, 1, 2, 3]) await expect(page.getByTestId(`csv-feature-${i}`)).toBeChecked();
  await expect(page.getByTestId('data-summary')).toContainText('4 inputs · 3 classes');
  await expect(page.getByTestId('architecture')).toContainText('4 → 8 → 8 → 3');
  // The schedule preview's epoch is the file's training rows / batch, as Stop at says it (it was the built-in set's 250 points).
  const perEpoch = /^1 epoch = ([\d.,]+) steps/.exec((await page.getByTestId('budget-hint').textContent()) ?? '')?.[1];
  await expect(page.getByTestId('schedule-preview')).toContainText(`One epoch = ${Number(perEpoch).toFixed(1)} steps.`);
  await expect(page.getByTestId('csv-error')).toHaveCount(0);

  await page.getByTestId('play').click();
  await waitForSteps(page, 200);
  await expect.poll(() => percent(page, 'test-accuracy'), { timeout: 30_000 }).toBeGreaterThan(60);
  await page.getByTestId('pause').click();

  // Fewer features: the run restarts on them (two show the regions on the plane). The checkboxes follow the
  // worker's answer, so each click waits for it.
  await page.getByTestId('csv-feature-1').click();
  await expect(page.getByTestId('csv-feature-1')).not.toBeChecked();
  await page.getByTestId('csv-feature-3').click();
  await expect(page.getByTestId('data-summary')).toContainText('2 inputs · 3 classes');
  await expect(page.getByTestId('csv-summary')).toContainText('2 features → label species');
  await page.getByTestId('csv-feature-2').click();
  await expect(page.getByTestId('csv-summary')).toContainText('1 feature → label species');
  // The last feature in use cannot be unticked.
  await expect(page.getByTestId('csv-feature-0')).toBeChecked();
  await expect(page.getByTestId('csv-feature-0')).toBeDisabled();
  await page.getByTestId('csv-feature-2').click();
  await expect(page.getByTestId('csv-summary')).toContainText('2 features → label species');

  for (const [width, height] of [
    [1366, 768],
    [1920, 1080],
  ]) {
    await page.setViewportSize({ width, height });
    await screenshot(page, `csv-loaded-${width}x${height}`);
    await dataPanelShot(page, `csv-loaded-data-panel-${width}x${height}`);
  }
  expect(watch.errors).toEqual([]);
});

test('a ragged file is refused by line; a file with an empty cell names line and column, then loads dropping that row', async ({ page }) => {
  await openPlayground(page, '?backend=cpu');
  await loadCsv(page, 'ragged.csv');
  const error = page.getByTestId('csv-error');
  await expect(error).toHaveAttribute('role', 'alert');
  await expect(error).toContainText('ragged.csv, line 7: this row has 2 values, but the header has 3 columns: "0.5,3".');
  await expect(page.getByTestId('status')).toContainText('ragged.csv, line 7');
  await expect(page.getByTestId('csv-drop-and-reload')).toHaveCount(0);
  // A refused first file leaves the run on its data (no "load the file again" for a link it is not).
  await expect(page.getByTestId('csv-waiting')).toContainText('The run keeps its data (Circle) until a file loads.');
  await expect(page).not.toHaveURL(/dataset=custom/);
  await expect(page.getByTestId('status')).not.toContainText('load the file again');

  await page.getByTestId('csv-input').setInputFiles(fixture('missing.csv'));
  await expect(error).toContainText('missing.csv, line 5, column "b": missing value');
  for (const [width, height] of [
    [1366, 768],
    [1920, 1080],
  ]) {
    await page.setViewportSize({ width, height });
    await screenshot(page, `csv-error-${width}x${height}`);
    await dataPanelShot(page, `csv-error-data-panel-${width}x${height}`);
  }
  await page.getByTestId('csv-drop-and-reload').click();
  await expect(page.getByTestId('csv-summary')).toContainText('missing.csv · 11 rows · 3 columns');
  await expect(error).toHaveCount(0);
  await expect(page.getByTestId('csv-drop-missing')).toBeChecked();
  await expect(page.getByTestId('csv-notes')).toContainText('Dropped 1 of 12 rows with a missing value (the first on line 5).');
  await expect(page.getByTestId('data-summary')).toContainText('2 inputs');
});

test('a semicolon file with decimal commas loads and trains a step; a file with 3 bad lines lists all 3', async ({ page }) => {
  await openPlayground(page, '?backend=cpu');
  await page.getByTestId('dataset-custom').click();
  const rows = Array.from({ length: 40 }, (_, i) => `${i % 10},${i % 7};${(i * 3) % 11},25;${i % 2 === 0 ? 'yes' : 'no'}`);
  await page.getByTestId('csv-input').setInputFiles({ name: 'europe.csv', mimeType: 'text/csv', buffer: Buffer.from(`height;width;label\n${rows.join('\n')}\n`) });
  await expect(page.getByTestId('csv-summary')).toHaveText('europe.csv · 40 rows · 3 columns · 2 features → label label');
  await expect(page.getByTestId('csv-notes')).toContainText('Read as semicolon-separated with decimal commas.');
  await expect(page.getByTestId('data-summary')).toContainText('2 inputs · 2 classes');
  await page.getByTestId('step').click();
  await expect(page.getByTestId('step-count')).toHaveText('1');

  const bad = 'x,y,label\n1,2,a\n3,,b\n4,5\n6,7,a\n8,NA,b\n';
  await page.getByTestId('csv-input').setInputFiles({ name: 'three.csv', mimeType: 'text/csv', buffer: Buffer.from(bad) });
  const error = page.getByTestId('csv-error');
  await expect(error).toHaveAttribute('role', 'alert');
  await expect(page.getByTestId('csv-problem')).toHaveText([
    'line 3, column "y": missing value (an empty value).',
    'line 4: this row has 2 values, but the header has 3 columns: "4,5".',
    'line 6, column "y": missing value ("NA").',
  ]);
  await expect(error).toContainText('three.csv: 3 problems, on lines 3, 4 and 6; nothing was loaded.');
  await expect(error).toContainText('2 rows have a missing value; dropping them would leave the other problems.');
  await expect(page.getByTestId('csv-drop-and-reload')).toHaveCount(0);
  await page.setViewportSize({ width: 1366, height: 768 });
  await dataPanelShot(page, 'csv-problems-data-panel-1366x768');
});

test('a binary file is refused as binary, and the page keeps working', async ({ page }) => {
  await openPlayground(page, '?backend=cpu');
  await loadCsv(page, 'image.png');
  await expect(page.getByTestId('csv-error')).toContainText('image.png: this looks like a binary file, not CSV text.');
  await page.getByTestId('dataset-circle').click();
  await page.getByTestId('step').click();
  await expect(page.getByTestId('step-count')).toHaveText('1');
});

test('a link with dataset=custom and no file asks for the file again, without crashing', async ({ page, baseURL }) => {
  const watch = watchPage(page, baseURL);
  await page.goto('/?dataset=custom&backend=cpu');
  await expect(page.getByTestId('status')).toContainText('load the file again');
  await expect(page.getByTestId('dataset-custom')).toHaveAttribute('aria-pressed', 'true');
  await expect(page.getByTestId('csv-intro')).toContainText('Load a CSV file: its first row names the columns');
  await expect(page.getByTestId('csv-input')).toBeAttached();
  await page.getByTestId('csv-input').setInputFiles(fixture('clusters.csv'));
  await expect(page.getByTestId('csv-summary')).toContainText('clusters.csv · 60 rows');
  await expect(page.getByTestId('train-loss')).toHaveText(/^\d/, { timeout: 30_000 });
  expect(watch.errors).toEqual([]);
});

test('a sweep trains on the loaded CSV file, in epochs; without the file it is refused by name', async ({ page, baseURL }) => {
  const watch = watchPage(page, baseURL);
  await page.goto('/?dataset=custom&backend=cpu&sweep=learningRate,0.01,0.1,2,log&sweepBudget=3epochs');
  await expect(page.getByTestId('sweep-budget-unit')).toHaveValue('epochs');
  await page.getByTestId('sweep-start').click();
  await expect(page.getByTestId('sweep-refused')).toContainText('is not loaded in this page: load the file again under Data');
  await page.getByTestId('csv-input').setInputFiles(fixture('clusters.csv'));
  await expect(page.getByTestId('csv-summary')).toContainText('clusters.csv · 60 rows');
  await page.getByTestId('sweep-start').click();
  await expect(page.getByTestId('sweep-progress')).toHaveText('2 / 2 runs', { timeout: 60_000 });
  const metrics = await page.getByTestId('sweep-point').evaluateAll((points) => points.map((p) => Number(p.getAttribute('data-metric'))));
  expect(metrics).toHaveLength(2);
  for (const metric of metrics) expect(Number.isFinite(metric) && metric > 0).toBe(true);
  await expect(page.getByTestId('sweep-failures')).toHaveCount(0);
  expect(watch.errors).toEqual([]);
});

test('real data sets: the picker sets the URL, shows what applies, and the presets size the network', async ({ page }) => {
  await openPlayground(page, '?backend=cpu');
  for (const name of ['digits', 'mnist14', 'iris', 'penguins']) {
    await page.getByTestId(`dataset-${name}`).click();
    await expect(page).toHaveURL(new RegExp(`dataset=${name}`));
    await expect(page.getByTestId(`dataset-${name}`)).toHaveAttribute('aria-pressed', 'true');
  }
  // Penguins: feature boxes (the two defaults ticked), no noise or points.
  await expect(page.getByTestId('feature-choice')).toBeVisible();
  await expect(page.getByTestId('feature-0')).toBeChecked();
  await expect(page.getByTestId('feature-1')).not.toBeChecked();
  await expect(page.getByTestId('noise-slider')).toHaveCount(0);
  await expect(page.getByTestId('data-summary')).toContainText('Palmer penguins');
  await page.getByTestId('feature-1').check();
  await expect(page).toHaveURL(/features=/);
  await expect(page.getByTestId('data-summary')).toContainText('3 inputs · 3 classes');

  await page.getByTestId('preset-deep-autoencoder').click();
  await expect(page).toHaveURL(/dataset=mnist14/);
  await expect(page).toHaveURL(/task=autoencoder/);
  await expect(page.getByTestId('task-autoencoder')).toBeChecked();
  await expect(page.getByTestId('fixed-split')).toContainText('fixed split: 10,000 train / 2,000 test');
  await expect(page.getByTestId('architecture')).toContainText('196 → 128 → 64 → 16 → 64 → 128 → 196 · 69,204 parameters', { timeout: 60_000 });
  await expect(page.getByTestId('data-summary')).toContainText('MNIST 14×14 · 10,000 train / 2,000 test · 196 inputs');
  await page.getByTestId('task-supervised').check();
  await expect(page.getByTestId('data-summary')).toHaveText('MNIST 14×14 · 10,000 train / 2,000 test · 196 inputs · 10 classes', { timeout: 60_000 });

  await page.getByTestId('preset-digits-classifier').click();
  await expect(page.getByTestId('architecture')).toContainText('64 → 32 → 10', { timeout: 60_000 });
  await expect(page.getByTestId('trainPercent-slider')).toHaveCount(1);
});
