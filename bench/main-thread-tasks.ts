/**
 * The page's main-thread tasks while 8 runs train at full speed (issue 20 §7: "keep every main-thread task
 * under 50 ms with 8 runs"): a PerformanceObserver for long tasks (over 50 ms) for MINUTES minutes (default 2),
 * printed per minute as count, longest and total, after the tasks of the start (the page's load and its runs'
 * first evaluations, before Play). Serves the e2e build (`npm run build:e2e` first; E2E_DIST another build,
 * E2E_PORT another port). QUERY adds to the address (default `?backend=cpu&runs=8&speed=0`).
 */
import { spawn } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { chromium } from '@playwright/test';

const minutes = Number(process.env.MINUTES ?? 2);
const query = process.env.QUERY ?? '?backend=cpu&runs=8&speed=0';
const port = process.env.E2E_PORT ?? '4176';
const server = spawn('npx', ['vite', 'preview', '--host', '127.0.0.1', '--port', port, '--strictPort', '--outDir', process.env.E2E_DIST ?? 'dist'], { stdio: 'ignore', detached: true });
await new Promise((resolve) => setTimeout(resolve, 2500));
try {
  const browser = await chromium.launch({ executablePath: '/usr/bin/chromium', args: ['--no-sandbox', '--disable-background-networking', '--disable-component-update', '--disable-sync', '--disable-quic', '--no-first-run'] });
  const page = await browser.newPage({ viewport: { width: 1366, height: 768 } });
  await page.addInitScript(() => {
    const tasks: { start: number; duration: number }[] = [];
    (window as unknown as { longTasks: typeof tasks }).longTasks = tasks;
    new PerformanceObserver((list) => list.getEntries().forEach((e) => tasks.push({ start: e.startTime, duration: e.duration }))).observe({ type: 'longtask', buffered: true });
  });
  await page.goto(`http://127.0.0.1:${port}/${query}`);
  await page.getByTestId('train-loss').filter({ hasText: /^\d/ }).waitFor({ timeout: 120_000 });
  await page.getByTestId('play').click();
  const started = await page.evaluate(() => performance.now());
  const before = (await page.evaluate(() => (window as unknown as { longTasks: { start: number; duration: number }[] }).longTasks)).filter((t) => t.start < started);
  const load = (): string => readFileSync('/proc/loadavg', 'utf8').split(' ').slice(0, 3).join(' ');
  console.log(`start (load to Play, ${started.toFixed(0)} ms): ${before.length} tasks over 50 ms: ${before.map((t) => `${t.duration.toFixed(0)} ms at ${t.start.toFixed(0)}`).join(', ')}; load ${load()}`);
  for (let m = 1; m <= minutes; m++) {
    await page.waitForTimeout(60_000);
    const tasks = await page.evaluate(() => (window as unknown as { longTasks: { start: number; duration: number }[] }).longTasks);
    const inMinute = tasks.filter((t) => t.start >= started + (m - 1) * 60_000 && t.start < started + m * 60_000);
    const longest = Math.max(0, ...inMinute.map((t) => t.duration));
    const total = inMinute.reduce((sum, t) => sum + t.duration, 0);
    const step = await page.getByTestId('step-count').textContent();
    console.log(`minute ${m}: ${inMinute.length} tasks over 50 ms, longest ${longest.toFixed(0)} ms, ${total.toFixed(0)} ms in all; step ${step}; load ${load()}`);
  }
  await browser.close();
} finally {
  process.kill(-server.pid!);
}
