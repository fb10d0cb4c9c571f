/** What the fused-kernel test page (e2e/fused/index.html) offers the Playwright spec and the bench. */
import type { WgslVariant } from '../../src/engine/fused/trainStepsWgsl';
import type { ParityCase, ParityResult, ReferenceBackend } from './parityHarness';
import type { MeasureRequest, Measurement } from './measure';

export interface ParityRequest {
  /** Default: every case of parityCases(). */
  cases?: ParityCase[];
  stepCounts: number[];
  /** Where the plain reference runs (the fused kernel always runs on WebGPU). */
  reference: ReferenceBackend;
  variant: WgslVariant;
}

export interface FusedParityPage {
  /** The active backend once TF.js is ready. */
  ready: Promise<string>;
  cases: () => ParityCase[];
  run: (request: ParityRequest) => Promise<ParityResult[]>;
  measure: (request: MeasureRequest) => Promise<Measurement>;
  /** WebGPU errors the device reported (shader compilation, validation). */
  deviceErrors: () => string[];
}

declare global {
  interface Window {
    fusedParity?: FusedParityPage;
  }
}
