/**
 * WGSL for N whole backprop steps of one MLP in ONE dispatch of ONE workgroup: the computation of
 * cpuTrainSteps.ts (forward, the hand-written backward of train/backprop.ts, the L1/L2 penalty of
 * train/regularization.ts, the update rules of train/optimizers.ts), with the layout's sizes as constants.
 * The invocations share each phase's elements (a stride loop) and meet at a barrier between phases; a step
 * takes 2L barriers for L layers (2L + 2 for the -HD rules, below), one more for a softmax output's rows. On a GPU a small network is bound by
 * the fixed cost of each dispatch, not by arithmetic, so the whole loop lives in the shader (DESIGN.md §4 has
 * this project's measurements of the two paths). The formulas themselves are in wgslFormulas.ts.
 *
 * Per-step values come from the host: the learning rate, the momentum (β₁ for Adam) and Adam's step size
 * η·√(1−β₂ᵗ)/(1−Πβ₁) and ε̂ = ε·√(1−β₂ᵗ), computed in double precision as the plain path computes them
 * (1 − β₂ᵗ in float32 would lose three digits at t = 1).
 *
 * SGD-HD and Adam-HD (Baydin, Cornish, Martínez Rubio, Schmidt & Wood, ICLR 2018, Algorithms 2 and 3) adapt α
 * every step by a dot product over all of θ, which no layer's update may wait for in the phases above: their
 * step computes every layer's G first (W unchanged), then every gradient into the scratch with each invocation's
 * share of the dot product, then one invocation sums the shares in a fixed order into α_t, then the update (the
 * plain path's formulas, optimizers.ts FlatOptimizer.adaptRate). α comes in the step table (copied there on the
 * device) and each step's α goes out after the losses.
 */
import type { LossKind } from '../../engine/model/losses';
import type { NetworkLayout } from '../../engine/model/mlp';
import type { Regularization } from '../../engine/names';
import type { OptimizerKind } from '../../engine/train/optimizers';
import { activate, f32, HELPERS, hypergradientUpdate, lossFunctions, optimizerUpdate, penalty, SOFTMAX_LOSS_TERM, softmaxRows, timesDerivative } from '../../engine/fused/wgslFormulas';
import { adaptsLearningRate } from '../../engine/names';
import { bindingDeclarations, placeArrays, scratchLayout, slotCountOf, workgroupCopies, type ArrayPlacement, type BindingRole, type ScratchLayout } from '../../engine/fused/wgslLayout';

export interface ShaderSpec {
  layout: NetworkLayout;
  lossKind: LossKind;
  regularization: Regularization;
  optimizer: OptimizerKind;
  batchSize: number;
  workgroupSize: number;
  /** Workgroup memory the shader may use (the device's maxComputeWorkgroupStorageSize; 0: storage only). */
  workgroupBytes: number;
  /**
   * A sweep's runs in one dispatch, workgroup r training run r (webgpuSweepSteps.ts): θ and the slots hold the
   * runs one after another (P floats each), the step table every run's coefficients then every run's rows, the
   * losses every run's steps. Needs θ, the slots and the scratch in workgroup memory (each workgroup's own).
   */
  batched?: boolean;
  /**
   * Feedback alignment (Lillicrap et al. 2016): the error goes down through the run's fixed B (a read-only storage
   * binding `feedback`, in θ's layout; batched, every run's B one after another, as θ) instead of W.
   */
  feedback?: boolean;
}


export interface TrainStepsShader {
  code: string;
  bindings: BindingRole[];
  scratch: ScratchLayout;
  /** Floats of the storage scratch buffer (the scratch's size where it is not in workgroup memory). */
  scratchFloats: number;
  placement: ArrayPlacement;
}

/**
 * Floats per step at the head of the step table: lr, μ, Adam's step size, Adam's ε̂ (then the batches' rows). The
 * -HD rules' table starts with one more row (its counter t₀ as bits, and Adam-HD's √(1−β₂^t₀)/(1−Πβ₁) and ε̂ at t₀,
 * which its first hypergradient takes), and their steps' rows hold Adam-HD's √(1−β₂ᵗ)/(1−Πβ₁) where Adam's step
 * size goes (α is the device's); each run's α goes after every run's rows.
 */
export const STEP_COEFFICIENTS = 4;

