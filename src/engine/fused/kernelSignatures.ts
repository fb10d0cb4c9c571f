/**
 * The fused kernels' signatures, declared once for their CPU (kernel.ts, locopropKernel.ts) and WebGPU
 * (webgpuKernel.ts, webgpuLocoPropKernel.ts) implementations: each kernel's name, its inputs (the slots come
 * as `slot0`, `slot1`, …) and its attributes. Outputs: θ, the slots, then the steps' minibatch losses.
 */

/** N backprop steps in one call (algorithms/backprop/fused.ts). */
export const TRAIN_STEPS_KERNEL = 'LocoLabTrainSteps';

/** Its inputs besides the slots: on the device θ and the data; made on the host just before the call the rest. */
export type TrainStepsInput = 'theta' | 'inputs' | 'targets' | 'rows' | 'learningRates' | 'momenta';

export interface TrainStepsAttrs {
  /** cpuTrainSteps.ts's FusedProblem as JSON (attributes are plain values). */
  problem: string;
  batchSize: number;
  stepCount: number;
  beta1Product: number;
  slotCount: number;
}

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

/** The name of the i-th optimizer slot's input. */
export function slotName(i: number): string {
  return `slot${i}`;
}
