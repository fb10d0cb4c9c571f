/**
 * Issue 18 §1, the candidates for the fused CPU kernels' matrix products, in CPU time (this process's user +
 * system time, so other processes on a loaded machine count less), Node:
 *  1. where a fused step of the paper's autoencoder (196-128-64-16-64-128-196 tanh, batch 128, RMSProp) spends
 *     its time, with the JS loops and with WebAssembly SIMD;
 *  2. µs per product on the target tasks' layer shapes: (a) the JS loops, (b) the JS loops restructured (4
 *     outputs at a time in locals, the same bits), (c) WebAssembly f64x2 (the same bits), (d) WebAssembly f32x4
 *     (float32 sums, not the same bits: its largest relative difference is printed).
 * `npx tsx --import ./bench/resolve-directory-imports.mjs bench/cpu-kernel-candidates.ts`
 */
import { readFileSync } from 'node:fs';
import asc from 'assemblyscript/asc';
import { networkLayout, type LayerLayout } from '../src/engine/model/mlp';
import { createRandom } from '../src/engine/random';
import { activate } from '../src/engine/fused/cpuOutputs';
import { chooseCpuKernel, layerBackProduct, layerGradient, layerProduct, MATMUL_BLOCK, type CpuKernel } from '../src/engine/fused/cpuMatMul';
import { layerGradientJs, layerProductJs } from '../src/engine/fused/cpuMatMulJs';
import { printTable } from './table';
import { F32X4_SOURCE } from './cpuKernelF32x4';

const f32 = Math.fround;
const loadavg = (): string => readFileSync('/proc/loadavg', 'utf8').split(' ').slice(0, 3).join(' ');

/** CPU µs per call of `run`, best of 3 rounds of ~250 ms. */
function cpuMicros(run: () => void): number {
  run();
  let best = Infinity;
  for (let round = 0; round < 3; round++) {
    let calls = 0;
    const wall = performance.now();
    const cpu = process.cpuUsage();
    while (performance.now() - wall < 250) {
      run();
      calls++;
    }
    const used = process.cpuUsage(cpu);
    best = Math.min(best, (used.user + used.system) / calls);
  }
  return best;
}

function values(length: number, seed: number, zeros = 0, scale = 1): Float32Array {
  const random = createRandom(seed);
  return Float32Array.from({ length }, () => (random.next() < zeros ? 0 : random.uniform(-scale, scale)));
}

// (b) The JS loops restructured: 4 outputs at a time in local doubles, a column walk of W.
function productJs4(layer: LayerLayout, input: Float32Array, theta: Float32Array, batchSize: number, out: Float32Array): void {
  const { inputSize: n, outputSize: k, weightOffset: wo, biasOffset: bo } = layer;
  for (let r = 0; r < batchSize; r++) {
    const row = r * n;
    let j = 0;
    for (; j + 4 <= k; j += 4) {
      let t0 = 0, t1 = 0, t2 = 0, t3 = 0;
      for (let i0 = 0; i0 < n; i0 += MATMUL_BLOCK) {
        const end = Math.min(i0 + MATMUL_BLOCK, n);
        let s0 = 0, s1 = 0, s2 = 0, s3 = 0;
        for (let i = i0, w = wo + i0 * k + j; i < end; i++, w += k) {
          const x = input[row + i];
          if (x === 0) continue;
          s0 += x * theta[w];
          s1 += x * theta[w + 1];
          s2 += x * theta[w + 2];
          s3 += x * theta[w + 3];
        }
        t0 = f32(t0 + s0);
        t1 = f32(t1 + s1);
        t2 = f32(t2 + s2);
        t3 = f32(t3 + s3);
      }
      const at = r * k + j;
      out[at] = t0 + theta[bo + j];
      out[at + 1] = t1 + theta[bo + j + 1];
      out[at + 2] = t2 + theta[bo + j + 2];
      out[at + 3] = t3 + theta[bo + j + 3];
    }
    for (; j < k; j++) {
      let t = 0;
      for (let i0 = 0; i0 < n; i0 += MATMUL_BLOCK) {
        const end = Math.min(i0 + MATMUL_BLOCK, n);
        let s = 0;
        for (let i = i0; i < end; i++) if (input[row + i] !== 0) s += input[row + i] * theta[wo + i * k + j];
        t = f32(t + s);
      }
      out[r * k + j] = t + theta[bo + j];
    }
  }
}

