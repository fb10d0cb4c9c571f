/**
 * Picking the TF.js backend inside the worker. In `auto` mode the host first measures each path for the
 * problem (calibration.ts, with `calibrationCandidates` below) and asks for the fastest by name. Without a
 * calibration the preference is WebGPU, then WebGL, then CPU (DESIGN.md §4), and a GPU that is only emulated in software (SwiftShader, a WebGPU "fallback adapter") is passed
 * over: it is one to three orders of magnitude slower than the CPU backend (DESIGN.md §4 reference numbers).
 * A backend asked for by name is used even when it is software, so it can be tested anywhere.
 */
import * as tf from '@tensorflow/tfjs-core';
import '@tensorflow/tfjs-backend-cpu';
import type { BackendChoice } from '../config/experiment';
import { cpuKernel } from '../engine/fused/cpuMatMul';
import type { BackendName, DeviceLoss } from './protocol';
import type { PathCandidate } from './calibration';
import type { BackendSelection } from './backendPort';
import { NoBackendError, type SkippedBackend, type UnavailableCode } from './backendFacts';

const PREFERENCE: BackendName[] = ['webgpu', 'webgl', 'cpu'];
const SOFTWARE = /swiftshader|llvmpipe|software|basic render/i;

interface Probe {
  /** Why this backend cannot be used here, or null. */
  unavailable: UnavailableCode | null;
  software: boolean;
  detail: string;
}

async function probeWebGpu(): Promise<Probe> {
  if (typeof navigator === 'undefined' || !('gpu' in navigator) || !navigator.gpu) {
    return { unavailable: 'no-navigator-gpu', software: false, detail: '' };
  }
  const adapter = await navigator.gpu.requestAdapter({ powerPreference: 'high-performance' });
  if (!adapter) return { unavailable: 'no-adapter', software: false, detail: '' };
  const info = adapter.info;
  const detail = [info.vendor, info.architecture, info.description].filter(Boolean).join(' ');
  const fallback = 'isFallbackAdapter' in info && info.isFallbackAdapter === true;
  return { unavailable: null, software: fallback || SOFTWARE.test(detail), detail };
}

/**
 * The paths `auto` calibrates: the CPU's fused kernels always; WebGPU when an adapter (hardware or software) is
 * offered; WebGL 2 when it runs on a hardware GPU. WebGL has no fused kernel, so every step there is plain TF.js
 * ops, one draw per op: on a hardware GPU it may still win on a wide network, so it is timed (a browser with WebGL
 * and no WebGPU went to it by the preference order untimed, though the CPU's fused kernels train the default
 * network ~100× faster); a software one is not offered, since plain ops on a software GPU are never timed
 * (calibration.ts `untimedReason`) and would only add "not timed" to the status bar.
 */
export async function calibrationCandidates(): Promise<PathCandidate[]> {
  const candidates: PathCandidate[] = [{ backend: 'cpu', software: false }];
  try {
    const gpu = await probeWebGpu();
    if (!gpu.unavailable) candidates.push({ backend: 'webgpu', software: gpu.software });
  } catch {
    // No adapter: no WebGPU path.
  }
  try {
    const gl = probeWebGl();
    if (!gl.unavailable && !gl.software) candidates.push({ backend: 'webgl', software: false });
  } catch {
    // No context: no WebGL path.
  }
  return candidates;
}

function probeWebGl(): Probe {
  if (typeof OffscreenCanvas === 'undefined') {
    return { unavailable: 'no-offscreen-canvas', software: false, detail: '' };
  }
  const hardware = new OffscreenCanvas(1, 1).getContext('webgl2', { failIfMajorPerformanceCaveat: true });
  const context = hardware ?? new OffscreenCanvas(1, 1).getContext('webgl2');
  if (!context) return { unavailable: 'no-webgl2', software: false, detail: '' };
  // RENDERER is masked ("WebKit WebGL"); the debug extension gives the real one where the browser allows.
  const debug = context.getExtension('WEBGL_debug_renderer_info');
  const renderer = String(context.getParameter(debug ? debug.UNMASKED_RENDERER_WEBGL : context.RENDERER));
  return { unavailable: null, software: hardware === null || SOFTWARE.test(renderer), detail: renderer };
}

/**
 * The GPU backends' code, loaded on first use: two chunks of the worker's bundle that a page on the CPU never
 * parses. Each registers its backend, kernels and flags with tfjs-core when it is evaluated.
 */
const GPU_BACKEND_MODULES: Record<Exclude<BackendName, 'cpu'>, () => Promise<unknown>> = {
  webgl: () => import('@tensorflow/tfjs-backend-webgl'),
  webgpu: () => import('@tensorflow/tfjs-backend-webgpu'),
};

