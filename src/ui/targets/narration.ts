/**
 * The "slow step" script: what happens in one training step, phase by phase, with the layers each phase
 * concerns and one sentence each. The step itself runs at full speed in the worker; this replays it with its
 * own numbers (the step's diagnostics), at the presenter's pace: a phase stays until Next or Back.
 */
import { iterationsLabelOf } from '../../algorithms/presentation';
import { ALGORITHM_INFO, type AlgorithmName } from '../../algorithms/registry';
import type { ExperimentConfig } from '../../config/experiment';
import { INNER_OPTIMIZER_SHORT, OPTIMIZER_LABELS } from '../../engine/names';
import type { LayerDiagnostics } from '../../engine/train/diagnostics';

export interface NarrationPhase {
  /** Layers lit up: 1…M (0 would be the input). */
  active: number[];
  sentence: string;
  /** How long the phase stays when auto-advance is on. */
  durationMs: number;
}

export interface NarrationInput {
  algorithm: AlgorithmName;
  layerNames: string[];
  diagnostics: LayerDiagnostics[];
  /** γ of the per-layer targets (presentation.ts targetGammaOf). */
  targetGamma: number;
  /** Inner iterations a step of the algorithm runs (its settings group's innerIterations; 0 without an inner loop). */
  innerIterations: number;
  optimizerName: string;
}

const list = (values: number[]): string => values.map((v) => v.toPrecision(2)).join(', ');

/**
 * A local loss counts as risen when ℓ_K − ℓ_0 exceeds this: above float32 rounding of a loss of order one
 * (2⁻²³ ≈ 1.2e-7 relative), so that a layer already at its target does not read as rising.
 */
export const LOCAL_LOSS_RISE = 1e-6;

/** The layer's short name: "layer 1" of "layer 1: 8 tanh". */
const shortName = (name: string): string => name.split(':')[0];

/**
 * The update rule a step of `algorithm` runs, named as the Training panel names it (engine/names.ts, the one
 * source): backprop's optimizer, or LocoProp's inner one, so the two RMSProps keep their own names ("RMSProp
 * (PyTorch)", "RMSProp (TF1)").
 */
export function narratedOptimizer(algorithm: AlgorithmName, config: ExperimentConfig): string {
  const field = ALGORITHM_INFO[algorithm].optimizerField;
  return field === 'optimizer' ? OPTIMIZER_LABELS[config.optimizer] : INNER_OPTIMIZER_SHORT[config[field]];
}

/**
 * Adaptive optimizers whose first steps have a size of about ρ whatever the gradient's size: Adam, and RMSProp in
 * PyTorch's form, whose mean square starts at 0 (torch.optim.RMSprop). Not the inner TF1 RMSProp: its mean square
 * starts at 1 (tf.compat.v1.train.RMSPropOptimizer), so its first steps are about ρ times the gradient, as SGD's.
 */
const ADAPTIVE = new Set([OPTIMIZER_LABELS.adam, OPTIMIZER_LABELS.rmsprop, INNER_OPTIMIZER_SHORT.adam]);

/** A label inside a sentence: "Inner learning rate ρ" → "inner learning rate ρ". */
const inSentence = (label: string): string => label.charAt(0).toLowerCase() + label.slice(1);

/** What the narration calls the algorithm's inner rate and inner iterations: its settings group's labels. */
function innerWords(algorithm: AlgorithmName): { rate: string; iterations: string } {
  const rate = ALGORITHM_INFO[algorithm].settings?.learningRate?.label;
  const iterations = iterationsLabelOf(algorithm);
  return { rate: rate ? inSentence(rate) : 'learning rate', iterations: iterations ? inSentence(iterations) : 'inner iterations' };
}

/**
 * What to say when some layers' local losses ended the inner loop above where they started: which layers, by
 * how much, why it likely happened and what to try. Empty when every local loss fell (or stayed).
 */
export function risenLocalLosses(algorithm: AlgorithmName, layerNames: readonly string[], diagnostics: readonly LayerDiagnostics[], iterations: number, optimizerName: string): string {
  const words = innerWords(algorithm);
  const risen = diagnostics.flatMap((d, i) => {
    const change = d.localLoss[iterations] ?? Number.NaN;
    return change > LOCAL_LOSS_RISE ? [`${shortName(layerNames[i])} +${change.toPrecision(2)}`] : [];
  });
  if (risen.length === 0) return '';
  const one = risen.length === 1;
  // Adam's bias-corrected first step is about ρ·sign(g) per weight (Kingma & Ba 2015, §2.1: the effective step
  // is bounded by about the step size α), and PyTorch's RMSProp's starts likewise from a zero mean square.
  const why = ADAPTIVE.has(optimizerName)
    ? `${optimizerName}'s first steps move every weight by about the inner learning rate whatever the gradient's size, so a layer already close to its target overshoots it`
    : 'the inner steps overshoot the target when the inner learning rate is large for the curvature of that layer\'s local loss';
  return ` The local loss of ${risen.join(', ')} rose over the ${iterations} inner iterations instead of falling: the ${words.rate} is likely too high for ${one ? 'that layer' : 'those layers'} (${why}). Try a lower ${words.rate} or fewer ${words.iterations}.`;
}