/** Rows before the steps' in an optimizer's step table: the -HD rules' header (above). */
export const headerRowsOf = (optimizer: OptimizerKind): number => (adaptsLearningRate(optimizer) ? 1 : 0);

/** The scratch, with the -HD rules' gradient (P floats) and the invocations' shares of the hypergradient. */
interface StepsScratch extends ScratchLayout {
  gradient: number;
  partials: number;
}

function stepsScratch(spec: ShaderSpec): StepsScratch {
  const base = scratchLayout(spec.layout, spec.batchSize);
  if (!adaptsLearningRate(spec.optimizer)) return { ...base, gradient: -1, partials: -1 };
  const parameters = spec.layout.parameterCount;
  return { ...base, gradient: base.size, partials: base.size + parameters, size: base.size + parameters + spec.workgroupSize };
}

/** Emits the phases of one step; each returned block ends at a barrier. */
class StepWriter {
  private readonly layers;
  private readonly batch: number;
  private readonly wg: number;
  /** A softmax output: its loss and G_M come from whole rows, one phase after the logits. */
  private readonly softmax: boolean;

  constructor(private readonly spec: ShaderSpec, private readonly scratch: StepsScratch) {
    this.softmax = spec.lossKind === 'softmax-cross-entropy';
    this.layers = spec.layout.layers;
    this.batch = spec.batchSize;
    this.wg = spec.workgroupSize;
  }

  /** X_m[r, i]: a row of the training set for the first layer, the previous layer's Y otherwise. */
  private input(m: number, r: string, i: string): string {
    const n = this.layers[m].inputSize;
    if (m === 0) return `inputs[stepTable[rowsAt + ${r}] * ${n}u + ${i}]`;
    return `scratch[${this.scratch.outputs[m - 1]}u + ${r} * ${n}u + ${i}]`;
  }

  /** Y_m = f(X_m W_m + b_m); the output layer also writes each element's loss and G_M = (ŷ − t)/B. */
  forward(m: number): string {
    const { inputSize: n, outputSize: k, weightOffset, biasOffset, activation } = this.layers[m];
    const isOutput = m === this.layers.length - 1 && !this.softmax;
    const outputs = this.scratch.outputs[m];
    // The output layer is linear: y is the logit A_M (for softmax, the row phase softmaxOutput goes on from it).
    const lossLines = `let t = targets[stepTable[rowsAt + r] * ${k}u + j];
      scratch[${this.scratch.lossTerms}u + e] = elementLoss(y, t);
      scratch[${this.scratch.deltas[m]}u + e] = (prediction(y) - t) / ${f32(this.batch)};`;
    return `
    for (var e = lid; e < ${this.batch * k}u; e += ${this.wg}u) {
      let r = e / ${k}u;
      let j = e % ${k}u;
      var sum = 0.0f;
      for (var i = 0u; i < ${n}u; i++) {
        sum = sum + ${this.input(m, 'r', 'i')} * theta[${weightOffset}u + i * ${k}u + j];
      }
      let y = ${activate(`(sum + theta[${biasOffset}u + j])`, activation)};
      scratch[${outputs}u + e] = y;
      ${isOutput ? lossLines : ''}
    }`;
  }

  /** For a softmax output, after its logits: each element's loss term and G_M = (softmax(A_M) − T)/B (softmax.ts). */
  softmaxOutput(): string {
    const m = this.layers.length - 1;
    const k = this.layers[m].outputSize;
    const row = { batchSize: this.batch, width: k, workgroupSize: this.wg, logit: (j: string) => `scratch[${this.scratch.outputs[m]}u + r * ${k}u + ${j}]` };
    return softmaxRows(
      row,
      `let t = targets[stepTable[rowsAt + r] * ${k}u + j];
        scratch[${this.scratch.lossTerms}u + e] = ${SOFTMAX_LOSS_TERM};
        scratch[${this.scratch.deltas[m]}u + e] = (p - t) / ${f32(this.batch)};`,
    );
  }

