/**
 * The page's words for why the worker passed over a backend (DESIGN.md §4: the backend is "always shown to the
 * user, with the reason when it fell back"), from the facts it posts (worker/backendFacts.ts; issue 20 §6: the
 * worker sends facts, the page words them). The status message, the backend's tooltip and the message when no
 * backend starts all say a reason the same way.
 */
import type { CpuKernel, SkippedBackend, UnavailableCode } from '../worker/backendFacts';
import { BACKEND_LABELS, type BackendName, type DeviceLoss } from '../worker/protocol';

/** What is missing, after the backend's name ("WebGL: …"). */
const UNAVAILABLE: Record<UnavailableCode, string> = {
  'no-navigator-gpu': 'this browser has no WebGPU (navigator.gpu is missing)',
  'no-adapter': 'the browser offered no WebGPU adapter',
  'no-offscreen-canvas': 'this browser has no OffscreenCanvas, so WebGL cannot run in the training worker',
  'no-webgl2': 'the browser gave no WebGL 2 context',
};

/** A string from the browser or an exception, inside a sentence: no end stop of its own. */
function inline(text: string): string {
  return text.trim().replace(/\.+$/, '');
}

const CPU_KERNELS: Record<CpuKernel, string> = { 'wasm-simd': 'WebAssembly SIMD', js: 'JavaScript (no WebAssembly SIMD here)' };

/**
 * The backend that trains, for its tooltip: on the CPU what its fused kernels run ("TF.js CPU backend; fused
 * kernels' matrix products in WebAssembly SIMD"), on a GPU the adapter or renderer as the browser names it.
 */
export function backendDetailText(backend: BackendName, detail: string, cpuKernel: CpuKernel | null): string {
  if (backend === 'cpu') return cpuKernel ? `TF.js CPU backend; fused kernels' matrix products in ${CPU_KERNELS[cpuKernel]}` : 'TF.js CPU backend';
  return detail.trim() || `${BACKEND_LABELS[backend]} (the browser gives the adapter no name)`;
}

/** One backend passed over: "WebGPU runs in software here (Google SwiftShader), slower than the CPU backend". */
export function skippedText(skipped: SkippedBackend): string {
  const name = BACKEND_LABELS[skipped.backend];
  switch (skipped.reason) {
    case 'unavailable':
      return `${name}: ${UNAVAILABLE[skipped.code]}`;
    case 'software': {
      const what = inline(skipped.detail);
      return `${name} runs in software here${what ? ` (${what})` : ''}, slower than the CPU backend`;
    }
    case 'init-failed':
      return `${name}: TF.js could not initialise it`;
    case 'error':
      return `${name} failed to start: ${inline(skipped.detail) || 'no message given'}`;
  }
}

/** Every backend passed over, in the order tried: "WebGPU: …; WebGL: …". */
export function skippedList(skipped: SkippedBackend[]): string {
  return skipped.map(skippedText).join('; ');
}

/** The status message when the backend that trains is not the first preferred (the worker says so only then). */
export function fallbackNoticeText(backend: BackendName, skipped: SkippedBackend[]): string {
  return `Training on ${BACKEND_LABELS[backend]}. ${skippedList(skipped)}. Pick a backend under Training to override.`;
}

/** The backend tooltip's line for the backends passed over; null when none was. */
export function fallbackTitleLine(skipped: SkippedBackend[]): string | null {
  return skipped.length === 0 ? null : `Fallback: ${skippedList(skipped)}`;
}

/** The error when not even the CPU backend started. */
export function noBackendText(skipped: SkippedBackend[]): string {
  const why = skipped.length > 0 ? `: ${skippedList(skipped)}` : '';
  return `Training stopped: no TF.js backend could start${why}. Reload the page, or open it in another browser.`;
}

/**
 * Why a sweep meant for WebGPU trains on the CPU, from its worker's facts (worker/sweepProtocol.ts
 * SweepBackendStart), after "on the CPU since": "WebGPU did not start in the sweep worker: this browser has no
 * WebGPU (navigator.gpu is missing)". Its only text from elsewhere is an error's message, as thrown.
 */
export function sweepFallbackText(skipped: SkippedBackend): string {
  const start = `${BACKEND_LABELS[skipped.backend]} did not start in the sweep worker`;
  switch (skipped.reason) {
    case 'unavailable':
      return `${start}: ${UNAVAILABLE[skipped.code]}`;
    case 'software': {
      const what = inline(skipped.detail);
      return `${start}: it runs in software here${what ? ` (${what})` : ''}, slower than the CPU backend`;
    }
    case 'init-failed':
      return `${start}: TF.js could not initialise it`;
    case 'error':
      return `${start}: ${inline(skipped.detail) || 'it failed with no message given'}`;
  }
}

/** Why the WebGPU device was lost, inside parentheses: "destroyed", "unknown: the GPU process crashed". */
export function deviceLossText(lost: DeviceLoss): string {
  const message = inline(lost.message);
  return `${inline(lost.reason) || 'no reason given'}${message ? `: ${message}` : ''}`;
}
