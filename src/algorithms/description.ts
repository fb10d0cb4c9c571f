/**
 * What the page knows of one training algorithm: a TF.js-free description (the page's main thread must not
 * load TF.js). Each algorithm's folder exports one; the page registry (registry.ts) lists them, and every
 * panel, the config schema, the run names, the narration and the PyTorch export read them from there.
 */
import type { Explanation } from '../ui/explain/explanationTypes';
import type { PresenterView } from '../ui/presenter/presenterStore';
import type { PytorchEmitter } from './pytorchEmitter';
import type { SettingsGroup } from './settings';

export interface AlgorithmDescription<Name extends string = string, OptimizerField extends string = string> {
  /** The name in the config and the URL: `algorithm=<name>`. */
  name: Name;
  /** As a control's option and a run's name: "Backprop". */
  label: string;
  /** Inside a sentence: "backprop". */
  inSentence: string;
  /**
   * The config field naming the optimizer this algorithm updates θ with: the config's optimizer, or a field of its
   * settings group that then declares that optimizer (SettingsGroup.optimizer). The registry types it with every
   * description's own (registry.ts AlgorithmInfo).
   */
  optimizerField: 'optimizer' | OptimizerField;
  /**
   * Its own settings (settings.ts): the schema fields, how the Training panel shows them and what its step
   * reads; null for none. Algorithms with the same knobs share one group (LocoProp-S and -M).
   */
  settings: SettingsGroup | null;
  /** One line on what a step does, for the settings group's introduction. */
  summary: string;
  /** Its Explain panel: formulas and sources (in its folder; algorithms sharing a panel share the object). */
  explanation: Explanation;
  /** Probes (by their declared name) whose chart's Explain button opens this explanation: feedback alignment's angle. */
  explainsProbes?: readonly string[];
  /**
   * The per-layer targets the targets panel shows: against the pre-activations A (T = A − γ·δ) or the
   * outputs Y = f(A) (T = Y − γ·δ), where δ is the error signal the algorithm sends back to the layer.
   */
  targetSpace: 'A' | 'Y';
  /** What δ is, in the targets panel's words: "∂L/∂A" for backprop; feedback alignment's δ through B. */
  errorSignal: string;
  /**
   * Views the presenter's stage opens with while a run of it is on, beyond the scene card, the plane and the
   * loss: LocoProp's layer targets (its story is the targets and the inner steps).
   */
  stageViews: readonly PresenterView[];
  /** Whether a step runs K inner iterations on local losses (LocoProp, Amid et al. 2022, Algorithm 1). */
  innerLoop: boolean;
  /** The algorithm other algorithms' cost is quoted against ("3.1× backprop"). */
  costReference: boolean;
  /**
   * The backends where fused kernels train it (its worker-registry entry's kernels; registry.test.ts holds the two
   * to each other): the page's estimates take the fused rate there (state/sweepEstimate.ts).
   */
  fusedOn: readonly ('cpu' | 'webgpu')[];
  /**
   * The backends where a sweep's runs of it share kernel calls (its worker-registry entry's `sweepBatch`;
   * fusedOn.test.ts holds the two to each other): the sweep panel says why other runs trained one at a time.
   */
  batchedOn: readonly ('cpu' | 'webgpu')[];
  /** Its PyTorch emitter, or why there is none (the export is then disabled with that reason). */
  pytorch: PytorchEmitter | { unavailable: string };
}
