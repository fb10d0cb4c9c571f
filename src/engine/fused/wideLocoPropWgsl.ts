/**
 * WGSL for LocoProp outer steps (S and M) of an MLP too wide for one workgroup: the phases of the
 * one-workgroup kernel (locopropStepsWgsl.ts, whose header lists the formulas and their sources) as compute
 * dispatches over the whole GPU, one entry point per phase, each matrix product in register tiles
 * (wgslTiles.ts) summing in the one-workgroup kernel's order. An outer step is
 *
 *   outerStart (with the proximal term or resetInner), forward m = 0..M−1, softmaxForward (softmax output),
 *   deltas m = M−1..1, localTargets (T_m and the first residual of every layer; also sums the step's loss), then
 *   for each inner iteration k: (k > 0) residual m = 0..M−1 and softmaxResidual (M on a softmax output),
 *   then update (every layer's weight tiles and biases).
 *
 * The outer step, its rows and the inner iteration's coefficients come in a 32-byte uniform at a dynamic
 * offset, one per inner iteration (webgpuWideLocoProp.ts encodes them).
 */
import { outputActivationFor } from '../model/losses';
import type { Activation } from '../names';
import type { LocoPropShaderSpec } from './locopropStepsWgsl';
import { slotCountOf } from './trainStepsWgsl';
import { activate, f32, HELPERS, lossFunctions, optimizerUpdate, penalty, SOFTMAX_LOSS_TERM, softmaxRows, timesDerivative } from './wgslFormulas';
import { bindingDeclarations, type BindingRole } from './wgslLayout';
import { TILE, tiledProduct, tilesOf } from './wgslTiles';
import { WIDE_WORKGROUP_SIZE, type WidePhase } from './wideStepsWgsl';

export type WideLocoPropSpec = Omit<LocoPropShaderSpec, 'workgroupSize' | 'workgroupBytes'>;

export interface WideLocoPropShader {
  code: string;
  bindings: BindingRole[];
  scratchFloats: number;
  paramsBytes: number;
  phases: WidePhase[];
  /** The entry points of an outer step's first group (through k = 0's update) and of each later inner iteration. */
  outer: string[];
  inner: string[];
}

const PARAMS = 'struct Params { step: u32, rowsAt: u32, coefficient: u32, unused0: u32, regularizationRate: f32, gamma: f32, proximalWeight: f32, unused1: f32 }';

const PRELUDE = `let s = params.step;
  let rowsAt = params.rowsAt;
  let lr = bitcast<f32>(stepTable[params.coefficient]);
  let mu = bitcast<f32>(stepTable[params.coefficient + 1u]);
  let stepSize = bitcast<f32>(stepTable[params.coefficient + 2u]);
  let epsilonHat = bitcast<f32>(stepTable[params.coefficient + 3u]);`;

class WideLocoPropWriter {
  private readonly layers;
  private readonly last: number;
  private readonly batch: number;
  private readonly transfer: Activation[];
  private readonly softmax: boolean;
  readonly entries: string[] = [];
  readonly phases: WidePhase[] = [];

  constructor(private readonly spec: WideLocoPropSpec, private readonly at: (region: string, index: string) => string) {
    this.layers = spec.layout.layers;
    this.last = this.layers.length - 1;
    this.batch = spec.batchSize;
    this.softmax = spec.lossKind === 'softmax-cross-entropy';
    const output = outputActivationFor(spec.lossKind);
    this.transfer = this.layers.map((layer, m) => (m < this.last ? layer.activation : output === 'softmax' ? 'linear' : output));
  }

  private entry(name: string, invocations: number, body: string, before = ''): string {
    this.phases.push({ entryPoint: name, invocations });
    this.entries.push(`
@compute @workgroup_size(${WIDE_WORKGROUP_SIZE})
fn ${name}(@builtin(global_invocation_id) gid: vec3<u32>) {
  ${PRELUDE}
  let inv = gid.x;${before}
  if (inv >= ${invocations}u) { return; }
  ${body}
}`);
    return name;
  }

  /** X_m[r, i]: a row of the training set (its index row_r in scope) for the first layer, Y_{m−1} otherwise. */
  private input(m: number, r: string, i: string, rowIndex: boolean): string {
    const n = this.layers[m].inputSize;
    if (m === 0) return rowIndex ? `inputs[row_${r} * ${n}u + ${i}]` : `inputs[stepTable[rowsAt + ${r}] * ${n}u + ${i}]`;
    return this.at(`y${m - 1}`, `${r} * ${n}u + ${i}`);
  }

  /** A = X_m W_m + b_m by tiles of the B × k output, then `epilogue` per element with `a`, `e`, `r`, `j`. */
  private preActivation(m: number, epilogue: string): string {
    const { inputSize: n, outputSize: k, weightOffset, biasOffset } = this.layers[m];
    const rows = Array.from({ length: TILE }, (_, u) => `ra${u}`);
    return tiledProduct(
      {
        rows: this.batch,
        cols: k,
        depth: n,
        a: (r, d) => this.input(m, r, d, true),
        b: (d, c) => `theta[${weightOffset}u + ${d} * ${k}u + ${c}]`,
        label: 'X_m W_m',
        prelude: m === 0 ? rows.map((r) => `let row_${r} = stepTable[rowsAt + ${r}];`).join(' ') : '',
        epilogue: `let j = c;
          let e = r * ${k}u + j;
          let a = sum + theta[${biasOffset}u + j];
          ${epilogue}`,
      },
      'inv',
    );
  }

