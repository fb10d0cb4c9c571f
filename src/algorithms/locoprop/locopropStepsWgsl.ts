/**
 * WGSL for N whole LocoProp outer steps (S and M) of one MLP in ONE dispatch of ONE workgroup: the computation
 * of cpuLocoPropSteps.ts and train/locoprop.ts (Amid, Anil & Warmuth 2022, arXiv:2106.06199; the formulas and
 * their sources are listed in cpuLocoPropSteps.ts), with the layout's sizes, K and the
 * option switches as constants. Per outer step, barrier-separated phases:
 *  1. forward, layer by layer, keeping Y_m (X_{m+1} of the inner loop) and, for S, A_m; the output layer's
 *     transfer is the loss's output function (σ or identity), its loss terms and G_M = (ŷ − t)/B;
 *  2. G_{m−1} = (G_m W_mᵀ) ⊙ f'(Y_{m−1}), layer by layer (backprop.ts);
 *  3. every layer's target T_m = A_m − γG_m (S) or Y_m − γG_m (M), and the first residual δ = A − T or Y − T;
 *  4. K inner iterations over all layers together (their problems are independent given X_m and T_m): the
 *     residual δ = Ã − T (S) or f(Ã) − T (M) from θ̃ (k > 0), then one pass over θ for ∇ = X_mᵀδ, 1ᵀδ, the
 *     proximal term (θ̃ − θ)/η, the L1/L2 penalty and the inner optimizer's update (wgslFormulas.ts).
 * The per-iteration rates (the decay lr·max(1 − k/K, 0.25), μ, Adam's step size and ε̂, with the counters
 * restarted by resetInner) come from the host's step table (webgpuLocoPropSteps.ts), computed in double
 * precision as the plain path computes them.
 */
import { outputActivationFor, type LossKind } from '../../engine/model/losses';
import type { NetworkLayout } from '../../engine/model/mlp';
import type { Activation, Regularization } from '../../engine/names';
import type { LocoPropProblem } from './cpuLocoPropSteps';
import type { LocoPropSettings } from './settings';
import type { LocoPropVariant } from './step';
import type { OptimizerKind } from '../../engine/train/optimizers';
import { activate, f32, HELPERS, lossFunctions, optimizerUpdate, penalty, SOFTMAX_LOSS_TERM, softmaxRows, timesDerivative } from '../../engine/fused/wgslFormulas';
import { bindingDeclarations, placeArrays, slotCountOf, workgroupCopies, type ArrayPlacement, type BindingRole } from '../../engine/fused/wgslLayout';

export interface LocoPropShaderSpec {
  layout: NetworkLayout;
  lossKind: LossKind;
  regularization: Regularization;
  optimizer: OptimizerKind;
  variant: LocoPropVariant;
  /** K and the switches; γ, 1/η and the penalty rate are uniforms (changing them needs no new pipeline). */
  innerSteps: number;
  proximal: boolean;
  resetInner: boolean;
  batchSize: number;
  workgroupSize: number;
  /** Workgroup memory the shader may use (the device's maxComputeWorkgroupStorageSize; 0: storage only). */
  workgroupBytes: number;
  /**
   * A sweep's runs in one dispatch, workgroup r training run r (webgpuLocoPropSweep.ts), as backprop's batched
   * kernel (trainStepsWgsl.ts): θ and the slots hold the runs one after another (P floats each), the step table
   * every run's inner coefficients then every run's rows, the losses every run's outer steps. Needs θ, the slots
   * and every per-step array in workgroup memory (each workgroup's own).
   */
  batched?: boolean;
}

/** A LocoProp problem's shader spec at a batch size, without the device's part (workgroup size and memory). */
export function locopropProblemSpec(problem: LocoPropProblem, batchSize: number): Omit<LocoPropShaderSpec, 'workgroupSize' | 'workgroupBytes'> {
  const { layout, lossKind, regularization, optimizer, variant } = problem;
  return { layout, lossKind, regularization, optimizer, variant, ...locopropSwitches(problem.locoprop), batchSize };
}

/** The spec's compile-time part of a LocoProp problem. */
export function locopropSwitches(locoprop: LocoPropSettings): Pick<LocoPropShaderSpec, 'innerSteps' | 'proximal' | 'resetInner'> {
  return { innerSteps: locoprop.innerSteps, proximal: locoprop.proximalWeight > 0, resetInner: locoprop.resetInner };
}


