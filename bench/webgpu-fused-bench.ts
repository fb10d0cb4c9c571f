/**
 * The fused WebGPU training kernel against the plain WebGPU path, in Chromium on the built test page
 * (e2e/fused/index.html, TF.js on the page's thread): steps/s of a training session (steps only, no
 * evaluation; one readback per call, as the live loop reads once per tick) for 2-8-8-1, 2-16-16-16-1 and
 * 2-64-64-64-1 tanh, Adam, at batch 16 and 32, with N = 100 and 1,000 fused steps per call; and per call
 * what reaches the GPU queue (compute dispatches, submits, buffer writes, buffer copies).
 * Run after `npm run build:e2e` (DIST=dist-x for another build folder): `tsx bench/webgpu-fused-bench.ts`.
 * OPTIONS='{"workgroupSize":256}' or '{"useWorkgroupMemory":false}' measures other kernel options.
 * DATASET=digits (any shipped set) measures that problem, e.g. the 10-class softmax output, instead of the 2-D one.
 * SCENE=paper measures the paper scene's backprop run instead (the MNIST 14×14 autoencoder 196-128-64-16-64-128-196,
 * batch 128, RMSProp: the fused kernel's wide path), or with ALGORITHM=locoprop-m its LocoProp-M run (K = 10);
 * NETWORKS, BATCHES and INNER_STEPS are then ignored.
 * ALGORITHM=locoprop-m (or locoprop-s) measures LocoProp's outer steps instead (K = INNER_STEPS, default 10,
 * inner TF1 RMSProp; N = 10 and 100 outer steps per call, the plain path one outer step per call), and with
 * it a fused backprop (Adam) step of the same network and batch, for the cost of an outer step in backprop steps.
 * On Linux each row also gives the CPU time per step of Chromium's GPU process (where SwiftShader runs the
 * dispatches; browserCpuTime.ts), which a busy machine moves much less than the wall-clock rate; a warm-up call
 * compiles each path's pipelines first, so that time is not counted.
 */
import type { Page } from '@playwright/test';
import { readFileSync } from 'node:fs';
import { launchChromium, startPreview, stopPreview } from './browserHarness';
import type { MeasureRequest, Measurement } from '../e2e/fused/measure';
import { printTable } from './table';
import { browserCpuTimes } from './browserCpuTime';
import { ALGORITHM_INFO, type AlgorithmName } from '../src/algorithms/registry';

const PORT = Number(process.env.PORT ?? 4177);
const BASE = `http://127.0.0.1:${PORT}`;
const DIST = process.env.DIST ?? 'dist';
const NETWORKS = (process.env.NETWORKS?.split(';') ?? ['8,8', '16,16,16', '64,64,64']).map((h) => h.split(',').map(Number));
const BATCHES = (process.env.BATCHES?.split(',') ?? ['16', '32']).map(Number);
const FUSED_STEPS_PER_CALL = (process.env.STEPS?.split(',') ?? (ALGORITHM_INFO[(process.env.ALGORITHM ?? 'backprop') as AlgorithmName]?.innerLoop ? ['10', '100'] : ['100', '1000'])).map(Number);
const PLAIN = process.env.PLAIN !== '0';
const MEASURE_MS = Number(process.env.MEASURE_MS ?? 4000);
const OPTIONS = process.env.OPTIONS ? (JSON.parse(process.env.OPTIONS) as MeasureRequest['options']) : undefined;
const ALGORITHM = (process.env.ALGORITHM ?? 'backprop') as NonNullable<MeasureRequest['algorithm']>;
/** Whether the algorithm has an inner loop (the registry's trait): then steps are outer steps of K inner ones. */
const LOCOPROP = ALGORITHM_INFO[ALGORITHM].innerLoop;
const INNER_STEPS = Number(process.env.INNER_STEPS ?? 10);
/** DATASET=digits measures the 64-input, 10-class softmax problem (NETWORKS then names hidden widths only). */
const DATASET = process.env.DATASET as MeasureRequest['dataset'];
const SCENE = process.env.SCENE as MeasureRequest['scene'];

type Timed = Measurement & { gpuProcessMsPerStep: number | null };

async function measure(page: Page, request: MeasureRequest): Promise<Timed> {
  const run = (r: MeasureRequest) => page.evaluate((q) => (window.fusedParity as NonNullable<Window['fusedParity']>).measure(q), r);
  // Warm-up: compiles the path's pipelines (in the GPU process) outside the CPU-time window.
  await run({ ...request, stepsPerCall: 1, durationMs: 0 });
  const before = browserCpuTimes();
  const m = await run(request);
  const after = browserCpuTimes();
  // The window also holds the measurement's first call, which its own clock leaves out.
  const gpuProcessMsPerStep = before && after ? (after.gpuMs - before.gpuMs) / (m.steps + request.stepsPerCall) : null;
  return { ...m, gpuProcessMsPerStep };
}

