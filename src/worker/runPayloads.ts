/**
 * What the host sends about a run: the points of a 2-input problem and the first test images (with the run
 * event), each tick's numbers over the run's seeds, and the run from its start for the PyTorch export.
 */
import type { ExperimentConfig } from '../config/experiment';
import type { RunId } from '../config/runs';
import { runSpecOf, trainingSettingsOf } from '../config/toEngine';
import { loadDataset, type DataAccess } from '../engine/data/dataSources';
import { MinibatchSampler, type Dataset } from '../engine/data/dataset';
import { isPlanar } from '../engine/data/problem';
import { scheduleAt } from '../engine/schedule/schedule';
import { TrainingSession } from '../engine/session';
import { bandOf } from '../engine/seedBand';
import type { Evaluation } from '../engine/sessionTypes';
import type { MetricPoint, RunExportPayload, WorkerEvent } from './protocol';
import { exportRefusalOf } from './dataFacts';

type RunExportEvent = Extract<WorkerEvent, { type: 'runExport' }>;

/** The points of a 2-input problem as the plane views colour them: class index or regression target. */
export function planePoints(dataset: Dataset): Pick<Extract<WorkerEvent, { type: 'run' }>, 'train' | 'test'> {
  if (!isPlanar(dataset.problem)) return { train: null, test: null };
  const colourOf = (part: Dataset['train']): Float32Array => (part.labels ? Float32Array.from(part.labels) : new Float32Array(part.targets));
  // The 2-D sets' inputs may be features of the points (engine/data/features.ts): the plane draws the points.
  return {
    train: { inputs: new Float32Array(dataset.train.points ?? dataset.train.inputs), targets: colourOf(dataset.train) },
    test: { inputs: new Float32Array(dataset.test.points ?? dataset.test.inputs), targets: colourOf(dataset.test) },
  };
}

export function galleryOf(dataset: Dataset, size: number): Extract<WorkerEvent, { type: 'run' }>['gallery'] {
  const { image, inputSize } = dataset.problem;
  if (!image) return null;
  const count = Math.min(size, dataset.test.count);
  return {
    images: dataset.test.inputs.slice(0, count * inputSize),
    labels: dataset.test.labels ? dataset.test.labels.slice(0, count) : null,
    count,
  };
}

/**
 * A fresh session of `config` for an export: a twin from the same config and seed on plain kernels (the
 * reference path), so that a live run is untouched.
 */
export async function exportSession(config: ExperimentConfig, data: DataAccess): Promise<TrainingSession> {
  const spec = runSpecOf(config);
  return new TrainingSession(await loadDataset(spec.dataset, data), spec, { ...trainingSettingsOf(config), kernels: 'plain' });
}

/**
 * The run from its start for the PyTorch export: `session` (fresh, exportSession) takes `steps` steps,
 * recording each minibatch's loss before its update, the rates and the batch rows; with the initial θ and the
 * data. Each step's loss is read back before the next starts and `progress(done, steps)` called, so the page can
 * show a long export (the paper scene's LocoProp-M: 100 steps of K = 10 inner steps) moving.
 */
export async function exportPayloadOf(
  session: TrainingSession,
  config: ExperimentConfig,
  steps: number,
  progress: (done: number, total: number) => void = () => {},
): Promise<RunExportPayload> {
  const start = await session.snapshot();
  const { train } = session.dataset;
  const batchSize = Math.min(config.batchSize, train.count);
  const sampler = new MinibatchSampler(train.count, 0);
  sampler.restore(start.sampler);
  const rows = new Int32Array(steps * batchSize);
  sampler.nextRows(rows);
  const learningRates = new Float64Array(steps);
  const momenta = new Float64Array(steps);
  const losses = new Float32Array(steps);
  progress(0, steps);
  for (let i = 0; i < steps; i++) {
    const scheduled = scheduleAt(session.stepCount, session.currentSettings.schedule, train.count / batchSize);
    momenta[i] = scheduled.momentum;
    const loss = session.stepWithLoss();
    try {
      losses[i] = (await loss.data())[0];
    } finally {
      loss.dispose();
    }
    // The rate the step used: the schedule's, or SGD-HD's and Adam-HD's own α.
    const adapted = session.adaptedRate;
    learningRates[i] = adapted ? (await adapted.data())[0] : scheduled.lr;
    progress(i + 1, steps);
  }
  return {
    problem: session.dataset.problem,
    theta: start.theta,
    trainInputs: new Float32Array(train.inputs.subarray(0, train.count * session.dataset.problem.inputSize)),
    trainTargets: train.targets === train.inputs ? null : new Float32Array(train.targets.subarray(0, train.count * session.dataset.problem.outputSize)),
    trainPoints: train.points && train.points !== train.inputs ? new Float32Array(train.points.subarray(0, train.count * 2)) : null,
    trainCount: train.count,
    batchSize,
    rows,
    losses,
    learningRates,
    momenta,
    samplerState: start.sampler.randomState,
    algorithmState: start.algorithmState.map((values) => values.slice()),
  };
}

/** The buffers of a payload's arrays, to transfer rather than copy. */
export function payloadTransfer(payload: RunExportPayload): Transferable[] {
  const { theta, trainInputs, trainTargets, trainPoints, rows, losses, learningRates, momenta, algorithmState } = payload;
  return [theta, trainInputs, trainTargets, trainPoints, rows, losses, learningRates, momenta, ...algorithmState].flatMap((values) => (values ? [values.buffer] : []));
}

/** The `runExport` answer for a live run's config: exportPayloadOf on a fresh twin (exportSession). */
export async function runExportEvent(
  runId: RunId,
  config: ExperimentConfig,
  steps: number,
  data: DataAccess,
  progress: (done: number, total: number) => void = () => {},
): Promise<{ event: RunExportEvent; transfer: Transferable[] }> {
  let session: TrainingSession | null = null;
  try {
    session = await exportSession(config, data);
    const payload = await exportPayloadOf(session, config, steps, progress);
    return { event: { type: 'runExport', runId, payload, error: null }, transfer: payloadTransfer(payload) };
  } catch (error) {
    return { event: { type: 'runExport', runId, payload: null, error: exportRefusalOf(error) }, transfer: [] };
  } finally {
    session?.dispose();
  }
}

/**
 * A tick's numbers from one evaluation per seed: the lead seed's counters and rate, the median over seeds of
 * losses and accuracies, each seed's losses for a repeated run (its band), and the run's own training clock.
 */
export function tickMetric(evaluations: readonly Evaluation[], trainingMs: number): Pick<Extract<WorkerEvent, { type: 'tick' }>, 'metric' | 'seedLosses'> {
  const lead = evaluations[0];
  const trainLosses = evaluations.map((e) => e.trainLoss);
  const testLosses = evaluations.map((e) => e.testLoss);
  const median = (values: number[]): number => (values.length === 1 ? values[0] : bandOf(values, 'minmax').median);
  const metric: MetricPoint = {
    step: lead.step,
    epoch: lead.epoch,
    examplesSeen: lead.examplesSeen,
    wallMs: trainingMs,
    trainLoss: median(trainLosses),
    testLoss: median(testLosses),
    trainAccuracy: median(evaluations.map((e) => e.trainAccuracy)),
    testAccuracy: median(evaluations.map((e) => e.testAccuracy)),
    validationLoss: median(evaluations.map((e) => e.validationLoss)),
    learningRate: lead.learningRate,
  };
  return { metric, seedLosses: evaluations.length > 1 ? { train: trainLosses, test: testLosses } : null };
}