// (d) WebAssembly f32x4: float32 sums, no blocks (not TF.js's rounding).
const compiled = await asc.compileString({ 'f32x4.ts': F32X4_SOURCE }, { optimizeLevel: 3, runtime: 'stub', noAssert: true, enable: ['simd'], initialMemory: 1 });
if (!compiled.binary) throw new Error(compiled.stderr.toString());
const f32x4 = new WebAssembly.Instance(new WebAssembly.Module(compiled.binary as Uint8Array<ArrayBuffer>), {}).exports as unknown as {
  memory: WebAssembly.Memory;
  product(x: number, w: number, bias: number, out: number, batch: number, n: number, k: number): void;
};
function productF32x4(layer: LayerLayout, input: Float32Array, theta: Float32Array, batchSize: number, out: Float32Array): void {
  const { inputSize: n, outputSize: k, weightOffset: wo, biasOffset: bo } = layer;
  const x = 16384;
  const w = x + batchSize * n;
  const b = w + n * k;
  const o = b + k;
  const need = (o + batchSize * k) * 4;
  if (f32x4.memory.buffer.byteLength < need) f32x4.memory.grow(Math.ceil((need - f32x4.memory.buffer.byteLength) / 65536));
  const memory = new Float32Array(f32x4.memory.buffer);
  memory.set(input.subarray(0, batchSize * n), x);
  memory.set(theta.subarray(wo, wo + n * k), w);
  memory.set(theta.subarray(bo, bo + k), b);
  f32x4.product(x * 4, w * 4, b * 4, o * 4, batchSize, n, k);
  out.set(memory.subarray(o, o + batchSize * k));
}

// 1. The profile.
const activations = ['tanh', 'tanh', 'linear', 'tanh', 'tanh'] as const;
const auto = networkLayout(196, [128, 64, 16, 64, 128], [...activations], 196);
const B = 128;
const theta = values(auto.parameterCount, 1, 0, 0.1);
const pixels = values(B * 196, 2, 0.5); // half the inputs 0, as many MNIST pixels are
const outputs = auto.layers.map((layer, m) => values(B * layer.outputSize, 10 + m));
const deltas = auto.layers.map((layer, m) => values(B * layer.outputSize, 20 + m, 0, 1e-3));
const gradient = new Float32Array(auto.parameterCount);
const inputOf = (m: number): Float32Array => (m === 0 ? pixels : outputs[m - 1]);
const profile: string[][] = [];
const parts: Record<string, () => void> = {
  'forward products X·W + b (6)': () => auto.layers.forEach((layer, m) => layerProduct(layer, inputOf(m), theta, B, outputs[m])),
  'activations tanh (5 layers)': () => auto.layers.slice(0, -1).forEach((layer, m) => { const out = outputs[m]; for (let e = 0; e < out.length; e++) out[e] = activate(out[e], layer.activation); }),
  'weight gradients Xᵀδ (6)': () => auto.layers.forEach((layer, m) => layerGradient(layer, inputOf(m), deltas[m], B, gradient)),
  'back products δ·Wᵀ ⊙ f′ (5)': () => auto.layers.slice(1).forEach((layer, m) => { const dy = layerBackProduct(layer, deltas[m + 1], theta, B, false); const below = deltas[m]; const y = outputs[m]; for (let e = 0; e < below.length; e++) below[e] = dy[e] * (1 - y[e] * y[e]); }),
  'RMSProp update (68,800 parameters)': () => { const ms = gradient; for (let p = 0; p < theta.length; p++) { ms[p] = 0.9 * ms[p] + 0.1 * gradient[p] * gradient[p]; theta[p] -= (1e-9 * gradient[p]) / (Math.sqrt(ms[p]) + 1e-8); } },
};
const totals: Record<CpuKernel, number> = { js: 0, 'wasm-simd': 0 };
const micros: Record<string, Record<CpuKernel, number>> = {};
for (const [name, run] of Object.entries(parts)) {
  micros[name] = { js: 0, 'wasm-simd': 0 };
  for (const kernel of ['js', 'wasm-simd'] as const) {
    chooseCpuKernel(kernel);
    micros[name][kernel] = cpuMicros(run);
    totals[kernel] += micros[name][kernel];
  }
}
for (const [name, m] of Object.entries(micros)) profile.push([name, `${m.js.toFixed(0)} µs (${((100 * m.js) / totals.js).toFixed(0)} %)`, `${m['wasm-simd'].toFixed(0)} µs (${((100 * m['wasm-simd']) / totals['wasm-simd']).toFixed(0)} %)`]);
profile.push(['sum', `${totals.js.toFixed(0)} µs (${(1e6 / totals.js).toFixed(1)} steps/s)`, `${totals['wasm-simd'].toFixed(0)} µs (${(1e6 / totals['wasm-simd']).toFixed(1)} steps/s)`]);
console.log(`\n1. A fused step of the paper autoencoder, batch 128, by part (CPU µs, best of 3; loadavg ${loadavg()}):`);
printTable(['part', 'js loops', 'wasm f64x2'], profile);

