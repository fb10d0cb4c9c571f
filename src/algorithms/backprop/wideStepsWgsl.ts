/**
 * WGSL for backprop steps of an MLP too wide for one workgroup (engine/fused/webgpuDispatch.ts's MAX_FUSED_WIDTH): each
 * step is a fixed sequence of compute dispatches over the whole GPU, one entry point per phase, all bound
 * to one bind group. The phases and their formulas are those of the one-workgroup kernel (trainStepsWgsl.ts,
 * cpuTrainSteps.ts; formulas from engine/fused/wgslFormulas.ts), and each output element sums its products in the same
 * order, so the two paths round alike:
 *
 *   forward m = 0..M−1   Y_m = f(X_m W_m + b_m), one invocation per element of the B × k_m output; the
 *                        output layer also writes each element's loss term and G_M = (ŷ − t)/B
 *   softmax              (a softmax output only) one invocation per row: loss terms and G_M from the logits
 *   deltas m = M−1..1    G_{m−1} = (G_m W_mᵀ) ⊙ f'(Y_{m−1}), before any weight moves; the first of the
 *                        backward dispatches also sums the step's loss (one invocation)
 *   update               every parameter: ∂L/∂W_m = X_mᵀ G_m (+ penalty), ∂L/∂b_m = Σ_r G_m, then the
 *                        optimizer's rule; the layers' updates are independent, so one dispatch takes all
 *
 * The step index and where its batch's rows start come in a 16-byte uniform at a dynamic offset, one per
 * step, so N steps are N × (2M (+1)) dispatches in one pass with no host work between them.
 */
import type { LossKind } from '../../engine/model/losses';
import type { NetworkLayout } from '../../engine/model/mlp';
import type { Regularization } from '../../engine/names';
import type { OptimizerKind } from '../../engine/train/optimizers';
import { STEP_COEFFICIENTS } from './trainStepsWgsl';
import { activate, f32, HELPERS, lossFunctions, optimizerUpdate, penalty, SOFTMAX_LOSS_TERM, softmaxRows, timesDerivative } from '../../engine/fused/wgslFormulas';
import { bindingDeclarations, scratchLayout, slotCountOf, type BindingRole, type ScratchLayout } from '../../engine/fused/wgslLayout';
import { rangeBranches, TILE, tiledProduct, tilesOf, WIDE_WORKGROUP_SIZE, type InvocationRange, type WidePhase } from '../../engine/fused/wgslTiles';

export interface WideShaderSpec {
  layout: NetworkLayout;
  lossKind: LossKind;
  regularization: Regularization;
  optimizer: OptimizerKind;
  batchSize: number;
}

export interface WideStepsShader {
  code: string;
  bindings: BindingRole[];
  scratch: ScratchLayout;
  scratchFloats: number;
  /** Bytes of the uniform each step reads (WIDE_PARAMS_STRUCT). */
  paramsBytes: number;
  /** One step's dispatches, in order. */
  phases: WidePhase[];
}

/** The per-step uniform, bound at a dynamic offset: the step, where its rows start in the table, λ. */
export const WIDE_PARAMS_STRUCT = 'struct Params { step: u32, rowsAt: u32, regularizationRate: f32, unused: u32 }';

/** Reads this step's coefficients from the step table (the layout of webgpuTrainSteps.ts's stepCoefficients). */
const STEP_PRELUDE = `let s = params.step;
  let rowsAt = params.rowsAt;
  let lr = bitcast<f32>(stepTable[${STEP_COEFFICIENTS}u * s]);
  let mu = bitcast<f32>(stepTable[${STEP_COEFFICIENTS}u * s + 1u]);
  let stepSize = bitcast<f32>(stepTable[${STEP_COEFFICIENTS}u * s + 2u]);
  let epsilonHat = bitcast<f32>(stepTable[${STEP_COEFFICIENTS}u * s + 3u]);`;

class WideWriter {
  private readonly layers;
  private readonly batch: number;
  private readonly softmax: boolean;

  constructor(private readonly spec: WideShaderSpec, private readonly scratch: ScratchLayout) {
    this.layers = spec.layout.layers;
    this.batch = spec.batchSize;
    this.softmax = spec.lossKind === 'softmax-cross-entropy';
  }

  /** The clamped batch rows' indices into the training set, for the first layer's input. */
  private rowIndices(m: number, rowNames: string[]): string {
    if (m !== 0) return '';
    return rowNames.map((r) => `let row_${r} = stepTable[rowsAt + ${r}];`).join(' ');
  }

