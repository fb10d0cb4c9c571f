/** A run's first evaluation (step 0) as the worker posts it: the page then shows the run (tests that start from there). */
import type { WorkerEvent } from '../worker/protocol';

type Tick = Extract<WorkerEvent, { type: 'tick' }>;

export function untrainedTick(runId: string): Tick {
  const metric = { step: 0, epoch: 0, examplesSeen: 0, wallMs: 0, trainLoss: 0.7, testLoss: 0.7, trainAccuracy: 0.5, testAccuracy: 0.5, learningRate: 0.01, validationLoss: Number.NaN };
  return {
    type: 'tick', runId, metric, seedLosses: null, grid: null, gridSize: 0, gallery: null, confusion: null, correct: null, seedCorrect: null, stepsPerSecond: 0,
    algorithm: 'backprop', msPerStep: null, diagnostics: null, probes: null, kernelPath: 'plain', requestId: null, rates: { steps: [], learningRates: [], momenta: [] },
  };
}
