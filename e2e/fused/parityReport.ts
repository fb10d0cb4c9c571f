/**
 * How e2e/fusedWebgpu.spec.ts judges and logs parity results (in Node): against 1e-5, or against each case's
 * conditioned bound (parityBound.ts) where the harness measured its sensitivity.
 */
import { parityBound, TOLERANCE } from './parityBound';
import type { ParityResult } from './parityHarness';

/** The worst of θ, slots and losses over every case and step count, with where it happened. */
function worst(results: readonly ParityResult[]): { error: number; where: string } {
  let found = { error: 0, where: 'none' };
  for (const result of results) {
    for (const [steps, errors] of Object.entries(result.errors)) {
      for (const [what, error] of Object.entries(errors)) {
        if (!(error <= found.error)) found = { error, where: `${result.name}, ${what} after ${steps} steps` };
      }
    }
  }
  return found;
}

/** Every comparison off by TOLERANCE or more, described. */
export function failures(results: readonly ParityResult[]): string[] {
  return results.flatMap((result) =>
    Object.entries(result.errors).flatMap(([steps, errors]) =>
      Object.entries(errors)
        .filter(([, error]) => !(error < TOLERANCE))
        .map(([what, error]) => `${result.name}: ${what} after ${steps} steps off by ${error.toExponential(2)}`),
    ),
  );
}

export function report(label: string, results: readonly ParityResult[]): void {
  const { error, where } = worst(results);
  console.log(`${label}: worst relative error ${error.toExponential(2)} (${where}) over ${results.length} cases`);
}

/**
 * Every comparison off by max(TOLERANCE, 10 × the case's own sensitivity to one rounding of θ₀) or more,
 * described; the sensitivity is the worst over the rounding patterns the harness measured (sensitivity.ts).
 */
export function conditionedFailures(results: readonly ParityResult[]): string[] {
  return results.flatMap((result) =>
    Object.entries(result.errors).flatMap(([steps, errors]) => {
      const bound = parityBound(result.sensitivity?.[steps]);
      return Object.entries(errors)
        .filter(([, error]) => !(error < bound))
        .map(([what, error]) => `${result.name}: ${what} after ${steps} steps off by ${error.toExponential(2)} (bound ${bound.toExponential(1)}, ${result.patterns ?? 0} patterns)`);
    }),
  );
}

/** Per case and step count: the worst of θ, slots and losses, its bound, and how many rounding patterns set it. */
function conditionedMargins(results: readonly ParityResult[]): { name: string; steps: string; error: number; bound: number; patterns: number }[] {
  return results.flatMap((result) =>
    Object.entries(result.errors).map(([steps, errors]) => ({
      name: result.name,
      steps,
      error: Math.max(...Object.values(errors).map((error) => (Number.isNaN(error) ? Infinity : error))),
      bound: parityBound(result.sensitivity?.[steps]),
      patterns: result.patterns ?? 0,
    })),
  );
}

/** θ's error as a multiple of its conditioned bound after each step count, for a mutant's log. */
export function margins(result: ParityResult): string {
  const each = Object.entries(result.errors).map(([steps, e]) => `${(e.theta / parityBound(result.sensitivity?.[steps])).toPrecision(3)}× its bound ${parityBound(result.sensitivity?.[steps]).toExponential(2)} after ${steps}`);
  return `${each.join(', ')} (${result.patterns ?? 0} patterns)`;
}

/** The step counts after which θ is off by its conditioned bound or more: where a mutant is caught. */
export function caughtAt(result: ParityResult): string[] {
  return Object.entries(result.errors)
    .filter(([steps, e]) => !(e.theta < parityBound(result.sensitivity?.[steps])))
    .map(([steps]) => steps);
}

/** report(), and with `perCase` every case's worst difference and bound (FUSED_PARITY_FULL=1 prints the grid). */
export function reportConditioned(label: string, results: readonly ParityResult[], perCase: boolean): void {
  report(label, results);
  const margins = conditionedMargins(results);
  if (perCase) for (const m of margins) console.log(`  ${m.name} after ${m.steps}: ${m.error.toExponential(2)} (bound ${m.bound.toExponential(2)}, ${m.patterns} patterns)`);
  const tightest = margins.reduce((a, b) => (b.error / b.bound > a.error / a.bound ? b : a), margins[0]);
  const extra = results.filter((r) => (r.patterns ?? 0) > 1).map((r) => r.name);
  console.log(`  closest to its bound: ${tightest.name} after ${tightest.steps}, ${tightest.error.toExponential(2)} of ${tightest.bound.toExponential(2)}; more than one rounding pattern: ${extra.length ? extra.join('; ') : 'none'}`);
}
