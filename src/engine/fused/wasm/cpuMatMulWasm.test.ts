import { execFileSync } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { CPU_MATMUL_WASM_BASE64 } from './cpuMatMulWasm.generated';

const root = fileURLToPath(new URL('../../../..', import.meta.url));

describe('the committed WebAssembly of the CPU matrix products', () => {
  afterEach(() => {
    vi.unstubAllGlobals();
    vi.resetModules();
  });

  it('is what scripts/build-wasm.mjs builds from matmul.as now', () => {
    const rebuilt = execFileSync(process.execPath, ['scripts/build-wasm.mjs', '--print'], { cwd: root, encoding: 'utf8', timeout: 120_000 });
    expect(rebuilt.length).toBeGreaterThan(1000);
    expect(rebuilt === CPU_MATMUL_WASM_BASE64, 'rerun `node scripts/build-wasm.mjs` and commit the module').toBe(true);
  }, 150_000);

  it('is passed over where WebAssembly SIMD is missing: the JavaScript loops run and say so', async () => {
    // An engine without SIMD fails to validate the module (WebAssembly SIMD spec: v128 is a new value type).
    vi.stubGlobal('WebAssembly', { ...WebAssembly, validate: () => false });
    vi.resetModules();
    const { wasmMatMul } = await import('./cpuMatMulWasm');
    const { cpuKernel, layerProduct } = await import('../cpuMatMul');
    expect(wasmMatMul()).toBeNull();
    expect(cpuKernel()).toBe('js');
    const layer = { inputSize: 2, outputSize: 1, activation: 'linear' as const, weightOffset: 0, biasOffset: 2 };
    const out = new Float32Array(1);
    layerProduct(layer, Float32Array.of(3, 4), Float32Array.of(0.5, 0.25, 1), 1, out);
    expect(out[0]).toBe(3 * 0.5 + 4 * 0.25 + 1);
  });
});
