/**
 * What can be checked of LocoProp's batched sweep kernel (webgpuLocoPropSweep.ts, locopropStepsWgsl.ts with
 * `batched`) without a GPU: that it is the one-run kernel's outer steps with every per-run array read at the run's
 * offset, that it says beforehand which runs it takes (and refuses the rest), and that the test mutant applies.
 * Its arithmetic is held to each run trained alone, bit for bit, by e2e/sweepWebgpu.spec.ts and sweepWebgpuJob.spec.ts.
 */
import { describe, expect, it } from 'vitest';
import { networkLayout } from '../../engine/model/mlp';
import { NEXT_RUN_RATE } from '../../test/sweepMutants';
import { locopropBatchFits, locopropStepsShader, type LocoPropShaderSpec } from './locopropStepsWgsl';
import { locopropSweepBatch } from './sweepBatch';

function spec(overrides: Partial<LocoPropShaderSpec> = {}): LocoPropShaderSpec {
  return {
    layout: networkLayout(2, [8, 8], ['tanh', 'tanh'], 1),
    lossKind: 'sigmoid-cross-entropy',
    regularization: 'none',
    optimizer: 'adam',
    variant: 'M',
    innerSteps: 3,
    proximal: true,
    resetInner: false,
    batchSize: 16,
    workgroupSize: 64,
    workgroupBytes: 16384,
    ...overrides,
  };
}

const lines = (code: string): string[] => code.split('\n');

describe('the batched WebGPU LocoProp sweep kernel (host side)', () => {
  it('runs the one-run outer steps, with each run’s θ, slots, coefficients, rows and losses at its own offset', () => {
    const one = lines(locopropStepsShader(spec()).code);
    const batched = lines(locopropStepsShader(spec({ batched: true })).code);
    const changed = batched.filter((line) => !one.includes(line));
    expect(changed.every((line) => /workgroup_id|let run = |let (stateAt|coefficientsAt|lossesAt) = |stateAt \+ p|let c = coefficientsAt \+ |lossesAt \+ s|let rowsBase = groups\.x/.test(line))).toBe(true);
    // θ and Adam's two slots copied in and out at the run's offset; each inner iteration's coefficients and each loss likewise.
    expect(batched.filter((line) => line.includes('Buffer[stateAt + p]'))).toHaveLength(6);
    expect(batched.filter((line) => line.includes('let c = coefficientsAt + 4u * (s * 3u + k);'))).toHaveLength(1);
    expect(batched.filter((line) => line.includes('losses[lossesAt + s]'))).toHaveLength(1);
    expect(batched.filter((line) => line.includes('let rowsBase = groups.x * 12u * params.steps + run * params.steps * 16u;'))).toHaveLength(1);
  });

  it('takes only networks whose every array is each workgroup’s own, and says so before a sweep sends them', () => {
    expect(locopropBatchFits(spec())).toBe(true);
    expect(locopropBatchFits(spec({ workgroupBytes: 0 }))).toBe(false);
    expect(locopropBatchFits(spec({ layout: networkLayout(2, [64, 64], ['tanh', 'tanh'], 1) }))).toBe(false);
    expect(() => locopropStepsShader(spec({ batched: true, workgroupBytes: 0 }))).toThrow(/workgroup memory/);
    const problem = { layout: spec().layout, lossKind: 'sigmoid-cross-entropy' as const, regularization: 'none' as const, regularizationRate: 0, optimizer: 'adam' as const };
    const batch = locopropSweepBatch('M');
    const settings = { gamma: 1, innerSteps: 3, innerDecay: true, proximalWeight: 1, resetInner: false };
    expect(batch.webgpu?.fits(batch.problem(problem, settings), 16, 16384)).toBe(true);
    expect(batch.webgpu?.fits(batch.problem(problem, settings), 512, 16384)).toBe(false);
    expect(batch.webgpu?.fits(batch.problem({ ...problem, layout: networkLayout(2, [65], ['tanh'], 1) }, settings), 1, 1 << 20)).toBe(false);
  });

  it('has the test mutant: run r reading run r+1’s coefficients, one line changed', () => {
    const exact = lines(locopropStepsShader(spec({ batched: true })).code);
    const broken = lines(NEXT_RUN_RATE.rewrite(locopropStepsShader(spec({ batched: true })).code));
    expect(broken.filter((line, i) => line !== exact[i])).toEqual(['  let coefficientsAt = ((run + 1u) % groups.x) * 12u * params.steps;']);
  });
});
