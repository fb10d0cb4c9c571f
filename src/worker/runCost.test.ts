/**
 * A heavy run's facts (runCost.ts) from a real session of the default network, at rates the test sets so that its
 * step, its evaluation and its diagnosis land where each case needs: the smaller network is offered whenever the run
 * is announced as heavy (issue 20 §7, issue 21 item 3), not only when its step is over a second (MNIST 8 × 1024 at
 * the assumed fused rate: a 391 ms step, a 1 s evaluation and a 2.6 s diagnosis piece, and no smaller network said).
 */
import '../test/setupTf';
import { describe, expect, it } from 'vitest';
import { defaultConfig } from '../config/experiment';
import { runSpecOf, trainingSettingsOf } from '../config/toEngine';
import { loadDataset } from '../engine/data/dataSources';
import { TrainingSession } from '../engine/session';
import { diagnosisPieceFlops, evaluationFlops, shapeStepFlops, weightCount } from '../engine/cost';
import { heavyRunFacts, stepShapeOf } from './runCost';

async function defaultSession(): Promise<TrainingSession> {
  const config = { ...defaultConfig(), backend: 'cpu' as const };
  const spec = runSpecOf(config);
  return new TrainingSession(await loadDataset(spec.dataset, { readShipped: () => Promise.reject(new Error('no files')), customData: () => null }), spec, trainingSettingsOf(config));
}

describe('a heavy run’s facts', () => {
  it('offers a smaller network when its evaluation makes it heavy, its step under a second; a held diagnosis alone makes it heavy', async () => {
    const session = await defaultSession();
    const shape = stepShapeOf(session);
    const weights = weightCount([shape.inputSize, ...shape.hidden, shape.outputSize]);
    const rows = session.evaluationRows;
    // A rate at which the step takes 300 ms: the evaluation (many more rows than a batch) takes seconds.
    const rate = shapeStepFlops(shape) / 300;
    expect(evaluationFlops(weights, rows.train + rows.validation + rows.test) / rate).toBeGreaterThan(1000);
    const byEvaluation = heavyRunFacts(session, 1, 'cpu', { flopsPerMs: rate, measured: false });
    expect(byEvaluation?.stepMs).toBeCloseTo(300, 6);
    expect(byEvaluation?.smallerHidden).not.toBeNull();
    // A fast device (step and evaluation far under a second) whose plain path makes a diagnosis piece 2 s: heavy by
    // its diagnosis alone, and no smaller network, its step already under a tenth of a second.
    const fast = { flopsPerMs: 1e9, measured: true };
    const byDiagnosis = heavyRunFacts(session, 1, 'cpu', fast, { flopsPerMs: diagnosisPieceFlops(shape) / 2000, measured: false });
    expect(byDiagnosis?.diagnosisHeldMs).toBeCloseTo(2000, 6);
    expect(byDiagnosis?.smallerHidden).toBeNull();
    // Nothing heavy: no facts at all.
    expect(heavyRunFacts(session, 1, 'cpu', fast, fast)).toBeNull();
  });
});
