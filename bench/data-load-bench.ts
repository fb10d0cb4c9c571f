/**
 * Part of `npm run bench` (after `npm run build:e2e`): how long the page takes from opening a link on each
 * data set to the untrained network's first evaluation, on the CPU backend — the worker fetches the shipped
 * file, decodes it, builds the session and evaluates it. The circle (generated, nothing to fetch) is the
 * baseline (the sizes fetched are the files' sizes: README, Data sets). Median of 3 loads each, a fresh page
 * every time (the worker's decoded-file cache starts empty).
 */
import { launchChromium, startPreview, stopPreview } from './browserHarness';
import { printTable } from './table';

const PORT = 4188;
const server = await startPreview(PORT, 'dist');
const browser = await launchChromium();
const rows: string[][] = [];
try {
  for (const dataset of ['circle', 'digits', 'iris', 'penguins', 'mnist14', 'mnist']) {
    const times: number[] = [];
    for (let i = 0; i < 3; i++) {
      const page = await browser.newPage();
      const started = Date.now();
      await page.goto(`http://127.0.0.1:${PORT}/?backend=cpu&dataset=${dataset}&hidden=32`);
      await page.getByTestId('train-loss').filter({ hasText: /^\d/ }).waitFor({ timeout: 60_000 });
      times.push(Date.now() - started);
      await page.close();
    }
    times.sort((a, b) => a - b);
    rows.push([dataset, `${times[1]} ms`]);
  }
} finally {
  await browser.close();
  stopPreview(server);
}
console.log('\nOpening a link on each data set until the first evaluation shows (CPU backend, hidden 32, median of 3)');
printTable(['data set', 'to first evaluation'], rows);