  outerStart(): string | null {
    const lines: string[] = [];
    if (this.spec.proximal) lines.push(`${this.at('start', 'p')} = theta[p];`);
    if (this.spec.resetInner) {
      // FlatOptimizer.reset: TF1 RMSProp's mean square starts at 1, every other slot at 0.
      Array.from({ length: slotCountOf(this.spec.optimizer) }, (_, i) => lines.push(`slot${i}[p] = ${this.spec.optimizer === 'rmsprop-tf1' && i === 0 ? '1.0f' : '0.0f'};`));
    }
    if (lines.length === 0) return null;
    return this.entry('outerStart', this.spec.layout.parameterCount, `let p = inv;\n  ${lines.join('\n  ')}`);
  }

  forward(m: number): string {
    const k = this.layers[m].outputSize;
    const output =
      m === this.last && !this.softmax
        ? `let t = targets[stepTable[rowsAt + r] * ${k}u + j];
          ${this.at('loss', 'e')} = elementLoss(a, t);
          ${this.at(`d${m}`, 'e')} = (y - t) / ${f32(this.batch)};`
        : '';
    return this.entry(
      `forward${m}`,
      tilesOf(this.batch, k),
      this.preActivation(
        m,
        `let y = ${activate('a', this.transfer[m])};
          ${this.at(`y${m}`, 'e')} = y;
          ${this.spec.variant === 'S' ? `${this.at(`t${m}`, 'e')} = a;` : ''}
          ${output}`,
      ),
    );
  }

  private rows(name: string, region: string, body: string): string {
    const k = this.layers[this.last].outputSize;
    const stride = Math.ceil(this.batch / WIDE_WORKGROUP_SIZE) * WIDE_WORKGROUP_SIZE;
    const loop = softmaxRows({ batchSize: this.batch, width: k, workgroupSize: stride, logit: (j) => this.at(region, `r * ${k}u + ${j}`) }, body);
    return this.entry(name, this.batch, `let lid = inv;\n  ${loop}`);
  }

  softmaxForward(): string {
    const k = this.layers[this.last].outputSize;
    return this.rows(
      'softmaxForward',
      `y${this.last}`,
      `let t = targets[stepTable[rowsAt + r] * ${k}u + j];
        ${this.at('loss', 'e')} = ${SOFTMAX_LOSS_TERM};
        ${this.at(`y${this.last}`, 'e')} = p;
        ${this.at(`d${this.last}`, 'e')} = (p - t) / ${f32(this.batch)};`,
    );
  }

  deltas(m: number): string {
    const { inputSize: n, outputSize: k, weightOffset } = this.layers[m];
    const product = tiledProduct(
      {
        rows: this.batch,
        cols: n,
        depth: k,
        a: (r, d) => this.at(`d${m}`, `${r} * ${k}u + ${d}`),
        b: (d, c) => `theta[${weightOffset}u + ${c} * ${k}u + ${d}]`,
        label: 'G_m W_m^T',
        epilogue: `let e = r * ${n}u + c;
          let y = ${this.at(`y${m - 1}`, 'e')};
          ${this.at(`d${m - 1}`, 'e')} = ${timesDerivative('sum', 'y', this.layers[m - 1].activation)};`,
      },
      'inv',
    );
    return this.entry(`deltas${m}`, tilesOf(this.batch, n), product);
  }

  /** T_m = H_m − γG_m and the first residual δ = H − T, every layer; one invocation also sums the loss. */
  targets(): string {
    let start = 0;
    const branches = this.layers.map(({ outputSize: k }, m) => {
      const current = this.spec.variant === 'S' ? `t${m}` : `y${m}`;
      const branch = `if (inv < ${start + this.batch * k}u) {
    let e = inv - ${start}u;
    let h = ${this.at(current, 'e')};
    let goal = h - params.gamma * ${this.at(`d${m}`, 'e')};
    ${this.at(`t${m}`, 'e')} = goal;
    ${this.at(`d${m}`, 'e')} = h - goal;
  }`;
      start += this.batch * k;
      return branch;
    });
    const terms = this.batch * this.layers[this.last].outputSize;
    const loss = `
  if (inv == 0u) {
    var lossSum = 0.0f;
    for (var q = 0u; q < ${terms}u; q++) {
      lossSum = lossSum + ${this.at('loss', 'q')};
    }
    losses[s] = lossSum / ${f32(this.batch)};
  }`;
    return this.entry('localTargets', start, branches.join(' else '), loss);
  }

