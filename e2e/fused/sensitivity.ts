/**
 * How ill-conditioned a parity case itself is: how far the plain path's own state moves after each step count
 * when its rounding is moved by about one float32 ulp. Measured with several patterns, since one can miss what
 * another finds: where a weight lands within a few ulps of a kink (L1's sign(w), a ReLU), which side it takes
 * is decided by rounding, and a whole step follows (RMSProp scales L1's 2λ jump to ~lr). Runs in the test
 * page (parityHarness.ts, locopropParity.ts).
 */
import { createRandom } from '../../src/engine/random';
import { exceedsBound, SENSITIVITY_PATTERNS, type StepErrors } from './parityBound';

/** One float32 rounding, relative (2⁻²³ ≈ 1.19e-7). */
const ONE_ROUNDING = 1.2e-7;

/** A moved rounding: θ₀ moved, and from pattern 1 on a factor for θ after every (outer) step. */
export interface RoundingPattern {
  /** Which pattern (0 moves θ₀ alone). */
  index: number;
  theta0: Float32Array;
  /** θ ← θ ⊙ afterStep() after each step; null leaves the steps alone (pattern 0). */
  afterStep: (() => Float32Array) | null;
}

/**
 * Pattern 0 moves θ₀ alone, alternately up and down by one rounding (the suite's only pattern until
 * 2026-12-05). Pattern k ≥ 1 moves θ₀ and then θ after every step, each element up or down by one rounding
 * with the signs of createRandom(100 + k): the fused kernel sums in its own order at every step, not only once
 * at θ₀, and on tanh · sigmoid cross-entropy · RMSProp · L1 (2-96-96-1) 8 of 25 such patterns left the plain
 * path at L1's kink by step 20 as the fused kernel does, against 1 of 25 that moved θ₀ alone.
 */
export function roundingPattern(theta0: Float32Array, pattern: number): RoundingPattern {
  if (pattern === 0) return { index: 0, theta0: theta0.map((x, i) => Math.fround(x * (1 + (i % 2 === 0 ? ONE_ROUNDING : -ONE_ROUNDING)))), afterStep: null };
  const random = createRandom(100 + pattern);
  const factors = (): Float32Array => Float32Array.from(theta0, () => (random.next() < 0.5 ? 1 + ONE_ROUNDING : 1 - ONE_ROUNDING));
  const first = factors();
  return { index: pattern, theta0: theta0.map((x, i) => Math.fround(x * first[i])), afterStep: factors };
}

export interface Sensitivity {
  /** Per step count, the worst relative move over the patterns measured. */
  sensitivity: Record<string, number>;
  /** How many patterns were measured (1, or SENSITIVITY_PATTERNS). */
  patterns: number;
}

/**
 * The case's sensitivity: pattern 0, and where the fused kernel's `errors` exceed the bound that gives, every
 * other pattern too, the worst per step count deciding. The verdict is the one the worst over all patterns
 * gives: where pattern 0's bound holds, a bound from more patterns (never smaller) holds too; where it does not,
 * all are measured. Only the plain path's own moves set the bound; the fused result decides how many to measure.
 * `move(pattern)` is the plain path with that rounding against the plain path from θ₀, per step count.
 */
export async function measureSensitivity(
  theta0: Float32Array,
  errors: Record<string, StepErrors>,
  move: (pattern: RoundingPattern) => Promise<Record<string, number>>,
): Promise<Sensitivity> {
  const sensitivity = await move(roundingPattern(theta0, 0));
  if (!exceedsBound(errors, sensitivity)) return { sensitivity, patterns: 1 };
  for (let pattern = 1; pattern < SENSITIVITY_PATTERNS; pattern++) {
    const moved = await move(roundingPattern(theta0, pattern));
    for (const [steps, value] of Object.entries(moved)) sensitivity[steps] = Math.max(sensitivity[steps] ?? 0, Number.isNaN(value) ? Infinity : value);
  }
  return { sensitivity, patterns: SENSITIVITY_PATTERNS };
}
