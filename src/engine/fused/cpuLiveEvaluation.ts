/**
 * A live run's evaluation on the fused CPU path (issue 18 §1): everything evaluationTensors.ts measurementTensors
 * gives the page (the losses and accuracies of the train sample, the test and validation sets; with the grid, the
 * plane's predictions, the gallery's, the confusion matrix and which test examples are right), from the typed-array
 * loops of cpuEvaluate.ts instead of ~85 TF.js kernels and their dispatch. Bit for bit the plain path's numbers
 * (cpuLiveEvaluation.test.ts), so which path measured a tick changes nothing the page shows.
 *
 * It applies where the session's steps are fused on the CPU backend (as a sweep's checkpoints, sweepEvaluation.ts)
 * and θ is finite (cpuEvaluate.ts: the products skip zero inputs); otherwise the caller takes the plain path.
 * It cuts the rows as evaluationChunks.ts does: the same sets in the same order, `rows` rows a chunk, the host's
 * slice between two chunks, and nothing kept when the evaluation is no longer wanted at one. The running sums
 * carry across chunks in row order, so chunking changes no bit.
 */
import * as tf from '@tensorflow/tfjs-core';
import type { EvaluationSlices } from '../evaluationChunks';
import type { EvaluationConstants, Measurements } from '../evaluationTensors';
import { finiteTheta, newTally, predictRows, tallied, tallyRows, type CpuNetwork, type CpuRows, type SetTally } from './cpuEvaluate';

let enabled = true;

/** Turns the fused live evaluation on or off (tests and benches compare it with the plain path it replaces). */
export function chooseFusedEvaluation(on: boolean): void {
  enabled = on;
}

/** Whether a live evaluation takes the fused CPU path: steps fused (the session's kernelPath) on the CPU backend. */
export function liveFusedEvaluationApplies(kernelPath: 'fused' | 'plain'): boolean {
  return enabled && kernelPath === 'fused' && tf.getBackend() === 'cpu';
}

/** How to cut the rows: `rows` a chunk, `slices` between two chunks (evaluationChunks.ts chunkingPlan); null: one piece. */
export type FusedChunking = { rows: number; slices: EvaluationSlices } | null;

/** A tensor's values on the CPU backend (its own array, not a copy). */
async function valuesOf(tensor: tf.Tensor): Promise<Float32Array> {
  return (await tensor.data()) as Float32Array;
}

async function rowsOf(inputs: tf.Tensor2D, targets: tf.Tensor2D): Promise<CpuRows> {
  return { inputs: await valuesOf(inputs), targets: await valuesOf(targets), rows: inputs.shape[0] };
}

/** One evaluated set: its rows and what a chunk of them adds. */
interface Pass {
  rows: number;
  run: (first: number, count: number) => void;
}

/**
 * measurementTensors' measurements of the network θ on the session's constants, as readMeasurements returns them;
 * 'refused' where θ has a non-finite entry (the caller takes the plain path; no slice has been taken), null when
 * the evaluation was cancelled at a slice.
 */
export async function cpuLiveMeasurements(network: CpuNetwork, theta: Float32Array, constants: EvaluationConstants, withGrid: boolean, chunking: FusedChunking, withConfusion = withGrid): Promise<Measurements | 'refused' | null> {
  if (!finiteTheta(theta)) return 'refused';
  const { evalInputs, evalTargets, testInputs, testTargets, validationInputs, validationTargets, testLabels, grid, gallery } = constants;
  const { layout, classCount } = network;
  const width = layout.layers[layout.layers.length - 1].outputSize;
  const train = await rowsOf(evalInputs, evalTargets);
  const test = await rowsOf(testInputs, testTargets);
  const validation = validationInputs && validationTargets ? await rowsOf(validationInputs, validationTargets) : null;
  const labels = withConfusion && testLabels && test.rows > 0 ? ((await testLabels.data()) as Int32Array) : null;
  const gridRows = withGrid && grid ? await valuesOf(grid) : null;
  const galleryRows = withGrid && gallery ? await valuesOf(gallery) : null;
  const tally = (set: CpuRows, keepPredicted: boolean): { tally: SetTally; pass: Pass } => {
    const made = newTally(set.rows, keepPredicted && classCount > 0);
    return { tally: made, pass: { rows: set.rows, run: (first, count) => tallyRows(network, theta, set, first, count, made) } };
  };
  const predict = (inputs: Float32Array | null, rows: number): { out: Float32Array | null; pass: Pass | null } => {
    if (!inputs) return { out: null, pass: null };
    const out = new Float32Array(rows * width);
    return { out, pass: { rows, run: (first, count) => predictRows(network, theta, inputs, first, count, out) } };
  };
  const onTrain = tally(train, false);
  const onTest = tally(test, labels !== null);
  const onValidation = validation ? tally(validation, false) : null;
  const onGrid = predict(gridRows, grid?.shape[0] ?? 0);
  const onGallery = predict(galleryRows, gallery?.shape[0] ?? 0);
  // evaluationChunks.ts evaluatedSets' order: the train sample, test, validation, then the plane and the gallery.
  const passes = [onTrain.pass, onTest.pass, onValidation?.pass ?? null, onGrid.pass, onGallery.pass].filter((pass): pass is Pass => pass !== null && pass.rows > 0);
  let first = true;
  for (const pass of passes) {
    const rows = chunking?.rows ?? pass.rows;
    for (let start = 0; start < pass.rows; start += rows) {
      if (!first && chunking) {
        await chunking.slices.between();
        if (chunking.slices.cancelled()) return null;
      }
      first = false;
      pass.run(start, Math.min(rows, pass.rows - start));
    }
  }
  const trained = tallied(network, train.rows, onTrain.tally);
  const tested = tallied(network, test.rows, onTest.tally);
  const validated = onValidation && validation ? tallied(network, validation.rows, onValidation.tally) : { loss: Number.NaN, accuracy: Number.NaN };
  const predicted = onTest.tally.predicted;
  return {
    trainLoss: trained.loss,
    testLoss: tested.loss,
    trainAccuracy: trained.accuracy,
    testAccuracy: tested.accuracy,
    validationLoss: validated.loss,
    validationAccuracy: validated.accuracy,
    grid: onGrid.out,
    gallery: onGallery.out,
    confusion: labels && predicted ? confusionOf(labels, predicted, classCount) : null,
    correct: labels && predicted ? Uint8Array.from(predicted, (p, i) => (p === labels[i] ? 1 : 0)) : null,
  };
}

/**
 * Test-set counts, true class × predicted class (row-major): measurementTensors' oneHot(labels)ᵀ·oneHot(predicted).
 * A label outside [0, classCount) is oneHot's row of zeros, counted nowhere.
 */
function confusionOf(labels: Int32Array, predicted: Int32Array, classCount: number): Float32Array {
  const counts = new Float32Array(classCount * classCount);
  for (let i = 0; i < predicted.length; i++) {
    const label = labels[i];
    if (label >= 0 && label < classCount) counts[label * classCount + predicted[i]] += 1;
  }
  return counts;
}
