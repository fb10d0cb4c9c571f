/**
 * LocoProp's batched sweep steps (engine/fused/sweepBatch.ts; issue 17 §8): on the CPU one call of
 * cpuLocoPropSteps.ts `locopropStepsCpuRuns` advances every run of a group on its own arrays; on WebGPU one
 * dispatch of webgpuLocoPropSweep.ts, a workgroup a run, for networks whose every layer fits one workgroup. A
 * run's variant, γ, K, η and switches travel in its problem, its rates as the schedule's doubles (as the fused
 * kernel's attributes take them: locopropKernel.ts), and its inner optimizer's counters move as fused.ts's
 * advance moves them. Each run is bit for bit the run trained alone by LocoProp's fused kernel:
 * engine/sweep/cpuRunGroup.test.ts, e2e/sweepWebgpu.spec.ts.
 */
import type { SweepBatch } from '../../engine/fused/sweepBatch';
import { asLocoPropProblem, locopropStepsCpuRuns, type LocoPropProblem } from './cpuLocoPropSteps';
import { locopropSettingsOf } from './settings';
import type { LocoPropVariant } from './step';
import { fitsLocoPropSweep, locopropSweepStepsWebGpu } from './webgpuLocoPropSweep';

export function locopropSweepBatch(variant: LocoPropVariant): SweepBatch {
  return {
    problem: (shared, settings): LocoPropProblem => ({ ...shared, variant, locoprop: locopropSettingsOf(settings) }),
    rates: 'float64',
    // As fused.ts's advance: K updates an outer step, Adam's product by each step's momentum K times, and the
    // counters restarted at every outer step when the inner optimizer is reset.
    countersAfter: (problem, counters, momenta) => {
      const { innerSteps, resetInner } = asLocoPropProblem(problem).locoprop;
      let { stepCount, beta1Product } = counters;
      for (let s = 0; s < momenta.length; s++) {
        if (resetInner) [stepCount, beta1Product] = [0, 1];
        stepCount += innerSteps;
        if (problem.optimizer === 'adam') for (let k = 0; k < innerSteps; k++) beta1Product *= momenta[s];
      }
      return { stepCount, beta1Product };
    },
    cpu: locopropStepsCpuRuns,
    webgpu: { fits: fitsLocoPropSweep, steps: (backend, call) => locopropSweepStepsWebGpu(backend, call) },
  };
}