/** A per-step array: in workgroup memory as its own variable, or at an offset of the storage scratch buffer. */
interface Region {
  name: string;
  floats: number;
}

export interface LocoPropShader {
  code: string;
  bindings: BindingRole[];
  /** Floats of the storage scratch buffer (0: everything is in workgroup memory). */
  scratchFloats: number;
  placement: ArrayPlacement;
}

/** Floats per inner iteration at the head of the step table: lr_k, μ, Adam's step size, Adam's ε̂ (then the rows). */
export const INNER_COEFFICIENTS = 4;

class LocoPropWriter {
  private readonly layers;
  private readonly last: number;
  private readonly batch: number;
  private readonly wg: number;
  /**
   * Each layer's element-wise transfer: its activation, the loss's output function for the last one
   * (identity for a softmax output, whose row-wise softmax is a phase of its own: softmaxForward).
   */
  private readonly transfer: Activation[];
  private readonly softmax: boolean;

  constructor(private readonly spec: LocoPropShaderSpec, private readonly at: (region: string, index: string) => string) {
    this.layers = spec.layout.layers;
    this.last = this.layers.length - 1;
    this.batch = spec.batchSize;
    this.wg = spec.workgroupSize;
    this.softmax = spec.lossKind === 'softmax-cross-entropy';
    const output = outputActivationFor(spec.lossKind);
    this.transfer = this.layers.map((layer, m) => (m < this.last ? layer.activation : output === 'softmax' ? 'linear' : output));
  }

  /** X_m[r, i]: a row of the training set for the first layer, the previous layer's Y otherwise. */
  private input(m: number, r: string, i: string): string {
    const n = this.layers[m].inputSize;
    if (m === 0) return `inputs[stepTable[rowsAt + ${r}] * ${n}u + ${i}]`;
    return this.at(`y${m - 1}`, `${r} * ${n}u + ${i}`);
  }

  /** Σ_i X_m[r, i] W_m[i, j] + b_m[j] into `a`, for the element e = (r, j) of the loop. */
  private preActivation(m: number): string {
    const { inputSize: n, outputSize: k, weightOffset, biasOffset } = this.layers[m];
    return `let r = e / ${k}u;
      let j = e % ${k}u;
      var sum = 0.0f;
      for (var i = 0u; i < ${n}u; i++) {
        sum = sum + ${this.input(m, 'r', 'i')} * theta[${weightOffset}u + i * ${k}u + j];
      }
      let a = sum + theta[${biasOffset}u + j];`;
  }

  /** Y_m = f(A_m), A_m kept for S (in T_m's place until the targets), the output layer's loss terms and G_M. */
  forward(m: number): string {
    const { outputSize: k } = this.layers[m];
    const output =
      m === this.last && !this.softmax
        ? `let t = targets[stepTable[rowsAt + r] * ${k}u + j];
      ${this.at('loss', 'e')} = elementLoss(a, t);
      ${this.at(`d${m}`, 'e')} = (y - t) / ${f32(this.batch)};`
        : '';
    return `
    for (var e = lid; e < ${this.batch * k}u; e += ${this.wg}u) {
      ${this.preActivation(m)}
      let y = ${activate('a', this.transfer[m])};
      ${this.at(`y${m}`, 'e')} = y;
      ${this.spec.variant === 'S' ? `${this.at(`t${m}`, 'e')} = a;` : ''}
      ${output}
    }`;
  }

  /** The softmax output's row phase (model/softmax.ts), in place over Y_M's logits. */
  private softmaxRows(region: string, body: string): string {
    const k = this.layers[this.last].outputSize;
    return softmaxRows({ batchSize: this.batch, width: k, workgroupSize: this.wg, logit: (j) => this.at(region, `r * ${k}u + ${j}`) }, body);
  }

  /** For a softmax output, after its logits: Y_M = softmax(A_M), the loss terms and G_M = (Y_M − T)/B. */
  softmaxForward(): string {
    const k = this.layers[this.last].outputSize;
    return this.softmaxRows(
      `y${this.last}`,
      `let t = targets[stepTable[rowsAt + r] * ${k}u + j];
        ${this.at('loss', 'e')} = ${SOFTMAX_LOSS_TERM};
        ${this.at(`y${this.last}`, 'e')} = p;
        ${this.at(`d${this.last}`, 'e')} = (p - t) / ${f32(this.batch)};`,
    );
  }

