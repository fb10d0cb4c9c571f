/**
 * What can be checked of the fused WebGPU LocoProp kernel (webgpuLocoPropSteps.ts,
 * locopropStepsWgsl.ts) without a GPU: its name, the host's per-iteration
 * coefficients (decay, Adam's corrections, counters restarted by the reset), and the generated WGSL's shape
 * (bindings within WebGPU's default limits, barriers per outer step, the mutation being one line). The
 * arithmetic itself is held to the plain path on WebGPU by e2e/fusedWebgpu.spec.ts.
 */
import '../../test/setupTf';
import { describe, expect, it } from 'vitest';
import { LOSS_KINDS } from '../../engine/model/losses';
import { networkLayout } from '../../engine/model/mlp';
import { ACTIVATIONS } from '../../engine/names';
import { innerRateFactor } from './step';
import { ADAM_BETA2, ADAM_EPSILON, type OptimizerKind } from '../../engine/train/optimizers';
import { FUSED_LOCOPROP_STEPS } from './locopropKernel';
import { INNER_COEFFICIENTS, locopropStepsShader, type LocoPropShaderSpec } from './locopropStepsWgsl';
import { WEBGPU_LOCOPROP_KERNEL_NAME } from './webgpuLocoPropKernel';
import { innerCoefficients } from './webgpuLocoPropSteps';
import { BROKEN_TARGET_SIGN } from '../../test/wgslMutants';

const INNER_OPTIMIZERS: OptimizerKind[] = ['sgd', 'adam', 'rmsprop-tf1'];
/** WebGPU's default maxStorageBuffersPerShaderStage. */
const DEFAULT_STORAGE_BUFFER_LIMIT = 8;

function spec(overrides: Partial<LocoPropShaderSpec> = {}): LocoPropShaderSpec {
  return {
    layout: networkLayout(2, [8, 8], ['tanh', 'tanh'], 1),
    lossKind: 'sigmoid-cross-entropy',
    regularization: 'none',
    optimizer: 'adam',
    variant: 'M',
    innerSteps: 10,
    proximal: true,
    resetInner: false,
    batchSize: 16,
    workgroupSize: 64,
    workgroupBytes: 16384,
    ...overrides,
  };
}