  /** δ = Ã − T (S) or f(Ã) − T (M) from the inner iterate θ̃; M's softmax output keeps Ã for softmaxResidual. */
  residual(m: number): string {
    const output = this.spec.variant === 'S' ? 'a' : activate('a', this.transfer[m]);
    const residual = m === this.last && this.needsSoftmaxResidual() ? 'a' : `${output} - ${this.at(`t${m}`, 'e')}`;
    return this.entry(`residual${m}`, tilesOf(this.batch, this.layers[m].outputSize), this.preActivation(m, `${this.at(`d${m}`, 'e')} = ${residual};`));
  }

  needsSoftmaxResidual(): boolean {
    return this.softmax && this.spec.variant === 'M';
  }

  softmaxResidual(): string {
    const last = this.last;
    return this.rows('softmaxResidual', `d${last}`, `${this.at(`d${last}`, 'e')} = p - ${this.at(`t${last}`, 'e')};`);
  }

  /** ∇W̃ = X_mᵀδ (+ penalty), ∇b̃ = 1ᵀδ, + (θ̃ − θ)/η, and the inner optimizer's update, every layer. */
  update(): string {
    const proximal = this.spec.proximal ? `g = g + (theta[p] - ${this.at('start', 'p')}) * params.proximalWeight;` : '';
    const ranges: { count: number; body: (local: string) => string }[] = [];
    this.layers.forEach(({ inputSize: n, outputSize: k, weightOffset }, m) =>
      ranges.push({
        count: tilesOf(n, k),
        body: (t) =>
          tiledProduct(
            {
              rows: n,
              cols: k,
              depth: this.batch,
              a: (i, r) => this.input(m, r, i, false),
              b: (r, j) => this.at(`d${m}`, `${r} * ${k}u + ${j}`),
              label: 'X_m^T delta_m',
              epilogue: `let p = ${weightOffset}u + r * ${k}u + c;
          var g = sum;
          ${proximal}
          ${penalty(this.spec.regularization)}
          ${optimizerUpdate(this.spec.optimizer)}`,
            },
            t,
          ),
      }),
    );
    this.layers.forEach(({ outputSize: k, biasOffset }, m) =>
      ranges.push({
        count: k,
        body: (j) => `let p = ${biasOffset}u + ${j};
    var sum = 0.0f;
    for (var r = 0u; r < ${this.batch}u; r++) {
      sum = sum + ${this.at(`d${m}`, `r * ${k}u + ${j}`)};
    }
    var g = sum;
    ${proximal}
    ${optimizerUpdate(this.spec.optimizer)}`,
      }),
    );
    let start = 0;
    const branches = ranges.map(({ count, body }) => {
      const branch = `if (inv < ${start + count}u) {
    let local = inv - ${start}u;
    ${body('local')}
  }`;
      start += count;
      return branch;
    });
    return this.entry('update', start, branches.join(' else '));
  }
}

export function wideLocoPropShader(spec: WideLocoPropSpec): WideLocoPropShader {
  const { layout, batchSize } = spec;
  const layers = layout.layers;
  const regions: [string, number][] = [
    ...layers.map((l, m): [string, number] => [`d${m}`, batchSize * l.outputSize]),
    ...layers.map((l, m): [string, number] => [`y${m}`, batchSize * l.outputSize]),
    ...layers.map((l, m): [string, number] => [`t${m}`, batchSize * l.outputSize]),
    ['loss', batchSize * layers[layers.length - 1].outputSize],
  ];
  if (spec.proximal) regions.push(['start', layout.parameterCount]);
  const offsets = new Map<string, number>();
  let scratchFloats = 0;
  for (const [name, floats] of regions) {
    offsets.set(name, scratchFloats);
    scratchFloats += floats;
  }
  const at = (region: string, index: string): string => `scratch[${offsets.get(region)}u + ${index}]`;
  const writer = new WideLocoPropWriter(spec, at);
  const last = layers.length - 1;
  const outer: string[] = [];
  const start = writer.outerStart();
  if (start) outer.push(start);
  layers.forEach((_, m) => outer.push(writer.forward(m)));
  if (spec.lossKind === 'softmax-cross-entropy') outer.push(writer.softmaxForward());
  for (let m = last; m >= 1; m--) outer.push(writer.deltas(m));
  outer.push(writer.targets());
  const inner = layers.map((_, m) => writer.residual(m));
  if (writer.needsSoftmaxResidual()) inner.push(writer.softmaxResidual());
  const update = writer.update();
  outer.push(update);
  inner.push(update);
  const slots = Array.from({ length: slotCountOf(spec.optimizer) }, (_, i) => `slot${i}` as BindingRole);
  const bindings: BindingRole[] = ['params', 'stepTable', 'inputs', 'targets', 'losses', 'theta', ...slots, 'scratch'];
  const code = `// LocoLab wide LocoProp-${spec.variant} steps: ${layers.map((l) => l.inputSize).join('-')}-${layers[last].outputSize}, batch ${batchSize}, K = ${spec.innerSteps}, inner ${spec.optimizer}
${PARAMS}
${bindingDeclarations(bindings, new Set()).join('\n')}
${HELPERS}
${lossFunctions(spec.lossKind)}
${writer.entries.join('\n')}
`;
  return { code, bindings, scratchFloats, paramsBytes: 32, phases: writer.phases, outer, inner };
}
