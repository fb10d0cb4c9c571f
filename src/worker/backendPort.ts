/**
 * What the training host needs from the TF.js backends, as an interface: the worker gives it the real
 * selection (backend.ts: WebGPU, WebGL, CPU, device loss), Node tests a CPU-only one.
 */
import type { BackendChoice } from '../config/experiment';
import type { BackendName } from './protocol';

export interface BackendSelection {
  backend: BackendName;
  /** Adapter or renderer description, for the status bar's tooltip. */
  detail: string;
  /** Why a preferred backend was not used, or null. */
  fallbackReason: string | null;
}

export interface BackendPort {
  select(choice: BackendChoice, exclude: BackendName[]): Promise<BackendSelection>;
  /** Resolves when the active WebGPU device is lost (null for other backends). */
  deviceLost(): Promise<string> | null;
  /** Destroys the WebGPU device as a driver crash would; false when there is none. */
  destroyDevice(): boolean;
  label(backend: BackendName): string;
}
