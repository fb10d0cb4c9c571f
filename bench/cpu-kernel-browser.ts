/**
 * Issue 18 §1 in the browser: the paper scene (backprop and LocoProp-M on the MNIST 14×14 autoencoder, in
 * lockstep) on the CPU backend in the built app's worker, Chromium, steps reached in MEASURE_S seconds of Play.
 * `DISTS=/tmp/dist-a,/tmp/dist-b PORT=4391 npx tsx bench/cpu-kernel-browser.ts` compares builds (before/after).
 */
import { readFileSync } from 'node:fs';
import { launchChromium, startPreview, stopPreview } from './browserHarness';

const PORT = Number(process.env.PORT ?? 4391);
const DISTS = (process.env.DISTS ?? 'dist').split(',');
const MEASURE_S = Number(process.env.MEASURE_S ?? 30);
const QUERY = process.env.QUERY ?? '?scene=paper-autoencoder&backend=cpu';

const browser = await launchChromium();
for (const dist of DISTS) {
  const server = await startPreview(PORT, dist);
  try {
    const page = await browser.newPage({ viewport: { width: 1366, height: 768 } });
    const errors: string[] = [];
    page.on('console', (m) => { if (m.type() === 'error') errors.push(m.text()); });
    await page.goto(`http://127.0.0.1:${PORT}/${QUERY}`);
    await page.getByTestId('train-loss').first().waitFor({ timeout: 120_000 });
    await page.getByTestId('play').click();
    const count = async (): Promise<number> => Number((await page.getByTestId('step-count').first().textContent())?.replace(/[^0-9]/g, ''));
    await page.waitForTimeout(3000);
    const start = await count();
    const started = Date.now();
    await page.waitForTimeout(MEASURE_S * 1000);
    const end = await count();
    const seconds = (Date.now() - started) / 1000;
    const load = readFileSync('/proc/loadavg', 'utf8').split(' ').slice(0, 3).join(' ');
    console.log(`${dist}: ${end - start} steps in ${seconds.toFixed(1)} s = ${((end - start) / seconds).toFixed(2)} steps/s (step ${end}; load ${load}; console errors ${errors.length}${errors.length ? `: ${errors[0].slice(0, 200)}` : ''})`);
    await page.close();
  } finally {
    try {
      stopPreview(server);
    } catch {
      // already gone
    }
  }
}
await browser.close();
