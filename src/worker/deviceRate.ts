/**
 * How fast this device runs a training step, in floating-point operations per millisecond, per backend
 * (engine/cost.ts counts the operations). Until a step has been timed on a backend the rate is an assumption,
 * low on purpose so that a heavy run is announced rather than missed; every step timed long enough to
 * measure (MIN_MEASURED_MS: shorter ones are dominated by per-call overhead, not arithmetic) refines it.
 */
import type { BackendName } from './protocol';

/**
 * Assumed before a measurement: TF.js's CPU backend in plain JavaScript does a few hundred million operations
 * a second (this repository's Node runs: 0.3–0.6 GFLOP/s on an 8 × 1024 MNIST network); WebGL and WebGPU,
 * even on a software device, several times more.
 */
export const ASSUMED_FLOPS_PER_MS: Record<BackendName, number> = { cpu: 3e5, webgl: 2e6, webgpu: 2e6 };
/**
 * The same on the fused kernels (engine/fused). On the CPU their products run in WebAssembly SIMD, several
 * times the plain path: measured 2026-12-05 (DESIGN §4, bench/cpu-kernel-bench.ts, load 6.6–9.1) the paper's
 * autoencoder at 38 backprop steps per wall second (52.7 MFLOP a step: 2.0 GFLOP/s) and LocoProp-M (K = 10) at
 * 9.5 (404 MFLOP: 3.8 GFLOP/s); Chromium's worker ran that LocoProp-M step in 89–115 ms. Assumed at the low
 * end, 2 GFLOP/s: at the plain path's rate the paper scene was announced as heavy at 1.35 s a step.
 */
export const ASSUMED_FUSED_FLOPS_PER_MS: Record<BackendName, number> = { cpu: 2e6, webgl: 2e6, webgpu: 2e6 };

/** Which kernels a rate is for: a run's steps are fused or plain (engine/session.ts kernelPath). */
export type RatePath = 'fused' | 'plain';
/** A timed step shorter than this does not set the rate. */
export const MIN_MEASURED_MS = 20;
/**
 * Nor does one of fewer operations: a step of a small network that takes long was held up (a busy machine, a
 * garbage collection, the first call's set-up), not doing arithmetic. At the assumed CPU rate this is 3 ms of
 * work. Measured: a 105-parameter network's first tick (8.4 kFLOP) timed at 184 ms on a busy machine set the rate
 * to 46 operations a millisecond, and the run was announced as heavy.
 */
export const MIN_MEASURED_FLOPS = 1e6;

export interface DeviceRate {
  flopsPerMs: number;
  /** Whether the rate was measured on this backend (else assumed). */
  measured: boolean;
}

/** Per backend and kernel path: a fused step's rate says nothing of a plain one's, nor the other way round. */
export class DeviceRates {
  private readonly rates = new Map<`${BackendName}/${RatePath}`, number>();

  /** `assumed`, `assumedFused`: the rates before a measurement (tests pass their own). */
  constructor(
    private readonly assumed: Record<BackendName, number> = ASSUMED_FLOPS_PER_MS,
    private readonly assumedFused: Record<BackendName, number> = ASSUMED_FUSED_FLOPS_PER_MS,
  ) {}

  rate(backend: BackendName, path: RatePath): DeviceRate {
    const measured = this.rates.get(`${backend}/${path}`);
    if (measured !== undefined) return { flopsPerMs: measured, measured: true };
    return { flopsPerMs: (path === 'fused' ? this.assumedFused : this.assumed)[backend], measured: false };
  }

  /** A step (or steps) of `flops` operations took `ms` on `backend`'s `path`; returns whether it counted. */
  observe(backend: BackendName, path: RatePath, flops: number, ms: number): boolean {
    if (!(ms >= MIN_MEASURED_MS) || !(flops >= MIN_MEASURED_FLOPS)) return false;
    const rate = flops / ms;
    const previous = this.rates.get(`${backend}/${path}`);
    this.rates.set(`${backend}/${path}`, previous === undefined ? rate : 0.5 * previous + 0.5 * rate);
    return true;
  }
}