  /** X_m[r, i]: a row of the training set for the first layer (its index row_r in scope), the previous layer's Y otherwise. */
  private input(m: number, r: string, i: string): string {
    const n = this.layers[m].inputSize;
    if (m === 0) return `inputs[row_${r} * ${n}u + ${i}]`;
    return `scratch[${this.scratch.outputs[m - 1]}u + ${r} * ${n}u + ${i}]`;
  }

  private entry(name: string, invocations: number, body: string, before = ''): string {
    return `
@compute @workgroup_size(${WIDE_WORKGROUP_SIZE})
fn ${name}(@builtin(global_invocation_id) gid: vec3<u32>) {
  ${STEP_PRELUDE}
  let inv = gid.x;${before}
  if (inv >= ${invocations}u) { return; }
  ${body}
}`;
  }

  /** Y_m = f(X_m W_m + b_m) by tiles of the B × k output; the output layer also writes each element's loss and G_M. */
  forward(m: number): string {
    const { inputSize: n, outputSize: k, weightOffset, biasOffset, activation } = this.layers[m];
    const isOutput = m === this.layers.length - 1 && !this.softmax;
    const lossLines = `let t = targets[stepTable[rowsAt + r] * ${k}u + j];
          scratch[${this.scratch.lossTerms}u + e] = elementLoss(y, t);
          scratch[${this.scratch.deltas[m]}u + e] = (prediction(y) - t) / ${f32(this.batch)};`;
    const product = tiledProduct(
      {
        rows: this.batch,
        cols: k,
        depth: n,
        a: (r, d) => this.input(m, r, d),
        b: (d, c) => `theta[${weightOffset}u + ${d} * ${k}u + ${c}]`,
        label: 'X_m W_m',
        prelude: this.rowIndices(m, Array.from({ length: TILE }, (_, u) => `ra${u}`)),
        epilogue: `let j = c;
          let e = r * ${k}u + j;
          let y = ${activate(`(sum + theta[${biasOffset}u + j])`, activation)};
          scratch[${this.scratch.outputs[m]}u + e] = y;
          ${isOutput ? lossLines : ''}`,
      },
      'inv',
    );
    return this.entry(`forward${m}`, tilesOf(this.batch, k), product);
  }

  /** A softmax output's rows, one invocation each (the stride loop of softmaxRows runs at most once). */
  softmaxOutput(): string {
    const m = this.layers.length - 1;
    const k = this.layers[m].outputSize;
    const stride = Math.ceil(this.batch / WIDE_WORKGROUP_SIZE) * WIDE_WORKGROUP_SIZE;
    const rows = softmaxRows(
      { batchSize: this.batch, width: k, workgroupSize: stride, logit: (j) => `scratch[${this.scratch.outputs[m]}u + r * ${k}u + ${j}]` },
      `let t = targets[stepTable[rowsAt + r] * ${k}u + j];
        scratch[${this.scratch.lossTerms}u + e] = ${SOFTMAX_LOSS_TERM};
        scratch[${this.scratch.deltas[m]}u + e] = (p - t) / ${f32(this.batch)};`,
    );
    return `
@compute @workgroup_size(${WIDE_WORKGROUP_SIZE})
fn softmaxOutput(@builtin(global_invocation_id) gid: vec3<u32>) {
  let rowsAt = params.rowsAt;
  let lid = gid.x;
  ${rows}
}`;
  }

  /** The step's mean loss before the update, summed in order by one invocation (as the one-workgroup kernel). */
  private loss(): string {
    const terms = this.batch * this.layers[this.layers.length - 1].outputSize;
    return `
  if (inv == 0u) {
    var total = 0.0f;
    for (var q = 0u; q < ${terms}u; q++) {
      total = total + scratch[${this.scratch.lossTerms}u + q];
    }
    losses[s] = total / ${f32(this.batch)};
  }`;
  }

  /** G_{m−1} = (G_m W_mᵀ) ⊙ f'(Y_{m−1}) by tiles of the B × n result, before any weight moves. */
  deltas(m: number, withLoss: boolean): string {
    const { inputSize: n, outputSize: k, weightOffset } = this.layers[m];
    const product = tiledProduct(
      {
        rows: this.batch,
        cols: n,
        depth: k,
        a: (r, d) => `scratch[${this.scratch.deltas[m]}u + ${r} * ${k}u + ${d}]`,
        b: (d, c) => `theta[${weightOffset}u + ${c} * ${k}u + ${d}]`,
        label: 'G_m W_m^T',
        epilogue: `let e = r * ${n}u + c;
          let y = scratch[${this.scratch.outputs[m - 1]}u + e];
          scratch[${this.scratch.deltas[m - 1]}u + e] = ${timesDerivative('sum', 'y', this.layers[m - 1].activation)};`,
      },
      'inv',
    );
    return this.entry(`deltas${m}`, tilesOf(this.batch, n), product, withLoss ? this.loss() : '');
  }

