/**
 * Why the worker passed over a backend it preferred (backend.ts `selectBackend`), as it posts it with the backend
 * event and the `backend-fallback` notice: codes and the browser's own strings, no sentence. The page words them
 * (state/backendMessages.ts); issue 20 §6, "the worker sends facts and the page words them". Nothing here loads
 * TF.js, so the page may import it.
 */
import type { BackendName } from './protocol';

/** Which loops the CPU's fused kernels run their matrix products in (engine/fused/cpuMatMul.ts `cpuKernel`). */
export type { CpuKernel } from '../engine/fused/cpuMatMul';

/**
 * Why a backend cannot run here at all: `no-navigator-gpu`, the browser has no WebGPU (`navigator.gpu` is
 * missing); `no-adapter`, `requestAdapter` offered none; `no-offscreen-canvas`, the worker has no
 * OffscreenCanvas, so no WebGL context; `no-webgl2`, no WebGL 2 context was given.
 */
export type UnavailableCode = 'no-navigator-gpu' | 'no-adapter' | 'no-offscreen-canvas' | 'no-webgl2';

/**
 * A backend tried before the one that trains, and why it was not used:
 * - `unavailable`: the browser cannot give it (`code` says what is missing);
 * - `software`: it is only emulated in software, one to three orders of magnitude slower than the CPU backend
 *   (DESIGN.md §4), so `auto` passes it over; `detail` is the adapter or renderer as the browser names it;
 * - `init-failed`: TF.js's `setBackend` answered false;
 * - `error`: probing or starting it threw; `detail` is the error's message as thrown.
 */
export type SkippedBackend =
  | { backend: BackendName; reason: 'unavailable'; code: UnavailableCode }
  | { backend: BackendName; reason: 'software'; detail: string }
  | { backend: BackendName; reason: 'init-failed' }
  | { backend: BackendName; reason: 'error'; detail: string };

/** Thrown by `selectBackend` when not even the CPU backend started: every backend tried, and why each failed. */
export class NoBackendError extends Error {
  constructor(readonly skipped: SkippedBackend[]) {
    super(`no TF.js backend started (${skipped.map((s) => `${s.backend}: ${s.reason}`).join(', ')})`);
    this.name = 'NoBackendError';
  }
}
