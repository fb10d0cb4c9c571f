import { spawnSync } from 'node:child_process';
import { mkdir, readFile, writeFile } from 'node:fs/promises';
import { type Download, type Locator, type Page } from '@playwright/test';
import { expect, test } from './fixtures';
import { openChartOptions, openPlayground, pauseAndSettle, savePicture, screenshot, waitForSteps, watchPage } from './helpers';

const OUTPUT = process.env.E2E_OUTPUT ?? 'test-results';
const TWO_RUNS = '?backend=cpu&speed=0&runs=2&r2.algorithm=locoprop-m&r2.learningRate=0.01';

/** The PNG signature and the IHDR chunk's width and height (the first chunk, right after the signature). */
function pngSize(bytes: Buffer): { width: number; height: number } {
  expect(Array.from(bytes.subarray(0, 8))).toEqual([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]);
  expect(bytes.subarray(12, 16).toString('ascii')).toBe('IHDR');
  return { width: bytes.readUInt32BE(16), height: bytes.readUInt32BE(20) };
}

async function download(page: Page, button: Locator): Promise<{ download: Download; bytes: Buffer }> {
  const [file] = await Promise.all([page.waitForEvent('download'), button.click()]);
  return { download: file, bytes: await readFile(await file.path()) };
}

/** The size the status area says was saved: "Saved … (W×H px)." */
async function statedSize(page: Page, name: string): Promise<{ width: number; height: number }> {
  const message = page.getByTestId('status').getByText(new RegExp(`Saved locolab-${name}-.*\\.png \\((\\d+)×(\\d+) px\\)`));
  await expect(message).toBeVisible();
  const [, width, height] = /\((\d+)×(\d+) px\)/.exec((await message.textContent()) ?? '') ?? [];
  return { width: Number(width), height: Number(height) };
}

/** The first Python with torch, if any ($PYTHON, python3, Debian's /usr/bin/python3). */
function pythonWithTorch(): string | null {
  return [process.env.PYTHON, 'python3', '/usr/bin/python3'].find((p): p is string => p !== undefined && spawnSync(p, ['-c', 'import torch']).status === 0) ?? null;
}

