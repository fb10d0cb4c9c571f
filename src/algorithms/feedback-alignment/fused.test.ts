/**
 * Which runs feedback alignment's WGSL kernel takes (fused.ts feedbackKernelFits): every layer one workgroup wide
 * and its storage buffers within the device's limit. B is a binding more than backprop's kernel has, and TF.js's
 * device binds 8: Adam at 2-64-64-1 and batch 16 would need 9, which WebGPU refuses without an error (the dispatch
 * then silently does not run). Such runs take the plain path.
 */
import { describe, expect, it } from 'vitest';
import { networkLayout } from '../../engine/model/mlp';
import { feedbackKernelFits } from './fused';

const DEFAULT_LIMITS = { maxComputeWorkgroupStorageSize: 16384, maxStorageBuffersPerShaderStage: 8 };
const run = (hidden: number[], optimizer: 'adam' | 'sgd' = 'adam', batchSize = 16) => ({ layout: networkLayout(2, hidden, hidden.map(() => 'tanh' as const), 1), optimizer, batchSize });

describe('feedbackKernelFits', () => {
  it('takes small networks, refuses one whose buffers the device cannot bind, and one too wide', () => {
    expect(feedbackKernelFits(run([8, 8]), DEFAULT_LIMITS)).toBe(true);
    expect(feedbackKernelFits(run([64, 64]), DEFAULT_LIMITS)).toBe(false);
    // With fewer slots (SGD) or a device that binds more, the same network fits.
    expect(feedbackKernelFits(run([64, 64], 'sgd'), DEFAULT_LIMITS)).toBe(true);
    expect(feedbackKernelFits(run([64, 64]), { ...DEFAULT_LIMITS, maxStorageBuffersPerShaderStage: 10 })).toBe(true);
    expect(feedbackKernelFits(run([65]), { maxComputeWorkgroupStorageSize: 1 << 20, maxStorageBuffersPerShaderStage: 16 })).toBe(false);
  });
});
