/**
 * The wide LocoProp path's WGSL (wideLocoPropWgsl.ts), checked without a GPU: every dispatched phase
 * is an entry point of the code, the switches' start phase and its slot restarts, the bindings within WebGPU's
 * default limits, and the one-workgroup kernel's test mutant matching here too. Which phases an outer step
 * dispatches is wideLocoPropDispatches.test.ts's; the arithmetic is held to the plain path on WebGPU by
 * e2e/fusedWebgpu.spec.ts.
 */
import '../../test/setupTf';
import { describe, expect, it } from 'vitest';
import { networkLayout } from '../../engine/model/mlp';
import { wideLocoPropShader, type WideLocoPropSpec } from './wideLocoPropWgsl';
import { BROKEN_TARGET_SIGN } from '../../test/wgslMutants';

const AUTOENCODER = networkLayout(196, [128, 64, 16, 64, 128], ['tanh', 'tanh', 'linear', 'tanh', 'tanh'], 196);

function spec(overrides: Partial<WideLocoPropSpec> = {}): WideLocoPropSpec {
  return { layout: AUTOENCODER, lossKind: 'sigmoid-cross-entropy', regularization: 'none', optimizer: 'rmsprop-tf1', variant: 'M', innerSteps: 10, proximal: false, resetInner: false, batchSize: 128, ...overrides };
}

describe('the wide fused WebGPU LocoProp kernel (host side)', () => {
  it('defines every phase it dispatches, for each switch: softmax rows, the variant, outerStart', () => {
    const softmax = networkLayout(2, [96], ['tanh'], 10);
    const shaders = [spec(), spec({ proximal: true }), spec({ layout: softmax, lossKind: 'softmax-cross-entropy' }), spec({ layout: softmax, lossKind: 'softmax-cross-entropy', variant: 'S' })].map(wideLocoPropShader);
    for (const shader of shaders) {
      for (const entryPoint of new Set([...shader.outer, ...shader.inner])) expect(shader.code).toContain(`fn ${entryPoint}(`);
      expect(shader.outer.at(-1)).toBe('update');
      expect(shader.inner.at(-1)).toBe('update');
    }
  });

  it('starts an outer step with outerStart for the proximal term or a reset, which restarts the inner optimizer', () => {
    expect(wideLocoPropShader(spec()).outer[0]).toBe('forward0');
    expect(wideLocoPropShader(spec({ proximal: true })).outer[0]).toBe('outerStart');
    const reset = wideLocoPropShader(spec({ resetInner: true }));
    expect(reset.outer[0]).toBe('outerStart');
    // TF1 RMSProp's mean square restarts at 1, its momentum at 0.
    expect(reset.code).toContain('slot0[p] = 1.0f;');
    expect(reset.code).toContain('slot1[p] = 0.0f;');
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
