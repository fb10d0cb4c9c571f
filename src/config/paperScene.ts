/**
 * The paper's scene (Amid, Anil & Warmuth 2022, arXiv:2106.06199, experiments; the deep autoencoder of Hinton &
 * Salakhutdinov 2006, 784-1000-500-250-30 and mirrored, as the reference notebook builds it), scaled to what a browser
 * trains live: the deep autoencoder on MNIST at 14×14 (196-128-64-16-64-128-196, tanh with a linear code
 * layer, sigmoid outputs with binary cross-entropy), LocoProp-M with the reference's inner TF1 RMSProp
 * (momentum 0.999, K = 10, the inner decay) against backprop with PyTorch's RMSProp, each at the learning rate its LR
 * range test suggests (valley; bench/real-data-bench.ts reruns the tests), from the same initial weights.
 * γ multiplies the gradient of the batch-mean loss, so the reference's 10 at batch 1,000 is 1.28 at 128 (the
 * notebook's loss is a sum over outputs of a mean over the batch, so its G = ∂L/∂A carries 1/B and γ/B is the
 * per-example step).
 */
import { defaultConfig, type ExperimentConfig } from './experiment';

/** The range tests' valley suggestions on this scene (1e-6 → 1, 100 steps, CPU backend, seed 1). */
export const PAPER_SCENE_RATES = { backprop: 2.5e-4, locoprop: 2.2e-4 } as const;

export function paperScene(base: ExperimentConfig = defaultConfig()): ExperimentConfig[] {
  const hidden = [128, 64, 16, 64, 128];
  const shared: ExperimentConfig = {
    ...base,
    dataset: 'mnist14',
    task: 'autoencoder',
    features: [],
    hidden,
    activation: ['tanh', 'tanh', 'linear', 'tanh', 'tanh'],
    init: 'glorot',
    batchSize: 128,
    regularization: 'none',
    schedule: 'constant',
    repeatSeeds: 1,
    // Backprop's update rule: PyTorch's RMSProp (torch.optim.RMSprop, alpha 0.9: mean square from 0, ε = 1e-8
    // outside the root, no momentum). LocoProp-M ignores it: its inner loop runs TF1's RMSPropOptimizer as the
    // authors' notebook does (mean square from 1, ε = 1e-5 inside the root, momentum 0.999). The runs thus differ
    // in the update rule as well as in what LocoProp adds (the scene's card says so); backprop has no TF1 rule.
    optimizer: 'rmsprop',
  };
  return [
    { ...shared, algorithm: 'backprop', learningRate: PAPER_SCENE_RATES.backprop },
    {
      ...shared,
      algorithm: 'locoprop-m',
      innerOptimizer: 'rmsprop',
      gamma: 1.28,
      innerSteps: 10,
      innerDecay: true,
      momentum: 0.999,
      learningRate: PAPER_SCENE_RATES.locoprop,
    },
  ];
}
