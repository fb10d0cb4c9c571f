/**
 * The page's main-thread heap while training at full speed (issue 9): builds the app into dist-b, serves it,
 * presses play and, at each given minute, forces a garbage collection and reads the JS heap in use through
 * the DevTools protocol. A heap that keeps growing with the step count is a leak; a bounded history levels off.
 *
 *   npx tsx bench/heap.ts            # at 0.5 and 1 minute
 *   npx tsx bench/heap.ts 1 10       # at 1 and 10 minutes
 *   SKIP_BUILD=1 npx tsx bench/heap.ts 1   # reuse dist-b
 *
 * Runs from the current directory, so `cd` into another checkout (a git worktree) to measure that commit.
 * Not part of `npm run bench`: it takes as long as the longest duration asked for.
 */
import { spawn, spawnSync } from 'node:child_process';
import { chromium } from '@playwright/test';

const PORT = Number(process.env.PORT ?? 4182);
const BASE = `http://127.0.0.1:${PORT}`;
const OUT_DIR = 'dist-b';
const CHROMIUM_ARGS = ['--no-sandbox', '--disable-background-networking', '--disable-component-update', '--disable-sync', '--disable-quic', '--no-first-run'];

const minutes = (process.argv.length > 2 ? process.argv.slice(2).map(Number) : [0.5, 1]).sort((a, b) => a - b);
if (minutes.some((m) => !Number.isFinite(m) || m <= 0)) {
  console.error(`usage: npx tsx bench/heap.ts [minutes ...], each > 0; got ${process.argv.slice(2).join(' ')}`);
  process.exit(2);
}

async function waitForServer(): Promise<void> {
  for (let i = 0; i < 150; i++) {
    try {
      if ((await fetch(BASE)).ok) return;
    } catch {
      // not up yet
    }
    await new Promise((r) => setTimeout(r, 200));
  }
  throw new Error(`vite preview did not answer on ${BASE}`);
}

if (!process.env.SKIP_BUILD) {
  const build = spawnSync('npx', ['vite', 'build', '--outDir', OUT_DIR, '--emptyOutDir'], { stdio: ['ignore', 'ignore', 'inherit'] });
  if (build.status !== 0) throw new Error(`vite build failed (exit ${build.status})`);
}
// Its own process group, so the whole server (npx and vite) goes when we are done.
const server = spawn('npx', ['vite', 'preview', '--outDir', OUT_DIR, '--port', String(PORT), '--host', '127.0.0.1', '--strictPort'], {
  stdio: 'ignore',
  detached: true,
});
try {
  await waitForServer();
  const browser = await chromium.launch({ executablePath: '/usr/bin/chromium', args: CHROMIUM_ARGS });
  const page = await browser.newPage({ viewport: { width: 1400, height: 1000 } });
  await page.goto(`${BASE}/?backend=cpu`);
  await page.getByTestId('train-loss').filter({ hasText: /^\d/ }).waitFor();
  // A CDP session on the page reaches the main thread's isolate only; the training worker has its own.
  const cdp = await page.context().newCDPSession(page);
  const measure = async (): Promise<{ steps: number; usedMB: number }> => {
    // Twice: the first collection can leave objects that only a second pass finds unreachable.
    await cdp.send('HeapProfiler.collectGarbage');
    await cdp.send('HeapProfiler.collectGarbage');
    const { usedSize } = await cdp.send('Runtime.getHeapUsage');
    const steps = Number(await page.getByTestId('step-count').textContent());
    return { steps, usedMB: usedSize / 2 ** 20 };
  };
  const start = await measure();
  await page.getByTestId('play').click();
  const t0 = Date.now();
  console.log('minutes  steps      heap used (MiB)  bytes/step since start');
  const row = (label: string, m: { steps: number; usedMB: number }): void => {
    const perStep = m.steps > start.steps ? (((m.usedMB - start.usedMB) * 2 ** 20) / (m.steps - start.steps)).toFixed(1) : '';
    console.log(`${label.padEnd(8)} ${String(m.steps).padEnd(10)} ${m.usedMB.toFixed(2).padEnd(16)} ${perStep}`);
  };
  row('0', start);
  for (const m of minutes) {
    const wait = t0 + m * 60_000 - Date.now();
    if (wait > 0) await page.waitForTimeout(wait);
    row(String(m), await measure());
  }
  await browser.close();
} finally {
  if (server.pid !== undefined) process.kill(-server.pid);
}
