/**
 * The fused CPU kernels' matrix products: WebAssembly SIMD (wasm/matmul.as) where the engine has it, else the
 * JavaScript loops of cpuMatMulJs.ts. Both add each output's terms in the same order with the same double
 * operations and TF.js's block rounding, so they give the same bits, and the fused path stays bit for bit the
 * plain TF.js CPU path. `cpuKernel()` names the one that runs (the status bar's fact).
 */
import type { LayerLayout } from '../model/mlp';
import { layerBackProductJs, layerGradientJs, layerProductJs, MATMUL_BLOCK } from './cpuMatMulJs';
import { WASM_BASE_DOUBLES, wasmMatMul, type WasmMatMul } from './wasm/cpuMatMulWasm';

export { MATMUL_BLOCK } from './cpuMatMulJs';

export type CpuKernel = 'wasm-simd' | 'js';

let preferred: CpuKernel = 'wasm-simd';

/** Which loops the fused CPU kernels run here: 'wasm-simd', or 'js' where WebAssembly SIMD is missing. */
export function cpuKernel(): CpuKernel {
  return preferred === 'wasm-simd' && wasmMatMul() ? 'wasm-simd' : 'js';
}

/** Chooses the loops (tests and benches compare them); 'wasm-simd' still falls back to 'js' where it is missing. */
export function chooseCpuKernel(kernel: CpuKernel): void {
  preferred = kernel;
}

function kernels(): WasmMatMul | null {
  return preferred === 'wasm-simd' ? wasmMatMul() : null;
}

/** out = X·W (rounded as TF.js's matMul rounds it) + b, for a layer's batch × inputSize input. */
export function layerProduct(layer: LayerLayout, input: Float32Array, theta: Float32Array, batchSize: number, out: Float32Array): void {
  const wasm = kernels();
  if (!wasm) return layerProductJs(layer, input, theta, batchSize, out);
  const { inputSize: n, outputSize: k, weightOffset, biasOffset } = layer;
  const x = WASM_BASE_DOUBLES;
  const w = x + batchSize * n;
  const b = w + n * k;
  const o = b + k;
  const memory = wasm.reserve(o + batchSize * k - WASM_BASE_DOUBLES);
  memory.set(input.subarray(0, batchSize * n), x);
  memory.set(theta.subarray(weightOffset, weightOffset + n * k), w);
  memory.set(theta.subarray(biasOffset, biasOffset + k), b);
  wasm.exports.product(x * 8, w * 8, b * 8, o * 8, batchSize, n, k, MATMUL_BLOCK, 1, 1);
  out.set(memory.subarray(o, o + batchSize * k));
}

/** ∇W = Xᵀδ and ∇b = 1ᵀδ of one layer (sums over the batch) into `gradient`, rounded as TF.js's matMul. */
export function layerGradient(layer: LayerLayout, input: Float32Array, delta: Float32Array, batchSize: number, gradient: Float32Array): void {
  const wasm = kernels();
  if (!wasm) return layerGradientJs(layer, input, delta, batchSize, gradient);
  const { inputSize: n, outputSize: k, weightOffset, biasOffset } = layer;
  const x = WASM_BASE_DOUBLES;
  const d = x + batchSize * n;
  const o = d + batchSize * k;
  const memory = wasm.reserve(o + n * k - WASM_BASE_DOUBLES);
  memory.set(input.subarray(0, batchSize * n), x);
  memory.set(delta.subarray(0, batchSize * k), d);
  wasm.exports.gradient(x * 8, d * 8, o * 8, batchSize, n, k, MATMUL_BLOCK);
  gradient.set(memory.subarray(o, o + n * k), weightOffset);
  for (let j = 0; j < k; j++) {
    let g = 0;
    for (let r = 0; r < batchSize; r++) g += delta[r * k + j];
    gradient[biasOffset + j] = g;
  }
}

/** Doubles for the JavaScript back product's result, grown as needed (the kernels run one at a time). */
let backScratch = new Float64Array(1024);

/**
 * dY = δ·Wᵀ of one layer (batch × inputSize doubles): one double sum per entry (`rounded` false, the backprop
 * kernel's), or TF.js's matMul blocks (`rounded` true, the LocoProp kernel's). WebAssembly runs it as X·W with
 * Wᵀ copied in and no zero skip. The result is a shared buffer, valid until the next product.
 */
export function layerBackProduct(layer: LayerLayout, delta: Float32Array, theta: Float32Array, batchSize: number, rounded: boolean): Float64Array {
  const { inputSize: n, outputSize: k, weightOffset } = layer;
  const wasm = kernels();
  if (!wasm) {
    if (backScratch.length < batchSize * n) backScratch = new Float64Array(batchSize * n);
    layerBackProductJs(layer, delta, theta, batchSize, backScratch, rounded);
    return backScratch.subarray(0, batchSize * n);
  }
  const d = WASM_BASE_DOUBLES;
  const wt = d + batchSize * k;
  const o = wt + n * k;
  const memory = wasm.reserve(o + batchSize * n - WASM_BASE_DOUBLES);
  memory.set(delta.subarray(0, batchSize * k), d);
  for (let i = 0; i < n; i++) {
    const from = weightOffset + i * k;
    for (let j = 0; j < k; j++) memory[wt + j * n + i] = theta[from + j];
  }
  wasm.exports.product(d * 8, wt * 8, 0, o * 8, batchSize, k, n, rounded ? MATMUL_BLOCK : k, rounded ? 1 : 0, 0);
  return memory.subarray(o, o + batchSize * n);
}