describe('the fused WebGPU LocoProp kernel (host side)', () => {
  it("is registered under the CPU kernel's name", () => {
    expect(WEBGPU_LOCOPROP_KERNEL_NAME).toBe(FUSED_LOCOPROP_STEPS);
  });

  it('decays each inner rate and counts Adam t and Πβ₁ over every inner update, from the counters given', () => {
    const learningRates = [0.01, 0.02];
    const momenta = [0.9, 0.85];
    const K = 4;
    const table = innerCoefficients('adam', { innerSteps: K, innerDecay: true, resetInner: false }, learningRates, momenta, 7, 0.5);
    expect(table.length).toBe(INNER_COEFFICIENTS * K * 2);
    let t = 7;
    let product = 0.5;
    for (let s = 0; s < 2; s++) {
      for (let k = 0; k < K; k++) {
        t += 1;
        product *= momenta[s];
        const lr = learningRates[s] * innerRateFactor(k, K, true);
        const correction = Math.sqrt(1 - ADAM_BETA2 ** t);
        const at = INNER_COEFFICIENTS * (s * K + k);
        expect(Array.from(table.subarray(at, at + 4))).toEqual([lr, momenta[s], (lr * correction) / (1 - product), ADAM_EPSILON * correction].map(Math.fround));
      }
    }
  });

  it('restarts the counters at every outer step when the inner optimizer is reset', () => {
    const table = innerCoefficients('adam', { innerSteps: 3, innerDecay: false, resetInner: true }, [0.01, 0.01], [0.9, 0.9], 50, 0.01);
    // Outer step 1 repeats outer step 0: t and Πβ₁ start again from (0, 1), not from (50, 0.01).
    expect(Array.from(table.subarray(12, 24))).toEqual(Array.from(table.subarray(0, 12)));
    expect(table[2]).toBe(Math.fround((0.01 * Math.sqrt(1 - ADAM_BETA2)) / (1 - 0.9)));
    const sgd = innerCoefficients('sgd', { innerSteps: 2, innerDecay: true, resetInner: false }, [0.1], [0.9], 0, 1);
    expect(Array.from(sgd)).toEqual([0.1, 0.9, 0, 0, 0.05, 0.9, 0, 0].map(Math.fround));
  });

  it('generates WGSL for S and M × every activation × loss × inner optimizer × switch within the default storage-buffer limit', () => {
    for (const variant of ['S', 'M'] as const) {
      for (const activation of ACTIVATIONS) {
        for (const lossKind of LOSS_KINDS) {
          for (const optimizer of INNER_OPTIMIZERS) {
            for (const flags of [0, 7]) {
              // Storage only (no workgroup memory) is the most bindings a shader takes.
              const outputs = lossKind === 'softmax-cross-entropy' ? 10 : 1;
              const shader = locopropStepsShader(
                spec({ layout: networkLayout(64, [64, 64, 64], [activation, activation, activation], outputs), variant, lossKind, optimizer, workgroupBytes: 0, batchSize: 32, proximal: (flags & 1) !== 0, resetInner: (flags & 2) !== 0, regularization: (flags & 4) !== 0 ? 'l1' : 'none' }),
              );
              expect(shader.bindings.filter((role) => role !== 'params').length).toBeLessThanOrEqual(DEFAULT_STORAGE_BUFFER_LIMIT);
              expect(shader.code).toContain(`@group(0) @binding(${shader.bindings.length - 1})`);
            }
          }
        }
      }
    }
  });

  it('takes 2L barriers per outer step (L forward, L − 1 backward, the targets) and 2 per inner iteration, and keeps small networks in workgroup memory', () => {
    const shader = locopropStepsShader(spec());
    const outer = shader.code.slice(shader.code.indexOf('for (var s = 0u'), shader.code.indexOf('for (var k = 0u'));
    const inner = shader.code.slice(shader.code.indexOf('for (var k = 0u'));
    expect(outer.match(/sync\(\);/g)?.length).toBe(2 * 3);
    expect(inner.match(/sync\(\);/g)?.length).toBe(2);
    expect(shader.bindings).not.toContain('scratch');
    expect(shader.placement.inWorkgroup.has('theta')).toBe(true);
    const wide = locopropStepsShader(spec({ layout: networkLayout(2, [64, 64, 64], ['tanh', 'tanh', 'tanh'], 1), batchSize: 32 }));
    expect(wide.bindings).toContain('scratch');
    expect(wide.placement.workgroupBytes).toBeLessThanOrEqual(16384);
  });

  it('gives a softmax output one more barrier per outer step (its rows) and, for M only, one more per inner iteration (softmax(Ã) − T)', () => {
    const softmax = (variant: 'S' | 'M') => locopropStepsShader(spec({ variant, layout: networkLayout(2, [8, 8], ['tanh', 'tanh'], 3), lossKind: 'softmax-cross-entropy' })).code;
    const barriers = (code: string) => ({
      outer: code.slice(code.indexOf('for (var s = 0u'), code.indexOf('for (var k = 0u')).match(/sync\(\);/g)?.length,
      inner: code.slice(code.indexOf('for (var k = 0u')).match(/sync\(\);/g)?.length,
    });
    expect(barriers(softmax('M'))).toEqual({ outer: 2 * 3 + 1, inner: 3 });
    expect(barriers(softmax('S'))).toEqual({ outer: 2 * 3 + 1, inner: 2 });
    // M's inner residual on the softmax output: the row's probabilities minus the target.
    expect(softmax('M')).toContain('d2[e] = p - t2[e];');
    expect(softmax('S')).not.toContain('= p - t2[e];');
  });

  it('resets the slots only with resetInner (TF1 RMSProp mean square to 1) and keeps θ only with the proximal term', () => {
    const reset = locopropStepsShader(spec({ optimizer: 'rmsprop-tf1', resetInner: true, proximal: false })).code;
    expect(reset).toContain('slot0[p] = 1.0f;');
    expect(reset).toContain('slot1[p] = 0.0f;');
    expect(reset).not.toContain('params.proximalWeight');
    const kept = locopropStepsShader(spec({ optimizer: 'rmsprop-tf1' })).code;
    expect(kept).not.toContain('slot0[p] = 1.0f;');
    expect(kept.match(/params\.proximalWeight/g)?.length).toBe(3);
  });

  it('the broken variant differs in exactly one line per layer: the target’s sign', () => {
    const exact = locopropStepsShader(spec()).code.split('\n');
    const broken = BROKEN_TARGET_SIGN.rewrite(locopropStepsShader(spec()).code).split('\n');
    expect(broken.length).toBe(exact.length);
    const changed = exact.flatMap((line, i) => (line === broken[i] ? [] : [line.trim()]));
    expect(changed).toEqual([0, 1, 2].map((m) => `let goal = h - params.gamma * d${m}[e];`));
  });
});
