/**
 * How many dispatches the wide LocoProp path (wideLocoPropWgsl.ts) spends on an outer step, checked
 * without a GPU. On the software GPU a dispatch has a fixed cost beside its arithmetic, so the phases that need
 * no barrier between them share one: each layer's targets and first residual are written where G_m is
 * computed, and an inner iteration's residuals of all layers are one dispatch (each layer's local loss reads
 * only its own θ̃_m and the outer step's fixed input X_m; Amid et al. 2022, LocoProp, §3). The arithmetic is held
 * to the plain path by e2e/fusedWebgpu.spec.ts.
 */
import '../../test/setupTf';
import { describe, expect, it } from 'vitest';
import { networkLayout } from '../../engine/model/mlp';
import { wideLocoPropShader, type WideLocoPropSpec } from './wideLocoPropWgsl';

/** The paper scene's autoencoder (config/paperScene.ts). */
const AUTOENCODER = networkLayout(196, [128, 64, 16, 64, 128], ['tanh', 'tanh', 'linear', 'tanh', 'tanh'], 196);

function spec(overrides: Partial<WideLocoPropSpec> = {}): WideLocoPropSpec {
  return { layout: AUTOENCODER, lossKind: 'sigmoid-cross-entropy', regularization: 'none', optimizer: 'rmsprop-tf1', variant: 'M', innerSteps: 10, proximal: false, resetInner: false, batchSize: 128, ...overrides };
}

/** Dispatches of an outer step of K inner iterations, as webgpuWideLocoProp.ts encodes them. */
function dispatchesPerOuterStep(s: WideLocoPropSpec): number {
  const { outer, inner } = wideLocoPropShader(s);
  return outer.length + (s.innerSteps - 1) * inner.length;
}

describe('the wide fused WebGPU LocoProp kernel: dispatches per outer step', () => {
  it('takes the paper scene’s LocoProp-M outer step (M = 6, K = 10) in 2M + 2(K − 1) = 30 dispatches, as many per outer phase as a backprop step', () => {
    const shader = wideLocoPropShader(spec());
    expect(shader.outer.length).toBe(2 * 6);
    expect(shader.inner).toEqual(['residuals', 'update']);
    expect(dispatchesPerOuterStep(spec())).toBe(30);
  });

  it('writes every layer’s targets and first residual in the phase that computes its G, so no targets phase remains', () => {
    const shader = wideLocoPropShader(spec());
    expect(shader.outer.filter((entryPoint) => !/^(forward|deltas)\d$|^update$/.test(entryPoint))).toEqual([]);
    // One T = H − γG per layer: the output layer's in its forward phase, layer m − 1's in deltas m.
    const body = (entryPoint: string) => shader.code.slice(shader.code.indexOf(`fn ${entryPoint}(`)).split('\n@compute')[0];
    expect(body('forward5').match(/params\.gamma/g)?.length).toBe(1);
    for (let m = 1; m <= 5; m++) expect(body(`deltas${m}`).match(/params\.gamma/g)?.length).toBe(1);
    expect(shader.code.match(/params\.gamma/g)?.length).toBe(6);
    // The step's loss is summed once, by the first backward phase.
    expect(body('deltas5')).toContain('losses[s] = lossSum');
    expect(shader.code.match(/losses\[s\] = lossSum/g)?.length).toBe(1);
  });

  it('covers every layer’s output tiles in the one residuals dispatch, tiles of 16 rows by 4 columns', () => {
    const shader = wideLocoPropShader(spec());
    // Batch 128 in 8 tiles of 16 rows; outputs 128, 64, 16, 64, 128, 196 in 32 + 16 + 4 + 16 + 32 + 49 of 4 columns.
    expect(shader.phases.find((phase) => phase.entryPoint === 'residuals')?.invocations).toBe(8 * 149);
    // The update: each layer's n × k weights (196 inputs in 13 tiles of 16 rows), then its biases one each.
    const weightTiles = 13 * 32 + 8 * 16 + 4 * 4 + 1 * 16 + 4 * 32 + 8 * 49;
    expect(shader.phases.find((phase) => phase.entryPoint === 'update')?.invocations).toBe(weightTiles + 128 + 64 + 16 + 64 + 128 + 196);
    expect(shader.code).toContain('var acc15 = vec4<f32>(0.0f);');
    expect(shader.code).not.toContain('acc16');
  });

  it('keeps the switches’ phases: outerStart, softmax rows (M only in the inner loop), and a loss phase where no deltas phase exists', () => {
    expect(wideLocoPropShader(spec({ proximal: true })).outer[0]).toBe('outerStart');
    const layout = networkLayout(2, [96], ['tanh'], 10);
    expect(wideLocoPropShader(spec({ layout, lossKind: 'softmax-cross-entropy' })).outer).toEqual(['forward0', 'forward1', 'softmaxForward', 'deltas1', 'update']);
    expect(wideLocoPropShader(spec({ layout, lossKind: 'softmax-cross-entropy' })).inner).toEqual(['residuals', 'softmaxResidual', 'update']);
    expect(wideLocoPropShader(spec({ layout, lossKind: 'softmax-cross-entropy', variant: 'S' })).inner).toEqual(['residuals', 'update']);
    const single = wideLocoPropShader(spec({ layout: networkLayout(96, [], [], 80) }));
    expect(single.outer).toEqual(['forward0', 'outerLoss', 'update']);
    expect(single.code.match(/losses\[s\] = lossSum/g)?.length).toBe(1);
  });
});
