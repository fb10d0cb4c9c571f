/**
 * The "slow step" script: what happens in one training step, phase by phase, with the layers each phase
 * concerns and one sentence each. The step itself runs at full speed in the worker; this replays it with its
 * own numbers (the step's diagnostics), slowly enough to follow.
 */
import { ALGORITHM_INFO, type AlgorithmName } from '../../engine/train/algorithmCatalog';
import type { LayerDiagnostics } from '../../engine/train/diagnostics';

export interface NarrationPhase {
  /** Layers lit up: 1…M (0 would be the input). */
  active: number[];
  sentence: string;
  durationMs: number;
}

export interface NarrationInput {
  algorithm: AlgorithmName;
  layerNames: string[];
  diagnostics: LayerDiagnostics[];
  gamma: number;
  innerSteps: number;
  optimizerName: string;
}

const list = (values: number[]): string => values.map((v) => v.toPrecision(2)).join(', ');

export function narrationPhases({ algorithm, layerNames, diagnostics, gamma, innerSteps, optimizerName }: NarrationInput): NarrationPhase[] {
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
      sentence: `Update: ${optimizerName} moves every weight against ∇W L = Xᵀ·G at once. The targets this implies, A − γ·G with γ = ${gamma}, are ${shifts} of ‖A‖ away (layer by layer).`,
      durationMs: 2600,
    });
  } else {
    const what = `${ALGORITHM_INFO[algorithm].targetSpace} − γ·G`;
    phases.push({
      active: layers,
      sentence: `Targets: each layer gets its own target ${what} (γ = ${gamma}), a step against the gradient. Relative shifts ‖T − H‖/‖H‖: ${shifts}.`,
      durationMs: 2600,
    });
    for (let k = 1; k <= innerSteps; k++) {
      const change = list(diagnostics.map((d) => d.localLoss[k] ?? Number.NaN));
      phases.push({
        active: layers,
        sentence: `Inner iteration ${k} of ${innerSteps}: every layer takes one ${optimizerName} step on its own local loss, inputs and targets frozen. Local loss change so far: ${change}.`,
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
