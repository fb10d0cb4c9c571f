/**
 * LocoProp's fused kernel's signature, declared once for its CPU (locopropKernel.ts) and WebGPU
 * (webgpuLocoPropKernel.ts) implementations: its name, its inputs besides the slots and its attributes
 * (engine/fused/kernelSignatures.ts for what every fused kernel shares).
 */

/** N LocoProp outer steps (K inner iterations each) in one call (algorithms/locoprop/fused.ts). */
export const LOCOPROP_STEPS_KERNEL = 'LocoLabLocoPropSteps';

export type LocoPropStepsInput = 'theta' | 'inputs' | 'targets' | 'rows';

export interface LocoPropStepsAttrs {
  /** cpuLocoPropSteps.ts's LocoPropProblem as JSON. */
  problem: string;
  batchSize: number;
  /** Doubles, as the plain path computes with them (1 − β₁ of a double β₁ is not 1 − β₁ of its float32). */
  learningRates: number[];
  momenta: number[];
  stepCount: number;
  beta1Product: number;
  slotCount: number;
}
