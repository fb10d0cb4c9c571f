import '../test/setupTf';
import * as tf from '@tensorflow/tfjs-core';
import { describe, expect, it } from 'vitest';
import { defaultConfig } from '../config/experiment';
import { runSpecOf } from '../config/toEngine';
import { buildGeneratedDataset, isGeneratedSpec } from './data/dataset';
import { measurementTensors, readMeasurements, uploadConstants } from './evaluationTensors';
import { initialParameters, networkLayout, unpackParameters } from './model/mlp';

describe('evaluations cut to fewer rows (a big network, engine/cost.ts)', () => {
  it('measure the first rows of each set, the confusion matrix included', async () => {
    const spec = runSpecOf({ ...defaultConfig(), hidden: [4], activation: ['tanh'] });
    if (!isGeneratedSpec(spec.dataset)) throw new Error('the default data set is generated');
    const dataset = buildGeneratedDataset(spec.dataset);
    expect(dataset.test.count).toBeGreaterThan(7);
    expect(dataset.test.labels).not.toBeNull();
    const layout = networkLayout(2, [4], ['tanh'], 1);
    const constants = uploadConstants(dataset, layout, 7);
    expect(constants.evalInputs.shape[0]).toBe(7);
    expect(constants.testInputs.shape[0]).toBe(7);
    const theta = tf.tensor1d(initialParameters(layout, 'glorot', 1));
    const network = { params: unpackParameters(theta, layout), layout, lossKind: 'sigmoid-cross-entropy' as const, classCount: 2 };
    const packed = tf.tidy(() => tf.concat(measurementTensors(network, constants, true)));
    const values = (await packed.data()) as Float32Array;
    let offset = 0;
    const measured = readMeasurements((n) => values.subarray(offset, (offset += n)), network, constants, true);
    // Every one of the 7 test rows lands in one cell of the confusion matrix (with all the labels, the product
    // of 7 predictions and all the labels failed: "inner shapes … must match").
    expect(Array.from(measured.confusion ?? []).reduce((sum, count) => sum + count, 0)).toBe(7);
    tf.dispose([packed, theta]);
    new Set(Object.values(constants)).forEach((t) => t?.dispose());
  });
});
