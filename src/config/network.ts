/** Edits of the hidden-layer list that keep `hidden` and `activation` the same length. */
import type { Activation } from '../engine/model/activations';

/** The most hidden layers, and units per layer, the run's data set allows (groups/limits.ts). */
export interface NetworkLimits {
  layers: number;
  units: number;
}

export interface HiddenLayers {
  hidden: number[];
  activation: Activation[];
}

/** A new last layer copies the current last layer (or 4 tanh units for the first). */
export function addLayer({ hidden, activation }: HiddenLayers, limits: NetworkLimits): HiddenLayers {
  if (hidden.length >= limits.layers) return { hidden, activation };
  const last = hidden.length - 1;
  return {
    hidden: [...hidden, last >= 0 ? hidden[last] : 4],
    activation: [...activation, last >= 0 ? activation[last] : 'tanh'],
  };
}

export function removeLayer({ hidden, activation }: HiddenLayers, index: number): HiddenLayers {
  return { hidden: hidden.filter((_, i) => i !== index), activation: activation.filter((_, i) => i !== index) };
}

export function setUnits({ hidden, activation }: HiddenLayers, index: number, units: number, limits: NetworkLimits): HiddenLayers {
  const clamped = Math.min(limits.units, Math.max(1, Math.round(units)));
  return { hidden: hidden.map((u, i) => (i === index ? clamped : u)), activation };
}

export function setActivation({ hidden, activation }: HiddenLayers, index: number, f: Activation): HiddenLayers {
  return { hidden, activation: activation.map((a, i) => (i === index ? f : a)) };
}

/** Weights and biases of an MLP with these input, hidden and output sizes. */
export function parameterCount(inputSize: number, hidden: readonly number[], outputSize: number): number {
  const sizes = [inputSize, ...hidden, outputSize];
  let count = 0;
  for (let i = 0; i + 1 < sizes.length; i++) count += sizes[i] * sizes[i + 1] + sizes[i + 1];
  return count;
}
