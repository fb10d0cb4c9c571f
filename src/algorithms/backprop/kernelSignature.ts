/**
 * Backprop's fused kernel's signature, declared once for its CPU (kernel.ts) and WebGPU (webgpuKernel.ts)
 * implementations: its name, its inputs besides the slots and its attributes (engine/fused/kernelSignatures.ts
 * for what every fused kernel shares).
 */

/** N backprop steps in one call (algorithms/backprop/fused.ts). */
export const TRAIN_STEPS_KERNEL = 'LocoLabTrainSteps';

/** Its inputs besides the slots: on the device θ and the data; made on the host just before the call the rest. */
export type TrainStepsInput = 'theta' | 'inputs' | 'targets' | 'rows' | 'learningRates' | 'momenta';

/**
 * SGD-HD and Adam-HD (on the CPU, and in WGSL up to one workgroup wide: fused.ts `hypergradientOn`, `fits`) add
 * this input, α as it stands (one value), and return each step's α after the losses; β travels in the problem
 * (FusedProblem.hypergradientRate).
 */
export const ADAPTED_RATE_INPUT = 'rate';

export interface TrainStepsAttrs {
  /** engine/fused/fusedProblem.ts's FusedProblem as JSON (attributes are plain values). */
  problem: string;
  batchSize: number;
  stepCount: number;
  beta1Product: number;
  slotCount: number;
}
