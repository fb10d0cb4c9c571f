/**
 * What can be checked of backprop's fused WebGPU kernel (webgpuTrainSteps.ts, trainStepsWgsl.ts)
 * without a GPU: which networks fit, the host's per-step coefficients, the generated
 * WGSL's shape (bindings within WebGPU's default limits, barriers per step, the mutation being one line).
 * The arithmetic itself is held to the plain path on WebGPU by e2e/fusedWebgpu.spec.ts.
 */
import '../../test/setupTf';
import { describe, expect, it } from 'vitest';
import { LOSS_KINDS } from '../../engine/model/losses';
import { networkLayout } from '../../engine/model/mlp';
import { ACTIVATIONS, FUSED_OPTIMIZERS } from '../../engine/names';
import { ADAM_BETA2, ADAM_EPSILON, FlatOptimizer, type OptimizerKind } from '../../engine/train/optimizers';
import { FUSED_TRAIN_STEPS } from './kernel';
import { trainStepsShader, type ShaderSpec } from './trainStepsWgsl';
import { WEBGPU_FUSED_KERNEL_NAME } from './webgpuKernel';
import { stepCoefficients } from './webgpuTrainSteps';
import { BROKEN_ADAM_BIAS_CORRECTION } from '../../test/wgslMutants';
import { slotCountOf } from '../../engine/fused/wgslLayout';
import { fitsOneWorkgroup } from '../../engine/fused/webgpuDispatch';

/** Every rule the one-workgroup kernel runs: the -HD ones too (not the wide path). */
const ALL_OPTIMIZERS: OptimizerKind[] = [...FUSED_OPTIMIZERS, 'rmsprop-tf1', 'sgd-hd', 'adam-hd'];
/** WebGPU's default maxStorageBuffersPerShaderStage. */
const DEFAULT_STORAGE_BUFFER_LIMIT = 8;

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

