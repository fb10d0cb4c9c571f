/**
 * The settings that the LocoProp parity suites (cpuLocoPropSteps.test.ts in Node, e2e/fusedWebgpu.spec.ts on
 * WebGPU) hold the fused kernels to, before their extra cases (penalties, softmax, wide layers).
 *
 * The factors: variant (S, M), K ∈ {1, 10}, the inner optimizer (SGD, Adam, TF1 RMSProp), the three inner-loop
 * flags (decay, proximal term, reset: 8 patterns), and the network and loss (tanh or ReLU × sigmoid cross-entropy
 * or squared error). Their whole product is 2 × 2 × 3 × 8 × 4 = 384 cases, and the old grid took 96 of them
 * (every variant, K, optimizer and flag pattern; the network and loss in turn). A case costs a pipeline compile on
 * SwiftShader and a 100-step TF.js reference in Node, so `npm test` runs a covering design of 32:
 * - every variant × K × flag pattern (the flags interact inside the inner loop, and the variant sets its target);
 * - every optimizer × flag pattern (reset restarts the optimizer's step count, decay scales its rate);
 * - every variant × K × optimizer, and every network and loss with each variant × K and each optimizer.
 * parityGrid.test.ts checks each of these. FUSED_PARITY_FULL=1 runs the old 96 instead.
 */
import type { LossKind } from '../../engine/model/losses';
import type { Activation } from '../../engine/names';
import type { OptimizerKind } from '../../engine/train/optimizers';
import type { LocoPropSettings } from './settings';
import type { LocoPropVariant } from './step';

export const INNER_OPTIMIZERS: readonly OptimizerKind[] = ['sgd', 'adam', 'rmsprop-tf1'];
const NETWORKS: readonly { activation: Activation; lossKind: LossKind }[] = [
  { activation: 'tanh', lossKind: 'sigmoid-cross-entropy' },
  { activation: 'tanh', lossKind: 'squared-error' },
  { activation: 'relu', lossKind: 'sigmoid-cross-entropy' },
  { activation: 'relu', lossKind: 'squared-error' },
];

export interface GridCase {
  variant: LocoPropVariant;
  optimizer: OptimizerKind;
  activation: Activation;
  lossKind: LossKind;
  locoprop: LocoPropSettings;
}

function settingsOf(innerSteps: number, flags: number): LocoPropSettings {
  return { gamma: 1.5, innerSteps, innerDecay: (flags & 1) !== 0, proximalWeight: (flags & 2) !== 0 ? 0.5 : 0, resetInner: (flags & 4) !== 0 };
}

/**
 * `full`: the 96 of every variant × K × optimizer × flag pattern, the network and loss in turn. Otherwise the 32
 * of every variant × K × flag pattern, the optimizer (flags + 2·variant + K's index) mod 3 and the network and
 * loss (flags + variant + K's index) mod 4, which cover the pairs the file's comment lists.
 */
export function locopropGrid(full: boolean): GridCase[] {
  const cases: GridCase[] = [];
  (['S', 'M'] as const).forEach((variant, v) => {
    [1, 10].forEach((innerSteps, k) => {
      const optimizers = full ? INNER_OPTIMIZERS.map((_, o) => o) : [null];
      for (const o of optimizers) {
        for (let flags = 0; flags < 8; flags++) {
          const optimizer = INNER_OPTIMIZERS[o ?? (flags + 2 * v + k) % 3];
          const network = NETWORKS[full ? cases.length % 4 : (flags + v + k) % 4];
          cases.push({ variant, optimizer, ...network, locoprop: settingsOf(innerSteps, flags) });
        }
      }
    });
  });
  return cases;
}
