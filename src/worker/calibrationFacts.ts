/**
 * What `auto`'s calibration found (issue 18 §4), as the worker posts it with the backend event: facts and numbers
 * only. The page words them (state/calibrationMessages.ts: the status bar's rates and the backend's tooltip);
 * issue 20 §6, "the worker sends facts and the page words them". Types only, so the page may import them.
 */
import type { BackendName } from './protocol';

/** One timing of a path (calibration.ts `stepsPerSecond`): the fastest of `batches` batches of `steps` steps each. */
export interface PathMeasurement {
  /** Steps per second of that fastest batch: steps × 1000 / ms, by the worker's clock. */
  stepsPerSecond: number;
  /** Steps in each timed batch. */
  steps: number;
  /** Milliseconds the fastest batch took. */
  ms: number;
  /** Batches of `steps` steps timed (the fastest counts). */
  batches: number;
}

/**
 * Why a path has no measurement: `software-plain`, plain TF.js ops on a software GPU, passed over untimed
 * (calibration.ts `untimedReason`); `failed`, the path could not train this problem (no adapter, an error).
 */
export type UnmeasuredReason = 'software-plain' | 'failed';

/** A path `auto` calibrated, as measured. */
export interface CalibratedPath {
  backend: BackendName;
  /** Emulated in software (SwiftShader, a WebGPU fallback adapter). */
  software: boolean;
  kernelPath: 'fused' | 'plain';
  /** The timing, or null when the path was not timed (`unmeasured` says why). */
  measured: PathMeasurement | null;
  unmeasured: UnmeasuredReason | null;
}

/**
 * Why `pick` was chosen: `fastest`, the highest measured rate; `tie-hardware`, tied with a software GPU's, the
 * other path taken; `none-measured`, no path was timed, so the CPU (which always runs).
 */
export type PickReason = 'fastest' | 'tie-hardware' | 'none-measured';

export interface CalibrationFacts {
  pick: BackendName;
  why: PickReason;
  /** Each path offered, in the order measured. */
  paths: CalibratedPath[];
}
