/**
 * Deliberately wrong fused kernels, for tests only: each rewrites one rule of the generated WGSL, so a parity
 * check can show that it fails on a kernel that is wrong in one line (e2e/fusedWebgpu.spec.ts) and the shader
 * tests can show that the line is where they expect it. The app's kernels take no mutation.
 */
import type { ShaderMutation } from '../engine/fused/webgpuDispatch';

/** Replaces every match of `pattern` with `replacement`; refuses a shader without one (the rule moved). */
function rewriting(name: string, pattern: RegExp, replacement: string): ShaderMutation {
  return {
    name,
    rewrite(code) {
      if (!pattern.test(code)) throw new Error(`${name}: the shader has no line matching ${pattern}`);
      return code.replace(new RegExp(pattern.source, 'g'), replacement);
    },
  };
}

/** Adam without its bias corrections: the raw rate and ε in place of α_t and ε̂ (Kingma & Ba 2015, §2). */
export const BROKEN_ADAM_BIAS_CORRECTION = rewriting(
  'broken-adam-bias-correction',
  /theta\[p\] = theta\[p\] - \(stepSize \* m\) \/ \(sqrt\(v\) \+ epsilonHat\);/,
  'theta[p] = theta[p] - (lr * m) / (sqrt(v) + 1e-8f);',
);

/** LocoProp's targets on the wrong side, T = H + γG instead of H − γG. */
export const BROKEN_TARGET_SIGN = rewriting('broken-target-sign', /let goal = h - params\.gamma \* /, 'let goal = h + params.gamma * ');

/**
 * The wide path's backward product G_m W_mᵀ starting at its second term (d = 1): an off-by-one in a tiled
 * matrix product, in the one phase only the wide kernel (algorithms/backprop/wideStepsWgsl.ts) has.
 */
export const BROKEN_WIDE_DELTAS = rewriting('broken-wide-deltas', /for \(var d = 0u; (d < \d+u; d\+\+\) \{ \/\/ G_m W_m\^T)/, 'for (var d = 1u; $1');

/** SGD-HD's and Adam-HD's α stepped the wrong way: α_{t−1} − β·h where Baydin et al. (2018) take α_{t−1} + β·g_t·(−∇_α u_{t−1}). */
export const BROKEN_HYPERGRADIENT_SIGN = rewriting('broken-hypergradient-sign', /next = alpha \+ params\.hypergradientRate \* h;/, 'next = alpha - params.hypergradientRate * h;');

export const WGSL_MUTANTS = {
  'broken-hypergradient-sign': BROKEN_HYPERGRADIENT_SIGN,
  'broken-adam-bias-correction': BROKEN_ADAM_BIAS_CORRECTION,
  'broken-target-sign': BROKEN_TARGET_SIGN,
  'broken-wide-deltas': BROKEN_WIDE_DELTAS,
} as const;
export type WgslMutantName = keyof typeof WGSL_MUTANTS;
