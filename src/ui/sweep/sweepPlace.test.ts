import { describe, expect, it } from 'vitest';
import { defaultConfig } from '../../config/experiment';
import type { SweepPlan } from '../../config/sweep';
import { sweepPlace } from './sweepPlace';

/** Five runs: the first two of group 0 (feedback alignment), the rest of group 1 (backprop with Adam-HD, on plain ops by its setting). */
const configs = [{ ...defaultConfig(), algorithm: 'feedback-alignment' as const }, { ...defaultConfig(), optimizer: 'adam-hd' as const, kernels: 'plain' as const }];
const plan = { runs: [0, 0, 1, 1, 1].map((group, index) => ({ index, group, config: configs[group] })) } as unknown as SweepPlan;
const webgpu = { workers: 1, backend: 'webgpu' as const, fallback: undefined, deviceLost: undefined, plan, groupNames: ['Feedback alignment', 'Backprop, Adam-HD'] };
const ran = (...sizes: (number | undefined)[]) => sizes.map((trainedWith, index) => ({ index, trainedWith }));

describe('sweepPlace: how a WebGPU sweep’s runs trained, from their results', () => {
  it('says "many runs a dispatch" only for runs that trained in groups, and counts those that did not', () => {
    expect(sweepPlace(webgpu, [])).toBe('1 worker on WebGPU');
    expect(sweepPlace(webgpu, ran(4, 4, 4, 4))).toBe('1 worker on WebGPU, many runs a dispatch');
    // Adam-HD's runs on plain ops beside feedback alignment's, batched.
    expect(sweepPlace(webgpu, ran(2, 2, 1, 1, 1))).toBe('1 worker on WebGPU, many runs a dispatch (3 of 5 runs one at a time: Backprop, Adam-HD, on plain ops by its setting)');
    // Feedback alignment alone: the page cannot tell why (a network too big for a workgroup, or a group of one).
    expect(sweepPlace(webgpu, ran(1, 1))).toBe('1 worker on WebGPU, one run a dispatch (Feedback alignment)');
    // A file from before results said how they trained claims nothing.
    expect(sweepPlace(webgpu, ran(undefined, undefined))).toBe('1 worker on WebGPU');
  });

  it('says why where the config tells it (plain ops asked for), and claims no reason where only the worker knows one', () => {
    // Adam-HD has batched WGSL steps now: alone, it was a group of one or too big for a workgroup.
    const hd = { ...webgpu, plan: { runs: [{ index: 0, group: 0, config: { ...defaultConfig(), optimizer: 'adam-hd' } }] } as unknown as SweepPlan, groupNames: ['Backprop, Adam-HD'] };
    expect(sweepPlace(hd, ran(1))).toBe('1 worker on WebGPU, one run a dispatch (Backprop, Adam-HD)');
    const plain = { ...webgpu, plan: { runs: [{ index: 0, group: 0, config: { ...defaultConfig(), kernels: 'plain' } }] } as unknown as SweepPlan, groupNames: ['Backprop, Adam'] };
    expect(sweepPlace(plain, ran(1))).toBe('1 worker on WebGPU, one run a dispatch (Backprop, Adam, on plain ops by its setting)');
  });

  it('on the CPU names the workers, and why not WebGPU where the device was lost', () => {
    expect(sweepPlace({ ...webgpu, backend: 'cpu', workers: 2 }, ran(4))).toBe('2 workers on the CPU');
    expect(sweepPlace({ ...webgpu, backend: 'cpu', deviceLost: { message: 'gone' } }, [])).toBe('1 worker on the CPU since its WebGPU device was lost (gone); unfinished runs started again here');
  });
});
