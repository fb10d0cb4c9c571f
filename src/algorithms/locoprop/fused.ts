/** LocoProp's fused kernels: K inner updates per outer step, all at that step's momentum (locopropKernel.ts). */
import { kernelState, type FusedStepsKernel } from '../../engine/fused/fusedSteps';
import { FUSED_LOCOPROP_STEPS, fusedLocoPropCpuKernel, fusedLocoPropSteps } from './locopropKernel';
import { webgpuLocoPropKernel } from './webgpuLocoPropKernel';
import type { LocoPropVariant } from './step';
import { locopropSettingsOf } from './settings';

export function locopropFusedSteps(variant: LocoPropVariant): FusedStepsKernel {
  return {
    kernelName: FUSED_LOCOPROP_STEPS,
    kernels: [fusedLocoPropCpuKernel, webgpuLocoPropKernel()],
    run: (input, plan) => {
      const { layout, lossKind, regularization, regularizationRate } = input;
      const problem = { layout, lossKind, regularization, regularizationRate, optimizer: input.optimizer.kind, variant, locoprop: locopropSettingsOf(input.settings) };
      return fusedLocoPropSteps({ ...kernelState(input), problem, ...plan });
    },
    advance: (input, slots, momenta) => {
      const { innerSteps, resetInner } = locopropSettingsOf(input.settings);
      // With the reset, only the last outer step's K updates count: the inner optimizer starts afresh at every
      // outer step (the playground's option; the reference keeps its state across steps).
      const counted = resetInner ? momenta.subarray(momenta.length - 1) : momenta;
      if (resetInner) input.optimizer.reset();
      input.optimizer.advance(slots, Float64Array.from({ length: counted.length * innerSteps }, (_, u) => counted[Math.floor(u / innerSteps)]));
    },
  };
}