async function loadBackend(name: BackendName): Promise<void> {
  if (name !== 'cpu') await GPU_BACKEND_MODULES[name]();
}

function probe(name: BackendName): Promise<Probe> | Probe {
  if (name === 'webgpu') return probeWebGpu();
  if (name === 'webgl') return probeWebGl();
  return { unavailable: null, software: false, detail: '' };
}

function message(error: unknown): string {
  return error instanceof Error ? error.message : String(error);
}

/**
 * The first backend of the preference (or `choice`, then the preference) that starts, with every one passed
 * over before it and why (backendFacts.ts: codes and the browser's strings; the page words them). Throws
 * NoBackendError, with the same facts, when none starts.
 */
export async function selectBackend(choice: BackendChoice, exclude: BackendName[] = []): Promise<BackendSelection> {
  const preferred = choice === 'auto' ? PREFERENCE : [choice, ...PREFERENCE.filter((b) => b !== choice)];
  const order = preferred.filter((b) => !exclude.includes(b));
  const skipped: SkippedBackend[] = [];
  for (const name of order) {
    let found: Probe;
    try {
      found = await probe(name);
    } catch (error) {
      skipped.push({ backend: name, reason: 'error', detail: message(error) });
      continue;
    }
    const requested = name === choice;
    if (found.unavailable) {
      skipped.push({ backend: name, reason: 'unavailable', code: found.unavailable });
      continue;
    }
    if (found.software && !requested) {
      skipped.push({ backend: name, reason: 'software', detail: found.detail });
      continue;
    }
    try {
      await loadBackend(name);
    } catch (error) {
      skipped.push({ backend: name, reason: 'error', detail: message(error) });
      continue;
    }
    // TF.js refuses software WebGL unless told otherwise; we only get here for it when it was asked for.
    if (name === 'webgl') tf.env().set('SOFTWARE_WEBGL_ENABLED', found.software);
    // Shapes as uniforms: one compiled program serves an op at every shape (a minibatch's rows and an evaluation's,
    // each grid size), so far fewer programs compile on first use.
    if (name === 'webgl') tf.env().set('WEBGL_USE_SHAPES_UNIFORMS', true);
    if (name === 'webgpu') renewLostWebGpu();
    try {
      if (await tf.setBackend(name)) {
        await tf.ready();
        return { backend: name, detail: found.detail, skipped, ...(name === 'cpu' ? { cpuKernel: cpuKernel() } : {}) };
      }
      skipped.push({ backend: name, reason: 'init-failed' });
    } catch (error) {
      skipped.push({ backend: name, reason: 'error', detail: message(error) });
    }
  }
  throw new NoBackendError(skipped);
}

/** WebGPU devices known to be lost (destroyed here, or their `lost` promise resolved). */
const lostDevices = new WeakSet<GPUDevice>();

/** The WebGPU device TF.js's WebGPU backend holds, if that backend was ever started. */
function webGpuDevice(): GPUDevice | null {
  if (!tf.findBackendFactory('webgpu')) return null;
  const started = tf.findBackend('webgpu') as unknown as { device?: GPUDevice } | null;
  return started?.device ?? null;
}

/**
 * TF.js keeps one WebGPU backend and its device for the session, so after a loss `setBackend('webgpu')`
 * would hand back the dead device. Choosing WebGPU again gets a fresh one: the backend is removed (which
 * drops its factory too, tfjs-core Engine.removeBackend) and its factory registered again, as
 * tfjs-backend-webgpu's base.ts registers it (priority 3), so the next setBackend requests a new adapter and
 * device. If none is given, selectBackend falls back and says why.
 */
function renewLostWebGpu(): void {
  const device = webGpuDevice();
  if (!device || !lostDevices.has(device)) return;
  const factory = tf.findBackendFactory('webgpu');
  try {
    tf.removeBackend('webgpu');
  } catch {
    // Disposing buffers of a lost device may throw; the backend is out of the registry either way.
  }
  tf.registerBackend('webgpu', factory, 3);
}

/** Resolves when the active WebGPU device is lost (never for other backends). */
export function deviceLost(): Promise<DeviceLoss> | null {
  const backend = tf.backend() as unknown as { device?: GPUDevice };
  if (tf.getBackend() !== 'webgpu' || !backend.device) return null;
  const device = backend.device;
  return device.lost.then((info) => {
    lostDevices.add(device);
    return { reason: info.reason, message: info.message };
  });
}

export function destroyDevice(): boolean {
  const backend = tf.backend() as unknown as { device?: GPUDevice };
  if (tf.getBackend() !== 'webgpu' || !backend.device) return false;
  lostDevices.add(backend.device);
  backend.device.destroy();
  return true;
}
