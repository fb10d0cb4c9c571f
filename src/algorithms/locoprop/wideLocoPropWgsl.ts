/**
 * WGSL for LocoProp outer steps (S and M) of an MLP too wide for one workgroup: the phases of the
 * one-workgroup kernel (locopropStepsWgsl.ts, whose header lists the formulas and their sources) as compute
 * dispatches over the whole GPU, each matrix product in register tiles (wgslTiles.ts) summing in the
 * one-workgroup kernel's order, and each element-wise formula that of the one-workgroup kernel, so the two
 * round alike. An outer step is
 *
 *   outerStart (with the proximal term or resetInner), forward m = 0..M−1, softmaxForward (softmax output),
 *   deltas m = M−1..1 (the first also sums the step's loss), then for each inner iteration k: (k > 0)
 *   residuals and softmaxResidual (M on a softmax output), then update (every layer's weight tiles and biases).
 *
 * Where a phase can take another's work without a barrier between them, it does: each element's target
 * T_m = H_m − γG_m and first residual H_m − T_m are written by the invocation that computes G_m (the output
 * layer's forward or softmaxForward, else deltas m + 1), and the inner iterations' residuals of all layers are
 * one dispatch, since each layer's local loss reads only its own θ̃_m and the outer step's fixed input X_m
 * (Amid et al. 2022, LocoProp, §3). An outer step of K ≥ 1 inner iterations on M ≥ 2 layers is 2M + 2(K − 1)
 * dispatches (+1 for outerStart, +1 for a softmax output and K − 1 more for M's softmax rows), where one
 * dispatch per phase and layer took 2M + 1 + (K − 1)(M + 1).
 *
 * The entry points' frame, the tile shape and the uniform are wideLocoPropBase.ts's. The outer step, its rows
 * and the inner iteration's coefficients come in a 32-byte uniform at a dynamic
 * offset, one per inner iteration (webgpuWideLocoProp.ts encodes them).
 */
import { activate, f32, HELPERS, lossFunctions, optimizerUpdate, penalty, SOFTMAX_LOSS_TERM, timesDerivative } from '../../engine/fused/wgslFormulas';
import { bindingDeclarations, slotCountOf, type BindingRole } from '../../engine/fused/wgslLayout';
import { tiledProduct, type WidePhase } from '../../engine/fused/wgslTiles';
import { PARAMS, tilesOf, WIDE_TILE_ROWS, WideLocoPropBase, type WideLocoPropSpec } from './wideLocoPropBase';

export { tilesOf, WIDE_TILE_ROWS, type WideLocoPropSpec };

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

class WideLocoPropWriter extends WideLocoPropBase {
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

  /**
   * T = H − γG and the first residual δ = H − T for element `e` of layer m, from G in `g` (also stored for the
   * backward products) and H in `h`: the current output, Y for M and the pre-activation for S.
   */
  private targets(m: number, h: string, g: string): string {
    return `${this.at(`g${m}`, 'e')} = ${g};
          let h = ${h};
          let goal = h - params.gamma * ${g};
          ${this.at(`t${m}`, 'e')} = goal;
          ${this.at(`d${m}`, 'e')} = h - goal;`;
  }

  forward(m: number): string {
    const k = this.layers[m].outputSize;
    const S = this.spec.variant === 'S';
    const output =
      m === this.last && !this.softmax
        ? `let t = targets[stepTable[rowsAt + r] * ${k}u + j];
          ${this.at('loss', 'e')} = elementLoss(a, t);
          let g = (y - t) / ${f32(this.batch)};
          ${this.targets(m, S ? 'a' : 'y', 'g')}`
        : S
          ? `${this.at(`t${m}`, 'e')} = a;`
          : '';
    return this.entry(
      `forward${m}`,
      tilesOf(this.batch, k),
      this.preActivation(
        m,
        `let y = ${activate('a', this.transfer[m])};
          ${this.at(`y${m}`, 'e')} = y;
          ${output}`,
      ),
    );
  }

  softmaxForward(): string {
    const k = this.layers[this.last].outputSize;
    return this.rows(
      'softmaxForward',
      `y${this.last}`,
      `let t = targets[stepTable[rowsAt + r] * ${k}u + j];
        ${this.at('loss', 'e')} = ${SOFTMAX_LOSS_TERM};
        ${this.at(`y${this.last}`, 'e')} = p;
        let g = (p - t) / ${f32(this.batch)};
        ${this.targets(this.last, this.spec.variant === 'S' ? 'a' : 'p', 'g')}`,
    );
  }

  /** G_{m−1} = (G_m W_mᵀ) ⊙ f'(Y_{m−1}), then layer m − 1's targets; the output layer's also sums the step's loss. */
  deltas(m: number): string {
    const { inputSize: n, outputSize: k, weightOffset } = this.layers[m];
    const h = this.spec.variant === 'S' ? this.at(`t${m - 1}`, 'e') : 'y';
    const product = tiledProduct(
      {
        rows: this.batch,
        cols: n,
        depth: k,
        a: (r, d) => this.at(`g${m}`, `${r} * ${k}u + ${d}`),
        b: (d, c) => `theta[${weightOffset}u + ${c} * ${k}u + ${d}]`,
        label: 'G_m W_m^T',
        tileRows: WIDE_TILE_ROWS,
        epilogue: `let e = r * ${n}u + c;
          let y = ${this.at(`y${m - 1}`, 'e')};
          let g = ${timesDerivative('sum', 'y', this.layers[m - 1].activation)};
          ${this.targets(m - 1, h, 'g')}`,
      },
      'inv',
    );
    return this.entry(`deltas${m}`, tilesOf(this.batch, n), product, m === this.last ? this.loss() : '');
  }

  /** The step's mean loss before any weight moves, summed in order by one invocation (as the one-workgroup kernel). */
  private loss(): string {
    const terms = this.batch * this.layers[this.last].outputSize;
    return `
  if (inv == 0u) {
    var lossSum = 0.0f;
    for (var q = 0u; q < ${terms}u; q++) {
      lossSum = lossSum + ${this.at('loss', 'q')};
    }
    losses[s] = lossSum / ${f32(this.batch)};
  }`;
  }

  /** A one-layer network has no deltas phase to sum the loss in: its own one-invocation dispatch. */
  outerLoss(): string {
    return this.entry('outerLoss', 1, '', this.loss());
  }

  /**
   * δ = Ã − T (S) or f(Ã) − T (M) from the inner iterate θ̃, every layer in one dispatch (each invocation one
   * tile of one layer); M's softmax output keeps Ã for softmaxResidual.
   */
  residuals(): string {
    const output = (m: number) => (this.spec.variant === 'S' ? 'a' : activate('a', this.transfer[m]));
    return this.ranges(
      'residuals',
      this.layers.map(({ outputSize: k }, m) => ({
        count: tilesOf(this.batch, k),
        body: (t: string) => {
          const residual = m === this.last && this.needsSoftmaxResidual() ? 'a' : `${output(m)} - ${this.at(`t${m}`, 'e')}`;
          return this.preActivation(m, `${this.at(`d${m}`, 'e')} = ${residual};`, t);
        },
      })),
    );
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
              tileRows: WIDE_TILE_ROWS,
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
    return this.ranges('update', ranges);
  }
}

export function wideLocoPropShader(spec: WideLocoPropSpec): WideLocoPropShader {
  const { layout, batchSize } = spec;
  const layers = layout.layers;
  const regions: [string, number][] = [
    ...layers.map((l, m): [string, number] => [`g${m}`, batchSize * l.outputSize]),
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
  if (last === 0) outer.push(writer.outerLoss());
  const inner = [writer.residuals()];
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
