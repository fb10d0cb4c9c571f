/**
 * A multilayer perceptron stored as ONE flat parameter vector θ = [W₁, b₁, W₂, b₂, …] (row-major W of shape
 * in×out, TF.js layout A = X·W + b). One vector means an optimizer update, a snapshot or a copy for the LR
 * range test is a handful of kernels whatever the depth, instead of a handful per tensor.
 */
import * as tf from '@tensorflow/tfjs-core';
import { fusableActivation, type Activation } from './activations';
import type { OutputFunction } from './losses';
import { applyTransfer, type Transfer } from './transfer';
import { createRandom } from '../random';

export interface LayerLayout {
  inputSize: number;
  outputSize: number;
  activation: Activation;
  weightOffset: number;
  biasOffset: number;
}

export interface NetworkLayout {
  layers: LayerLayout[];
  parameterCount: number;
}

import type { Initializer } from '../names';

export { INITIALIZERS, type Initializer } from '../names';

/** Hidden layers with their activations, then a linear output layer producing the logits. */
export function networkLayout(
  inputSize: number,
  hiddenSizes: readonly number[],
  hiddenActivations: readonly Activation[],
  outputSize: number,
): NetworkLayout {
  const sizes = [inputSize, ...hiddenSizes, outputSize];
  const layers: LayerLayout[] = [];
  let offset = 0;
  for (let m = 0; m + 1 < sizes.length; m++) {
    const inSize = sizes[m];
    const outSize = sizes[m + 1];
    const isOutput = m === sizes.length - 2;
    layers.push({
      inputSize: inSize,
      outputSize: outSize,
      activation: isOutput ? 'linear' : hiddenActivations[m],
      weightOffset: offset,
      biasOffset: offset + inSize * outSize,
    });
    offset += inSize * outSize + outSize;
  }
  return { layers, parameterCount: offset };
}

/**
 * Glorot uniform (Glorot & Bengio 2010: U(±√(6/(in+out)))) or He normal (He et al. 2015: N(0, 2/in)) weights;
 * zero biases.
 */
export function initialParameters(layout: NetworkLayout, init: Initializer, seed: number): Float32Array {
  const random = createRandom(seed);
  const theta = new Float32Array(layout.parameterCount);
  for (const layer of layout.layers) {
    const count = layer.inputSize * layer.outputSize;
    const limit = Math.sqrt(6 / (layer.inputSize + layer.outputSize));
    const std = Math.sqrt(2 / layer.inputSize);
    for (let i = 0; i < count; i++) {
      theta[layer.weightOffset + i] = init === 'glorot' ? random.uniform(-limit, limit) : std * random.normal();
    }
  }
  return theta;
}

/** 1 for weights, 0 for biases: regularisation applies to weights only. */
export function weightMask(layout: NetworkLayout): Float32Array {
  const mask = new Float32Array(layout.parameterCount);
  for (const layer of layout.layers) mask.fill(1, layer.weightOffset, layer.biasOffset);
  return mask;
}

export interface LayerParameters {
  weights: tf.Tensor2D;
  bias: tf.Tensor1D;
}

/** Views of θ per layer (two slice kernels per layer). */
export function unpackParameters(theta: tf.Tensor1D, layout: NetworkLayout): LayerParameters[] {
  return layout.layers.map((layer) => ({
    weights: tf.reshape(tf.slice(theta, layer.weightOffset, layer.inputSize * layer.outputSize), [
      layer.inputSize,
      layer.outputSize,
    ]),
    bias: tf.slice(theta, layer.biasOffset, layer.outputSize),
  }));
}

/** The inverse of unpackParameters for gradients: one concat kernel. */
export function packParameters(parts: readonly LayerParameters[]): tf.Tensor1D {
  const pieces: tf.Tensor1D[] = [];
  for (const part of parts) pieces.push(tf.reshape(part.weights, [-1]), part.bias);
  return tf.concat(pieces);
}

/** What each layer m saw and produced in one forward pass: X_m, A_m (when kept) and Y_m = f(A_m). */
export interface ForwardTaps {
  inputs: tf.Tensor2D[];
  preActivations: (tf.Tensor2D | null)[];
  outputs: tf.Tensor2D[];
}

export interface ForwardOptions {
  /** Keep every layer's pre-activation A_m in the taps (LocoProp needs them; backprop does not). */
  keepPreActivations?: boolean;
  /**
   * Transfer function applied to the last layer's output. 'linear' (the default) gives the logits;
   * 'sigmoid' or 'softmax' gives the prediction of a cross-entropy model (sigmoid fused into the last
   * product's kernel; softmax is row-wise and takes a kernel of its own).
   */
  outputActivation?: OutputFunction;
}

export interface ForwardResult {
  /** The last layer's output: the logits A_M, or f_out(A_M) when an output activation was asked for. */
  output: tf.Tensor2D;
  taps: ForwardTaps;
}

/**
 * The forward pass. Each layer is one fused matMul+bias(+activation) kernel; tanh (not fusable in TF.js) and
 * layers whose pre-activation A_m is kept take one more kernel for f.
 */
export function forward(
  params: readonly LayerParameters[],
  layout: NetworkLayout,
  x: tf.Tensor2D,
  options: ForwardOptions = {},
): ForwardResult {
  const { keepPreActivations = false, outputActivation = 'linear' } = options;
  const taps: ForwardTaps = { inputs: [], preActivations: [], outputs: [] };
  const last = layout.layers.length - 1;
  let current = x;
  layout.layers.forEach((layer, m) => {
    const { weights, bias } = params[m];
    const f: Transfer = m === last ? outputActivation : layer.activation;
    taps.inputs.push(current);
    const fused = f === 'softmax' ? null : fusableActivation(f);
    let a: tf.Tensor2D | null = null;
    let y: tf.Tensor2D;
    // fused.matMul is typed as returning a Tensor of any rank; a product of two matrices is a matrix.
    if (fused !== null && !keepPreActivations) {
      y = tf.fused.matMul({ a: current, b: weights, bias, activation: fused }) as tf.Tensor2D;
      if (f === 'linear') a = y;
    } else {
      const preActivation = tf.fused.matMul({ a: current, b: weights, bias }) as tf.Tensor2D;
      a = preActivation;
      y = applyTransfer(preActivation, f);
    }
    taps.preActivations.push(a);
    taps.outputs.push(y);
    current = y;
  });
  return { output: current, taps };
}
