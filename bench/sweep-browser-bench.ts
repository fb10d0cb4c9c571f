/**
 * `npm run bench`, the sweep rows in the browser (issue 17 §8): the built app's sweep panel in Chromium trains the
 * sweep of bench/sweep-bench.ts (48 runs: learning rate 0.001–1, 16 values, log, × 3 seeds; 2-8-8-1 tanh on the
 * circle, batch 16, backprop with Adam, 2,000 steps) with its pool of sweep workers, once with one worker and once
 * with two (navigator.hardwareConcurrency, which the pool reads, set before the page loads), and the two-field
 * sweep (rate × width 2–16, 8 × 8 × 3 seeds, 1,000 steps) with two. The time is the panel's own "done in X s",
 * from the pool's start (the workers' loading included) to its last result. Each 48-run sweep again "warm": the
 * pointer rests on the panel first, which starts the sweep workers ahead (ui/sweep/warmSweepWorkers.ts); and a
 * 2-run, 20-step sweep cold and warm, which is almost only the workers' start. ROUNDS rounds, median and range.
 * And the same 48-run sweep on `?backend=webgpu`, where the panel's one sweep worker trains the runs on WebGPU in
 * groups (one dispatch a chunk, a workgroup a run), in the first round only (on SwiftShader it takes about a
 * minute), against the CPU panel's 2 workers: the panel always groups on WebGPU, so "48 runs in turn" on WebGPU is
 * bench/sweep-webgpu-bench.ts's row (the kernels alone), not the panel's.
 */
import { loadavg } from 'node:os';
import type { Browser } from '@playwright/test';
import { launchChromium, startPreview, stopPreview } from './browserHarness';
import { printTable } from './table';

const PORT = Number(process.env.SWEEP_PORT ?? 4176);
const DIST = process.env.SWEEP_DIST ?? 'dist';
const ROUNDS = Math.max(1, Number(process.env.SWEEP_ROUNDS ?? 3));
const BASE = `http://127.0.0.1:${PORT}/?backend=cpu&hidden=8,8&batchSize=16`;
const RATE_SWEEP = `${BASE}&sweep=learningRate,0.001,1,16,log&sweepSeeds=3&sweepBudget=2000`;
/** Two runs of 20 steps: the sweep is almost only the start of its two workers. */
const TINY_SWEEP = `${BASE}&sweep=learningRate,0.001,1,2,log&sweepSeeds=1&sweepBudget=20`;
const TWO_FIELD_SWEEP = `${BASE}&sweep=learningRate,0.001,1,8,log&sweep2=width,2,16,8,linear&sweepSeeds=3&sweepBudget=1000`;
const WEBGPU_RATE_SWEEP = RATE_SWEEP.replace('backend=cpu', 'backend=webgpu');

/** Time the panel's workers are given to load before a warm start (they start when the pointer enters the panel). */
const WARM_WAIT_MS = 3000;

/**
 * The panel's "done in X s · N workers" for one sweep, in ms, with the workers it says it used. Cold: the click on
 * Start is the first the panel sees of the pointer, so the workers start with the sweep. Warm: the pointer rests
 * on the panel WARM_WAIT_MS first, so they have loaded (ui/sweep/warmSweepWorkers.ts).
 */
async function sweepOnce(browser: Browser, url: string, runs: number, cores: number, warm = false): Promise<{ ms: number; workers: number }> {
  const page = await browser.newPage({ viewport: { width: 1400, height: 1000 } });
  await page.addInitScript(`Object.defineProperty(navigator, 'hardwareConcurrency', { get: () => ${cores} })`);
  await page.goto(url);
  await page.getByTestId('train-loss').filter({ hasText: /^\d/ }).waitFor({ timeout: 120_000 });
  // The panel trains where the comparison does: wait until the runs are on the backend the address asks for.
  const backend = new URL(url).searchParams.get('backend') ?? 'cpu';
  await page.getByTestId('backend').filter({ hasText: backend }).waitFor({ timeout: 120_000 });
  if (warm) {
    await page.locator('#sweep-heading').hover();
    await page.waitForTimeout(WARM_WAIT_MS);
  }
  await page.getByTestId('sweep-start').click();
  await page.getByTestId('sweep-progress').filter({ hasText: `${runs} / ${runs} runs` }).waitFor({ timeout: 600_000 });
  const line = page.locator('.sweep-progress-line').filter({ hasText: 'done in' });
  await line.waitFor();
  const text = (await line.textContent()) ?? '';
  await page.close();
  const done = /done in ([\d.]+) (ms|s)/.exec(text);
  const workers = /(\d+) workers?/.exec(text);
  if (!done || !workers) throw new Error(`no "done in … · N workers" in "${text}"`);
  return { ms: Number(done[1]) * (done[2] === 's' ? 1000 : 1), workers: Number(workers[1]) };
}