describe('the fused WebGPU kernel (host side)', () => {
  it('is registered under the CPU kernel\'s name', () => {
    expect(WEBGPU_FUSED_KERNEL_NAME).toBe(FUSED_TRAIN_STEPS);
  });

  it('fits networks whose every width is at most 64', () => {
    expect(fitsOneWorkgroup(networkLayout(2, [64, 64, 64, 64, 64, 64], ['relu', 'relu', 'relu', 'relu', 'relu', 'relu'], 1))).toBe(true);
    expect(fitsOneWorkgroup(networkLayout(2, [8, 65], ['tanh', 'tanh'], 1))).toBe(false);
    expect(fitsOneWorkgroup(networkLayout(100, [8], ['tanh'], 1))).toBe(false);
  });

  it('has as many slots as FlatOptimizer for every optimizer', () => {
    for (const kind of ALL_OPTIMIZERS) {
      const optimizer = new FlatOptimizer(kind, 3);
      expect(slotCountOf(kind)).toBe(optimizer.slots.length);
      optimizer.dispose();
    }
  });

  it("computes Adam's step size and ε̂ per step from t and the product of the β₁ actually used", () => {
    const learningRates = Float32Array.from([0.01, 0.02, 0.015]);
    const momenta = Float32Array.from([0.9, 0.85, 0.95]);
    const table = stepCoefficients('adam', learningRates, momenta, 7, 0.5);
    let product = 0.5;
    for (let s = 0; s < 3; s++) {
      product *= momenta[s];
      const correction = Math.sqrt(1 - ADAM_BETA2 ** (7 + s + 1));
      expect(table[4 * s]).toBe(learningRates[s]);
      expect(table[4 * s + 1]).toBe(momenta[s]);
      expect(table[4 * s + 2]).toBe(Math.fround((learningRates[s] * correction) / (1 - product)));
      expect(table[4 * s + 3]).toBe(Math.fround(ADAM_EPSILON * correction));
    }
    expect(Array.from(stepCoefficients('momentum', learningRates, momenta, 0, 1).subarray(0, 4))).toEqual([learningRates[0], momenta[0], 0, 0]);
  });

  it("gives Adam-HD's table a header row (t₀, its factor and ε̂ at t₀) and per step η, μ, √(1−β₂ᵗ)/(1−Πβ₁), ε̂ (α is the device's)", () => {
    const learningRates = Float32Array.from([0.01, 0.02]);
    const momenta = Float32Array.from([0.9, 0.85]);
    const table = stepCoefficients('adam-hd', learningRates, momenta, 7, 0.5);
    expect(table).toHaveLength(4 * 3);
    expect(new Uint32Array(table.buffer, 4, 1)[0]).toBe(7);
    const factor = (t: number, product: number): number => Math.fround(Math.sqrt(1 - ADAM_BETA2 ** t) / (1 - product));
    expect([table[2], table[3]]).toEqual([factor(7, 0.5), Math.fround(ADAM_EPSILON * Math.sqrt(1 - ADAM_BETA2 ** 7))]);
    expect(Array.from(table.subarray(4, 8))).toEqual([learningRates[0], momenta[0], factor(8, 0.5 * momenta[0]), Math.fround(ADAM_EPSILON * Math.sqrt(1 - ADAM_BETA2 ** 8))]);
    expect(table[8 + 2]).toBe(factor(9, 0.5 * momenta[0] * momenta[1]));
    // Before the first update there is no hypergradient (α is the scheduled rate): no factor, and none divides by 1 − 1.
    expect(Array.from(stepCoefficients('adam-hd', learningRates, momenta, 0, 1).subarray(2, 4))).toEqual([0, 0]);
    // SGD-HD: the header's counter, and η and μ per step.
    const sgd = stepCoefficients('sgd-hd', learningRates, momenta, 3, 1);
    expect(new Uint32Array(sgd.buffer, 4, 1)[0]).toBe(3);
    expect(Array.from(sgd.subarray(4, 8))).toEqual([learningRates[0], momenta[0], 0, 0]);
  });

  it('generates WGSL for every activation × loss × optimizer within the default storage-buffer limit', () => {
    for (const activation of ACTIVATIONS) {
      for (const lossKind of LOSS_KINDS) {
        for (const optimizer of ALL_OPTIMIZERS) {
          // Storage only (no workgroup memory) is the most bindings a shader takes.
          const outputs = lossKind === 'softmax-cross-entropy' ? 10 : 1;
          const shader = trainStepsShader(spec({ layout: networkLayout(64, [64, 64, 64], [activation, activation, activation], outputs), lossKind, optimizer, workgroupBytes: 0, batchSize: 32 }));
          expect(shader.bindings.filter((role) => role !== 'params').length).toBeLessThanOrEqual(DEFAULT_STORAGE_BUFFER_LIMIT);
          expect(shader.code).toContain(`@group(0) @binding(${shader.bindings.length - 1})`);
        }
      }
    }
  });

  it('takes 2L barriers per step for L layers (2L + 2 for the -HD rules), and keeps small networks in workgroup memory', () => {
    const shader = trainStepsShader(spec());
    const loop = shader.code.slice(shader.code.indexOf('for (var s = 0u'));
    expect(loop.match(/sync\(\);/g)?.length).toBe(2 * 3);
    const adapted = trainStepsShader(spec({ optimizer: 'adam-hd' }));
    expect(adapted.code.slice(adapted.code.indexOf('for (var s = 0u')).match(/sync\(\);/g)?.length).toBe(2 * 3 + 2);
    expect([...shader.placement.inWorkgroup]).toEqual(['theta', 'scratch', 'slot0', 'slot1']);
    const wide = trainStepsShader(spec({ layout: networkLayout(2, [64, 64, 64], ['tanh', 'tanh', 'tanh'], 1), batchSize: 32 }));
    expect(wide.placement.inWorkgroup.has('scratch')).toBe(false);
    expect(wide.bindings).toContain('scratch');
    expect(wide.placement.workgroupBytes).toBeLessThanOrEqual(16384);
  });

  it('gives a softmax output one more barrier per step, for its rows, and no element-wise loss functions', () => {
    const shader = trainStepsShader(spec({ layout: networkLayout(2, [8, 8], ['tanh', 'tanh'], 3), lossKind: 'softmax-cross-entropy' }));
    const loop = shader.code.slice(shader.code.indexOf('for (var s = 0u'));
    expect(loop.match(/sync\(\);/g)?.length).toBe(2 * 3 + 1);
    expect(shader.code).not.toContain('elementLoss');
    // One invocation per row of the batch, over the row's 3 logits.
    expect(loop).toContain('for (var r = lid; r < 16u; r += 64u)');
    expect(loop).toContain('for (var j = 0u; j < 3u; j++)');
  });

  it('puts the L1/L2 penalty on weights only, and the broken variant differs in exactly one line', () => {
    const l2 = trainStepsShader(spec({ regularization: 'l2' })).code;
    // One penalty line per layer, inside the weights' branch.
    expect(l2.match(/params\.regularizationRate/g)?.length).toBe(3);
    expect(trainStepsShader(spec()).code).not.toContain('regularizationRate;');
    const exact = trainStepsShader(spec()).code.split('\n');
    const broken = BROKEN_ADAM_BIAS_CORRECTION.rewrite(trainStepsShader(spec()).code).split('\n');
    expect(broken.length).toBe(exact.length);
    const changed = new Set(exact.flatMap((line, i) => (line === broken[i] ? [] : [line.trim()])));
    expect([...changed]).toEqual(['theta[p] = theta[p] - (stepSize * m) / (sqrt(v) + epsilonHat);']);
  });
});
