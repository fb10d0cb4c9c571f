/**
 * What an evaluation measures besides θ, and on what: the examples uploaded once (the training set, a fixed
 * evaluation sample, the validation set when the run has one, the test set), the plane's grid, the gallery's
 * images; the measurements as tensors (losses, accuracies, the grid's and gallery's outputs, the confusion
 * matrix and which test examples are right) and their reading back from the one packed readback that
 * session.ts makes.
 */
import * as tf from '@tensorflow/tfjs-core';
import type { Dataset, Examples } from './data/dataset';
import { featurizePoints, inputFeaturesOf } from './data/features';
import { hasClasses, isPlanar, type Problem } from './data/problem';
import { applyOutput, lossValue, outputActivationFor, type LossKind } from './model/losses';
import { forward, weightMask, type LayerParameters, type NetworkLayout } from './model/mlp';
import { EVALUATION_ROWS, GALLERY_SIZE, GRID_SIZE } from './sessionTypes';
import type { ChunkedOutputs } from './evaluationChunks';

/** The tensors a session uploads once. */
export interface EvaluationConstants {
  trainInputs: tf.Tensor2D;
  trainTargets: tf.Tensor2D;
  /** A fixed sample of at most EVALUATION_ROWS training examples, for the train loss and accuracy. */
  evalInputs: tf.Tensor2D;
  evalTargets: tf.Tensor2D;
  /** The validation rows (held out of training, data/dataset.ts carveValidation); null without a split. */
  validationInputs: tf.Tensor2D | null;
  validationTargets: tf.Tensor2D | null;
  testInputs: tf.Tensor2D;
  testTargets: tf.Tensor2D;
  /** Class index of each test example (for the confusion matrix), when the task has classes. */
  testLabels: tf.Tensor1D | null;
  grid: tf.Tensor2D | null;
  /** The first GALLERY_SIZE test images, when the inputs are images. */
  gallery: tf.Tensor2D | null;
  weightMask: tf.Tensor1D;
}

/**
 * `maxRows` cuts every evaluated set (the train sample, the validation set and the test set) to its first rows:
 * a network too big to evaluate on all of them every tick (engine/cost.ts, evaluationRowsFor).
 */
export function uploadConstants({ problem, train, validation, test }: Dataset, layout: NetworkLayout, maxRows = Infinity): EvaluationConstants {
  const { inputSize, outputSize } = problem;
  const all = uploadExamples(train, inputSize, outputSize);
  const trainRows = Math.min(EVALUATION_ROWS, maxRows);
  const evaluated = train.count > trainRows ? uploadExamples(train, inputSize, outputSize, trainRows) : all;
  const testRows = Math.min(test.count, maxRows);
  const tested = uploadExamples(test, inputSize, outputSize, testRows);
  const validated = validation ? uploadExamples(validation, inputSize, outputSize, Math.min(validation.count, maxRows)) : null;
  const galleryRows = Math.min(GALLERY_SIZE, test.count);
  return {
    trainInputs: all.inputs,
    trainTargets: all.targets,
    evalInputs: evaluated.inputs,
    evalTargets: evaluated.targets,
    validationInputs: validated?.inputs ?? null,
    validationTargets: validated?.targets ?? null,
    testInputs: tested.inputs,
    testTargets: tested.targets,
    testLabels: hasClasses(problem) && test.labels ? tf.tensor1d(test.labels.subarray(0, testRows), 'int32') : null,
    grid: isPlanar(problem) ? planeGridTensor(problem, GRID_SIZE) : null,
    gallery: problem.image ? tf.tensor2d(test.inputs.subarray(0, galleryRows * inputSize), [galleryRows, inputSize]) : null,
    weightMask: tf.tensor1d(weightMask(layout)),
  };
}

/** The network an evaluation measures. */
export interface MeasuredNetwork {
  params: LayerParameters[];
  layout: NetworkLayout;
  lossKind: LossKind;
  /** Classes of the problem (2 for one sigmoid output), for accuracy and the confusion matrix; 0: none. */
  classCount: number;
  /** The network's outputs on some of the sets, computed beforehand in row chunks (evaluationChunks.ts). */
  outputs?: ChunkedOutputs | null;
}

