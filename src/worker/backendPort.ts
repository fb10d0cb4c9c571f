/**
 * What the training host needs from the TF.js backends, as an interface: the worker gives it the real
 * selection (backend.ts: WebGPU, WebGL, CPU, device loss), Node tests a CPU-only one.
 */
import type { BackendChoice } from '../config/experiment';
import type { BackendName, DeviceLoss } from './protocol';
import type { PathCandidate } from './calibration';
import type { CalibrationFacts } from './calibrationFacts';
import type { CpuKernel, SkippedBackend } from './backendFacts';

export interface BackendSelection {
  backend: BackendName;
  /** The adapter or renderer as the browser names it, for the status bar's tooltip ('' on the CPU, or unnamed). */
  detail: string;
  /** On the CPU backend: the loops its fused kernels' matrix products run (engine/fused/cpuMatMul.ts). */
  cpuKernel?: CpuKernel;
  /** The preferred backends passed over before this one, and why (backendFacts.ts); empty when none was. */
  skipped: SkippedBackend[];
  /** `auto`'s calibration, where the backend is its measured pick (calibration.ts). */
  calibration?: CalibrationFacts;
}

export interface BackendPort {
  select(choice: BackendChoice, exclude: BackendName[]): Promise<BackendSelection>;
  /** Resolves when the active WebGPU device is lost (null for other backends). */
  deviceLost(): Promise<DeviceLoss> | null;
  /** Destroys the WebGPU device as a driver crash would; false when there is none. */
  destroyDevice(): boolean;
  /** The paths `auto` may calibrate (calibration.ts); absent where there is one backend only. */
  candidates?(): Promise<PathCandidate[]>;
}

/**
 * Whether a failure on WebGPU was the device being lost, and why: the device's `lost` promise, given
 * `graceMs` to settle. A readback on a destroyed device can fail before `lost` resolves: both are queued on
 * the content timeline in an order the WebGPU spec does not fix (W3C WebGPU, the "lose the device" algorithm
 * and GPUBuffer.mapAsync, which rejects with an OperationError on a lost device). Null when there is no device or it is still there.
 */
export async function lostDeviceReason(port: BackendPort, graceMs: number): Promise<DeviceLoss | null> {
  const lost = port.deviceLost();
  if (!lost) return null;
  let timer: ReturnType<typeof setTimeout> | undefined;
  const stillThere = new Promise<null>((resolve) => (timer = setTimeout(() => resolve(null), graceMs)));
  try {
    return await Promise.race([lost, stillThere]);
  } finally {
    clearTimeout(timer);
  }
}
