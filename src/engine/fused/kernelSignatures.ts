/**
 * What every fused kernel's signature follows: a kernel is declared once, in its algorithm's folder
 * (algorithms/<name>/kernelSignature.ts), for its CPU and WebGPU implementations: its name, its inputs (the
 * optimizer's slots come as `slot0`, `slot1`, …, named by slotName) and its attributes. Outputs: θ, the
 * slots, then the steps' minibatch losses.
 */

/** The name of the i-th optimizer slot's input. */
export function slotName(i: number): string {
  return `slot${i}`;
}
