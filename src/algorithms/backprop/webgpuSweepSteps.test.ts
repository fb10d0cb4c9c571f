/**
 * What can be checked of the batched sweep kernel (webgpuSweepSteps.ts, trainStepsWgsl.ts with `batched`)
 * without a GPU: that it is the one-run kernel's steps with every per-run array read at the run's offset, that it
 * refuses networks whose state would not be each workgroup's own, and that the test mutant is one line. Its
 * arithmetic is held to each run trained alone, bit for bit, by e2e/sweepWebgpu.spec.ts.
 */
import { describe, expect, it } from 'vitest';
import { networkLayout } from '../../engine/model/mlp';
import { NEXT_RUN_RATE } from '../../test/sweepMutants';
import { backpropSweepBatch } from './sweepBatch';
import { trainStepsShader, type ShaderSpec } from './trainStepsWgsl';

function spec(overrides: Partial<ShaderSpec> = {}): ShaderSpec {
  return {
    layout: networkLayout(2, [8, 8], ['tanh', 'tanh'], 1),
    lossKind: 'sigmoid-cross-entropy',
    regularization: 'none',
    optimizer: 'adam',
    batchSize: 16,
    workgroupSize: 64,
    workgroupBytes: 16384,
    ...overrides,
  };
}

const lines = (code: string): string[] => code.split('\n');
const throws = (work: () => unknown): boolean => {
  try {
    work();
    return false;
  } catch {
    return true;
  }
};

describe('the batched WebGPU sweep kernel (host side)', () => {
  it('runs the one-run steps, with each run’s θ, slots, coefficients, rows and losses at its own offset', () => {
    const one = lines(trainStepsShader(spec()).code);
    const batched = lines(trainStepsShader(spec({ batched: true })).code);
    // Every line of the batched kernel that differs from the one-run kernel is an offset or the run's index.
    const changed = batched.filter((line) => !one.includes(line));
    expect(changed.every((line) => /workgroup_id|let run = |let (stateAt|coefficientsAt|lossesAt) = |stateAt \+ p|coefficientsAt \+ |lossesAt \+ s|let rowsBase = groups\.x/.test(line))).toBe(true);
    // θ and Adam's two slots copied in and out at the run's offset; 4 coefficients and the loss per step likewise.
    expect(batched.filter((line) => line.includes('Buffer[stateAt + p]'))).toHaveLength(6);
    expect(batched.filter((line) => line.includes('stepTable[coefficientsAt + '))).toHaveLength(4);
    expect(batched.filter((line) => line.includes('losses[lossesAt + s]'))).toHaveLength(1);
    expect(batched.filter((line) => line.includes('let rowsBase = groups.x * 4u * params.steps + run * params.steps * 16u;'))).toHaveLength(1);
  });

  it('refuses a network whose θ, slots or scratch would sit in storage shared by the runs', () => {
    expect(() => trainStepsShader(spec({ batched: true, workgroupBytes: 0 }))).toThrow(/workgroup memory/);
    expect(() => trainStepsShader(spec({ batched: true, layout: networkLayout(2, [64, 64], ['tanh', 'tanh'], 1) }))).toThrow(/workgroup memory/);
    expect(() => trainStepsShader(spec({ workgroupBytes: 0 }))).not.toThrow();
  });

  it('says beforehand which runs it takes, so a sweep sends the others one at a time instead of failing (2-64-64-1 used to throw)', () => {
    const fits = (overrides: Partial<ShaderSpec>, batchSize = 16): boolean => {
      const { layout, lossKind, regularization, optimizer, workgroupBytes } = spec(overrides);
      return backpropSweepBatch.webgpu?.fits({ layout, lossKind, regularization, regularizationRate: 0, optimizer }, batchSize, workgroupBytes) ?? false;
    };
    expect(fits({})).toBe(true);
    expect(fits({ layout: networkLayout(2, [64, 64], ['tanh', 'tanh'], 1) })).toBe(false);
    expect(fits({ workgroupBytes: 0 })).toBe(false);
    // Wider than one workgroup, whatever the memory.
    expect(fits({ layout: networkLayout(2, [65], ['tanh'], 1), workgroupBytes: 1 << 20 })).toBe(false);
    // Exactly where the shader stops refusing: the fit and the shader agree.
    for (const batch of [16, 64, 128, 256]) expect(fits({}, batch)).toBe(!throws(() => trainStepsShader(spec({ batched: true, batchSize: batch }))));
  });

  it('has a test mutant, run r reading run r+1’s coefficients, that differs in exactly one line', () => {
    const exact = lines(trainStepsShader(spec({ batched: true })).code);
    const broken = lines(NEXT_RUN_RATE.rewrite(trainStepsShader(spec({ batched: true })).code));
    expect(broken).toHaveLength(exact.length);
    expect(broken.filter((line, i) => line !== exact[i])).toEqual(['  let coefficientsAt = ((run + 1u) % groups.x) * 4u * params.steps;']);
    expect(() => NEXT_RUN_RATE.rewrite(trainStepsShader(spec()).code)).toThrow();
  });
});
