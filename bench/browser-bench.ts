/**
 * `npm run bench`, part 2 (the built app in Chromium): steps per second of the real training loop in the
 * worker (evaluation and readback included) per backend and network, and the main thread's frame times
 * while it trains at full speed: the longest gap between animation frames and the Long Tasks (> 50 ms).
 */
import type { Page } from '@playwright/test';
import { FRAME_RECORDER, launchChromium, startPreview, stopPreview } from './browserHarness';
import { printTable } from './table';

const PORT = 4174;
const BASE = `http://127.0.0.1:${PORT}`;
const NETWORKS = process.env.NETWORKS?.split(';') ?? ['8,8', '64,64,64'];
const BACKENDS = (process.env.BACKENDS?.split(',') ?? ['cpu', 'webgl', 'webgpu']) as ('cpu' | 'webgl' | 'webgpu')[];
const WARM_UP_MS = { cpu: 2000, webgl: 3000, webgpu: 5000 };
const MEASURE_MS = { cpu: 5000, webgl: 5000, webgpu: 10000 };

declare global {
  interface Window {
    frameStats?: { longestFrameMs: number; frames: number; longTasks: number; longestTaskMs: number };
  }
}

async function stepCount(page: Page): Promise<number> {
  return Number(await page.getByTestId('step-count').textContent());
}

async function recordFrames(page: Page): Promise<void> {
  await page.evaluate(FRAME_RECORDER);
}

const server = await startPreview(PORT);
try {
  const browser = await launchChromium();
  const rows: string[][] = [];
  for (const backend of BACKENDS) {
    for (const hidden of NETWORKS) {
      const page = await browser.newPage({ viewport: { width: 1400, height: 1000 } });
      await page.goto(`${BASE}/?backend=${backend}&hidden=${hidden}&batchSize=32`);
      await page.getByTestId('train-loss').filter({ hasText: /^\d/ }).waitFor({ timeout: 120_000 });
      const active = await page.getByTestId('backend').textContent();
      await page.getByTestId('play').click();
      await page.waitForTimeout(WARM_UP_MS[backend]);
      await recordFrames(page);
      const before = await stepCount(page);
      const started = Date.now();
      await page.waitForTimeout(MEASURE_MS[backend]);
      const after = await stepCount(page);
      const seconds = (Date.now() - started) / 1000;
      const frames = await page.evaluate('window.frameStats') as Window['frameStats'];
      await page.getByTestId('pause').click();
      rows.push([
        backend === active ? backend : `${backend} (got ${active})`,
        `2-${hidden.replaceAll(',', '-')}-1`,
        ((after - before) / seconds).toFixed(1),
        frames ? frames.longestFrameMs.toFixed(0) : '?',
        frames ? (frames.frames / seconds).toFixed(0) : '?',
        frames ? `${frames.longTasks} (${frames.longestTaskMs.toFixed(0)} ms)` : '?',
      ]);
      await page.close();
    }
  }
  const costRows: string[][] = [];
  for (const backend of BACKENDS) {
    const page = await browser.newPage({ viewport: { width: 1400, height: 1000 } });
    await page.goto(`${BASE}/?backend=${backend}`);
    await page.getByTestId('train-loss').filter({ hasText: /^\d/ }).waitFor({ timeout: 120_000 });
    await page.getByTestId('measure-cost').click();
    const row = page.getByTestId('cost-row');
    await row.filter({ hasText: 'measured on' }).waitFor({ timeout: 180_000 });
    const text = (await row.textContent()) ?? '';
    const ms = (name: string): string => new RegExp(`${name} ([\\d.]+) ms`).exec(text)?.[1] ?? '?';
    costRows.push([backend, ms('backprop'), ms('LocoProp-S'), ms('LocoProp-M')]);
    await page.close();
  }
  await browser.close();
  console.log('\nTime per outer step (ms) in the worker, default experiment (2-8-8-1 tanh, batch 16, Adam; LocoProp K = 10):');
  printTable(['backend', 'backprop', 'LocoProp-S', 'LocoProp-M'], costRows);
  console.log(`\nChromium ${browser.version()}, the built app, batch 32, tanh, Adam; steps/s over ${MEASURE_MS.cpu / 1000}-${MEASURE_MS.webgpu / 1000} s after warm-up`);
  printTable(['backend', 'network', 'steps/s (worker)', 'longest frame (ms)', 'frames/s', 'long tasks (longest)'], rows);
} finally {
  stopPreview(server);
}
