/**
 * Issue 18 on a real GPU, in Node with Dawn (the `webgpu` package, dawn.node; bench/dawnNode.ts) in place of a
 * browser: steps/s of the paper autoencoder's backprop (target ≥ 1,000) and LocoProp-M (≥ 150) runs and of 2-8-8-1
 * (≥ 50,000), each with the train loss before and after (that it trained), and what `auto`'s calibration picks
 * (issue 18 §4). The tasks and the timing: bench/realGpuTasks.ts.
 *
 * Here (repo root): `npm install --no-save webgpu@0.6.2 && npx tsx bench/real-gpu-bench.ts`, or with the package
 * elsewhere `WEBGPU_MODULE=/path/to/webgpu/index.js npx tsx bench/real-gpu-bench.ts`. Without a GPU, Chromium's
 * SwiftShader Vulkan stands in: `VK_ICD_FILENAMES=/usr/lib/chromium/vk_swiftshader_icd.json LD_LIBRARY_PATH=/usr/lib/chromium`.
 * On a machine without Node or node_modules: scripts/build-gpu-bundle.sh packs a bundle, Node and dawn.node into
 * .gpu/, and bench/real-gpu-run.sh runs it there.
 *
 * MODE: adapter (print it; exit 3 if none, 4 if it is a fallback/software one), measure (default), calibrate.
 * TASKS: paper-backprop, paper-locoprop-m, circle (comma-separated; default all). BACKEND: webgpu (default) or cpu.
 * KERNELS: auto (default; fused where there is a kernel) or plain. TICK_MS (default 200), TICKS (default 8).
 * DAWN_OPTIONS: Dawn's options, separated by ';' (e.g. `backend=vulkan`).
 */
import { adapterFacts, dawnPackage, installDawn } from './dawnNode';

const MODE = process.env.MODE ?? 'measure';
const gpu = await installDawn(process.env.DAWN_OPTIONS?.split(';').filter(Boolean) ?? []);
const adapter = await adapterFacts(gpu);
console.log(`Node ${process.version}, ${dawnPackage()} (Dawn); adapter: ${adapter?.line ?? 'none'}`);
if (MODE === 'adapter') process.exit(adapter === null ? 3 : adapter.fallback ? 4 : 0);

// Imported only now: TF.js's WebGPU backend registers itself at import only where navigator.gpu exists.
const tf = await import('@tensorflow/tfjs-core');
const { TASKS, timeTask, calibrate } = await import('./realGpuTasks');
const { printTable } = await import('./table');
type TaskName = keyof typeof TASKS;

tf.env().set('PROD', true);
const names = (process.env.TASKS?.split(',') ?? Object.keys(TASKS)) as TaskName[];
const unknown = names.filter((name) => !(name in TASKS));
if (unknown.length > 0) throw new Error(`unknown task(s) ${unknown.join(', ')}; known: ${Object.keys(TASKS).join(', ')}`);
const fmt = (v: number, digits = 4): string => (Number.isFinite(v) ? v.toPrecision(digits) : String(v));

if (MODE === 'calibrate') {
  const rows: string[][] = [];
  for (const name of names) {
    const calibration = await calibrate(TASKS[name].config());
    const rate = (backend: string): string => {
      const path = calibration?.paths.find((p) => p.backend === backend);
      if (!path) return '—';
      return path.measured ? `${fmt(path.measured.stepsPerSecond)} (${path.kernelPath}, ${path.measured.steps} steps in ${fmt(path.measured.ms, 3)} ms)` : `${path.unmeasured} (${path.kernelPath})`;
    };
    rows.push([name, calibration ? `${calibration.pick} (${calibration.why})` : 'nothing calibrated', rate('cpu'), rate('webgpu'), String(calibration?.paths.find((p) => p.backend === 'webgpu')?.software ?? '—')]);
    console.log(rows[rows.length - 1].join('  '));
  }
  console.log(`\n'auto' calibration (worker/calibration.ts), TF.js ${tf.version_core}:`);
  printTable(['task', 'auto picks', 'cpu steps/s', 'webgpu steps/s', 'webgpu software'], rows);
} else if (MODE === 'measure') {
  const backend = process.env.BACKEND === 'cpu' ? 'cpu' : 'webgpu';
  const kernels = process.env.KERNELS === 'plain' ? 'plain' : 'auto';
  const tickMs = Number(process.env.TICK_MS ?? 200);
  const ticks = Math.max(1, Number(process.env.TICKS ?? 8));
  const rows: string[][] = [];
  for (const name of names) {
    const task = TASKS[name];
    const t = await timeTask({ ...task.config(), kernels }, backend, tickMs, ticks);
    rows.push([
      name,
      `${t.backend}/${t.kernelPath}`,
      fmt(t.stepsPerSecond),
      `${fmt(t.slowestTick)}–${fmt(t.fastestTick)}`,
      `${t.stepsPerTick} × ${t.ticks}`,
      `${task.target} ${t.stepsPerSecond >= task.target ? 'met' : 'NOT met'}`,
      `${fmt(t.lossBefore)} → ${fmt(t.lossAfter)} (${t.stepsTaken} steps)${t.lossAfter < t.lossBefore ? '' : ' DID NOT FALL'}`,
      fmt(t.firstCallMs, 3),
      fmt(t.evaluationMs, 3),
    ]);
    console.log(rows[rows.length - 1].join('  '));
  }
  console.log(`\nSteps/s on ${backend} (kernels ${kernels}), TF.js ${tf.version_core}; ticks of N steps, one readback each, after warm-up and sizing; ${ticks} ticks of ~${tickMs} ms`);
  for (const name of names) console.log(`  ${name}: ${TASKS[name].title}`);
  printTable(['task', 'backend/path', 'steps/s', 'per tick (min–max)', 'N × ticks', 'target', 'train loss before → after', 'first step ms', 'evaluation ms'], rows);
} else {
  throw new Error(`MODE must be adapter, measure or calibrate, not ${MODE}`);
}
// dawn.node keeps the event loop alive (its device's callbacks); the work is done.
process.exit(0);
