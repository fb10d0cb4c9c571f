/** Backprop's fused kernels: one optimizer update per step, N steps a call (kernel.ts). */
import { FUSED_TRAIN_STEPS, fusedTrainSteps, fusedTrainStepsCpuKernel } from './kernel';
import { webgpuTrainStepsKernel } from './webgpuKernel';
import { kernelState, type FusedStepsKernel } from '../../engine/fused/fusedSteps';

export const backpropFusedSteps: FusedStepsKernel = {
  kernelName: FUSED_TRAIN_STEPS,
  kernels: [fusedTrainStepsCpuKernel, webgpuTrainStepsKernel()],
  run: (input, plan) => {
    const problem = { layout: input.layout, lossKind: input.lossKind, regularization: input.regularization, regularizationRate: input.regularizationRate, optimizer: input.optimizer.kind };
    return fusedTrainSteps({ ...kernelState(input), problem, ...plan });
  },
  // The kernels take the momenta as float32 (a tensor input) and multiply Adam's β₁ product by those: the
  // optimizer's counter must grow by the same factors, or a run split into other ticks drifts (issue 21).
  advance: (input, slots, momenta) => input.optimizer.advance(slots, Float32Array.from(momenta)),
};
