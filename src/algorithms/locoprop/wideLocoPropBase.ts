/**
 * The building blocks of the wide LocoProp kernel's WGSL (wideLocoPropWgsl.ts writes its phases with them): the
 * per-group uniform, the prelude every entry point reads its coefficients with, the tile shape of its matrix
 * products, and an entry point's frame (one invocation per output tile or row, or consecutive ranges of them).
 */
import { outputActivationFor } from '../../engine/model/losses';
import type { Activation } from '../../engine/names';
import type { LocoPropShaderSpec } from './locopropStepsWgsl';
import { softmaxRows } from '../../engine/fused/wgslFormulas';
import { rangeBranches, tiledProduct, tilesOf as tilesOfProduct, WIDE_WORKGROUP_SIZE, type InvocationRange, type WidePhase } from '../../engine/fused/wgslTiles';

/**
 * Rows of A per register tile (its columns: wgslTiles.ts's TILE = 4). An inner iteration is two matrix products
 * per layer, bound on the software GPU by loads: 16 rows load B's four values once for 64 products where 4 rows
 * load them for 16. On SwiftShader (2 cores) the paper scene's outer step took 413 ms of GPU-process CPU time
 * with 16 rows, 471 with 8, 556 with 4 and 768 with 2 in one back-to-back run, and 32 rows were slower than 16
 * (2026-12-05, bench/webgpu-fused-bench.ts's CPU-time column). Every element still sums over d in order.
 */
export const WIDE_TILE_ROWS = 16;

/** Tiles of an R × C product in this kernel's tile shape. */
export function tilesOf(rows: number, cols: number): number {
  return tilesOfProduct(rows, cols, WIDE_TILE_ROWS);
}

export type WideLocoPropSpec = Omit<LocoPropShaderSpec, 'workgroupSize' | 'workgroupBytes'>;

export const PARAMS = 'struct Params { step: u32, rowsAt: u32, coefficient: u32, unused0: u32, regularizationRate: f32, gamma: f32, proximalWeight: f32, unused1: f32 }';

const PRELUDE = `let s = params.step;
  let rowsAt = params.rowsAt;
  let lr = bitcast<f32>(stepTable[params.coefficient]);
  let mu = bitcast<f32>(stepTable[params.coefficient + 1u]);
  let stepSize = bitcast<f32>(stepTable[params.coefficient + 2u]);
  let epsilonHat = bitcast<f32>(stepTable[params.coefficient + 3u]);`;

export class WideLocoPropBase {
  protected readonly layers;
  protected readonly last: number;
  protected readonly batch: number;
  protected readonly transfer: Activation[];
  protected readonly softmax: boolean;
  readonly entries: string[] = [];
  readonly phases: WidePhase[] = [];

  constructor(protected readonly spec: WideLocoPropSpec, protected readonly at: (region: string, index: string) => string) {
    this.layers = spec.layout.layers;
    this.last = this.layers.length - 1;
    this.batch = spec.batchSize;
    this.softmax = spec.lossKind === 'softmax-cross-entropy';
    const output = outputActivationFor(spec.lossKind);
    this.transfer = this.layers.map((layer, m) => (m < this.last ? layer.activation : output === 'softmax' ? 'linear' : output));
  }

  protected entry(name: string, invocations: number, body: string, before = ''): string {
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
  protected input(m: number, r: string, i: string, rowIndex: boolean): string {
    const n = this.layers[m].inputSize;
    if (m === 0) return rowIndex ? `inputs[row_${r} * ${n}u + ${i}]` : `inputs[stepTable[rowsAt + ${r}] * ${n}u + ${i}]`;
    return this.at(`y${m - 1}`, `${r} * ${n}u + ${i}`);
  }

  /** A = X_m W_m + b_m by tiles of the B × k output, then `epilogue` per element with `a`, `e`, `r`, `j`. */
  protected preActivation(m: number, epilogue: string, tile = 'inv'): string {
    const { inputSize: n, outputSize: k, weightOffset, biasOffset } = this.layers[m];
    const rows = Array.from({ length: WIDE_TILE_ROWS }, (_, u) => `ra${u}`);
    return tiledProduct(
      {
        rows: this.batch,
        cols: k,
        depth: n,
        a: (r, d) => this.input(m, r, d, true),
        b: (d, c) => `theta[${weightOffset}u + ${d} * ${k}u + ${c}]`,
        label: 'X_m W_m',
        tileRows: WIDE_TILE_ROWS,
        prelude: m === 0 ? rows.map((r) => `let row_${r} = stepTable[rowsAt + ${r}];`).join(' ') : '',
        epilogue: `let j = c;
          let e = r * ${k}u + j;
          let a = sum + theta[${biasOffset}u + j];
          ${epilogue}`,
      },
      tile,
    );
  }


  protected rows(name: string, region: string, body: string): string {
    const k = this.layers[this.last].outputSize;
    const stride = Math.ceil(this.batch / WIDE_WORKGROUP_SIZE) * WIDE_WORKGROUP_SIZE;
    const loop = softmaxRows({ batchSize: this.batch, width: k, workgroupSize: stride, logit: (j) => this.at(region, `r * ${k}u + ${j}`) }, body);
    return this.entry(name, this.batch, `let lid = inv;\n  ${loop}`);
  }

  /** One dispatch over consecutive ranges of invocations, each range its own body with its index `local`. */
  protected ranges(name: string, ranges: InvocationRange[]): string {
    const { code, invocations } = rangeBranches(ranges);
    return this.entry(name, invocations, code);
  }
}
