/**
 * Issue 18 §1 in the browser: each target row of the table trained alone by the built app's worker on
 * the CPU backend at full speed (`speed=0`), Chromium, 1366×768: the steps the status bar counts in MEASURE_S
 * seconds of Play (after WARM_S), evaluations and the page included, against the target.
 * `npm run build:e2e && npx tsx bench/cpu-kernel-browser.ts`; `DISTS=/tmp/dist-a,/tmp/dist-b` compares builds
 * (before/after), `ROWS=0,4` keeps rows by index, `QUERY=…` measures one address instead (no target).
 */
import { readFileSync } from 'node:fs';
import { launchChromium, startPreview, stopPreview } from './browserHarness';
import { printTable } from './table';

const PORT = Number(process.env.PORT ?? 4391);
const DISTS = (process.env.DISTS ?? 'dist').split(',');
const MEASURE_S = Number(process.env.MEASURE_S ?? 20);
const WARM_S = Number(process.env.WARM_S ?? 3);

const CPU = 'backend=cpu&speed=0';
/** The paper scene's autoencoder (config/paperScene.ts), one run. */
const PAPER = `${CPU}&dataset=mnist14&task=autoencoder&hidden=128,64,16,64,128&activation=tanh,tanh,linear,tanh,tanh&init=glorot&batchSize=128&regularization=none&optimizer=rmsprop`;
const ROWS: { name: string; query: string; target: number | null }[] = process.env.QUERY
  ? [{ name: process.env.QUERY, query: process.env.QUERY.replace(/^\?/, ''), target: null }]
  : [
      { name: 'paper autoencoder, backprop (RMSProp, batch 128)', query: `${PAPER}&learningRate=0.0031622776601683816`, target: 100 },
      { name: 'LocoProp-M (K = 10), same autoencoder', query: `${PAPER}&algorithm=locoprop-m&innerOptimizer=rmsprop&gamma=1.28&innerSteps=10&innerDecay=true&momentum=0.999&learningRate=0.0003162277660168384`, target: 14 },
      { name: 'digits 64-64-10, batch 32, Adam', query: `${CPU}&dataset=digits&hidden=64&activation=relu&batchSize=32&optimizer=adam`, target: 3000 },
      { name: '2-64-64-64-1, batch 16, Adam', query: `${CPU}&hidden=64,64,64&activation=tanh,tanh,tanh&batchSize=16&optimizer=adam`, target: 2000 },
      { name: '2-8-8-1, batch 16, Adam', query: `${CPU}&hidden=8,8&activation=tanh,tanh&batchSize=16&optimizer=adam`, target: 40000 },
    ];
const keep = process.env.ROWS?.split(',').map(Number);

const browser = await launchChromium();
const table: string[][] = [];
for (const dist of DISTS) {
  const server = await startPreview(PORT, dist);
  try {
    for (const [index, row] of ROWS.entries()) {
      if (keep && !keep.includes(index)) continue;
      const page = await browser.newPage({ viewport: { width: 1366, height: 768 } });
      const errors: string[] = [];
      page.on('console', (m) => { if (m.type() === 'error') errors.push(m.text()); });
      await page.goto(`http://127.0.0.1:${PORT}/?${row.query}`);
      await page.getByTestId('train-loss').filter({ hasText: /^\d/ }).first().waitFor({ timeout: 120_000 });
      await page.getByTestId('play').click();
      const count = async (): Promise<number> => Number((await page.getByTestId('step-count').first().textContent())?.replace(/[^0-9]/g, ''));
      await page.waitForTimeout(WARM_S * 1000);
      const start = await count();
      const started = Date.now();
      await page.waitForTimeout(MEASURE_S * 1000);
      const end = await count();
      const rate = (end - start) / ((Date.now() - started) / 1000);
      const load = readFileSync('/proc/loadavg', 'utf8').split(' ').slice(0, 3).join(' ');
      const met = row.target === null ? '—' : rate >= row.target ? 'met' : 'NOT met';
      table.push([dist, row.name, rate.toFixed(rate < 100 ? 2 : 0), row.target === null ? '—' : `≥ ${row.target.toLocaleString('en-US')}`, met, load, errors.length ? `${errors.length}: ${errors[0].slice(0, 120)}` : '0']);
      console.log(table.at(-1)?.join(' | '));
      await page.close();
    }
  } finally {
    try {
      stopPreview(server);
    } catch {
      // already gone
    }
  }
}
await browser.close();
console.log(`\nIssue 18's CPU targets in Chromium's worker (the built app, CPU backend, full speed; steps/s over ${MEASURE_S} s of Play after ${WARM_S} s):`);
printTable(['build', 'task', 'steps/s', 'target', '', 'loadavg', 'console errors'], table);
