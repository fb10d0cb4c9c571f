/**
 * The algorithms the playground offers, as data (TF.js-free, so the page can read it): the name used in the
 * config and the URL, the labels people see, which config field picks the optimizer that updates θ, which
 * settings group the training panel shows, and what its per-layer targets are. The session maps each name to
 * its implementation (session.ts); nothing else branches on an algorithm's name, so a new algorithm is one
 * entry here and one implementation.
 */

export const ALGORITHMS = ['backprop', 'locoprop-s', 'locoprop-m'] as const;
export type AlgorithmName = (typeof ALGORITHMS)[number];

export interface AlgorithmInfo {
  /** As a control's option and a run's name: "Backprop". */
  label: string;
  /** Inside a sentence: "backprop". */
  inSentence: string;
  /** The config field naming the optimizer this algorithm updates θ with. */
  optimizerField: 'optimizer' | 'innerOptimizer';
  /** The settings group the training panel shows for it, if any. */
  settingsGroup: 'locoprop' | null;
  /** One line on what a step does, for the settings group's introduction. */
  summary: string;
  /**
   * The per-layer targets the targets panel shows: against the pre-activations A (T = A − γ·∂L/∂A) or the
   * outputs Y = f(A) (T = Y − γ·∂L/∂A). Backprop's are the targets its gradient step implies.
   */
  targetSpace: 'A' | 'Y';
  /** Whether a step runs K inner iterations on local losses (research/locoprop.md §3). */
  innerLoop: boolean;
  /** The algorithm other algorithms' cost is quoted against ("3.1× backprop"). */
  costReference: boolean;
  /**
   * Whether fused training kernels (engine/fused) run its steps where the backend has them: set once they match
   * the plain path (engine/fused/fusedSteps.ts says which kernel runs which algorithm).
   */
  fused: boolean;
}

export const ALGORITHM_INFO: Record<AlgorithmName, AlgorithmInfo> = {
  backprop: {
    label: 'Backprop',
    inSentence: 'backprop',
    optimizerField: 'optimizer',
    settingsGroup: null,
    summary: 'Backprop: one optimizer step against the gradient of the loss.',
    targetSpace: 'A',
    innerLoop: false,
    costReference: true,
    fused: true,
  },
  'locoprop-s': {
    label: 'LocoProp-S',
    inSentence: 'LocoProp-S',
    optimizerField: 'innerOptimizer',
    settingsGroup: 'locoprop',
    summary: 'LocoProp-S: each layer chases the target A − γ·∂L/∂A with a squared local loss on its pre-activation.',
    targetSpace: 'A',
    innerLoop: true,
    costReference: false,
    fused: true,
  },
  'locoprop-m': {
    label: 'LocoProp-M',
    inSentence: 'LocoProp-M',
    optimizerField: 'innerOptimizer',
    settingsGroup: 'locoprop',
    summary: 'LocoProp-M: each layer chases the target Y − γ·∂L/∂A with its matched local loss, gradient f(XW + b) − target.',
    targetSpace: 'Y',
    innerLoop: true,
    costReference: false,
    fused: true,
  },
};

export const ALGORITHM_LABELS: Record<AlgorithmName, string> = Object.fromEntries(
  ALGORITHMS.map((name) => [name, ALGORITHM_INFO[name].label]),
) as Record<AlgorithmName, string>;

/** The target formula of an algorithm's layers, e.g. "Y − γ·∂L/∂A". */
export function targetFormula(name: AlgorithmName): string {
  return `${ALGORITHM_INFO[name].targetSpace} − γ·∂L/∂A`;
}
