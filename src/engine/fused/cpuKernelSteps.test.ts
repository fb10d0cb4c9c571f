import { afterEach, describe, expect, it } from 'vitest';
import { networkLayout } from '../model/mlp';
import { createRandom } from '../random';
import { chooseCpuKernel, type CpuKernel } from './cpuMatMul';
import { locopropStepsCpu } from '../../algorithms/locoprop/cpuLocoPropSteps';
import { trainStepsCpu } from '../../algorithms/backprop/cpuTrainSteps';
import type { FusedState } from './fusedProblem';

/** A narrow autoencoder with real-data traits: 60 inputs, a third 0, layers over one 48-term block, batch 50. */
const layout = networkLayout(60, [52, 9, 52], ['tanh', 'tanh', 'tanh'], 60);
const BATCH = 50;
const ROWS = 120;
const STEPS = 4;

function setup(seed: number) {
  const random = createRandom(seed);
  const theta = Float32Array.from({ length: layout.parameterCount }, () => random.uniform(-0.3, 0.3));
  const inputs = Float32Array.from({ length: ROWS * 60 }, () => (random.next() < 1 / 3 ? 0 : random.next()));
  const schedule = {
    batchSize: BATCH,
    rows: Int32Array.from({ length: STEPS * BATCH }, () => Math.floor(random.next() * ROWS)),
    learningRates: Float32Array.from({ length: STEPS }, () => 0.01),
    momenta: Float32Array.from({ length: STEPS }, () => 0.9),
  };
  return { theta, data: { inputs, targets: inputs }, schedule };
}

const bitsOf = (values: Float32Array): number[] => Array.from(new Uint32Array(values.buffer.slice(0)));

function run(kernel: CpuKernel, algorithm: 'backprop' | 'locoprop-m'): number[][] {
  chooseCpuKernel(kernel);
  const { theta, data, schedule } = setup(7);
  const state: FusedState = { theta, slots: [new Float32Array(theta.length), new Float32Array(theta.length)], stepCount: 0, beta1Product: 1 };
  const problem = { layout, lossKind: 'sigmoid-cross-entropy' as const, regularization: 'l2' as const, regularizationRate: 1e-4, optimizer: 'adam' as const };
  const losses =
    algorithm === 'backprop'
      ? trainStepsCpu(problem, state, data, schedule)
      : locopropStepsCpu({ ...problem, variant: 'M', locoprop: { gamma: 1.5, innerSteps: 3, innerDecay: true, proximalWeight: 0.5, resetInner: false } }, state, data, schedule);
  return [bitsOf(losses), bitsOf(state.theta), ...state.slots.map(bitsOf)];
}

describe('the fused CPU kernels with the WebAssembly and the JavaScript matrix products', () => {
  afterEach(() => chooseCpuKernel('wasm-simd'));

  for (const algorithm of ['backprop', 'locoprop-m'] as const) {
    it(`${algorithm}: the same losses, θ and optimizer slots, bit for bit, after ${STEPS} steps`, () => {
      const wasm = run('wasm-simd', algorithm);
      const js = run('js', algorithm);
      expect(wasm[1]).not.toEqual(bitsOf(setup(7).theta)); // the steps moved θ
      for (let part = 0; part < js.length; part++) expect(wasm[part], `part ${part}`).toEqual(js[part]);
    });
  }
});