// 2. The candidates per product.
const shapes: { task: string; n: number; k: number; batch: number }[] = [
  { task: 'autoencoder', n: 196, k: 128, batch: 128 },
  { task: 'autoencoder', n: 128, k: 64, batch: 128 },
  { task: 'autoencoder', n: 64, k: 16, batch: 128 },
  { task: 'autoencoder', n: 16, k: 64, batch: 128 },
  { task: 'digits', n: 64, k: 64, batch: 32 },
  { task: 'digits', n: 64, k: 10, batch: 32 },
  { task: '2-64-64-64-1', n: 64, k: 64, batch: 16 },
  { task: '2-64-64-64-1', n: 2, k: 64, batch: 16 },
];
const rows: string[][] = [];
for (const { task, n, k, batch } of shapes) {
  const layout = networkLayout(n, [k], ['tanh'], 1);
  const layer = layout.layers[0];
  const w = values(layout.parameterCount, 3, 0, 0.2);
  const x = values(batch * n, 4, task === 'autoencoder' && n === 196 ? 0.5 : 0);
  const d = values(batch * k, 5, 0, 1e-3);
  const out = new Float32Array(batch * k);
  const g = new Float32Array(layout.parameterCount);
  const reference = new Float32Array(batch * k);
  layerProductJs(layer, x, w, batch, reference);
  const check = new Float32Array(batch * k);
  productJs4(layer, x, w, batch, check);
  const sameBits = check.every((v, e) => Object.is(v, reference[e]));
  productF32x4(layer, x, w, batch, check);
  let worst = 0;
  for (let e = 0; e < check.length; e++) worst = Math.max(worst, Math.abs(check[e] - reference[e]) / Math.max(Math.abs(reference[e]), 1e-30));
  chooseCpuKernel('wasm-simd');
  const product = [cpuMicros(() => layerProductJs(layer, x, w, batch, out)), cpuMicros(() => productJs4(layer, x, w, batch, out)), cpuMicros(() => layerProduct(layer, x, w, batch, out)), cpuMicros(() => productF32x4(layer, x, w, batch, out))];
  const grad = [cpuMicros(() => layerGradientJs(layer, x, d, batch, g)), cpuMicros(() => layerGradient(layer, x, d, batch, g))];
  rows.push([`${task}: ${n}→${k}, batch ${batch}`, ...product.map((v) => v.toFixed(1)), sameBits ? 'same' : 'DIFFER', worst.toExponential(1), ...grad.map((v) => v.toFixed(1)), loadavg()]);
}
console.log('\n2. µs per product (CPU time, best of 3): X·W + b by candidate, then Xᵀδ (JS loops, wasm f64x2):');
printTable(['shape', '(a) js', '(b) js 4-wide', '(c) wasm f64x2', '(d) wasm f32x4', '(b) bits', '(d) max rel. diff', 'Xᵀδ js', 'Xᵀδ wasm', 'loadavg'], rows);
