/**
 * Where the fused WebGPU kernel keeps its arrays: the per-step scratch (each layer's outputs Y_m and deltas
 * G_m for the batch, and the loss terms) and which arrays live in workgroup memory (fast, shared by the one
 * workgroup, at most maxComputeWorkgroupStorageSize bytes, 16 KiB by default) rather than storage buffers.
 */
import type { NetworkLayout } from '../model/mlp';

/** Float offsets into the scratch array. */
export interface ScratchLayout {
  /** Y_m, B × outputSize_m, row-major. */
  outputs: number[];
  /** G_m = ∂L/∂A_m, B × outputSize_m. */
  deltas: number[];
  /** The B × outputSize_M per-element losses of the step. */
  lossTerms: number;
  size: number;
}

export function scratchLayout(layout: NetworkLayout, batchSize: number): ScratchLayout {
  let offset = 0;
  const take = (floats: number): number => {
    const at = offset;
    offset += floats;
    return at;
  };
  const outputs = layout.layers.map((layer) => take(batchSize * layer.outputSize));
  const deltas = layout.layers.map((layer) => take(batchSize * layer.outputSize));
  const lossTerms = take(batchSize * layout.layers[layout.layers.length - 1].outputSize);
  return { outputs, deltas, lossTerms, size: offset };
}

export interface ArrayPlacement {
  /** The arrays placed in workgroup memory; the rest are storage buffers. */
  inWorkgroup: Set<string>;
  workgroupBytes: number;
}

/**
 * Greedy, in the order given (most used first): an array goes to workgroup memory if it still fits in
 * `budgetBytes`.
 */
export function placeArrays(arrays: readonly { name: string; floats: number }[], budgetBytes: number): ArrayPlacement {
  const inWorkgroup = new Set<string>();
  let used = 0;
  for (const { name, floats } of arrays) {
    if (used + 4 * floats <= budgetBytes) {
      inWorkgroup.add(name);
      used += 4 * floats;
    }
  }
  return { inWorkgroup, workgroupBytes: used };
}
