/**
 * Deliberately wrong batched sweep kernels, for tests only (e2e/sweepWebgpu.spec.ts): workgroup r reads run
 * r+1's coefficients (its learning rate, β₁ and Adam's step size; the last run reads the first's) while it
 * trains its own θ on its own rows, the mix-up a wrong offset into the shared step table would make.
 */
import type { ShaderMutation } from '../engine/fused/webgpuDispatch';

const OWN_COEFFICIENTS = /let coefficientsAt = run \* /;

export const NEXT_RUN_RATE: ShaderMutation = {
  name: 'next-run-rate',
  rewrite(code) {
    if (!OWN_COEFFICIENTS.test(code)) throw new Error(`next-run-rate: the shader has no line matching ${OWN_COEFFICIENTS}`);
    return code.replace(OWN_COEFFICIENTS, 'let coefficientsAt = ((run + 1u) % groups.x) * ');
  },
};

const OWN_FEEDBACK = /feedback\[stateAt \+ /g;

/** Workgroup r carries its error down through run 0's B instead of its own (a missing offset into the shared B). */
export const FIRST_RUN_FEEDBACK: ShaderMutation = {
  name: 'first-run-feedback',
  rewrite(code) {
    if (!OWN_FEEDBACK.test(code)) throw new Error(`first-run-feedback: the shader has no read matching ${OWN_FEEDBACK}`);
    return code.replace(OWN_FEEDBACK, 'feedback[');
  },
};
