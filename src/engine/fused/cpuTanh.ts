/**
 * tanh stored as float32 — `Math.fround(Math.tanh(a))` — the same bits in about half the time, for the fused CPU
 * evaluation (cpuEvaluate.ts; issue 17 §8): Math.tanh is a call into the engine's libm (V8: base::ieee754::tanh,
 * fdlibm's s_tanh.c) of ~15 ns, and the 8,000 of a 2-8-8-1 checkpoint over 500 rows were ~130 of its ~160 µs, a
 * tenth of a sweep's CPU time (bench/sweep-bench.ts).
 *
 * On (0, TANH_TABLE_END) the value is x · q(x), q(x) = tanh(x)/x, with q interpolated on each of the
 * TANH_INTERVALS intervals of width 1/TANH_SEGMENTS_PER_UNIT at TANH_DEGREE + 1 Chebyshev nodes (Trefethen,
 * *Approximation Theory and Approximation Practice*, ch. 2–8: q is analytic within π/2 of the real line, so the
 * interpolant converges geometrically); its relative error is below 2e-12. The result is kept only where the whole
 * interval f ± TANH_GUARD·f rounds to one float32: Math.tanh(x) lies in that interval for any engine whose tanh is
 * faithful (an error below one double ulp, far inside the guard), and rounding to float32 is monotone, so it rounds
 * to the same float32. Elsewhere Math.tanh is called (2 of the 8,000 elements of a 2-8-8-1 checkpoint; 0.003 % of
 * all float32 in [0, 10)). The polynomial is evaluated by Estrin's scheme and the sign carried by x itself, with
 * no branch on it (8,000 elements: 123–136 µs with Math.tanh, 62–68 µs here, CPU time in Node 20). Past
 * TANH_TABLE_END, 1 − tanh(x) < 5e-9 < 2^-25 (half a float32 ulp below 1), so tanh rounds to ±1.
 * bench/verify-tanh.ts compares every non-negative float32 (and every 7th negative one) with
 * Math.fround(Math.tanh(x)): 2,444,680,047 values, no mismatch, in Node 20 (V8's tanh, as Chromium's).
 */

export const TANH_SEGMENTS_PER_UNIT = 16;
export const TANH_TABLE_END = 10;
export const TANH_INTERVALS = TANH_TABLE_END * TANH_SEGMENTS_PER_UNIT;
export const TANH_DEGREE = 5;
/** The relative half-width of the interval that must round to one float32 (the interpolant's error is < 2e-12). */
export const TANH_GUARD = 1e-11;

const STRIDE = TANH_DEGREE + 1;
const HALF_WIDTH = 0.5 / TANH_SEGMENTS_PER_UNIT;

/** q(x) = tanh(x)/x (1 at 0). */
function q(x: number): number {
  return x === 0 ? 1 : Math.tanh(x) / x;
}

/** Solves V c = y in place (Gaussian elimination with partial pivoting); V is n × n, row-major. */
function solve(v: Float64Array, y: Float64Array, n: number): Float64Array {
  for (let col = 0; col < n; col++) {
    let pivot = col;
    for (let r = col + 1; r < n; r++) if (Math.abs(v[r * n + col]) > Math.abs(v[pivot * n + col])) pivot = r;
    if (pivot !== col) {
      for (let k = 0; k < n; k++) [v[col * n + k], v[pivot * n + k]] = [v[pivot * n + k], v[col * n + k]];
      [y[col], y[pivot]] = [y[pivot], y[col]];
    }
    for (let r = col + 1; r < n; r++) {
      const factor = v[r * n + col] / v[col * n + col];
      for (let k = col; k < n; k++) v[r * n + k] -= factor * v[col * n + k];
      y[r] -= factor * y[col];
    }
  }
  const c = new Float64Array(n);
  for (let r = n - 1; r >= 0; r--) {
    let sum = y[r];
    for (let k = r + 1; k < n; k++) sum -= v[r * n + k] * c[k];
    c[r] = sum / v[r * n + r];
  }
  return c;
}

/**
 * Each interval's interpolant of q in monomials of s = (x − centre)/HALF_WIDTH ∈ [−1, 1], lowest degree first:
 * the polynomial through q at the Chebyshev points cos((2k + 1)π / (2n)), n = TANH_DEGREE + 1.
 */
function buildTable(): Float64Array {
  const table = new Float64Array(TANH_INTERVALS * STRIDE);
  const nodes = Array.from({ length: STRIDE }, (_, k) => Math.cos(((2 * k + 1) * Math.PI) / (2 * STRIDE)));
  for (let i = 0; i < TANH_INTERVALS; i++) {
    const centre = (i + 0.5) / TANH_SEGMENTS_PER_UNIT;
    const v = new Float64Array(STRIDE * STRIDE);
    const y = new Float64Array(STRIDE);
    nodes.forEach((s, r) => {
      for (let k = 0; k < STRIDE; k++) v[r * STRIDE + k] = s ** k;
      y[r] = q(centre + s * HALF_WIDTH);
    });
    table.set(solve(v, y, STRIDE), i * STRIDE);
  }
  return table;
}

const TABLE = buildTable();
const fround = Math.fround;

let exactCalls = 0;

/** How many elements took Math.tanh itself since the last reset (the guard refused the interpolant). */
export function tanhExactCalls(): number {
  return exactCalls;
}

export function resetTanhExactCalls(): void {
  exactCalls = 0;
}

/** The interpolant x · q(|x|) in double, for 0 < |x| < TANH_TABLE_END (bench/verify-tanh.ts measures its error). */
export function interpolatedTanh(x: number): number {
  const ax = Math.abs(x);
  const i = (ax * TANH_SEGMENTS_PER_UNIT) | 0;
  // s = (ax − centre) / HALF_WIDTH, exact: ax · 2 · TANH_SEGMENTS_PER_UNIT is a power-of-two multiple.
  const s = ax * (2 * TANH_SEGMENTS_PER_UNIT) - (2 * i + 1);
  const at = i * STRIDE;
  const s2 = s * s;
  const p = TABLE[at] + TABLE[at + 1] * s + s2 * (TABLE[at + 2] + TABLE[at + 3] * s + s2 * (TABLE[at + 4] + TABLE[at + 5] * s));
  return x * p;
}

/** Math.fround(Math.tanh(x)), the same bits (see the module comment); x need not be a float32 for the result to hold. */
export function tanhF32(x: number): number {
  const ax = Math.abs(x);
  if (ax < TANH_TABLE_END) {
    if (x === 0) return x; // ±0 as Math.tanh keeps it
    const f = interpolatedTanh(x);
    const margin = f * TANH_GUARD;
    const rounded = fround(f - margin);
    if (rounded === fround(f + margin)) return rounded;
    exactCalls += 1;
    return fround(Math.tanh(x));
  }
  if (ax >= TANH_TABLE_END) return x < 0 ? -1 : 1;
  return fround(Math.tanh(x)); // NaN
}
