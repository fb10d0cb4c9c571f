/** What the fused-kernel test page (e2e/fused/index.html) offers the Playwright spec and the bench. */
import type { LocoPropParityCase } from './locopropParity';
import type { ParityCase, ParityResult, ReferenceBackend } from './parityHarness';
import type { MeasureRequest, Measurement } from './measure';

export interface ParityRequest {
  /** Default: every case of parityCases(). */
  cases?: ParityCase[];
  stepCounts: number[];
  /** Where the plain reference runs (the fused kernel always runs on WebGPU). */
  reference: ReferenceBackend;
  /** The app's kernel, or one deliberately wrong in one line (src/test/wgslMutants.ts). */
  variant: 'exact' | 'broken-adam-bias-correction' | 'broken-wide-deltas' | 'broken-hypergradient-sign';
  /** Also measure each case's own sensitivity to a moved rounding, the worst of up to 4 patterns (ParityResult.sensitivity). */
  sensitivity?: boolean;
}

export interface LocoPropParityRequest {
  /** Default: every case of locopropParityCases(). */
  cases?: LocoPropParityCase[];
  stepCounts: number[];
  reference: ReferenceBackend;
  variant: 'exact' | 'broken-target-sign';
  /** Also measure each case's own sensitivity to a moved rounding, the worst of up to 4 patterns (ParityResult.sensitivity). */
  sensitivity?: boolean;
}

export interface FusedParityPage {
  /** The active backend once TF.js is ready. */
  ready: Promise<string>;
  cases: () => ParityCase[];
  /** CI's share of the grid: every pair of activation, loss and optimizer, and both penalties (pairwiseParityCases). */
  pairCases: () => ParityCase[];
  /** The wide path's grid (every case on networks wider than one workgroup). */
  wideCases: () => ParityCase[];
  /** SGD-HD and Adam-HD on the one-workgroup kernel (hypergradientParityCases). */
  hypergradientCases: () => ParityCase[];
  run: (request: ParityRequest) => Promise<ParityResult[]>;
  /** locopropParityCases(): the covering design of the settings, or (`full`) their old 96-case grid. */
  locopropCases: (full?: boolean) => LocoPropParityCase[];
  runLocoProp: (request: LocoPropParityRequest) => Promise<ParityResult[]>;
  measure: (request: MeasureRequest) => Promise<Measurement>;
  /** WebGPU errors the device reported (shader compilation, validation). */
  deviceErrors: () => string[];
}

declare global {
  interface Window {
    fusedParity?: FusedParityPage;
  }
}