/**
 * The measurements as tensors, in the order readMeasurements takes them: [train loss, test loss, train accuracy,
 * test accuracy] and, with a validation set, [validation loss, validation accuracy] (NaN accuracy without
 * classes, NaN for an empty set), then with `withGrid` the grid's and the gallery's outputs, and with
 * `withConfusion` (by default with the grid) the confusion matrix (rows: true class, columns: predicted; counts
 * over the test set) and, with it, which test examples are right (packedCorrectness): a repeated run's other seeds
 * read those without the pictures. Call inside tf.tidy.
 */
export function measurementTensors(network: MeasuredNetwork, constants: EvaluationConstants, withGrid: boolean, withConfusion = withGrid): tf.Tensor1D[] {
  const { params, layout, lossKind, classCount, outputs } = network;
  const { evalInputs, evalTargets, validationInputs, validationTargets, testInputs, testTargets, testLabels, grid, gallery } = constants;
  const outputFunction = outputActivationFor(lossKind);
  const logitsOf = (x: tf.Tensor2D): tf.Tensor2D => outputs?.get(x) ?? forward(params, layout, x).output;
  const measure = (x: tf.Tensor2D, t: tf.Tensor2D): { loss: tf.Scalar; accuracy: tf.Scalar; predicted: tf.Tensor1D | null } => {
    if (x.shape[0] === 0) return { loss: tf.scalar(Number.NaN), accuracy: tf.scalar(Number.NaN), predicted: null };
    const logits = logitsOf(x);
    if (classCount === 0) return { loss: lossValue(logits, t, lossKind), accuracy: tf.scalar(Number.NaN), predicted: null };
    const predicted = predictedClasses(logits);
    const truth = predictedClasses(logits.shape[1] === 1 ? tf.sub(t, 0.5) : t);
    return { loss: lossValue(logits, t, lossKind), accuracy: tf.mean(tf.cast(tf.equal(predicted, truth), 'float32')), predicted };
  };
  const onTrain = measure(evalInputs, evalTargets);
  const onTest = measure(testInputs, testTargets);
  const onValidation = validationInputs && validationTargets ? measure(validationInputs, validationTargets) : null;
  const scalars = [onTrain.loss, onTest.loss, onTrain.accuracy, onTest.accuracy, ...(onValidation ? [onValidation.loss, onValidation.accuracy] : [])];
  const parts: tf.Tensor1D[] = [tf.stack(scalars) as tf.Tensor1D];
  if (withGrid && grid) parts.push(tf.reshape(applyOutput(logitsOf(grid), outputFunction), [-1]));
  if (withGrid && gallery) parts.push(tf.reshape(applyOutput(logitsOf(gallery), outputFunction), [-1]));
  if (withConfusion && testLabels && onTest.predicted) {
    const confusion = tf.matMul(tf.oneHot(testLabels, classCount), tf.oneHot(onTest.predicted, classCount), true, false);
    parts.push(tf.reshape(tf.cast(confusion, 'float32'), [-1]));
    parts.push(packedCorrectness(onTest.predicted, testLabels));
  }
  return parts;
}

/**
 * Test examples per value of the packed correctness: 16 bits summed with weights 2^0 … 2^15, so every partial
 * sum is an integer below 2^16 and exact in float32 whatever order a backend adds in. The extra readback is
 * 4 bytes per 16 test examples (125 values for MNIST's 2,000), next to the confusion matrix it comes with.
 */
export const CORRECT_PER_VALUE = 16;

/**
 * Whether each test example's predicted class is its label (the confusion matrix's diagonal, example by
 * example), 16 to a value: value w holds example 16w + b as bit b. What Meding et al. (ICLR 2022) compare
 * across models, image by image, read back with the evaluation the run makes anyway instead of a second pass.
 */
export function packedCorrectness(predicted: tf.Tensor1D, labels: tf.Tensor1D): tf.Tensor1D {
  const count = predicted.shape[0];
  const values = Math.ceil(count / CORRECT_PER_VALUE);
  const right = tf.cast(tf.equal(tf.cast(predicted, 'int32'), tf.cast(labels, 'int32')), 'float32');
  const padded = tf.reshape(tf.pad(right, [[0, values * CORRECT_PER_VALUE - count]]), [values, CORRECT_PER_VALUE]);
  const weights = tf.tensor2d(Array.from({ length: CORRECT_PER_VALUE }, (_, b) => 2 ** b), [1, CORRECT_PER_VALUE]);
  return tf.sum(tf.mul(padded, weights), 1);
}

