/** What the fused test page (e2e/fused/index.html) offers for the batched WebGPU sweep (sweepPage.ts). */

/**
 * Which batched kernel: backprop's, LocoProp-M's (inner Adam, K = 3), feedback alignment's (backprop's with each run's
 * B), or backprop's with Adam-HD (each run's α adapted on its own).
 */
export type SweepAlgorithm = 'backprop' | 'locoprop-m' | 'feedback-alignment' | 'adam-hd';

export interface SweepRequest {
  /** Backprop where absent. */
  algorithm?: SweepAlgorithm;
  /** Runs taken from the 48-run sweep, spread over it (every seed, rates from low to high); at most 48. */
  runs: number;
  steps: number;
}

export interface SweepParityRequest extends SweepRequest {
  /** The app's batched kernel, or one whose run r reads run r+1's rates, or run 0's B (src/test/sweepMutants.ts). */
  variant: 'exact' | 'next-run-rate' | 'first-run-feedback';
}

/** One run, batched against alone: the worst relative error of θ, of the slots and of the losses, and whether every bit agrees. */
export interface SweepRunParity {
  name: string;
  theta: number;
  slots: number;
  losses: number;
  identical: boolean;
}

export interface SweepParityResult {
  runs: SweepRunParity[];
  /** Distinct final θ among the runs alone (the runs must differ, or a kernel training one run R times would pass). */
  distinctThetas: number;
}

export interface SweepTimingRequest extends SweepRequest {
  /** The runs in one dispatch of `runs` workgroups, or in turn, one dispatch each on the one-workgroup kernel. */
  path: 'batched' | 'in-turn';
}

export interface SweepWebGpuPage {
  parity: (request: SweepParityRequest) => Promise<SweepParityResult>;
  /** Wall ms of the path, from the first upload to the last result read. */
  time: (request: SweepTimingRequest) => Promise<number>;
}

declare global {
  interface Window {
    sweepWebgpu?: SweepWebGpuPage;
  }
}
