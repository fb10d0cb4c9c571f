/**
 * `DIST=/tmp/dist-x PORT=4411 tsx bench/pause-latency.ts` (a build: `npx vite build --mode e2e --outDir /tmp/dist-x`):
 * Pause-to-paused in Chromium, `?backend=cpu&dataset=mnist&hidden=512,512` with backprop and LocoProp-M. PAUSES times:
 * Play, a random 0.3–3.5 s (the same sequence every run), then Pause clicked in the page and the time until the Play
 * button is back (the worker read the pause: `playing: false`), measured in the page; beside each, the main thread's
 * long tasks within that wait (the page's own share of it). Wall-clock on a shared machine: print the load with it.
 */
import { launchChromium, startPreview, stopPreview } from './browserHarness';

const PORT = Number(process.env.PORT ?? 4411);
const DIST = process.env.DIST ?? 'dist';
const PAUSES = Number(process.env.PAUSES ?? 10);
const CONFIGS: [string, string][] = [
  ['backprop', '?backend=cpu&dataset=mnist&hidden=512,512&seed=3'],
  ['locoprop-m', '?backend=cpu&dataset=mnist&hidden=512,512&seed=3&algorithm=locoprop-m'],
];
let seed = 12345;
const random = (): number => ((seed = (seed * 1103515245 + 12345) % 2 ** 31) / 2 ** 31);
const server = await startPreview(PORT, DIST);
const browser = await launchChromium();
try {
  for (const [name, query] of CONFIGS) {
    const page = await browser.newPage({ viewport: { width: 1366, height: 768 } });
    await page.goto(`http://127.0.0.1:${PORT}/${query}`);
    await page.getByTestId('train-loss').filter({ hasText: /^\d/ }).waitFor({ timeout: 120_000 });
    await page.getByTestId('runs-list').waitFor({ state: 'attached', timeout: 60_000 });
    await page.evaluate(`(() => { window.longTasks = []; new PerformanceObserver((list) => window.longTasks.push(...list.getEntries().map((e) => [e.startTime, e.duration]))).observe({ type: 'longtask' }); })()`);
    const times: number[] = [];
    const mainThread: number[] = [];
    for (let i = 0; i < PAUSES; i++) {
      await page.getByTestId('play').click();
      await page.waitForTimeout(300 + 3200 * random());
      // A string, not a function: tsx's helpers (__name) do not exist in the page.
      const ms = (await page.evaluate(`new Promise((resolve) => {
        const button = document.querySelector('[data-testid="pause"]');
        if (!button) return resolve(-1);
        const started = performance.now();
        window.pauseStarted = started;
        button.click();
        const check = () => (document.querySelector('[data-testid="play"]') ? resolve(performance.now() - started) : setTimeout(check, 2));
        check();
      })`)) as number;
      times.push(ms);
      // The main thread's long tasks that overlap the wait: the page's own share of it.
      mainThread.push((await page.evaluate(`window.longTasks.filter(([start, d]) => start + d > window.pauseStarted && start < window.pauseStarted + ${ms}).reduce((sum, [start, d]) => sum + Math.min(start + d, window.pauseStarted + ${ms}) - Math.max(start, window.pauseStarted), 0)`)) as number);
      await page.waitForTimeout(1500);
    }
    const sorted = [...times].sort((a, b) => a - b);
    const step = await page.getByTestId('step-count').textContent();
    console.log(`${name}: median ${sorted[Math.floor(sorted.length / 2)].toFixed(0)} ms, max ${sorted.at(-1)?.toFixed(0)} ms, each ${times.map((t) => t.toFixed(0)).join(' ')} (step ${step}); main thread's long tasks during each: ${mainThread.map((t) => t.toFixed(0)).join(' ')}`);
    await page.close();
  }
} finally {
  await browser.close();
  stopPreview(server);
}
