/**
 * Issue 17 §8 on WebGPU: the 48-run learning-rate sweep (16 values, log, 0.001–1, × 3 seeds) of 2-8-8-1 tanh on
 * the circle, batch 16, Adam, 2,000 steps a run, in ONE dispatch of 48 workgroups (algorithms/backprop/
 * webgpuSweepSteps.ts) against the 48 runs in turn, one 2,000-step dispatch each on the one-workgroup kernel
 * (webgpuTrainSteps.ts), in Chromium on the built test page (e2e/fused/index.html, e2e/sweep/sweepPage.ts). Wall
 * time from the first upload to the last result read, and the CPU time of Chromium's GPU process meanwhile (where
 * SwiftShader runs the dispatches; browserCpuTime.ts: the work done, which a busy machine moves much less than
 * the wall time); steps only (no evaluation, no checkpoints). A warm-up of one step each way compiles both
 * pipelines first. Each round times the batched sweep, then the runs in turn.
 * Run after `npm run build:e2e` (DIST=dist-x for another build folder): `tsx bench/sweep-webgpu-bench.ts`.
 * RUNS, STEPS and ROUNDS (default 48, 2000, 3) change the sweep's size and the repetitions. ALGORITHM=locoprop-m
 * times the same sweep of LocoProp-M (inner Adam, K = 3) through its batched kernel (algorithms/locoprop/
 * webgpuLocoPropSweep.ts) against its one-workgroup kernel in turn; ALGORITHM=feedback-alignment feedback alignment's
 * (backprop's batched kernel with each run's B); ALGORITHM=adam-hd backprop's with Adam-HD.
 */
import { launchChromium, startPreview, stopPreview } from './browserHarness';
import type { SweepAlgorithm, SweepTimingRequest } from '../e2e/sweep/sweepApi';
import { browserCpuTimes } from './browserCpuTime';
import { printTable } from './table';
import { loadavg } from 'node:os';

const PORT = Number(process.env.PORT ?? 4178);
const DIST = process.env.DIST ?? 'dist';
const RUNS = Number(process.env.RUNS ?? 48);
const STEPS = Number(process.env.STEPS ?? 2000);
const ROUNDS = Math.max(1, Number(process.env.ROUNDS ?? 3));
const ALGORITHMS: readonly SweepAlgorithm[] = ['backprop', 'locoprop-m', 'feedback-alignment', 'adam-hd'];
const ALGORITHM = (process.env.ALGORITHM ?? 'backprop') as SweepAlgorithm;
if (!ALGORITHMS.includes(ALGORITHM)) throw new Error(`ALGORITHM=${ALGORITHM}: one of ${ALGORITHMS.join(', ')}`);
/** What each sweep trains, as e2e/sweep/sweepPage.ts sets it up. */
const WHAT: Record<SweepAlgorithm, string> = { backprop: 'backprop with Adam', 'locoprop-m': 'LocoProp-M (inner Adam, K = 3)', 'feedback-alignment': 'feedback alignment with Adam', 'adam-hd': 'backprop with Adam-HD (β 1e-4)' };

const median = (values: number[]): number => {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted.length % 2 ? sorted[(sorted.length - 1) / 2] : (sorted[sorted.length / 2 - 1] + sorted[sorted.length / 2]) / 2;
};

const server = await startPreview(PORT, DIST);
try {
  const browser = await launchChromium();
  const page = await browser.newPage();
  await page.goto(`http://127.0.0.1:${PORT}/e2e/fused/index.html`);
  const backend = await page.evaluate(() => (window.fusedParity as NonNullable<Window['fusedParity']>).ready);
  if (backend !== 'webgpu') throw new Error(`the test page got ${backend}, not WebGPU`);
  const adapter = await page.evaluate(async () => {
    const info = (await navigator.gpu.requestAdapter())?.info;
    return info ? [info.vendor, info.architecture, info.description].filter(Boolean).join(' ') : 'unknown adapter';
  });
  const time = (request: SweepTimingRequest): Promise<number> => page.evaluate((r) => (window.sweepWebgpu as NonNullable<Window['sweepWebgpu']>).time(r), request);
  const measured = async (path: SweepTimingRequest['path']): Promise<{ wallMs: number; gpuProcessMs: number | null }> => {
    const before = browserCpuTimes();
    const wallMs = await time({ algorithm: ALGORITHM, runs: RUNS, steps: STEPS, path });
    const after = browserCpuTimes();
    return { wallMs, gpuProcessMs: before && after ? after.gpuMs - before.gpuMs : null };
  };
  await time({ algorithm: ALGORITHM, runs: RUNS, steps: 1, path: 'batched' });
  await time({ algorithm: ALGORITHM, runs: RUNS, steps: 1, path: 'in-turn' });
  const rounds: { batched: Awaited<ReturnType<typeof measured>>; inTurn: Awaited<ReturnType<typeof measured>>; load: number }[] = [];
  for (let round = 0; round < ROUNDS; round++) {
    const load = loadavg()[0];
    rounds.push({ batched: await measured('batched'), inTurn: await measured('in-turn'), load });
  }
  await browser.close();
  console.log(`\nBatched WebGPU sweep (issue 17 §8): ${RUNS} runs × ${STEPS.toLocaleString('en')} steps of 2-8-8-1 tanh, circle, batch 16, ${WHAT[ALGORITHM]}; ${adapter}`);
  const seconds = (ms: number | null): string => (ms === null ? '—' : (ms / 1000).toFixed(2));
  const ratio = (a: number | null, b: number | null): string => (a === null || b === null ? '—' : (a / b).toFixed(2));
  const rows = rounds.map((r, i) => [String(i + 1), seconds(r.batched.wallMs), seconds(r.inTurn.wallMs), ratio(r.inTurn.wallMs, r.batched.wallMs), seconds(r.batched.gpuProcessMs), seconds(r.inTurn.gpuProcessMs), ratio(r.inTurn.gpuProcessMs, r.batched.gpuProcessMs), r.load.toFixed(1)]);
  const med = (pick: (r: (typeof rounds)[number]) => number | null): number | null => {
    const values = rounds.map(pick);
    return values.some((v) => v === null) ? null : median(values as number[]);
  };
  const [bw, iw, bc, ic] = [med((r) => r.batched.wallMs), med((r) => r.inTurn.wallMs), med((r) => r.batched.gpuProcessMs), med((r) => r.inTurn.gpuProcessMs)];
  rows.push(['median', seconds(bw), seconds(iw), ratio(iw, bw), seconds(bc), seconds(ic), ratio(ic, bc), '']);
  printTable(['round', 'one dispatch, s', 'runs in turn, s', 'speed-up (wall)', 'GPU process CPU, batched, s', 'in turn, s', 'ratio (CPU)', 'load (1 min)'], rows);
} finally {
  stopPreview(server);
}
