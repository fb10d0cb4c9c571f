/**
 * A run's cost as the host states it (issue 20 §7, issue 21 item 3): from its network, batch and data
 * (engine/cost.ts) and this device's rate on the backend (deviceRate.ts), the facts of a 'heavy-run' notice,
 * or null for a run that is neither slow nor evaluated on fewer examples than usual.
 */
import { ALGORITHM_INFO } from '../algorithms/registry';
import { innerIterationsOf } from '../algorithms/settings';
import { diagnosisPieceFlops, evaluationFlops, shapeStepFlops, smallerHidden, SLOW_STEP_MS, weightCount, type StepShape } from '../engine/cost';
import type { TrainingSession } from '../engine/session';
import { EVALUATION_ROWS } from '../engine/sessionTypes';
import type { DeviceRate } from './deviceRate';
import type { BackendName, HeavyRunFacts } from './protocol';

/** The shape of a step of this session's run (its hidden layers, batch and inner iterations). */
export function stepShapeOf(session: TrainingSession): StepShape {
  const { problem, train } = session.dataset;
  const settings = session.currentSettings;
  return {
    inputSize: problem.inputSize,
    hidden: session.spec.hidden,
    outputSize: problem.outputSize,
    batchSize: Math.min(settings.batchSize, train.count),
    innerIterations: innerIterationsOf(ALGORITHM_INFO[settings.algorithm].settings, settings.settings),
  };
}

/** Operations of one step of this session's run. */
export function sessionStepFlops(session: TrainingSession): number {
  return shapeStepFlops(stepShapeOf(session));
}

/**
 * The facts of a heavy run, or null when a step and an evaluation are both under SLOW_STEP_MS, no set is cut and
 * its diagnosis is not held. `plainRate`: the plain path's rate, on which a diagnosis runs (engine/diagnosedStep.ts);
 * a piece of it estimated over SLOW_STEP_MS and over a step holds the run's diagnosis while it plays.
 */
export function heavyRunFacts(session: TrainingSession, seeds: number, backend: BackendName, rate: DeviceRate, plainRate: DeviceRate = rate): HeavyRunFacts | null {
  const shape = stepShapeOf(session);
  const { dataset } = session;
  const evaluationRows = session.evaluationRows;
  const fullRows = { train: Math.min(EVALUATION_ROWS, dataset.train.count), test: dataset.test.count };
  const weights = weightCount([shape.inputSize, ...shape.hidden, shape.outputSize]);
  const stepFlops = shapeStepFlops(shape);
  const evaluation = evaluationFlops(weights, evaluationRows.train + evaluationRows.validation + evaluationRows.test);
  const stepMs = stepFlops / rate.flopsPerMs;
  const evaluationMs = evaluation / rate.flopsPerMs;
  const cut = evaluationRows.train < fullRows.train || evaluationRows.test < fullRows.test || evaluationRows.validation < (dataset.validation?.count ?? 0);
  const diagnosisPieceMs = diagnosisPieceFlops(shape) / plainRate.flopsPerMs;
  const diagnosisHeld = diagnosisPieceMs > Math.max(SLOW_STEP_MS, stepMs);
  if (stepMs <= SLOW_STEP_MS && evaluationMs <= SLOW_STEP_MS && !cut && !diagnosisHeld) return null;
  return {
    backend,
    parameters: session.layout.parameterCount,
    batchSize: shape.batchSize,
    stepFlops,
    evaluationFlops: evaluation,
    flopsPerMs: rate.flopsPerMs,
    rateMeasured: rate.measured,
    stepMs,
    evaluationMs,
    seeds,
    evaluationRows: { train: evaluationRows.train, test: evaluationRows.test },
    fullRows,
    trainCount: dataset.train.count,
    // Offered with every heavy run's first words (issue 20 §7), not only once a step is timed over a second.
    smallerHidden: stepMs > SLOW_STEP_MS || evaluationMs > SLOW_STEP_MS || diagnosisHeld ? smallerHidden(shape, rate.flopsPerMs) : null,
    ...(diagnosisHeld ? { diagnosisHeldMs: diagnosisPieceMs } : {}),
  };
}
