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

/** Backprop's update rules. */
export const OPTIMIZERS = ['sgd', 'momentum', 'nesterov', 'adam', 'rmsprop'] as const;
export type BackpropOptimizer = (typeof OPTIMIZERS)[number];

/** Which training kernels run: fused (many steps per call) where the backend and algorithm have them, or plain TF.js ops. */
export const KERNEL_PATHS = ['auto', 'fused', 'plain'] as const;
export type KernelChoice = (typeof KERNEL_PATHS)[number];

/** LocoProp's inner update rules ('rmsprop' is the reference's TF1 RMSProp). */
export const INNER_OPTIMIZERS = ['sgd', 'rmsprop', 'adam'] as const;
export type InnerOptimizer = (typeof INNER_OPTIMIZERS)[number];