  /** G_{m−1} = (G_m W_mᵀ) ⊙ f'(Y_{m−1}). */
  deltasBelow(m: number): string {
    const { inputSize: n, outputSize: k, weightOffset } = this.layers[m];
    return `
    for (var e = lid; e < ${this.batch * n}u; e += ${this.wg}u) {
      let r = e / ${n}u;
      let i = e % ${n}u;
      var sum = 0.0f;
      for (var j = 0u; j < ${k}u; j++) {
        sum = sum + ${this.at(`d${m}`, `r * ${k}u + j`)} * theta[${weightOffset}u + i * ${k}u + j];
      }
      let dy = sum;
      let y = ${this.at(`y${m - 1}`, 'e')};
      ${this.at(`d${m - 1}`, 'e')} = ${timesDerivative('dy', 'y', this.layers[m - 1].activation)};
    }`;
  }

  /** T_m = H_m − γG_m (H = A for S, Y for M) and the first inner residual δ = H − T (θ̃ = θ at k = 0). */
  targets(): string {
    return this.layers
      .map(({ outputSize: k }, m) => {
        const current = this.spec.variant === 'S' ? `t${m}` : `y${m}`;
        return `
    for (var e = lid; e < ${this.batch * k}u; e += ${this.wg}u) {
      let h = ${this.at(current, 'e')};
      let goal = h - params.gamma * ${this.at(`d${m}`, 'e')};
      ${this.at(`t${m}`, 'e')} = goal;
      ${this.at(`d${m}`, 'e')} = h - goal;
    }`;
      })
      .join('');
  }

  /** The mean minibatch loss before the update, summed by one invocation. */
  loss(): string {
    const terms = this.batch * this.layers[this.last].outputSize;
    return `
    if (lid == 0u) {
      var lossSum = 0.0f;
      for (var e = 0u; e < ${terms}u; e++) {
        lossSum = lossSum + ${this.at('loss', 'e')};
      }
      losses[${this.spec.batched ? 'lossesAt + ' : ''}s] = lossSum / ${f32(this.batch)};
    }`;
  }

  /** δ = Ã − T (S) or f(Ã) − T (M) for every layer, from the current inner iterate θ̃. */
  residuals(): string {
    return this.layers
      .map(({ outputSize: k }, m) => {
        const output = this.spec.variant === 'S' ? 'a' : activate('a', this.transfer[m]);
        // M's softmax output keeps the logit; softmaxResidual takes the row from it.
        const residual = m === this.last && this.softmaxResidual() !== '' ? 'a' : `${output} - ${this.at(`t${m}`, 'e')}`;
        return `
      for (var e = lid; e < ${this.batch * k}u; e += ${this.wg}u) {
        ${this.preActivation(m)}
        ${this.at(`d${m}`, 'e')} = ${residual};
      }`;
      })
      .join('');
  }

  /**
   * LocoProp-M's residual on a softmax output, softmax(Ã) − T, a row at a time over the logits Ã that
   * residuals() leaves in δ's place: the gradient of the matched loss logsumexp(Ã) − T·Ã, whose potential
   * logsumexp has ∇ = softmax (model/softmax.ts). Empty where no such phase is needed (S's
   * residual Ã − T is element-wise).
   */
  softmaxResidual(): string {
    if (!this.softmax || this.spec.variant === 'S') return '';
    const last = this.last;
    return this.softmaxRows(`d${last}`, `${this.at(`d${last}`, 'e')} = p - ${this.at(`t${last}`, 'e')};`);
  }

  /** ∇W̃ = X_mᵀδ (+ penalty), ∇b̃ = 1ᵀδ, + (θ̃ − θ)/η, and the inner optimizer's update, every layer. */
  update(): string {
    const proximal = this.spec.proximal ? `g = g + (theta[p] - ${this.at('start', 'p')}) * params.proximalWeight;` : '';
    return this.layers
      .map(({ inputSize: n, outputSize: k, weightOffset }, m) => {
        const delta = (r: string) => this.at(`d${m}`, `${r} * ${k}u + j`);
        return `
    for (var q = lid; q < ${n * k + k}u; q += ${this.wg}u) {
      let p = ${weightOffset}u + q;
      var sum = 0.0f;
      if (q < ${n * k}u) {
        let i = q / ${k}u;
        let j = q % ${k}u;
        for (var r = 0u; r < ${this.batch}u; r++) {
          sum = sum + ${this.input(m, 'r', 'i')} * ${delta('r')};
        }
      } else {
        let j = q - ${n * k}u;
        for (var r = 0u; r < ${this.batch}u; r++) {
          sum = sum + ${delta('r')};
        }
      }
      var g = sum;
      ${proximal}
      if (q < ${n * k}u) {
        ${penalty(this.spec.regularization)}
      }
      ${optimizerUpdate(this.spec.optimizer)}
    }`;
      })
      .join('');
  }

