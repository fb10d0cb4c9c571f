/**
 * The per-unit view's cost on the page (issue 19 §3): the built app at 1366×768 on the CPU backend, the view on
 * screen, training at full speed; every redraw's own time (NeuronGrid writes it to `data-draw-ms`: the edges,
 * the heatmaps or histograms, the weight images), and the page's long tasks (> 50 ms) over the same seconds with
 * the view open and then closed. Reports median and range; the load average is printed with them.
 * Run: npx vite build --mode e2e --outDir /tmp/dist-neurons && DIST=/tmp/dist-neurons PORT=4604 npx tsx bench/neurons-browser-bench.ts
 */
import { loadavg } from 'node:os';
import type { Page } from '@playwright/test';
import { FRAME_RECORDER, launchChromium, startPreview, stopPreview, type FrameStats } from './browserHarness';
import { printTable } from './table';

const PORT = Number(process.env.PORT ?? 4604);
const DIST = process.env.DIST ?? 'dist';
const SECONDS = Number(process.env.SECONDS ?? 10);

async function sampleDraws(page: Page): Promise<number[]> {
  const draws: number[] = [];
  let last = '';
  const end = Date.now() + SECONDS * 1000;
  while (Date.now() < end) {
    const value = (await page.getByTestId('neuron-grid').getAttribute('data-draw-ms')) ?? '';
    // Each redraw writes its own time; the same text twice in a row is (almost surely) the same redraw.
    if (value && value !== last) draws.push(Number(value));
    last = value;
    await page.waitForTimeout(100);
  }
  return draws;
}

async function longTasks(page: Page): Promise<FrameStats> {
  await page.evaluate('window.frameStats.longTasks = 0; window.frameStats.longestTaskMs = 0;');
  await page.waitForTimeout(SECONDS * 1000);
  return (await page.evaluate('window.frameStats')) as FrameStats;
}

const server = await startPreview(PORT, DIST);
const browser = await launchChromium();
const rows: string[][] = [];
try {
  for (const [label, query] of [
    ['2-8-8-1', 'hidden=8,8'],
    ['6 × 64', 'hidden=64,64,64,64,64,64&activation=tanh,tanh,tanh,tanh,tanh,tanh'],
  ] as const) {
    const page = await browser.newPage({ viewport: { width: 1366, height: 768 } });
    await page.goto(`http://127.0.0.1:${PORT}/?backend=cpu&speed=0&${query}`);
    await page.getByTestId('train-loss').filter({ hasText: /^\d/ }).waitFor({ timeout: 60_000 });
    await page.evaluate(FRAME_RECORDER);
    await page.getByTestId('neuron-grid').scrollIntoViewIfNeeded();
    await page.getByTestId('play').click();
    const draws = await sampleDraws(page);
    const open = await longTasks(page);
    await page.locator('.neuron-view > summary').click();
    const closed = await longTasks(page);
    await page.getByTestId('pause').click();
    const sorted = [...draws].sort((a, b) => a - b);
    rows.push([
      label,
      String(draws.length),
      sorted.length ? `${sorted[sorted.length >> 1].toFixed(1)} (${sorted[0].toFixed(1)}–${sorted[sorted.length - 1].toFixed(1)})` : '—',
      `${open.longTasks} (longest ${open.longestTaskMs.toFixed(0)} ms)`,
      `${closed.longTasks} (longest ${closed.longestTaskMs.toFixed(0)} ms)`,
    ]);
    await page.close();
  }
} finally {
  await browser.close();
  stopPreview(server);
}
console.log(`load average ${loadavg().map((l) => l.toFixed(1)).join(' ')}; ${SECONDS} s each`);
printTable(['network', 'redraws seen', 'redraw ms, median (range)', 'long tasks, view open', 'long tasks, view closed'], rows);
