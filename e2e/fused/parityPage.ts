/**
 * Entry of the fused-kernel test page: TF.js on WebGPU on this page's own thread (a test page, not the app;
 * the main-thread guard skips this entry by name). Exposes window.fusedParity.
 */
import * as tf from '@tensorflow/tfjs-core';
import '@tensorflow/tfjs-backend-cpu';
import '@tensorflow/tfjs-backend-webgpu';
import type { WebGPUBackend } from '@tensorflow/tfjs-backend-webgpu';
import { registerAlgorithmKernels } from '../../src/algorithms/workerRegistry';
import { WGSL_MUTANTS } from '../../src/test/wgslMutants';
import { swapFusedLocoPropWebGpuKernel, swapFusedWebGpuKernel } from './kernelOptions';
import { locopropParityCases, runLocoPropParity } from './locopropParity';
import { measure } from './measure';
import { hypergradientParityCases, pairwiseParityCases, parityCases, runParity, wideParityCases } from './parityHarness';
import type { LocoPropParityRequest, ParityRequest } from './pageApi';
// The batched WebGPU sweep's parity and timing (window.sweepWebgpu; e2e/sweepWebgpu.spec.ts).
import '../sweep/sweepPage';
// A sweep job on WebGPU against each run alone (window.sweepJobWebgpu; e2e/sweepWebgpuJob.spec.ts).
import '../sweep/sweepJobPage';
import './feedbackAlignmentPage';

const deviceErrors: string[] = [];

async function start(): Promise<string> {
  tf.env().set('PROD', true);
  registerAlgorithmKernels();
  if (!(await tf.setBackend('webgpu'))) return tf.getBackend();
  await tf.ready();
  (tf.backend() as WebGPUBackend).device.addEventListener('uncapturederror', (event) => deviceErrors.push((event as GPUUncapturedErrorEvent).error.message));
  return tf.getBackend();
}

async function run(request: ParityRequest) {
  swapFusedWebGpuKernel({ mutation: request.variant === 'exact' ? null : WGSL_MUTANTS[request.variant] });
  try {
    return await runParity(request.cases ?? parityCases(), request.stepCounts, request.reference, request.sensitivity ?? false);
  } finally {
    swapFusedWebGpuKernel({});
  }
}

async function runLocoProp(request: LocoPropParityRequest) {
  swapFusedLocoPropWebGpuKernel({ mutation: request.variant === 'exact' ? null : WGSL_MUTANTS[request.variant] });
  try {
    return await runLocoPropParity(request.cases ?? locopropParityCases(), request.stepCounts, request.reference, request.sensitivity ?? false);
  } finally {
    swapFusedLocoPropWebGpuKernel({});
  }
}

window.fusedParity = {
  ready: start(),
  cases: parityCases,
  pairCases: pairwiseParityCases,
  wideCases: wideParityCases,
  hypergradientCases: hypergradientParityCases,
  run,
  locopropCases: locopropParityCases,
  runLocoProp,
  measure,
  deviceErrors: () => [...deviceErrors],
};
