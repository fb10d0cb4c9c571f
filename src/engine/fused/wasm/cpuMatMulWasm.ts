/**
 * The fused CPU kernels' matrix products in WebAssembly SIMD (matmul.as, f64x2 lanes): the same double
 * operations in the same order as cpuMatMulJs.ts's JavaScript loops, so the same bits. Instantiated
 * synchronously where the kernels run, the worker and Node (the module is ~2 KB: even Chromium's 4 KB cap on
 * synchronous compilation, which applies on the main thread only, would let it through); null where
 * WebAssembly or its SIMD proposal is missing, and the JavaScript loops run instead.
 * Operands are copied into linear memory as float64 (widening float32 is exact) and the results copied back
 * (a Float32Array store rounds each to the nearest float32, ties to even, as Math.fround does: ECMA-262,
 * NumericToRawBytes and Math.fround).
 */
import { CPU_MATMUL_WASM_BASE64 } from './cpuMatMulWasm.generated';

interface KernelExports {
  memory: WebAssembly.Memory;
  product(x: number, w: number, bias: number, out: number, batch: number, n: number, k: number, block: number, rounded: number, skipZeros: number): void;
  gradient(x: number, d: number, out: number, batch: number, n: number, k: number, block: number): void;
}

/** Byte offset of the first operand: the first 64 KiB page is left to the compiler's static data and stack. */
const BASE = 65536;
const PAGE = 65536;

export interface WasmMatMul {
  /** Float64 views of the operands, laid out from BASE; valid until the next call of `reserve`. */
  reserve(doubles: number): Float64Array;
  readonly exports: KernelExports;
}

function decode(base64: string): Uint8Array<ArrayBuffer> {
  const text = atob(base64);
  const bytes = new Uint8Array(text.length);
  for (let i = 0; i < text.length; i++) bytes[i] = text.charCodeAt(i);
  return bytes;
}

function instantiate(): WasmMatMul | null {
  try {
    if (typeof WebAssembly !== 'object') return null;
    const bytes = decode(CPU_MATMUL_WASM_BASE64);
    if (!WebAssembly.validate(bytes)) return null; // no SIMD: the module does not validate
    const instance = new WebAssembly.Instance(new WebAssembly.Module(bytes), {});
    const exports = instance.exports as unknown as KernelExports;
    let view = new Float64Array(exports.memory.buffer);
    return {
      exports,
      reserve(doubles: number): Float64Array {
        const needed = BASE + doubles * 8;
        const have = exports.memory.buffer.byteLength;
        if (needed > have) exports.memory.grow(Math.ceil((needed - have) / PAGE));
        if (view.buffer !== exports.memory.buffer || view.length * 8 < needed) view = new Float64Array(exports.memory.buffer);
        return view;
      },
    };
  } catch {
    return null;
  }
}

let loaded: WasmMatMul | null | undefined;

/** The kernels, instantiated on first use; null where WebAssembly SIMD is missing. */
export function wasmMatMul(): WasmMatMul | null {
  if (loaded === undefined) loaded = instantiate();
  return loaded;
}

/** The first double of the operand area (BASE in doubles). */
export const WASM_BASE_DOUBLES = BASE / 8;
