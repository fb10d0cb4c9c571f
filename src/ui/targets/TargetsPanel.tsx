/**
 * Layer targets, live: one card per layer (hidden layers and the output), the cost of each algorithm, and
 * the "slow step" that narrates one step with its own numbers. In backprop mode the cards show the targets
 * backprop implies (A − γG), so toggling algorithms compares like with like.
 */
import type { Problem, ProblemTask } from '../../engine/data/problem';
import { useEffect } from 'react';
import { costPredictions, targetGammaOf } from '../../algorithms/presentation';
import { ALGORITHM_INFO, ALGORITHMS, targetFormula } from '../../algorithms/registry';
import { innerIterationsOf, stepSettingsOf } from '../../algorithms/settings';
import { decimateMinMax } from '../charts/series';
import { useRunStore, type CostInfo, type RunData, type ShiftHistory } from '../../state/runStore';
import { useConfigValue, useSelectedRun, useSelectedRunId, useServices, useThrottledRun } from '../services';
import { useOnScreen } from '../useOnScreen';
import { LayerCard } from './LayerCard';
import { narratedOptimizer, narrationPhases, type NarrationPlayer, type NarrationState } from './narration';
import { listenForNarrationEvents, narrationPlayer as player, offerNarrationStart, setAutoAdvance, useNarrationStore } from './narrationStore';
import { NetworkDiagram } from './NetworkDiagram';

/** The input box of the diagram: the features of a 2-input problem by name, else the size and kind of the input. */
function inputNameOf(problem: Problem | null): string {
  if (!problem) return 'input';
  if (problem.image) return `input: ${problem.inputSize} pixels`;
  // The 2-D sets' feature inputs (engine/data/features.ts) are short names, each worth showing.
  if (problem.inputFeatures) return `input (${problem.featureNames.join(', ')})`;
  // Short names (x₁, x₂) fit the box; long ones (petal length (cm)) would be clipped.
  if (problem.featureNames.join(', ').length <= 10) return `input (${problem.featureNames.join(', ')})`;
  return `input: ${problem.inputSize} features`;
}

/** Next, Back, where we are, auto-advance: the presenter paces the slow step. */
function NarrationControls({ player, narration, autoAdvance, onAutoAdvance }: { player: NarrationPlayer; narration: NarrationState | null; autoAdvance: boolean; onAutoAdvance: (on: boolean) => void }) {
  const last = narration !== null && narration.index === narration.phases.length - 1;
  return (
    <div className="narration-controls" data-testid="narration-controls">
      <button type="button" className="small" data-testid="narration-back" disabled={!narration || narration.index === 0} onClick={player.back} aria-keyshortcuts="ArrowLeft">
        ← Back
      </button>
      <button type="button" className="small primary-action" data-testid="narration-next" disabled={!narration} onClick={player.next} aria-keyshortcuts="ArrowRight N">
        {last ? 'Done' : 'Next →'}
      </button>
      <span className="narration-position" data-testid="narration-position">
        {narration ? `Phase ${narration.index + 1} of ${narration.phases.length}` : 'No step narrated'}
      </span>
      <label>
        <input type="checkbox" data-testid="narration-auto" checked={autoAdvance} onChange={(event) => onAutoAdvance(event.target.checked)} />
        Auto-advance
      </label>
      {narration ? (
        <button type="button" className="small" data-testid="narration-close" onClick={player.close}>
          Close
        </button>
      ) : null}
    </div>
  );
}

/** The output layer's function per task (engine/model/losses.ts). */
const OUTPUT_NAMES: Record<ProblemTask, string> = { binary: 'sigmoid', autoencoder: 'sigmoid', classes: 'softmax', regression: 'linear' };

const SHIFT_POINTS = 200;
let nextStepRequest = 1;

const selectDiagnostics = (run: RunData): unknown => run.diagnostics;
const NO_COSTS: CostInfo = { live: {}, measured: null };
const NO_SHIFTS: ShiftHistory = { step: [], algorithm: [], byLayer: [] };

function CostRow() {
  const { client, configStore } = useServices();
  const runId = useSelectedRunId();
  const costs = useSelectedRun((run) => run.costs, NO_COSTS);
  // The settings groups' predictions (LocoProp's "(2K + 1)/3 = …× backprop"), one string so the selector is stable.
  const predictions = configStore((state) => costPredictions(state.config).join(' '));
  const source = costs.measured?.msPerStep ?? costs.live;
  const referenceName = ALGORITHMS.find((a) => ALGORITHM_INFO[a].costReference);
  const base = referenceName ? source[referenceName] : undefined;
  const parts = ALGORITHMS.map((a) => {
    const ms = source[a];
    const name = ALGORITHM_INFO[a].inSentence;
    // Live costs are this run's own (another run may differ in network, batch or backend): "Measure all" times the rest here.
    // The worker sends a time only once it was measured over enough steps (engine/stepTiming.ts).
    if (ms === undefined) return `${name} not measured yet`;
    const ratio = base !== undefined && referenceName && a !== referenceName ? ` (${(ms / base).toFixed(1)}× ${ALGORITHM_INFO[referenceName].inSentence})` : '';
    return `${name} ${ms >= 100 ? ms.toFixed(0) : ms.toPrecision(3)} ms${ratio}`;
  });
  return (
    <div className="cost-row" data-testid="cost-row">
      <span>
        Time per step{costs.measured ? ` (measured on ${costs.measured.backend})` : ' (while training)'}: {parts.join(' · ')}.
        {predictions !== '' && <span className="muted"> {predictions}</span>}
      </span>
      <button type="button" className="small" data-testid="measure-cost" onClick={() => client.send({ type: 'measureCost', runId })}>
        Measure all
      </button>
    </div>
  );
}