function row(name: string, batchSize: number, path: string, m: Timed): string[] {
  const c = m.perCall;
  const cpu = m.gpuProcessMsPerStep === null ? '—' : m.gpuProcessMsPerStep.toFixed(m.gpuProcessMsPerStep < 10 ? 2 : 0);
  return [name, String(batchSize), path, m.stepsPerSecond.toFixed(m.stepsPerSecond < 100 ? 1 : 0), cpu, (m.steps / m.calls).toFixed(0), c.dispatches.toFixed(1), c.submits.toFixed(1), c.writes.toFixed(1), c.copies.toFixed(1), m.firstCallMs.toFixed(0)];
}

const server = await startPreview(PORT, DIST);
try {
  const browser = await launchChromium();
  const page = await browser.newPage();
  await page.goto(`${BASE}/e2e/fused/index.html`);
  const backend = await page.evaluate(() => (window.fusedParity as NonNullable<Window['fusedParity']>).ready);
  if (backend !== 'webgpu') throw new Error(`the test page got ${backend}, not WebGPU`);
  const adapter = await page.evaluate(async () => {
    const info = (await navigator.gpu.requestAdapter())?.info;
    return info ? [info.vendor, info.architecture, info.description].filter(Boolean).join(' ') : 'unknown adapter';
  });
  const rows: string[][] = [];
  for (const hidden of SCENE ? [[]] : NETWORKS) {
    for (const batchSize of SCENE ? [128] : BATCHES) {
      const algorithm = { algorithm: ALGORITHM, innerSteps: INNER_STEPS };
      const fusedRows: { cells: string[]; rate: number }[] = [];
      for (const stepsPerCall of FUSED_STEPS_PER_CALL) {
        const m = await measure(page, { hidden, batchSize, kernels: 'fused', stepsPerCall, durationMs: MEASURE_MS, options: OPTIONS, ...algorithm, dataset: DATASET, scene: SCENE });
        fusedRows.push({ cells: row(m.network, batchSize, m.kernelPath === 'fused' ? `fused, N = ${stepsPerCall}` : `asked fused, got ${m.kernelPath}`, m), rate: m.stepsPerSecond });
        console.log(fusedRows[fusedRows.length - 1].cells.join('  '));
      }
      const plain = PLAIN ? await measure(page, { hidden, batchSize, kernels: 'plain', stepsPerCall: LOCOPROP ? 1 : 10, durationMs: MEASURE_MS, ...algorithm, dataset: DATASET, scene: SCENE }) : null;
      const plainRow = plain ? row(plain.network, batchSize, `plain, ${LOCOPROP ? '1 outer step' : '10 steps'} a call`, plain) : null;
      if (plainRow) console.log(plainRow.join('  '));
      if (!LOCOPROP) {
        rows.push(...fusedRows.map((r) => r.cells), ...(plainRow ? [plainRow] : []));
        continue;
      }
      // A fused backprop (Adam) step of the same network and batch: an outer step's cost in backprop steps.
      const stepsPerCall = 10 * Math.max(...FUSED_STEPS_PER_CALL);
      const backprop = await measure(page, { hidden, batchSize, kernels: 'fused', stepsPerCall, durationMs: MEASURE_MS, options: OPTIONS, dataset: DATASET, scene: SCENE });
      rows.push(...fusedRows.map((r) => [...r.cells, (backprop.stepsPerSecond / r.rate).toFixed(1)]));
      if (plainRow && plain) rows.push([...plainRow, (backprop.stepsPerSecond / plain.stepsPerSecond).toFixed(0)]);
      rows.push([...row(backprop.network, batchSize, `fused backprop (${SCENE ? 'RMSProp' : 'Adam'}), N = ${stepsPerCall}`, backprop), '1']);
      console.log(rows[rows.length - 1].join('  '));
    }
  }
  await browser.close();
  const what = SCENE ? `the paper scene (tanh, linear code layer; ${LOCOPROP ? 'LocoProp-M, K = 10, inner TF1 RMSProp, outer steps' : 'RMSProp'})` : LOCOPROP ? `${ALGORITHM}, K = ${INNER_STEPS}, inner TF1 RMSProp (outer steps)` : 'Adam';
  console.log(`\nFused WebGPU kernel vs plain WebGPU path: Chromium ${browser.version()}, ${adapter}; ${SCENE ? 'MNIST 14×14 (paper scene)' : (DATASET ?? 'the 2-D default')} data, tanh, ${what}; steps only, one readback per call`);
  if (OPTIONS) console.log(`kernel options: ${JSON.stringify(OPTIONS)}`);
  if (process.platform === 'linux') console.log(`load average at the end: ${readFileSync('/proc/loadavg', 'utf8').split(' ').slice(0, 3).join(' ')}`);
  const columns = ['network', 'batch', 'path', 'steps/s', 'GPU-process CPU ms/step', 'steps/call', 'dispatches/call', 'submits/call', 'writes/call', 'copies/call', 'first call (ms)'];
  // For LocoProp: an outer step's time in fused backprop steps' time.
  printTable(LOCOPROP ? [...columns, 'cost in fused BP steps'] : columns, rows);
} finally {
  stopPreview(server);
}
