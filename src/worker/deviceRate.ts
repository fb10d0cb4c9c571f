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

export class DeviceRates {
  private readonly rates = new Map<BackendName, number>();

  /** `assumed`: the rates before a measurement (tests pass their own). */
  constructor(private readonly assumed: Record<BackendName, number> = ASSUMED_FLOPS_PER_MS) {}

  rate(backend: BackendName): DeviceRate {
    const measured = this.rates.get(backend);
    return measured === undefined ? { flopsPerMs: this.assumed[backend], measured: false } : { flopsPerMs: measured, measured: true };
  }

  /** A step (or steps) of `flops` operations took `ms` on `backend`; returns whether it counted. */
  observe(backend: BackendName, flops: number, ms: number): boolean {
    if (!(ms >= MIN_MEASURED_MS) || !(flops >= MIN_MEASURED_FLOPS)) return false;
    const rate = flops / ms;
    const previous = this.rates.get(backend);
    this.rates.set(backend, previous === undefined ? rate : 0.5 * previous + 0.5 * rate);
    return true;
  }
}