  /** ∂L/∂W_m = X_mᵀ G_m (+ the penalty) by tiles of the n × k weights, then each weight's update. */
  private weightUpdate(m: number, t: string): string {
    const { inputSize: n, outputSize: k, weightOffset } = this.layers[m];
    const delta = this.scratch.deltas[m];
    // Over the batch: the first layer's rows come through the step table, one index per r.
    const a = (i: string, r: string) => (m === 0 ? `inputs[stepTable[rowsAt + ${r}] * ${n}u + ${i}]` : this.input(m, r, i));
    return tiledProduct(
      {
        rows: n,
        cols: k,
        depth: this.batch,
        a: (i, r) => a(i, r),
        b: (r, j) => `scratch[${delta}u + ${r} * ${k}u + ${j}]`,
        label: 'X_m^T G_m',
        epilogue: `let p = ${weightOffset}u + r * ${k}u + c;
          var g = sum;
          ${penalty(this.spec.regularization)}
          ${optimizerUpdate(this.spec.optimizer)}`,
      },
      t,
    );
  }

  /** ∂L/∂b_m = Σ_r G_m[r, j], then the bias's update. */
  private biasUpdate(m: number, j: string): string {
    const { outputSize: k, biasOffset } = this.layers[m];
    return `let p = ${biasOffset}u + ${j};
    var g = 0.0f;
    for (var r = 0u; r < ${this.batch}u; r++) {
      g = g + scratch[${this.scratch.deltas[m]}u + r * ${k}u + ${j}];
    }
    ${optimizerUpdate(this.spec.optimizer)}`;
  }

  /** Every layer's weight tiles, then every layer's biases: one dispatch, each invocation in one range. */
  update(withLoss: boolean): { code: string; invocations: number } {
    const ranges: InvocationRange[] = [];
    this.layers.forEach((layer, m) => ranges.push({ count: tilesOf(layer.inputSize, layer.outputSize), body: (t) => this.weightUpdate(m, t) }));
    this.layers.forEach((layer, m) => ranges.push({ count: layer.outputSize, body: (j) => this.biasUpdate(m, j) }));
    const { code, invocations } = rangeBranches(ranges);
    return { code: this.entry('update', invocations, code, withLoss ? this.loss() : ''), invocations };
  }
}

export function wideStepsShader(spec: WideShaderSpec): WideStepsShader {
  const { layout } = spec;
  const last = layout.layers.length - 1;
  const scratch = scratchLayout(layout, spec.batchSize);
  const slots = Array.from({ length: slotCountOf(spec.optimizer) }, (_, i) => `slot${i}` as BindingRole);
  const bindings: BindingRole[] = ['params', 'stepTable', 'inputs', 'targets', 'losses', 'theta', ...slots, 'scratch'];
  const writer = new WideWriter(spec, scratch);
  const phases: WidePhase[] = [];
  const entries: string[] = [];
  layout.layers.forEach((layer, m) => {
    entries.push(writer.forward(m));
    phases.push({ entryPoint: `forward${m}`, invocations: tilesOf(spec.batchSize, layer.outputSize) });
  });
  if (spec.lossKind === 'softmax-cross-entropy') {
    entries.push(writer.softmaxOutput());
    phases.push({ entryPoint: 'softmaxOutput', invocations: spec.batchSize });
  }
  for (let m = last; m >= 1; m--) {
    entries.push(writer.deltas(m, m === last));
    phases.push({ entryPoint: `deltas${m}`, invocations: tilesOf(spec.batchSize, layout.layers[m].inputSize) });
  }
  const update = writer.update(last === 0);
  entries.push(update.code);
  phases.push({ entryPoint: 'update', invocations: update.invocations });
  const code = `// LocoLab wide training steps: ${layout.layers.map((l) => l.inputSize).join('-')}-${layout.layers[last].outputSize}, batch ${spec.batchSize}, ${spec.optimizer}
${WIDE_PARAMS_STRUCT}
${bindingDeclarations(bindings, new Set()).join('\n')}
${HELPERS}
${lossFunctions(spec.lossKind)}
${entries.join('\n')}
`;
  return { code, bindings, scratch, scratchFloats: scratch.size, paramsBytes: 16, phases };
}
