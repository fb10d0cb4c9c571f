/**
 * `tsx bench/paper-live-browser.ts [dist] [port]`: the paper scene played live in Debian's Chromium at 1366×768 on
 * the CPU backend (`?scene=paper-autoencoder&backend=cpu`), as a presenter would: the steps each run shows
 * (`run-step-count`) at PAPER_LIVE_SECONDS (default 60 and 120) after Play. Build the page first
 * (`npx vite build --mode e2e --outDir <dist>`). Print `cat /proc/loadavg` beside it.
 */
import { readFileSync } from 'node:fs';
import { launchChromium, startPreview, stopPreview } from './browserHarness';

const dist = process.argv[2] ?? 'dist';
const port = Number(process.argv[3] ?? 4790);
const seconds = (process.env.PAPER_LIVE_SECONDS ?? '60,120').split(',').map(Number);
const load = (): string => readFileSync('/proc/loadavg', 'utf8').trim();

const server = await startPreview(port, dist);
const browser = await launchChromium();
try {
  const page = await browser.newPage({ viewport: { width: 1366, height: 768 } });
  // The main thread's long tasks (> 50 ms), summed: the page's own work between the worker's ticks.
  await page.addInitScript(`(() => {
    const busy = { tasks: 0, ms: 0 };
    window.liveBusy = busy;
    new PerformanceObserver((list) => { for (const e of list.getEntries()) { busy.tasks += 1; busy.ms += e.duration; } }).observe({ type: 'longtask', buffered: true });
  })()`);
  await page.goto(`http://127.0.0.1:${port}/?scene=paper-autoencoder&backend=cpu`);
  await page.getByTestId('train-loss').filter({ hasText: /^\d/ }).waitFor({ timeout: 180_000 });
  await page.getByTestId('run-step-count').nth(1).waitFor({ timeout: 60_000 });
  console.log(`${dist}: loaded, load ${load()}`);
  await page.getByTestId('play').click();
  const started = Date.now();
  // Ticks shown: each change of the current run's step count.
  await page.evaluate(`(() => {
    window.liveTicks = 0;
    const node = document.querySelector('[data-testid="step-count"]');
    new MutationObserver(() => { window.liveTicks += 1; }).observe(node, { childList: true, characterData: true, subtree: true });
  })()`);
  for (const at of seconds) {
    await page.waitForTimeout(Math.max(0, at * 1000 - (Date.now() - started)));
    const steps = await page.getByTestId('run-step-count').allTextContents();
    const rates = await page.getByTestId('run-steps-per-second').allTextContents();
    const page_ = await page.evaluate('({ ticks: window.liveTicks, busy: window.liveBusy })');
    console.log(`${dist}: ${at} s after Play: steps ${JSON.stringify(steps)}, rates ${JSON.stringify(rates)}, page ${JSON.stringify(page_)}, load ${load()}`);
  }
} finally {
  await browser.close();
  stopPreview(server);
}