  /** G_{m−1} = (G_m W_mᵀ) ⊙ f'(Y_{m−1}) (backprop.ts), reading W_m before its update. */
  deltasBelow(m: number): string {
    const { inputSize: n, outputSize: k, weightOffset } = this.layers[m];
    return `
    for (var e = lid; e < ${this.batch * n}u; e += ${this.wg}u) {
      let r = e / ${n}u;
      let i = e % ${n}u;
      var dy = 0.0f;
      for (var j = 0u; j < ${k}u; j++) {
        dy = dy + scratch[${this.scratch.deltas[m]}u + r * ${k}u + j] * ${this.spec.feedback ? `feedback[${this.spec.batched ? 'stateAt + ' : ''}` : 'theta['}${weightOffset}u + i * ${k}u + j];
      }
      let y = scratch[${this.scratch.outputs[m - 1]}u + e];
      scratch[${this.scratch.deltas[m - 1]}u + e] = ${timesDerivative('dy', 'y', this.layers[m - 1].activation)};
    }`;
  }

  /** For each parameter p of layer m: ∂L/∂W_m = X_mᵀ G_m (+ the penalty), ∂L/∂b_m = Σ_r G_m into g, then `use`. */
  private gradients(m: number, use: string): string {
    const { inputSize: n, outputSize: k, weightOffset } = this.layers[m];
    const delta = this.scratch.deltas[m];
    return `
    for (var q = lid; q < ${n * k + k}u; q += ${this.wg}u) {
      let p = ${weightOffset}u + q;
      var g = 0.0f;
      if (q < ${n * k}u) {
        let i = q / ${k}u;
        let j = q % ${k}u;
        for (var r = 0u; r < ${this.batch}u; r++) {
          g = g + ${this.input(m, 'r', 'i')} * scratch[${delta}u + r * ${k}u + j];
        }
        ${penalty(this.spec.regularization)}
      } else {
        let j = q - ${n * k}u;
        for (var r = 0u; r < ${this.batch}u; r++) {
          g = g + scratch[${delta}u + r * ${k}u + j];
        }
      }
      ${use}
    }`;
  }

  /** The gradient of W_m, b_m and the optimizer's update of them. */
  update(m: number): string {
    return this.gradients(m, optimizerUpdate(this.spec.optimizer));
  }

  /**
   * The -HD rules' gradient phase: every layer's gradient into the scratch, and this invocation's share of
   * g_t·(−∇_α u_{t−1}) (SGD-HD: the previous gradient, in slot0; Adam-HD: m/(√v + ε̂_{t−1}) before this update).
   */
  private hypergradientShares(): string {
    const direction = this.spec.optimizer === 'sgd-hd' ? 'slot0[p]' : '(slot0[p] / (sqrt(slot1[p]) + previousEpsilonHat))';
    const store = `scratch[${this.scratch.gradient}u + p] = g;
      share = share + g * ${direction};`;
    return `
    var share = 0.0f;${this.layers.map((_, m) => this.gradients(m, store)).join('')}
    scratch[${this.scratch.partials}u + lid] = share;`;
  }

  /**
   * α_t by one invocation: the scheduled rate at the first update (h₁ = 0), else α_{t−1} + β·h with the shares
   * summed in order (Adam-HD's times √(1−β₂^{t−1})/(1−Πβ₁)); β = 0 holds α. Left for the others in partials[0].
   */
  private adaptedRate(ratesAt: string): string {
    return `
    if (lid == 0u) {
      var h = 0.0f;
      for (var i = 0u; i < ${this.wg}u; i++) {
        h = h + scratch[${this.scratch.partials}u + i];
      }
      ${this.spec.optimizer === 'adam-hd' ? 'h = h * previousFactor;' : ''}
      var next = alpha;
      if (firstStep + s == 0u) {
        next = lr;
      } else if (params.hypergradientRate != 0.0f) {
        next = alpha + params.hypergradientRate * h;
      }
      scratch[${this.scratch.partials}u] = next;
      losses[${ratesAt}s] = next;
    }`;
  }

  /** The -HD rules' update of every parameter with α_t and its gradient. */
  private adaptedUpdate(): string {
    const parameters = this.spec.layout.parameterCount;
    return `
    alpha = scratch[${this.scratch.partials}u];
    for (var p = lid; p < ${parameters}u; p += ${this.wg}u) {
      let g = scratch[${this.scratch.gradient}u + p];
      ${hypergradientUpdate(this.spec.optimizer)}
    }`;
  }

  /** The mean minibatch loss before the update, summed by one invocation while the others go on to backward. */
  loss(): string {
    const terms = this.batch * this.layers[this.layers.length - 1].outputSize;
    return `
    if (lid == 0u) {
      var total = 0.0f;
      for (var e = 0u; e < ${terms}u; e++) {
        total = total + scratch[${this.scratch.lossTerms}u + e];
      }
      losses[${this.spec.batched ? 'lossesAt + ' : ''}s] = total / ${f32(this.batch)};
    }`;
  }

  /**
   * One step as barrier-separated phases. Backward pairs layer m+1's update with layer m's deltas: the
   * update writes W_{m+1} while the deltas read W_m, so they share a phase; G_{m−1} needs W_m before its
   * update, so W_m's own update waits for the next phase. The -HD rules' step: see the head of the file.
   */
  step(ratesAt: string): string[] {
    const last = this.layers.length - 1;
    const phases: string[] = [];
    for (let m = 0; m <= last; m++) phases.push(this.forward(m));
    if (this.softmax) phases.push(this.softmaxOutput());
    if (adaptsLearningRate(this.spec.optimizer)) {
      const backward: string[] = [];
      for (let m = last; m >= 1; m--) backward.push(this.deltasBelow(m));
      backward.push(this.hypergradientShares(), this.adaptedRate(ratesAt), this.adaptedUpdate());
      backward[0] = this.loss() + backward[0];
      return [...phases, ...backward];
    }
    const backward: string[] = [];
    for (let m = last; m >= 1; m--) backward.push((m < last ? this.update(m + 1) : '') + this.deltasBelow(m));
    backward.push((last >= 1 ? this.update(1) : '') + this.update(0));
    // The loss terms are complete after the output layer's barrier: sum them in the first backward phase.
    backward[0] = this.loss() + backward[0];
    return [...phases, ...backward];
  }
}

/**
 * Where this workgroup's run starts in the shared buffers, as WGSL prefixes of an index (empty for one run, so
 * its shader is unchanged), and where its rows start in the step table. With R = num_workgroups runs of N steps
 * at batch B, run r's θ and slots start at r·P, its coefficients at r·4N, its rows after every run's
 * coefficients at R·4N + r·N·B, its losses at r·N.
 */
function runOffsets(spec: ShaderSpec) {
  const coefficientsPerRun = headerRowsOf(spec.optimizer) === 0 ? `${STEP_COEFFICIENTS}u * params.steps` : `${STEP_COEFFICIENTS}u * (params.steps + ${headerRowsOf(spec.optimizer)}u)`;
  // The -HD rules: each run's α after every run's rows, each step's α after every run's losses.
  const rowsPerRun = `params.steps * ${spec.batchSize}u`;
  if (!spec.batched) {
    return { builtins: '@builtin(local_invocation_index) lid: u32', lets: '', state: '', coefficients: '', rows: coefficientsPerRun, alpha: `${coefficientsPerRun} + ${rowsPerRun}`, rates: 'params.steps + ' };
  }
  return {
    alpha: `groups.x * (${coefficientsPerRun} + ${rowsPerRun}) + run`,
    rates: 'groups.x * params.steps + lossesAt + ',
    builtins: '@builtin(local_invocation_index) lid: u32, @builtin(workgroup_id) group: vec3<u32>, @builtin(num_workgroups) groups: vec3<u32>',
    lets: `
  let run = group.x;
  let stateAt = run * ${spec.layout.parameterCount}u;
  let coefficientsAt = run * ${coefficientsPerRun};
  let lossesAt = run * params.steps;`,
    state: 'stateAt + ',
    coefficients: 'coefficientsAt + ',
    rows: `groups.x * ${coefficientsPerRun} + run * params.steps * ${spec.batchSize}u`,
  };
}

/** Where θ, the scratch and the slots go: workgroup memory in that order while it lasts, the rest storage. */
function placementOf(spec: ShaderSpec, scratch: StepsScratch, slots: readonly string[]): ArrayPlacement {
  // Most used first: θ (read B times per step by each pass), the scratch, then the slots (once per step).
  const parameterArrays = (names: readonly string[]) => names.map((name) => ({ name, floats: spec.layout.parameterCount }));
  return placeArrays([...parameterArrays(['theta']), { name: 'scratch', floats: scratch.size }, ...parameterArrays(slots)], spec.workgroupBytes);
}

const slotNames = (optimizer: OptimizerKind): string[] => Array.from({ length: slotCountOf(optimizer) }, (_, i) => `slot${i}`);

/** Whether the batched kernel takes this spec: θ, the scratch and the slots in a workgroup's memory (each run's own). */
export function trainStepsBatchFits(spec: ShaderSpec): boolean {
  const slots = slotNames(spec.optimizer);
  return placementOf(spec, stepsScratch(spec), slots).inWorkgroup.size === 2 + slots.length;
}

/** The shader's bindings, in order: the uniform, the storage buffers (the scratch only where workgroup memory has no room for it). */
export function trainStepsBindings(spec: ShaderSpec): BindingRole[] {
  const slots = slotNames(spec.optimizer);
  const placement = placementOf(spec, stepsScratch(spec), slots);
  const bindings: BindingRole[] = ['params', 'stepTable', 'inputs', 'targets', 'losses', 'theta', ...(slots as BindingRole[])];
  if (!placement.inWorkgroup.has('scratch')) bindings.push('scratch');
  if (spec.feedback) bindings.push('feedback');
  return bindings;
}

export function trainStepsShader(spec: ShaderSpec): TrainStepsShader {
  const { layout, workgroupSize: wg } = spec;
  const scratch = stepsScratch(spec);
  const slots = slotNames(spec.optimizer);
  const placement = placementOf(spec, scratch, slots);
  const bindings = trainStepsBindings(spec);
  const declarations = bindingDeclarations(bindings, placement.inWorkgroup);
  const shared = [...placement.inWorkgroup].map((name) => `var<workgroup> ${name}: array<f32, ${name === 'scratch' ? scratch.size : layout.parameterCount}>;`);
  const copied = [...placement.inWorkgroup].filter((name) => name !== 'scratch');
  const outside = ['theta', 'scratch', ...slots].filter((name) => !placement.inWorkgroup.has(name));
  if (spec.batched && outside.length > 0) throw new Error(`a batched sweep needs ${outside.join(', ')} in workgroup memory`);
  const run = runOffsets(spec);
  const writer = new StepWriter(spec, scratch);
  const adapts = adaptsLearningRate(spec.optimizer);
  const step = adapts ? '(s + 1u)' : 's';
  const coefficient = (k: number): string => `bitcast<f32>(stepTable[${run.coefficients}${STEP_COEFFICIENTS}u * ${step}${k > 0 ? ` + ${k}u` : ''}])`;
  // The -HD rules: α as it stands, the updates so far, and Adam-HD's coefficients of the step before the first.
  const adaptedState = adapts
    ? `
  var alpha = bitcast<f32>(stepTable[${run.alpha}]);
  let firstStep = stepTable[${run.coefficients}1u];
  var previousFactor = bitcast<f32>(stepTable[${run.coefficients}2u]);
  var previousEpsilonHat = bitcast<f32>(stepTable[${run.coefficients}3u]);`
    : '';
  const carried = spec.optimizer === 'adam-hd' ? `
    previousFactor = stepSize;
    previousEpsilonHat = epsilonHat;` : '';
  const code = `// LocoLab fused training steps: ${layout.layers.map((l) => l.inputSize).join('-')}-${layout.layers[layout.layers.length - 1].outputSize}, batch ${spec.batchSize}, ${spec.optimizer}
struct Params { steps: u32, regularizationRate: f32, hypergradientRate: f32, unused: u32 }
${declarations.join('\n')}
${shared.join('\n')}
${HELPERS}
${lossFunctions(spec.lossKind)}

@compute @workgroup_size(${wg})
fn main(${run.builtins}) {${run.lets}
  ${workgroupCopies(copied, layout.parameterCount, wg, 'in', run.state)}
  sync();
  let rowsBase = ${run.rows};${adaptedState}
  for (var s = 0u; s < params.steps; s++) {
    let lr = ${coefficient(0)};
    let mu = ${coefficient(1)};
    let stepSize = ${coefficient(2)};
    let epsilonHat = ${coefficient(3)};
    let rowsAt = rowsBase + s * ${spec.batchSize}u;
${writer
  .step(run.rates)
  .map((phase) => `${phase}\n    sync();`)
  .join('\n')}${carried}
  }
  ${workgroupCopies(copied, layout.parameterCount, wg, 'out', run.state)}
}
`;
  return { code, bindings, scratch, scratchFloats: placement.inWorkgroup.has('scratch') ? 0 : scratch.size, placement };
}
