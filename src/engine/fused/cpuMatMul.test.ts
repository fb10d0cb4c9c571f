import { afterEach, describe, expect, it } from 'vitest';
import { networkLayout, type LayerLayout } from '../model/mlp';
import { createRandom } from '../random';
import { cpuKernel, layerBackProduct, layerGradient, layerProduct, chooseCpuKernel, type CpuKernel } from './cpuMatMul';

/** One layer inside a small network's θ, so the weight and bias offsets are not 0. */
function layerOf(inputs: number, outputs: number): { layer: LayerLayout; parameterCount: number } {
  const layout = networkLayout(3, [inputs, outputs], ['tanh', 'tanh'], 2);
  return { layer: layout.layers[1], parameterCount: layout.parameterCount };
}

/** Values of mixed scale (so the float32 block rounding bites), a quarter of them exactly 0 (skipped inputs). */
function values(length: number, seed: number): Float32Array {
  const random = createRandom(seed);
  return Float32Array.from({ length }, () => (random.next() < 0.25 ? 0 : random.uniform(-1, 1) * 10 ** random.uniform(-3, 3)));
}

function bits(array: Float32Array | Float64Array): string[] {
  const view = array instanceof Float32Array ? new Uint32Array(array.buffer) : new BigUint64Array(array.buffer);
  return Array.from(view, (v: number | bigint) => v.toString(16));
}

/** Every product of one layer with the chosen loops, as raw bits. */
function products(kernel: CpuKernel, layer: LayerLayout, parameterCount: number, batch: number, seed: number): string[][] {
  chooseCpuKernel(kernel);
  const { inputSize: n, outputSize: k } = layer;
  const theta = values(parameterCount, seed);
  const input = values(batch * n, seed + 1);
  const delta = values(batch * k, seed + 2);
  const out = new Float32Array(batch * k);
  layerProduct(layer, input, theta, batch, out);
  const gradient = new Float32Array(parameterCount);
  layerGradient(layer, input, delta, batch, gradient);
  const dy = layerBackProduct(layer, delta, theta, batch, false).slice();
  const dyRounded = layerBackProduct(layer, delta, theta, batch, true).slice();
  return [bits(out), bits(gradient), bits(dy), bits(dyRounded)];
}

describe('the WebAssembly SIMD matrix products', () => {
  afterEach(() => chooseCpuKernel('wasm-simd'));

  it('run here (Node has WebAssembly SIMD)', () => {
    expect(cpuKernel()).toBe('wasm-simd');
  });

  it('give the JavaScript loops’ bits on random shapes, over one block and odd widths included', () => {
    const random = createRandom(18);
    const shapes: [number, number, number][] = [
      [196, 128, 128],
      [64, 10, 32],
      [97, 53, 101],
      [50, 7, 49],
      [1, 1, 1],
      [2, 64, 16],
    ];
    for (let t = 0; t < 6; t++) shapes.push([1 + Math.floor(random.next() * 150), 1 + Math.floor(random.next() * 70), 49 + Math.floor(random.next() * 100)]);
    for (const [n, k, batch] of shapes) {
      const { layer, parameterCount } = layerOf(n, k);
      const seed = n * 1000 + k;
      const wasm = products('wasm-simd', layer, parameterCount, batch, seed);
      const js = products('js', layer, parameterCount, batch, seed);
      for (let p = 0; p < js.length; p++) expect(wasm[p], `${n}→${k}, batch ${batch}, product ${p}`).toEqual(js[p]);
    }
  });

  it('round in blocks: the rounded and unrounded back products differ somewhere on a wide layer', () => {
    const { layer, parameterCount } = layerOf(30, 200);
    const [, , dy, dyRounded] = products('wasm-simd', layer, parameterCount, 60, 5);
    expect(dy).not.toEqual(dyRounded);
  });
});