export function TargetsPanel() {
  const { client, configStore } = useServices();
  const runId = useSelectedRunId();
  const [sectionRef, onScreen] = useOnScreen<HTMLElement>();
  useThrottledRun(selectDiagnostics, null, 250, !onScreen);
  const run = useRunStore.getState().runs[runId];
  const diagnostics = run?.diagnostics ?? null;
  const algorithm = run?.algorithm ?? ALGORITHMS[0];
  const shiftHistory = run?.shiftHistory ?? NO_SHIFTS;
  // Subscribed: a new problem (another data set, other feature inputs) renames the diagram's input before any diagnostics come.
  const problem = useSelectedRun((selected) => selected.problem, null);
  const hidden = useConfigValue('hidden');
  const activation = useConfigValue('activation');
  const targetGamma = configStore((state) => targetGammaOf(state.config));
  const narration = useNarrationStore((s) => s.narration);
  const autoAdvance = useNarrationStore((s) => s.autoAdvance);
  useEffect(listenForNarrationEvents, []);

  const outputName = problem ? `output: ${problem.outputSize} ${OUTPUT_NAMES[problem.task]}` : 'output';
  const layerNames = [...hidden.map((units, i) => `layer ${i + 1}: ${units} ${activation[i]}`), outputName];
  const inputName = inputNameOf(problem);
  const info = ALGORITHM_INFO[algorithm];
  const activationName = info.targetSpace;

  const slowStep = (): void => {
    const requestId = nextStepRequest++;
    const unsubscribe = useRunStore.subscribe((state) => {
      const answered = state.runs[runId];
      if (!answered || answered.answeredStepRequest !== requestId || !answered.diagnostics) return;
      unsubscribe();
      // The answered algorithm's inner iterations and optimizer, from the config as it stands now.
      const config = configStore.getState().config;
      const { settings } = ALGORITHM_INFO[answered.algorithm];
      const innerIterations = innerIterationsOf(settings, stepSettingsOf(settings, config));
      const optimizerName = narratedOptimizer(answered.algorithm, config);
      player.open(narrationPhases({ algorithm: answered.algorithm, layerNames, diagnostics: answered.diagnostics, targetGamma, innerIterations, optimizerName }));
    });
    client.send({ type: 'step', requestId });
  };

  // N in presenter mode starts a narration as "Slow step" does (the latest slowStep, with this render's names).
  useEffect(() => offerNarrationStart(slowStep));

  const phase = narration?.phases[narration.index] ?? null;
  const kept = decimateMinMax(shiftHistory.step, SHIFT_POINTS);
  const against = info.targetSpace === 'Y' ? 'its outputs Y = f(A)' : 'its pre-activations A';
  const explanation = info.innerLoop
    ? `${info.label}: blue, each layer's target ${targetFormula(algorithm)} against ${against} for up to 64 (example, unit) pairs of the latest minibatch; orange, where the layer lands after the K inner steps.`
    : `${info.label} implies a target for every layer, ${targetFormula(algorithm)} (γ = ${targetGamma}). Blue: those targets against ${against} of up to 64 (example, unit) pairs of the latest minibatch; orange: where the layer lands after the step, same inputs.`;

  return (
    <section ref={sectionRef} className="panel targets" aria-labelledby="targets-heading">
      <div className="targets-head">
        <h2 id="targets-heading">Layer targets</h2>
        <button type="button" className="small" data-testid="slow-step" disabled={narration !== null} onClick={slowStep}>
          Slow step
        </button>
      </div>
      <p className="help">{explanation}</p>
      <CostRow />
      <div className="narration">
        <NetworkDiagram inputName={inputName} layerNames={layerNames} active={phase?.active ?? []} />
        <p className="narration-text" aria-live="polite" data-testid="narration">
          {phase ? phase.sentence : 'Press “Slow step” to watch one step happen: forward pass, targets, inner iterations, new weights. Next and Back (or → and ←) move through it.'}
        </p>
        <NarrationControls player={player} narration={narration} autoAdvance={autoAdvance} onAutoAdvance={setAutoAdvance} />
      </div>
      <div className="layer-cards">
        {diagnostics
          ? diagnostics.map((layer, m) => (
              <LayerCard
                key={m}
                title={layerNames[m] ?? `layer ${m + 1}`}
                diagnostics={layer}
                activationName={activationName}
                showInnerLoop={info.innerLoop}
                shiftSteps={kept.map((i) => shiftHistory.step[i])}
                shifts={kept.map((i) => shiftHistory.byLayer[m]?.[i] ?? Number.NaN)}
                highlighted={phase?.active.includes(m + 1) ?? false}
              />
            ))
          : <p className="muted">Take a step to see each layer's targets.</p>}
      </div>
    </section>
  );
}
