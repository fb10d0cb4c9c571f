/**
 * `npm run bench`, part 3 (the built app in Chromium, CPU backend): steps per second of 1, 2 and 4 concurrent
 * 2-8-8-1 runs (batch 16, Adam, lockstep), in total and per run, and the page's main thread while they train
 * at full speed (the longest gap between animation frames and the Long Tasks over 50 ms). Expects `npm run
 * build` to have run.
 */
import type { Page } from '@playwright/test';
import { FRAME_RECORDER, launchChromium, startPreview, stopPreview, type FrameStats } from './browserHarness';
import { printTable } from './table';

const PORT = 4175;
const BASE = `http://127.0.0.1:${PORT}`;
const RUN_COUNTS = [1, 2, 4];
const WARM_UP_MS = 3000;
const MEASURE_MS = 6000;
/** `VIEWPORT=1920x1080` puts the loss chart on screen (at 1366×768 it is below the fold and holds still). */
const [WIDTH, HEIGHT] = (process.env.VIEWPORT ?? '1366x768').split('x').map(Number);

/** Every run's step count from the runs list (the selected run's from the status bar when there is none). */
async function stepCounts(page: Page): Promise<number[]> {
  const rows = await page.getByTestId('run-step-count').allTextContents();
  if (rows.length > 0) return rows.map(Number);
  return [Number(await page.getByTestId('step-count').textContent())];
}

const server = await startPreview(PORT);
try {
  const browser = await launchChromium();
  const rows: string[][] = [];
  for (const runs of RUN_COUNTS) {
    const page = await browser.newPage({ viewport: { width: WIDTH, height: HEIGHT } });
    await page.goto(`${BASE}/?backend=cpu${runs > 1 ? `&runs=${runs}` : ''}`);
    await page.getByTestId('train-loss').filter({ hasText: /^\d/ }).waitFor({ timeout: 120_000 });
    await page.getByTestId('play').click();
    await page.waitForTimeout(WARM_UP_MS);
    await page.evaluate(FRAME_RECORDER);
    const before = await stepCounts(page);
    const started = Date.now();
    await page.waitForTimeout(MEASURE_MS);
    const after = await stepCounts(page);
    const seconds = (Date.now() - started) / 1000;
    const frames = (await page.evaluate('window.frameStats')) as FrameStats;
    await page.getByTestId('pause').click();
    // With no runs list the status bar shows one run; in lockstep every run did as many.
    const perRun = after.map((a, i) => (a - before[i]) / seconds);
    const total = perRun.length === runs ? perRun.reduce((s, v) => s + v, 0) : perRun[0] * runs;
    rows.push([
      String(runs),
      total.toFixed(0),
      perRun.map((v) => v.toFixed(0)).join(' / '),
      frames.longestFrameMs.toFixed(0),
      (frames.frames / seconds).toFixed(0),
      `${frames.longTasks} (${frames.longestTaskMs.toFixed(0)} ms)`,
    ]);
    await page.close();
  }
  await browser.close();
  console.log(`\nConcurrent runs on the CPU backend (2-8-8-1 tanh, batch 16, Adam, lockstep), ${MEASURE_MS / 1000} s after ${WARM_UP_MS / 1000} s warm-up, ${WIDTH}×${HEIGHT}:`);
  printTable(['runs', 'steps/s total', 'steps/s per run', 'longest frame (ms)', 'frames/s', 'long tasks (longest)'], rows);
} finally {
  stopPreview(server);
}