test('exports: chart PNG/SVG at 2×, decision boundary PNG, full metric CSV, experiment JSON round trip, PyTorch script', async ({ page, baseURL }) => {
  test.setTimeout(180_000);
  await mkdir(`${OUTPUT}/screenshots`, { recursive: true });
  const watch = watchPage(page, baseURL);
  await page.setViewportSize({ width: 1366, height: 768 });
  await openPlayground(page, TWO_RUNS);
  const started = Date.now();
  await page.getByTestId('play').click();
  await waitForSteps(page, 400, 60_000);
  await page.waitForTimeout(3000);
  const steps = await pauseAndSettle(page);
  const playedSeconds = (Date.now() - started) / 1000;

  // The loss chart: one click on export-png downloads it as a PNG of the stated size, 2× the plots drawn.
  const loss = page.getByTestId('loss-chart');
  await loss.scrollIntoViewIfNeeded();
  await expect(loss).toHaveAttribute('data-series-count', '2');
  // Not an unlabelled "application" tab stop: the plot is an image with a description, out of the tab order.
  await expect(loss.locator('[role="application"]')).toHaveCount(0);
  await expect(loss.locator('.chart-plot [tabindex]:not([tabindex="-1"])')).toHaveCount(0);
  await expect(loss.locator('[role="img"]')).toHaveAttribute('aria-label', /Train \(solid\) and test \(dashed\) loss of 2 runs/);
  await openChartOptions(page);
  const lossPng = await download(page, page.getByTestId('export-png'));
  expect(lossPng.download.suggestedFilename()).toMatch(/^locolab-loss-.*\.png$/);
  const lossSize = pngSize(lossPng.bytes);
  expect(lossSize).toEqual(await statedSize(page, 'loss'));
  const plotBox = await loss.locator('svg.recharts-surface').boundingBox();
  if (!plotBox) throw new Error('no loss plot');
  expect(lossSize.width).toBeGreaterThanOrEqual(2 * Math.floor(plotBox.width));
  expect(lossSize.height).toBeGreaterThanOrEqual(2 * Math.floor(plotBox.height));
  await writeFile(`${OUTPUT}/screenshots/export-loss.png`, lossPng.bytes);
  const lossSvg = await download(page, page.getByTestId('loss-chart-svg'));
  const svgText = lossSvg.bytes.toString('utf8');
  expect(svgText.startsWith('<svg xmlns="http://www.w3.org/2000/svg"')).toBe(true);
  expect(svgText).toContain('recharts-line');
  expect(svgText).toContain('Run 2 · ');
  await screenshot(page, 'export-loss-toolbar-1366');
  await savePicture(loss, `${OUTPUT}/screenshots/export-loss-chart-toolbar.png`);

  // The learning-rate and layer-statistics charts have their own PNG and SVG buttons.
  const rate = page.getByTestId('rate-chart');
  await rate.scrollIntoViewIfNeeded();
  await expect(rate.locator('[role="application"]')).toHaveCount(0);
  await savePicture(rate, `${OUTPUT}/screenshots/export-rate-chart-toolbar.png`);
  const ratePng = pngSize((await download(page, page.getByTestId('rate-chart-png'))).bytes);
  expect(ratePng).toEqual(await statedSize(page, 'learning-rate'));
  const layers = page.getByTestId('layer-stats-chart');
  await layers.scrollIntoViewIfNeeded();
  await expect(layers.locator('[role="application"]')).toHaveCount(0);
  await savePicture(layers, `${OUTPUT}/screenshots/export-layer-stats-toolbar.png`);
  const layersPng = await download(page, page.getByTestId('layer-stats-png'));
  expect(pngSize(layersPng.bytes)).toEqual(await statedSize(page, 'layer-statistics'));
  await writeFile(`${OUTPUT}/screenshots/export-layer-statistics.png`, layersPng.bytes);
  expect((await download(page, page.getByTestId('layer-stats-svg'))).bytes.toString('utf8')).toContain('<svg');

  // The decision boundary's canvas at 2× its size on screen.
  const share = page.getByTestId('share-panel');
  await share.scrollIntoViewIfNeeded();
  const boundary = page.getByTestId('decision-boundary');
  const boundaryBox = await boundary.boundingBox();
  if (!boundaryBox) throw new Error('no decision boundary');
  const boundaryPng = await download(page, page.getByTestId('export-boundary-png'));
  expect(pngSize(boundaryPng.bytes)).toEqual({ width: Math.round(2 * boundaryBox.width), height: Math.round(2 * boundaryBox.height) });
  await writeFile(`${OUTPUT}/screenshots/export-decision-boundary.png`, boundaryPng.bytes);

  // The slide: 1920×1080, the runs, the plane and the loss chart in one picture.
  const slide = await download(page, page.getByTestId('export-slide'));
  expect(slide.download.suggestedFilename()).toMatch(/^locolab-slide-.*\.png$/);
  expect(pngSize(slide.bytes)).toEqual({ width: 1920, height: 1080 });
  expect(await statedSize(page, 'slide')).toEqual({ width: 1920, height: 1080 });
  await writeFile(`${OUTPUT}/screenshots/export-slide.png`, slide.bytes);

  // The CSV: every reported step of each run (from step 0 to the last), one row per run, step and metric, no NaN.
  const csv = (await download(page, page.getByTestId('export-csv'))).bytes.toString('utf8');
  const lines = csv.trim().split('\n');
  expect(lines[0]).toBe('run,step,epoch,examples,time_ms,metric,value');
  expect(csv).not.toMatch(/nan/i);
  const keys = lines.slice(1).map((line) => line.slice(0, line.lastIndexOf(',')));
  expect(new Set(keys).size).toBe(keys.length);
  for (const position of [1, 2]) {
    const trainRows = lines.filter((line) => line.startsWith(`"Run ${position} ·`) && line.includes(',train_loss,'));
    const stepsLogged = trainRows.map((line) => Number(line.replace(/^"[^"]*",/, '').split(',')[0]));
    expect(stepsLogged[0]).toBe(0);
    expect(stepsLogged[stepsLogged.length - 1]).toBe(steps);
    expect(stepsLogged.every((step, i) => i === 0 || step > stepsLogged[i - 1])).toBe(true);
    const timeMs = Number(trainRows[trainRows.length - 1].replace(/^"[^"]*",/, '').split(',')[3]);
    // The full log holds 9 numbers (72 bytes) a tick: its memory per hour at this tick rate.
    const perSecond = trainRows.length / playedSeconds;
    console.log(`run ${position}: ${trainRows.length} ticks over ${steps} steps in ${playedSeconds.toFixed(1)} s (${(timeMs / 1000).toFixed(1)} s training): ${perSecond.toFixed(1)} ticks/s, ${((perSecond * 3600 * 72) / 2 ** 20).toFixed(1)} MiB an hour in the full log`);
  }

  // JSON: export, change the experiment, import: the same experiment is back.
  const json = (await download(page, page.getByTestId('export-json'))).bytes.toString('utf8');
  const saved = JSON.parse(json) as { runs: { config: Record<string, unknown> }[] };
  expect(saved.runs).toHaveLength(2);
  expect(saved.runs[1].config).toMatchObject({ algorithm: 'locoprop-m', learningRate: 0.01, innerSteps: expect.any(Number), gamma: expect.any(Number) });
  await page.getByTestId('add-run').click();
  await expect(page.getByTestId('run-row')).toHaveCount(3);
  await page.getByTestId('import-json').setInputFiles({ name: 'experiment.json', mimeType: 'application/json', buffer: Buffer.from(json) });
  await expect(page.getByTestId('run-row')).toHaveCount(2);
  await expect(page.getByTestId('status')).toContainText('Loaded experiment.json: 2 runs');
  const again = JSON.parse((await download(page, page.getByTestId('export-json'))).bytes.toString('utf8')) as typeof saved;
  expect(again.runs.map((run) => run.config)).toEqual(saved.runs.map((run) => run.config));

  // A corrupted file is refused by field name, and nothing changes.
  const corrupted = structuredClone(saved);
  corrupted.runs[1].config.learningRate = 'fast';
  await page.getByTestId('import-json').setInputFiles({ name: 'bad.json', mimeType: 'application/json', buffer: Buffer.from(JSON.stringify(corrupted)) });
  await expect(page.getByTestId('status')).toContainText('bad.json was not loaded, nothing changed. runs[1].config.learningRate');
  await expect(page.getByTestId('run-row')).toHaveCount(2);
  const unchanged = JSON.parse((await download(page, page.getByTestId('export-json'))).bytes.toString('utf8')) as typeof saved;
  expect(unchanged.runs.map((run) => run.config)).toEqual(saved.runs.map((run) => run.config));
  await screenshot(page, 'export-share-panel-1366');
  await savePicture(share, `${OUTPUT}/screenshots/export-share-panel-only.png`);

  // The selected run as a PyTorch script: valid Python; where torch exists, it reproduces the first 100 losses.
  await page.getByTestId('run-row').nth(1).click();
  // The export reports its twin's steps as it goes (the button carries them while it works): record them all.
  await page.evaluate(() => {
    const seen: string[] = [];
    (window as unknown as { exportProgress: string[] }).exportProgress = seen;
    const button = document.querySelector('[data-testid="export-pytorch"]')!;
    new MutationObserver(() => {
      const value = button.getAttribute('data-progress');
      if (value) seen.push(value);
    }).observe(button, { attributes: true, attributeFilter: ['data-progress'] });
  });
  const script = await download(page, page.getByTestId('export-pytorch'));
  const progress = await page.evaluate(() => (window as unknown as { exportProgress: string[] }).exportProgress);
  expect(progress.length).toBeGreaterThan(1);
  const done = progress.map((value) => Number(/^(\d+)\/100$/.exec(value)?.[1]));
  expect(done.every((n, i) => Number.isInteger(n) && (i === 0 || n > done[i - 1]))).toBe(true);
  const text = script.bytes.toString('utf8');
  expect(script.download.suggestedFilename()).toMatch(/^locolab-run2-pytorch-.*\.py$/);
  expect(text).toContain('LAYER_SIZES = [2, ');
  expect(text).toContain('ALGORITHM = "locoprop-m"');
  const file = `${OUTPUT}/exported-run2.py`;
  await writeFile(file, text);
  if (spawnSync('python3', ['--version']).status === 0) expect(spawnSync('python3', ['-m', 'py_compile', file]).status).toBe(0);
  const python = pythonWithTorch();
  if (python) {
    const run = spawnSync(python, [file, '--verify', '--json'], { encoding: 'utf8' });
    console.log(`PyTorch vs playground, first 100 steps: ${run.stdout.trim().split('\n').pop()}`);
    expect(run.status).toBe(0);
  }
  expect(watch.errors).toEqual([]);
});
