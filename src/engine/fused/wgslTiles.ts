/**
 * The matrix products of the fused WebGPU kernels' wide path (algorithms/backprop/wideStepsWgsl.ts,
 * algorithms/locoprop/wideLocoPropWgsl.ts) as WGSL: register tiles, one per invocation; and the path's
 * dispatches (webgpuWideDispatch.ts): their workgroup size and the phases a step is made of.
 */

/** Invocations per workgroup of every wide dispatch. */
export const WIDE_WORKGROUP_SIZE = 64;

/** One dispatch of a step: its entry point and how many invocations it needs. */
export interface WidePhase {
  entryPoint: string;
  invocations: number;
}

/** Rows and columns of the output tile each invocation of a matrix product keeps in registers. */
export const TILE = 4;

/**
 * A matrix product P = A·B (R × D by D × C) in TILE × TILE register tiles, one tile per invocation `t`: per
 * d, TILE values of A and TILE of B make TILE² products (loads per product 2/TILE where one element per
 * invocation takes 2). Edge tiles read clamped indices and skip the elements past R or C. Every element
 * sums its products in d's order, as one element per invocation would, so the tiles do not change the
 * rounding. `epilogue` then runs for each element (r, c) with its product in `sum`.
 */
export interface TiledProduct {
  rows: number;
  cols: number;
  depth: number;
  a: (r: string, d: string) => string;
  b: (d: string, c: string) => string;
  /**
   * Rows of the tile (TILE unless set; its columns are always TILE, one vec4). More rows load B's four values
   * once for more products: LocoProp's wide kernel takes WIDE_TILE_ROWS (algorithms/locoprop/wideLocoPropBase.ts).
   */
  tileRows?: number;
  /** Names the depth loop (a comment on its line). */
  label: string;
  /** Lines before the loop, e.g. the batch rows' indices (`ra0`… are the clamped rows in scope). */
  prelude?: string;
  epilogue: string;
}

export function tilesOf(rows: number, cols: number, tileRows = TILE): number {
  return Math.ceil(rows / tileRows) * Math.ceil(cols / TILE);
}

export function tiledProduct({ rows, cols, depth, a, b, label, tileRows = TILE, prelude = '', epilogue }: TiledProduct, t: string): string {
  const tilesPerRow = Math.ceil(cols / TILE);
  const lanes = Array.from({ length: TILE }, (_, u) => u);
  const rowLanes = Array.from({ length: tileRows }, (_, u) => u);
  return `let r0 = (${t} / ${tilesPerRow}u) * ${tileRows}u;
    let c0 = (${t} % ${tilesPerRow}u) * ${TILE}u;
    ${rowLanes.map((u) => `let ra${u} = min(r0 + ${u}u, ${rows - 1}u);`).join(' ')}
    ${lanes.map((u) => `let ca${u} = min(c0 + ${u}u, ${cols - 1}u);`).join(' ')}
    ${prelude}
    ${rowLanes.map((u) => `var acc${u} = vec4<f32>(0.0f);`).join(' ')}
    for (var d = 0u; d < ${depth}u; d++) { // ${label}
      let w = vec4<f32>(${lanes.map((u) => b('d', `ca${u}`)).join(', ')});
      ${rowLanes.map((u) => `acc${u} = acc${u} + ${a(`ra${u}`, 'd')} * w;`).join('\n      ')}
    }
    var tile = array<vec4<f32>, ${tileRows}>(${rowLanes.map((u) => `acc${u}`).join(', ')});
    for (var tr = 0u; tr < ${tileRows}u; tr++) {
      for (var tc = 0u; tc < ${TILE}u; tc++) {
        let r = r0 + tr;
        let c = c0 + tc;
        if (r < ${rows}u && c < ${cols}u) {
          let sum = tile[tr][tc];
          ${epilogue}
        }
      }
    }`;
}

/** A range of invocations and the body it runs, given its index within the range (`local`). */
export interface InvocationRange {
  count: number;
  body: (local: string) => string;
}

/** Consecutive ranges of one dispatch's invocations as one if/else chain, and the invocations they cover. */
export function rangeBranches(ranges: InvocationRange[]): { code: string; invocations: number } {
  let start = 0;
  const branches = ranges.map(({ count, body }) => {
    const branch = `if (inv < ${start + count}u) {
    let local = inv - ${start}u;
    ${body('local')}
  }`;
    start += count;
    return branch;
  });
  return { code: branches.join(' else '), invocations: start };
}
