/**
 * The names of the engine's choices, in a module with no TF.js in it: the config schema and the UI run on the
 * page's main thread, which must not load TF.js (DESIGN.md §1), yet they need these lists for their controls.
 * The engine modules that implement each choice re-export their list from here.
 */

export const ACTIVATIONS = ['tanh', 'relu', 'sigmoid', 'linear'] as const;
export type Activation = (typeof ACTIVATIONS)[number];

export const INITIALIZERS = ['glorot', 'he'] as const;
export type Initializer = (typeof INITIALIZERS)[number];

export const REGULARIZATIONS = ['none', 'l1', 'l2'] as const;
export type Regularization = (typeof REGULARIZATIONS)[number];

/**
 * Backprop's update rules. The -HD ones adapt their own learning rate by hypergradient descent (Baydin, Cornish,
 * Martínez Rubio, Schmidt & Wood, "Online Learning Rate Adaptation with Hypergradient Descent", ICLR 2018, §2
 * and its SGD-HD and Adam-HD algorithms): engine/train/hypergradient.ts.
 */
export const OPTIMIZERS = ['sgd', 'momentum', 'nesterov', 'adam', 'rmsprop', 'sgd-hd', 'adam-hd'] as const;
export type BackpropOptimizer = (typeof OPTIMIZERS)[number];

/** The update rules whose learning rate is their own state, moved every step by the hypergradient. */
export const HYPERGRADIENT_OPTIMIZERS = ['sgd-hd', 'adam-hd'] as const;
export type HypergradientOptimizer = (typeof HYPERGRADIENT_OPTIMIZERS)[number];

export function adaptsLearningRate(kind: string): kind is HypergradientOptimizer {
  return (HYPERGRADIENT_OPTIMIZERS as readonly string[]).includes(kind);
}

/**
 * The rules every fused kernel has (engine/fused, CPU and WGSL, the wide WGSL path included): all but the -HD ones,
 * which the CPU kernels and the one-workgroup WGSL kernel run (their parity cases are e2e/fused's
 * hypergradientParityCases).
 */
export const FUSED_OPTIMIZERS: readonly BackpropOptimizer[] = OPTIMIZERS.filter((kind) => !adaptsLearningRate(kind));

/**
 * How the page names backprop's update rules. Its 'rmsprop' is PyTorch's torch.optim.RMSprop with alpha 0.9
 * (PyTorch docs, torch.optim.RMSprop): v ← 0.9·v + 0.1·g², v starting at 0, θ ← θ − lr·g/(√v + ε), ε outside
 * the root; not LocoProp's inner TF1 RMSProp, which shares the URL value `rmsprop` (kept for old links).
 */
export const OPTIMIZER_LABELS: Record<BackpropOptimizer, string> = {
  sgd: 'SGD',
  momentum: 'Momentum',
  nesterov: 'Nesterov',
  adam: 'Adam',
  rmsprop: 'RMSProp (PyTorch)',
  'sgd-hd': 'SGD-HD',
  'adam-hd': 'Adam-HD',
};

/** Which training kernels run: fused (many steps per call) where the backend and algorithm have them, or plain TF.js ops. */
export const KERNEL_PATHS = ['auto', 'fused', 'plain'] as const;
export type KernelChoice = (typeof KERNEL_PATHS)[number];

/** LocoProp's inner update rules ('rmsprop' is the reference's TF1 RMSProp). */
export const INNER_OPTIMIZERS = ['sgd', 'rmsprop', 'adam'] as const;
export type InnerOptimizer = (typeof INNER_OPTIMIZERS)[number];

/**
 * How the page names LocoProp's inner update rules. The inner 'rmsprop' is TF1's RMSPropOptimizer as the
 * authors' LocoProp notebook runs it (tf.compat.v1.train.RMSPropOptimizer docs): ms ← ρ·ms + (1 − ρ)·g² with
 * ρ = 0.9 and ms starting at 1, mom ← μ·mom + lr·g/√(ms + ε) with ε = 1e-5 inside the root, θ ← θ − mom.
 */
export const INNER_OPTIMIZER_LABELS: Record<InnerOptimizer, string> = { sgd: 'SGD', rmsprop: 'RMSProp (TF1, as in the LocoProp code)', adam: 'Adam' };
/** The same, short, for run names and legends. */
export const INNER_OPTIMIZER_SHORT: Record<InnerOptimizer, string> = { sgd: 'SGD', rmsprop: 'RMSProp (TF1)', adam: 'Adam' };
