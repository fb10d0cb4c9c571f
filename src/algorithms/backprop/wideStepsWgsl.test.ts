/**
 * Backprop's wide path's WGSL (wideStepsWgsl.ts), checked without a GPU: which phases a step dispatches and how many invocations each
 * needs, the bindings within WebGPU's default limits, the shared formulas, and the test mutant being one line
 * of the backward product. The arithmetic is held to the plain path on WebGPU by e2e/fusedWebgpu.spec.ts.
 */
import '../../test/setupTf';
import { describe, expect, it } from 'vitest';
import { LOSS_KINDS } from '../../engine/model/losses';
import { networkLayout } from '../../engine/model/mlp';
import { ACTIVATIONS, FUSED_OPTIMIZERS } from '../../engine/names';
import type { OptimizerKind } from '../../engine/train/optimizers';
import { wideStepsShader, type WideShaderSpec } from './wideStepsWgsl';
import { BROKEN_WIDE_DELTAS } from '../../test/wgslMutants';
import { fitsOneWorkgroup } from '../../engine/fused/webgpuDispatch';

/** WebGPU's default maxStorageBuffersPerShaderStage. */
const DEFAULT_STORAGE_BUFFER_LIMIT = 8;
const AUTOENCODER = networkLayout(196, [128, 64, 16, 64, 128], ['tanh', 'tanh', 'tanh', 'tanh', 'tanh'], 196);

function spec(overrides: Partial<WideShaderSpec> = {}): WideShaderSpec {
  return { layout: AUTOENCODER, lossKind: 'squared-error', regularization: 'none', optimizer: 'rmsprop', batchSize: 128, ...overrides };
}

describe('the wide fused WebGPU kernel (host side)', () => {
  it("dispatches 2M phases per step for M layers (forward each, deltas below each but the first, one update), sized to each phase's elements", () => {
    expect(fitsOneWorkgroup(AUTOENCODER)).toBe(false);
    const shader = wideStepsShader(spec());
    expect(shader.phases.map((phase) => phase.entryPoint)).toEqual(['forward0', 'forward1', 'forward2', 'forward3', 'forward4', 'forward5', 'deltas5', 'deltas4', 'deltas3', 'deltas2', 'deltas1', 'update']);
    // One 4 × 4 tile of each product per invocation; the update: every layer's weight tiles, then each bias.
    const tiles = (rows: number, cols: number) => (rows / 4) * (cols / 4);
    const weightTiles = AUTOENCODER.layers.reduce((sum, layer) => sum + tiles(layer.inputSize, layer.outputSize), 0);
    const biases = AUTOENCODER.layers.reduce((sum, layer) => sum + layer.outputSize, 0);
    expect(shader.phases.map((phase) => phase.invocations)).toEqual([
      ...[128, 64, 16, 64, 128, 196].map((k) => tiles(128, k)),
      ...[128, 64, 16, 64, 128].map((n) => tiles(128, n)),
      weightTiles + biases,
    ]);
    for (const phase of shader.phases) expect(shader.code).toContain(`fn ${phase.entryPoint}(`);
    // The step's loss is summed once, by the first backward phase.
    expect(shader.code.match(/losses\[s\] = total/g)?.length).toBe(1);
    expect(shader.code.indexOf('losses[s] = total')).toBeGreaterThan(shader.code.indexOf('fn deltas5('));
    expect(shader.code.indexOf('losses[s] = total')).toBeLessThan(shader.code.indexOf('fn deltas4('));
  });

  it('gives a softmax output one more phase, over the rows, and a one-layer network its loss in the update', () => {
    const softmax = wideStepsShader(spec({ layout: networkLayout(2, [96], ['relu'], 10), lossKind: 'softmax-cross-entropy' }));
    // Edge tiles: 10 outputs take 3 tiles a row band, 2 inputs one.
    expect(softmax.phases).toEqual([
      { entryPoint: 'forward0', invocations: 32 * 24 },
      { entryPoint: 'forward1', invocations: 32 * 3 },
      { entryPoint: 'softmaxOutput', invocations: 128 },
      { entryPoint: 'deltas1', invocations: 32 * 24 },
      { entryPoint: 'update', invocations: 1 * 24 + 24 * 3 + 96 + 10 },
    ]);
    expect(softmax.code).not.toContain('elementLoss');
    const single = wideStepsShader(spec({ layout: networkLayout(100, [], [], 1), lossKind: 'sigmoid-cross-entropy' }));
    expect(single.phases.map((phase) => phase.entryPoint)).toEqual(['forward0', 'update']);
    expect(single.code.indexOf('losses[s] = total')).toBeGreaterThan(single.code.indexOf('fn update('));
  });

  it('binds within the default storage-buffer limit and uses the shared formulas, for every activation × loss × optimizer', () => {
    const optimizers: OptimizerKind[] = [...FUSED_OPTIMIZERS, 'rmsprop-tf1'];
    for (const activation of ACTIVATIONS) {
      for (const lossKind of LOSS_KINDS) {
        for (const optimizer of optimizers) {
          const shader = wideStepsShader(spec({ layout: networkLayout(2, [96, 96], [activation, activation], lossKind === 'softmax-cross-entropy' ? 3 : 1), lossKind, optimizer, regularization: 'l2' }));
          expect(shader.bindings.filter((role) => role !== 'params').length).toBeLessThanOrEqual(DEFAULT_STORAGE_BUFFER_LIMIT);
          expect(shader.code).toContain(`@group(0) @binding(${shader.bindings.length - 1})`);
          // One penalty line per layer, in its weight tiles' branch of the update.
          expect(shader.code.match(/params\.regularizationRate/g)?.length).toBe(3);
        }
      }
    }
  });

  it("the test mutant changes exactly one line, the start of the backward product's depth loop, in every deltas phase", () => {
    const exact = wideStepsShader(spec()).code.split('\n');
    const broken = BROKEN_WIDE_DELTAS.rewrite(wideStepsShader(spec()).code).split('\n');
    expect(broken.length).toBe(exact.length);
    const changed = exact.flatMap((line, i) => (line === broken[i] ? [] : [broken[i].trim()]));
    expect(changed).toEqual([196, 128, 64, 16, 64].map((k) => `for (var d = 1u; d < ${k}u; d++) { // G_m W_m^T`));
  });
});
