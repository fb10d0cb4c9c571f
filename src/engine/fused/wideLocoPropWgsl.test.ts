/**
 * The wide LocoProp path's WGSL, checked without a GPU: the dispatches of an outer step and of each later inner
 * iteration, the switches' phases, the bindings within WebGPU's default limits, and the one-workgroup kernel's
 * test mutant matching here too. The arithmetic is held to the plain path on WebGPU by e2e/fusedWebgpu.spec.ts.
 */
import '../../test/setupTf';
import { describe, expect, it } from 'vitest';
import { networkLayout } from '../model/mlp';
import { wideLocoPropShader, type WideLocoPropSpec } from './wideLocoPropWgsl';
import { BROKEN_TARGET_SIGN } from '../../test/wgslMutants';

const AUTOENCODER = networkLayout(196, [128, 64, 16, 64, 128], ['tanh', 'tanh', 'linear', 'tanh', 'tanh'], 196);

function spec(overrides: Partial<WideLocoPropSpec> = {}): WideLocoPropSpec {
  return { layout: AUTOENCODER, lossKind: 'sigmoid-cross-entropy', regularization: 'none', optimizer: 'rmsprop-tf1', variant: 'M', innerSteps: 10, proximal: false, resetInner: false, batchSize: 128, ...overrides };
}

describe('the wide fused WebGPU LocoProp kernel (host side)', () => {
  it('runs forward, deltas, the targets and the first update per outer step, then residuals and an update per inner iteration', () => {
    const shader = wideLocoPropShader(spec());
    const forward = [0, 1, 2, 3, 4, 5].map((m) => `forward${m}`);
    expect(shader.outer).toEqual([...forward, 'deltas5', 'deltas4', 'deltas3', 'deltas2', 'deltas1', 'localTargets', 'update']);
    expect(shader.inner).toEqual([...[0, 1, 2, 3, 4, 5].map((m) => `residual${m}`), 'update']);
    for (const entryPoint of new Set([...shader.outer, ...shader.inner])) expect(shader.code).toContain(`fn ${entryPoint}(`);
    // The targets phase covers every layer's B × k outputs and sums the step's loss once.
    expect(shader.phases.find((phase) => phase.entryPoint === 'localTargets')?.invocations).toBe(128 * (128 + 64 + 16 + 64 + 128 + 196));
    expect(shader.code.match(/losses\[s\] = lossSum/g)?.length).toBe(1);
  });

  it('adds outerStart for the proximal term or a reset, and a softmax row phase (LocoProp-M only in the inner loop)', () => {
    expect(wideLocoPropShader(spec({ proximal: true })).outer[0]).toBe('outerStart');
    const reset = wideLocoPropShader(spec({ resetInner: true }));
    expect(reset.outer[0]).toBe('outerStart');
    // TF1 RMSProp's mean square restarts at 1, its momentum at 0.
    expect(reset.code).toContain('slot0[p] = 1.0f;');
    expect(reset.code).toContain('slot1[p] = 0.0f;');
    const layout = networkLayout(2, [96], ['tanh'], 10);
    const m = wideLocoPropShader(spec({ layout, lossKind: 'softmax-cross-entropy' }));
    expect(m.outer).toEqual(['forward0', 'forward1', 'softmaxForward', 'deltas1', 'localTargets', 'update']);
    expect(m.inner).toEqual(['residual0', 'residual1', 'softmaxResidual', 'update']);
    const s = wideLocoPropShader(spec({ layout, lossKind: 'softmax-cross-entropy', variant: 'S' }));
    expect(s.inner).toEqual(['residual0', 'residual1', 'update']);
  });

  it('binds within the default storage-buffer limit, and the one-workgroup test mutant changes one line per layer', () => {
    const shader = wideLocoPropShader(spec({ optimizer: 'adam', proximal: true, regularization: 'l1' }));
    expect(shader.bindings.filter((role) => role !== 'params').length).toBeLessThanOrEqual(8);
    const exact = shader.code.split('\n');
    const broken = BROKEN_TARGET_SIGN.rewrite(shader.code).split('\n');
    expect(broken.length).toBe(exact.length);
    expect(exact.filter((line, i) => line !== broken[i]).length).toBe(AUTOENCODER.layers.length);
  });
});