  /** At the outer step's start: θ for the proximal term, and the inner optimizer afresh when reset. */
  outerStart(): string {
    const { parameterCount } = this.spec.layout;
    const lines: string[] = [];
    if (this.spec.proximal) lines.push(`${this.at('start', 'p')} = theta[p];`);
    if (this.spec.resetInner) {
      // FlatOptimizer.reset: TF1 RMSProp's mean square starts at 1, every other slot at 0.
      Array.from({ length: slotCountOf(this.spec.optimizer) }, (_, i) => lines.push(`slot${i}[p] = ${this.spec.optimizer === 'rmsprop-tf1' && i === 0 ? '1.0f' : '0.0f'};`));
    }
    if (lines.length === 0) return '';
    return `
    for (var p = lid; p < ${parameterCount}u; p += ${this.wg}u) {
      ${lines.join('\n      ')}
    }`;
  }

  /** One outer step as barrier-separated phases (the inner loop is one phase list of its own). */
  outerStep(): string {
    const phases: string[] = [];
    for (let m = 0; m <= this.last; m++) phases.push((m === 0 ? this.outerStart() : '') + this.forward(m));
    if (this.softmax) phases.push(this.softmaxForward());
    for (let m = this.last; m >= 1; m--) phases.push(this.deltasBelow(m));
    phases.push(this.loss() + this.targets());
    const K = this.spec.innerSteps;
    const rowPhase = this.softmaxResidual();
    const residualRows = rowPhase === '' ? '' : `\n      sync();${rowPhase}`;
    const inner = `
    for (var k = 0u; k < ${K}u; k++) {
      let c = ${this.spec.batched ? 'coefficientsAt + ' : ''}${INNER_COEFFICIENTS}u * (s * ${K}u + k);
      let lr = bitcast<f32>(stepTable[c]);
      let mu = bitcast<f32>(stepTable[c + 1u]);
      let stepSize = bitcast<f32>(stepTable[c + 2u]);
      let epsilonHat = bitcast<f32>(stepTable[c + 3u]);
      if (k > 0u) {${this.residuals()}${residualRows}
      }
      sync();
${this.update()}
      sync();
    }`;
    return `${phases.map((phase) => `${phase}\n    sync();`).join('\n')}${K > 0 ? inner : ''}`;
  }
}

/** The per-step arrays, most used first (the order in which they are offered workgroup memory). */
function regionsOf(spec: LocoPropShaderSpec): Region[] {
  const { layers } = spec.layout;
  const perLayer = (prefix: string): Region[] => layers.map((layer, m) => ({ name: `${prefix}${m}`, floats: spec.batchSize * layer.outputSize }));
  const regions = [...perLayer('d'), ...perLayer('y'), ...perLayer('t'), { name: 'loss', floats: spec.batchSize * layers[layers.length - 1].outputSize }];
  if (spec.proximal) regions.push({ name: 'start', floats: spec.layout.parameterCount });
  return regions;
}

/** Where θ, the per-step arrays and the slots go: workgroup memory in that order while it lasts, the rest storage. */
export function locopropPlacement(spec: LocoPropShaderSpec): ArrayPlacement {
  const slots = Array.from({ length: slotCountOf(spec.optimizer) }, (_, i) => `slot${i}`);
  const parameterArrays = (names: string[]) => names.map((name) => ({ name, floats: spec.layout.parameterCount }));
  // θ first (read B times per element of every product), then the per-step arrays, then the slots (once per update).
  return placeArrays([...parameterArrays(['theta']), ...regionsOf(spec), ...parameterArrays(slots)], spec.workgroupBytes);
}