function spread(values: number[]): string {
  const sorted = [...values].sort((a, b) => a - b);
  const mid = sorted.length >> 1;
  const median = sorted.length % 2 ? sorted[mid] : (sorted[mid - 1] + sorted[mid]) / 2;
  return `${(median / 1000).toFixed(2)} s (${(sorted[0] / 1000).toFixed(2)}–${(sorted[sorted.length - 1] / 1000).toFixed(2)})`;
}
const median = (values: number[]): number => [...values].sort((a, b) => a - b)[values.length >> 1];

const server = await startPreview(PORT, DIST);
try {
  const browser = await launchChromium();
  const one: number[] = [];
  const two: number[] = [];
  const speedUps: number[] = [];
  const twoField: number[] = [];
  const onWebGpu: number[] = [];
  const warmOne: number[] = [];
  const warmTwo: number[] = [];
  const warmSpeedUps: number[] = [];
  const tinyCold: number[] = [];
  const tinyWarm: number[] = [];
  const loads: string[] = [];
  const workersSeen = new Set<string>();
  for (let round = 0; round < ROUNDS; round++) {
    loads.push(loadavg().map((l) => l.toFixed(2)).join(', '));
    const single = await sweepOnce(browser, RATE_SWEEP, 48, 1);
    const pair = await sweepOnce(browser, RATE_SWEEP, 48, 2);
    const warmSingle = await sweepOnce(browser, RATE_SWEEP, 48, 1, true);
    const warmPair = await sweepOnce(browser, RATE_SWEEP, 48, 2, true);
    tinyCold.push((await sweepOnce(browser, TINY_SWEEP, 2, 2)).ms);
    tinyWarm.push((await sweepOnce(browser, TINY_SWEEP, 2, 2, true)).ms);
    warmOne.push(warmSingle.ms);
    warmTwo.push(warmPair.ms);
    warmSpeedUps.push(warmSingle.ms / warmPair.ms);
    const grid = await sweepOnce(browser, TWO_FIELD_SWEEP, 192, 2);
    if (round === 0) onWebGpu.push((await sweepOnce(browser, WEBGPU_RATE_SWEEP, 48, 2)).ms);
    console.log(`round ${round + 1}: 48 runs cold ${single.ms} / ${pair.ms} ms, warm ${warmSingle.ms} / ${warmPair.ms} ms; 2 tiny runs cold ${tinyCold.at(-1)} ms, warm ${tinyWarm.at(-1)} ms; 192 runs ${grid.ms} ms`);
    workersSeen.add(`${single.workers}/${pair.workers}/${grid.workers}`);
    one.push(single.ms);
    two.push(pair.ms);
    speedUps.push(single.ms / pair.ms);
    twoField.push(grid.ms);
  }
  await browser.close();
  const ratio = [...speedUps].sort((a, b) => a - b);
  console.log(`\nSweeps in the built app (Chromium ${browser.version()}, the sweep panel; the CPU backend but for the WebGPU row), ${ROUNDS} rounds, median (min–max); workers used ${[...workersSeen].join(', ')}:`);
  printTable(
    ['sweep', 'done in', 'against'],
    [
      ['48-run rate sweep, 1 sweep worker', spread(one), ''],
      ['48-run rate sweep, 2 sweep workers', spread(two), `${median(speedUps).toFixed(2)}× (${ratio[0].toFixed(2)}–${ratio[ratio.length - 1].toFixed(2)}) faster than 1 (goal ≥ 1.7×)`],
      ['48-run rate sweep, 1 sweep worker, started warm', spread(warmOne), ''],
      ['48-run rate sweep, 2 sweep workers, started warm', spread(warmTwo), `${median(warmSpeedUps).toFixed(2)}× (${Math.min(...warmSpeedUps).toFixed(2)}–${Math.max(...warmSpeedUps).toFixed(2)}) faster than 1 warm`],
      ['2 runs of 20 steps on 2 workers, cold (the workers start with the sweep)', spread(tinyCold), ''],
      ['2 runs of 20 steps on 2 workers, started warm', spread(tinyWarm), ''],
      ['192-run sweep (8 rates × width 2–16 × 3 seeds), 1,000 steps, 2 workers', spread(twoField), ''],
      [
        'WebGPU (this browser\'s adapter): the 48-run rate sweep on `?backend=webgpu`, 1 sweep worker, grouped, first round',
        spread(onWebGpu),
        `${(median(onWebGpu) / median(two)).toFixed(2)}× the CPU's 2 workers' time; 48 runs in turn on WebGPU: bench/sweep-webgpu-bench.ts (the kernels alone)`,
      ],
    ],
  );
  console.log(`Load average (1, 5, 15 min) before each round: ${loads.join(' | ')}.`);
} finally {
  stopPreview(server);
}
