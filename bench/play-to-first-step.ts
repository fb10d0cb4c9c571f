/**
 * Issue 18 §3: the time from Play to the first moving step count, per backend, by the page's own clock (the click
 * to the step count's first change). `WAIT_MS` (default 8000) is how long after the page shows its runs (each with its first loss in the runs list) Play is
 * pressed: by 8 s the warm-up (worker/warmUp.ts) has compiled what a tick uses on SwiftShader; `WAIT_MS=0` presses
 * it at once. `ONLY=webgpu,webgl` keeps the rows so named (`ONLY="paper scene"` the paper scene's three); each row says how long after `goto` the runs showed.
 * `tsx bench/play-to-first-step.ts [dist] [port]`; build first (`npm run build:e2e`). Prints the load
 * average beside each row; hold a core busy (`node -e 'for(;;){}'`) to see it under load.
 */
import { readFileSync } from 'node:fs';
import { launchChromium, startPreview, stopPreview } from './browserHarness';

const dist = process.argv[2] ?? 'dist';
const port = Number(process.argv[3] ?? 4792);
const waitMs = Number(process.env.WAIT_MS ?? 8000);
const rounds = Number(process.env.ROUNDS ?? 2);
const ALL: [string, string][] = [
  ['cpu', '?backend=cpu'],
  ['webgl', '?backend=webgl'],
  ['webgl, LocoProp-M', '?backend=webgl&algorithm=locoprop-m'],
  ['webgpu', '?backend=webgpu'],
  ['webgpu, LocoProp-M', '?backend=webgpu&algorithm=locoprop-m'],
  ['auto (the default address)', ''],
  ['paper scene, CPU', '?scene=paper-autoencoder&backend=cpu'],
  ['paper scene, WebGL', '?scene=paper-autoencoder&backend=webgl'],
  ['paper scene, WebGPU', '?scene=paper-autoencoder&backend=webgpu'],
];
// ONLY=webgl keeps the rows whose name starts with it (before a comma); ONLY=paper scene the paper scene's.
const CASES = ALL.filter(([n]) => !process.env.ONLY || process.env.ONLY.split(',').some((only) => n.split(',')[0] === only));

declare global {
  interface Window {
    playClicked?: number;
    firstMove?: Promise<number>;
  }
}

const server = await startPreview(port, dist);
const browser = await launchChromium();
try {
  for (let round = 0; round < rounds; round++) {
    for (const [name, query] of CASES) {
      const context = await browser.newContext({ viewport: { width: 1366, height: 768 } });
      const page = await context.newPage();
      const t0 = Date.now(); await page.goto(`http://127.0.0.1:${port}/${query}`);
      await page.getByTestId('train-loss').filter({ hasText: /^\d/ }).waitFor({ timeout: 120_000 });
      await page.getByTestId('runs-list').waitFor({ state: 'attached', timeout: 60_000 });
      // Every run shown: each row of the runs list has its first loss (the paper scene's second run comes ~1.7 s after
      // the first on SwiftShader; a Play pressed before waits for it, runTable.ts).
      await page.waitForFunction(() => [...document.querySelectorAll('[data-testid="run-train-loss"]')].every((cell) => /\d/.test(cell.textContent ?? '')), undefined, { timeout: 60_000 });
      const shownMs = Date.now() - t0; await page.waitForTimeout(waitMs);
      const backend = await page.getByTestId('backend').textContent();
      await page.evaluate(() => {
        const count = document.querySelector('[data-testid="step-count"]') as HTMLElement;
        window.firstMove = new Promise((resolve) => {
          new MutationObserver((_, observer) => {
            if (count.textContent === '0') return;
            observer.disconnect();
            resolve(performance.now());
          }).observe(count, { childList: true, characterData: true, subtree: true });
        });
        const play = document.querySelector('[data-testid="play"]') as HTMLElement;
        play.addEventListener('click', () => { window.playClicked = performance.now(); }, { capture: true, once: true });
      });
      await page.getByTestId('play').click();
      const ms = await page.evaluate(async () => (await Promise.race([window.firstMove as Promise<number>, new Promise<number>((r) => setTimeout(() => r(Number.NaN), 60_000))])) - (window.playClicked ?? Number.NaN));
      const load = readFileSync('/proc/loadavg', 'utf8').split(' ')[0];
      console.log(`${name} (${backend}), Play ${waitMs} ms after the runs were shown: ${ms.toFixed(0)} ms to the first moving step count, shown ${shownMs} ms after goto (load ${load})`);
      await context.close();
    }
  }
} finally {
  await browser.close();
  stopPreview(server);
}