/** Whether the batched kernel takes this spec: every array in a workgroup's memory (each run's own). */
export function locopropBatchFits(spec: LocoPropShaderSpec): boolean {
  const { inWorkgroup } = locopropPlacement(spec);
  return 1 + regionsOf(spec).length + slotCountOf(spec.optimizer) === inWorkgroup.size;
}

/**
 * Where this workgroup's run starts in the shared buffers (empty for one run, so its shader is unchanged):
 * with R = num_workgroups runs of N outer steps at batch B and K inner iterations, run r's θ and slots start at
 * r·P, its coefficients at r·4KN, its rows after every run's coefficients at R·4KN + r·N·B, its losses at r·N.
 */
function runOffsets(spec: LocoPropShaderSpec) {
  const coefficientsPerRun = `${INNER_COEFFICIENTS * spec.innerSteps}u * params.steps`;
  if (!spec.batched) return { builtins: '@builtin(local_invocation_index) lid: u32', lets: '', state: '', rows: coefficientsPerRun };
  return {
    builtins: '@builtin(local_invocation_index) lid: u32, @builtin(workgroup_id) group: vec3<u32>, @builtin(num_workgroups) groups: vec3<u32>',
    lets: `
  let run = group.x;
  let stateAt = run * ${spec.layout.parameterCount}u;
  let coefficientsAt = run * ${coefficientsPerRun};
  let lossesAt = run * params.steps;`,
    state: 'stateAt + ',
    rows: `groups.x * ${coefficientsPerRun} + run * params.steps * ${spec.batchSize}u`,
  };
}

export function locopropStepsShader(spec: LocoPropShaderSpec): LocoPropShader {
  const { layout, workgroupSize: wg } = spec;
  const slots = Array.from({ length: slotCountOf(spec.optimizer) }, (_, i) => `slot${i}`);
  const regions = regionsOf(spec);
  const parameterArrays = (names: string[]) => names.map((name) => ({ name, floats: layout.parameterCount }));
  const placement = locopropPlacement(spec);
  if (spec.batched && !locopropBatchFits(spec)) throw new Error('a batched LocoProp sweep needs θ, the slots and every per-step array in workgroup memory');
  const offsets = new Map<string, number>();
  let scratchFloats = 0;
  for (const region of regions) {
    if (placement.inWorkgroup.has(region.name)) continue;
    offsets.set(region.name, scratchFloats);
    scratchFloats += region.floats;
  }
  const at = (region: string, index: string): string => {
    const offset = offsets.get(region);
    return offset === undefined ? `${region}[${index}]` : `scratch[${offset}u + ${index}]`;
  };
  const bindings: BindingRole[] = ['params', 'stepTable', 'inputs', 'targets', 'losses', 'theta', ...(slots as BindingRole[])];
  if (scratchFloats > 0) bindings.push('scratch');
  const declarations = bindingDeclarations(bindings, placement.inWorkgroup);
  const floatsOf = new Map([...regions.map((r) => [r.name, r.floats] as const), ...parameterArrays(['theta', ...slots]).map((r) => [r.name, r.floats] as const)]);
  const shared = [...placement.inWorkgroup].map((name) => `var<workgroup> ${name}: array<f32, ${floatsOf.get(name)}>;`);
  const copied = ['theta', ...slots].filter((name) => placement.inWorkgroup.has(name));
  const writer = new LocoPropWriter(spec, at);
  const run = runOffsets(spec);
  const code = `// LocoLab fused LocoProp-${spec.variant} steps: ${layout.layers.map((l) => l.inputSize).join('-')}-${layout.layers[layout.layers.length - 1].outputSize}, batch ${spec.batchSize}, K = ${spec.innerSteps}, inner ${spec.optimizer}
struct Params { steps: u32, regularizationRate: f32, gamma: f32, proximalWeight: f32 }
${declarations.join('\n')}
${shared.join('\n')}
${HELPERS}
${lossFunctions(spec.lossKind)}

@compute @workgroup_size(${wg})
fn main(${run.builtins}) {${run.lets}
  ${workgroupCopies(copied, layout.parameterCount, wg, 'in', run.state)}
  sync();
  let rowsBase = ${run.rows};
  for (var s = 0u; s < params.steps; s++) {
    let rowsAt = rowsBase + s * ${spec.batchSize}u;
${writer.outerStep()}
  }
  ${workgroupCopies(copied, layout.parameterCount, wg, 'out', run.state)}
}
`;
  return { code, bindings, scratchFloats, placement };
}