/** packedCorrectness's values back as one byte per test example (1 = right), for `count` examples. */
export function unpackCorrectness(values: ArrayLike<number>, count: number): Uint8Array {
  const correct = new Uint8Array(count);
  for (let i = 0; i < count; i++) correct[i] = (Math.round(values[Math.floor(i / CORRECT_PER_VALUE)]) >> i % CORRECT_PER_VALUE) & 1;
  return correct;
}

export interface Measurements {
  trainLoss: number;
  testLoss: number;
  trainAccuracy: number;
  testAccuracy: number;
  /** NaN without a validation set. */
  validationLoss: number;
  validationAccuracy: number;
  grid: Float32Array | null;
  gallery: Float32Array | null;
  confusion: Float32Array | null;
  /** Per test example (the rows evaluated), 1 where the predicted class is the label; with the confusion matrix. */
  correct: Uint8Array | null;
}

/** measurementTensors' values back from the packed readback: `take(n)` returns the next n values. */
export function readMeasurements(take: (length: number) => Float32Array, network: Pick<MeasuredNetwork, 'layout' | 'classCount'>, constants: EvaluationConstants, withGrid: boolean, withConfusionAsked = withGrid): Measurements {
  const { grid, gallery, testLabels, testInputs, validationInputs } = constants;
  const [trainLoss, testLoss, trainAccuracy, testAccuracy, validationLoss = Number.NaN, validationAccuracy = Number.NaN] = take(validationInputs ? 6 : 4);
  const outputSize = network.layout.layers[network.layout.layers.length - 1].outputSize;
  const { classCount } = network;
  const withConfusion = withConfusionAsked && testLabels !== null && testInputs.shape[0] > 0;
  const testRows = testInputs.shape[0];
  return {
    trainLoss,
    testLoss,
    trainAccuracy,
    testAccuracy,
    validationLoss,
    validationAccuracy,
    grid: withGrid && grid ? take(grid.shape[0] * outputSize) : null,
    gallery: withGrid && gallery ? take(gallery.shape[0] * outputSize) : null,
    confusion: withConfusion ? take(classCount * classCount) : null,
    correct: withConfusion ? unpackCorrectness(take(Math.ceil(testRows / CORRECT_PER_VALUE)), testRows) : null,
  };
}

/** The centres of a size² grid over [−extent, extent]², row 0 at the top. */
export function gridInputs(extent: number, size: number): Float32Array {
  const values = new Float32Array(size * size * 2);
  for (let row = 0; row < size; row++) {
    for (let col = 0; col < size; col++) {
      const i = row * size + col;
      values[2 * i] = extent * (-1 + (2 * (col + 0.5)) / size);
      values[2 * i + 1] = extent * (1 - (2 * (row + 0.5)) / size);
    }
  }
  return values;
}

/**
 * The plane's grid as the network's inputs: the centres of gridInputs through the problem's feature inputs
 * (data/features.ts), size² × inputSize, row 0 at the top. Everything that evaluates the network over the plane
 * feeds these rows, or it draws another network's picture.
 */
export function planeGridInputs(problem: Pick<Problem, 'extent' | 'inputFeatures'>, size: number): Float32Array {
  const points = gridInputs(problem.extent, size);
  return problem.inputFeatures ? featurizePoints(points, inputFeaturesOf(problem.inputFeatures)) : points;
}

/** planeGridInputs as a tensor. */
export function planeGridTensor(problem: Pick<Problem, 'extent' | 'inputFeatures' | 'inputSize'>, size: number): tf.Tensor2D {
  return tf.tensor2d(planeGridInputs(problem, size), [size * size, problem.inputSize]);
}

/** The first `rows` examples as tensors (the autoencoder's targets are its inputs: one tensor for both). */
export function uploadExamples(examples: Examples, inputSize: number, outputSize: number, rows = examples.count): { inputs: tf.Tensor2D; targets: tf.Tensor2D } {
  const count = Math.min(rows, examples.count);
  const inputs = tf.tensor2d(examples.inputs.subarray(0, count * inputSize), [count, inputSize]);
  const targets = examples.targets === examples.inputs ? inputs : tf.tensor2d(examples.targets.subarray(0, count * outputSize), [count, outputSize]);
  return { inputs, targets };
}

/** The class each row of logits predicts: the largest logit, or logit > 0 for one sigmoid output. */
export function predictedClasses(logits: tf.Tensor2D): tf.Tensor1D {
  return logits.shape[1] === 1 ? tf.cast(tf.reshape(tf.greater(logits, 0), [-1]), 'int32') : tf.argMax(logits, 1);
}

