/**
 * The JavaScript loops of the fused CPU kernels' matrix products (cpuMatMul.ts runs the WebAssembly SIMD ones,
 * wasm/matmul.as, where it can; both give the same bits). The products of a dense layer with TF.js's CPU
 * rounding: each entry is a double sum over blocks of MATMUL_BLOCK terms, each block added into a float32 (as its matMul does), so the
 * fused path matches the plain one bit for bit where the plain one is a single matMul.
 * The loops run row by row over contiguous memory (i outer, j inner, with a double accumulator per output),
 * which adds every entry's terms in the same order as a dot product per entry would, so the rounding is the
 * same; only the memory access changes: on a 196→128 layer at batch 256 it is 2–3× faster than a column
 * walk. Zero inputs (most MNIST pixels) are skipped: their terms are ±0 and change no sum.
 */
import type { LayerLayout } from '../model/mlp';

const f32 = Math.fround;
/** TF.js's CPU matMul sums the shared dimension in blocks of this many, adding each block into a float32. */
export const MATMUL_BLOCK = 48;

/** Double accumulators, grown as needed and shared (the kernels run one at a time). */
let scratch = new Float64Array(1024);

function accumulators(size: number): Float64Array {
  if (scratch.length < size) scratch = new Float64Array(size);
  return scratch;
}

/** out = X·W (rounded as TF.js's matMul rounds it) + b, for a layer's batch × inputSize input. */
export function layerProductJs(layer: LayerLayout, input: Float32Array, theta: Float32Array, batchSize: number, out: Float32Array): void {
  const { inputSize: n, outputSize: k, weightOffset, biasOffset } = layer;
  const sum = accumulators(2 * k);
  for (let r = 0; r < batchSize; r++) {
    const row = r * n;
    for (let j = 0; j < k; j++) sum[k + j] = 0; // the float32 result of the finished blocks
    for (let i0 = 0; i0 < n; i0 += MATMUL_BLOCK) {
      const end = Math.min(i0 + MATMUL_BLOCK, n);
      for (let j = 0; j < k; j++) sum[j] = 0;
      for (let i = i0; i < end; i++) {
        const x = input[row + i];
        if (x === 0) continue;
        const w = weightOffset + i * k;
        for (let j = 0; j < k; j++) sum[j] += x * theta[w + j];
      }
      for (let j = 0; j < k; j++) sum[k + j] = n <= MATMUL_BLOCK ? f32(sum[j]) : f32(sum[k + j] + sum[j]);
    }
    const at = r * k;
    for (let j = 0; j < k; j++) out[at + j] = sum[k + j] + theta[biasOffset + j];
  }
}

/** ∇W = Xᵀδ and ∇b = 1ᵀδ of one layer (sums over the batch) into `gradient`, rounded as TF.js's matMul. */
export function layerGradientJs(layer: LayerLayout, input: Float32Array, delta: Float32Array, batchSize: number, gradient: Float32Array): void {
  const { inputSize: n, outputSize: k, weightOffset, biasOffset } = layer;
  const size = n * k;
  const sum = accumulators(2 * size);
  for (let e = 0; e < size; e++) sum[size + e] = 0;
  for (let r0 = 0; r0 < batchSize; r0 += MATMUL_BLOCK) {
    const end = Math.min(r0 + MATMUL_BLOCK, batchSize);
    for (let e = 0; e < size; e++) sum[e] = 0;
    for (let r = r0; r < end; r++) {
      const d = r * k;
      for (let i = 0; i < n; i++) {
        const x = input[r * n + i];
        if (x === 0) continue;
        const at = i * k;
        for (let j = 0; j < k; j++) sum[at + j] += x * delta[d + j];
      }
    }
    for (let e = 0; e < size; e++) sum[size + e] = batchSize <= MATMUL_BLOCK ? sum[e] : f32(sum[size + e] + sum[e]);
  }
  for (let e = 0; e < size; e++) gradient[weightOffset + e] = sum[size + e];
  for (let j = 0; j < k; j++) {
    let g = 0;
    for (let r = 0; r < batchSize; r++) g += delta[r * k + j];
    gradient[biasOffset + j] = g;
  }
}

/**
 * dY = δ·Wᵀ of one layer (batch × inputSize) into `dy` as doubles: each entry's k terms summed in order,
 * either in one double sum (`rounded` false: the backprop kernel's sum) or in blocks of MATMUL_BLOCK added into a
 * float32 (`rounded` true: TF.js's matMul, the LocoProp kernel's).
 */
export function layerBackProductJs(layer: LayerLayout, delta: Float32Array, theta: Float32Array, batchSize: number, dy: Float64Array, rounded: boolean): void {
  const { inputSize: n, outputSize: k, weightOffset } = layer;
  const block = rounded ? MATMUL_BLOCK : k;
  for (let r = 0; r < batchSize; r++) {
    for (let i = 0; i < n; i++) {
      const w = weightOffset + i * k;
      let entry = 0;
      for (let j0 = 0; j0 < k; j0 += block) {
        const end = Math.min(j0 + block, k);
        let sum = 0;
        for (let j = j0; j < end; j++) sum += delta[r * k + j] * theta[w + j];
        entry = rounded ? f32(entry + sum) : entry + sum;
      }
      dy[r * n + i] = entry;
    }
  }
}