export function narrationPhases({ algorithm, layerNames, diagnostics, targetGamma, innerIterations, optimizerName }: NarrationInput): NarrationPhase[] {
  const layers = layerNames.map((_, i) => i + 1);
  const phases: NarrationPhase[] = [];
  layers.forEach((m) =>
    phases.push({
      active: [m],
      sentence: `Forward pass, ${layerNames[m - 1]}: A = X·W + b from the layer's input X, then Y = f(A).${ALGORITHM_INFO[algorithm].innerLoop ? ` ${ALGORITHM_INFO[algorithm].label} keeps X, A and Y of every layer.` : ''}`,
      durationMs: 900,
    }),
  );
  [...layers].reverse().forEach((m) =>
    phases.push({
      active: [m],
      sentence: `Backward pass, ${layerNames[m - 1]}: G = ∂L/∂A, the loss gradient with respect to this layer's pre-activation.`,
      durationMs: 700,
    }),
  );
  const shifts = list(diagnostics.map((d) => d.shift));
  if (!ALGORITHM_INFO[algorithm].innerLoop) {
    phases.push({
      active: layers,
      sentence: `Update: ${optimizerName} moves every weight against ∇W L = Xᵀ·G at once. The targets this implies, A − γ·G with γ = ${targetGamma}, are ${shifts} of ‖A‖ away (layer by layer).`,
      durationMs: 2600,
    });
  } else {
    const what = `${ALGORITHM_INFO[algorithm].targetSpace} − γ·G`;
    phases.push({
      active: layers,
      sentence: `Targets: each layer gets its own target ${what} (γ = ${targetGamma}), a step against the gradient. Relative shifts ‖T − H‖/‖H‖: ${shifts}.`,
      durationMs: 2600,
    });
    for (let k = 1; k <= innerIterations; k++) {
      const change = list(diagnostics.map((d) => d.localLoss[k] ?? Number.NaN));
      const rose = k === innerIterations ? risenLocalLosses(algorithm, layerNames, diagnostics, innerIterations, optimizerName) : '';
      phases.push({
        active: layers,
        sentence: `Inner iteration ${k} of ${innerIterations}: every layer takes one ${optimizerName} step on its own local loss, inputs and targets frozen. Local loss change so far: ${change}.${rose}`,
        durationMs: 650,
      });
    }
  }
  phases.push({
    active: layers,
    sentence: 'New weights: the orange triangles in the charts below show where each layer landed. The next minibatch starts from here.',
    durationMs: 2600,
  });
  return phases;
}

/** An open narration: its phases and the one on screen. */
export interface NarrationState {
  phases: NarrationPhase[];
  index: number;
}

export interface NarrationPlayer {
  readonly state: NarrationState | null;
  open: (phases: NarrationPhase[]) => void;
  /** The next phase; past the last one the narration closes. */
  next: () => void;
  /** The previous phase; the first stays. */
  back: () => void;
  close: () => void;
  /** Off by default: each phase stays on screen until the presenter leaves it. On: each moves on after its duration. */
  setAutoAdvance: (on: boolean) => void;
}

/**
 * Paces the slow step. By default it waits for the presenter (Next, Back, →/←); auto-advance is an option that
 * moves on after each phase's duration, measured from when that phase appeared. No timer runs otherwise.
 */
export function createNarrationPlayer(onChange: (state: NarrationState | null) => void): NarrationPlayer {
  let state: NarrationState | null = null;
  let autoAdvance = false;
  let timer: ReturnType<typeof setTimeout> | null = null;

  const clearTimer = (): void => {
    if (timer !== null) clearTimeout(timer);
    timer = null;
  };
  const show = (next: NarrationState | null): void => {
    state = next;
    clearTimer();
    if (state && autoAdvance) timer = setTimeout(player.next, state.phases[state.index].durationMs);
    onChange(state);
  };
  const player: NarrationPlayer = {
    get state() {
      return state;
    },
    open: (phases) => show(phases.length > 0 ? { phases, index: 0 } : null),
    next: () => {
      if (state) show(state.index + 1 < state.phases.length ? { ...state, index: state.index + 1 } : null);
    },
    back: () => {
      if (state && state.index > 0) show({ ...state, index: state.index - 1 });
    },
    close: () => show(null),
    setAutoAdvance: (on) => {
      if (on === autoAdvance) return;
      autoAdvance = on;
      if (state) show(state);
    },
  };
  return player;
}
