/**
 * The bound a parity comparison is held to (e2e/fusedWebgpu.spec.ts), shared by the spec (Node) and the test
 * page's harnesses (parityHarness.ts, locopropParity.ts), which measure more rounding patterns only
 * where the first pattern's bound is exceeded. No imports: the spec loads it in Node.
 */

/** Rounding patterns a case's sensitivity is measured with at most (sensitivity.ts). */
export const SENSITIVITY_PATTERNS = 4;

/** Issue 18 §2: the fused kernels agree with the plain path to 1e-5 relative. */
export const TOLERANCE = 1e-5;

/**
 * A case's bound after a step count: 1e-5, or 10 × how far a moved rounding (one ulp of θ₀, and of θ after
 * every step) moves the plain path's own θ and slots (its sensitivity, the worst over the patterns measured)
 * where that is larger and finite. Float32 parity cannot be
 * asked below the second: two paths that round differently from the same θ₀ differ at least as much.
 */
export function parityBound(sensitivity: number | undefined): number {
  // A plain path that leaves float32 (NaN, ∞) from a moved θ₀ measures nothing: 1e-5 then, never an infinite bound.
  return Number.isFinite(sensitivity) ? Math.max(TOLERANCE, 10 * (sensitivity as number)) : TOLERANCE;
}

/** Worst relative error of θ, of the slots and of the losses after one step count (parityHarness.ts's ParityErrors). */
export interface StepErrors {
  theta: number;
  slots: number;
  losses: number;
}

/** Whether any of θ, slots or losses after any step count is off by its bound or more (NaN is). */
export function exceedsBound(errors: Record<string, StepErrors>, sensitivity: Record<string, number> | undefined): boolean {
  return Object.entries(errors).some(([steps, e]) => [e.theta, e.slots, e.losses].some((error) => !(error < parityBound(sensitivity?.[steps]))));
}
