/**
 * Where the fused WebGPU kernels keep their arrays: the per-step scratch (each layer's outputs Y_m and deltas
 * G_m for the batch, and the loss terms), which arrays live in workgroup memory (fast, shared by the one
 * workgroup, at most maxComputeWorkgroupStorageSize bytes, 16 KiB by default) rather than storage buffers,
 * and how the bindings are declared.
 */
import type { NetworkLayout } from '../model/mlp';
import type { OptimizerKind } from '../train/optimizers';

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

/** What a fused shader's bind group holds, binding by binding (binding i is bindings[i]). */
export type BindingRole = 'params' | 'stepTable' | 'inputs' | 'targets' | 'losses' | 'theta' | 'slot0' | 'slot1' | 'scratch' | 'feedback';

/** How many slots (`slot0`, `slot1`) the optimizer's memory takes. */
export function slotCountOf(optimizer: OptimizerKind): number {
  if (optimizer === 'sgd') return 0;
  return optimizer === 'adam' || optimizer === 'adam-hd' || optimizer === 'rmsprop-tf1' ? 2 : 1;
}

/** The step table, the training set and feedback alignment's B are read only; θ, the slots, the losses and the scratch are written. */
export function isReadOnly(role: BindingRole): boolean {
  return role === 'stepTable' || role === 'inputs' || role === 'targets' || role === 'feedback';
}

/**
 * The WGSL declaration of each binding: the uniform Params, read-only tables and data, read-write state. An
 * array that lives in workgroup memory is bound as `<name>Buffer` and copied in and out by the shader.
 */
export function bindingDeclarations(bindings: readonly BindingRole[], inWorkgroup: ReadonlySet<string>): string[] {
  return bindings.map((role, i) => {
    const where = role === 'params' ? 'uniform' : isReadOnly(role) ? 'storage, read' : 'storage, read_write';
    const type = role === 'params' ? 'Params' : role === 'stepTable' ? 'array<u32>' : 'array<f32>';
    const name = inWorkgroup.has(role) ? `${role}Buffer` : role;
    return `@group(0) @binding(${i}) var<${where}> ${name}: ${type};`;
  });
}

/**
 * The loops that copy the arrays kept in workgroup memory in from their buffers at the start (`in`) or back
 * out at the end (`out`), each `floats` long, the workgroup's `workgroupSize` invocations sharing the elements;
 * `at` is a WGSL prefix of the buffers' index (`stateAt + `: a batched sweep's run, trainStepsWgsl.ts).
 */
export function workgroupCopies(names: readonly string[], floats: number, workgroupSize: number, direction: 'in' | 'out', at = ''): string {
  const line = (name: string): string => {
    const [into, from] = direction === 'in' ? [`${name}[p]`, `${name}Buffer[${at}p]`] : [`${name}Buffer[${at}p]`, `${name}[p]`];
    return `for (var p = lid; p < ${floats}u; p += ${workgroupSize}u) { ${into} = ${from}; }`;
  };
  return names.map(line).join('\n  ');
}
