/** Edits of the hidden-layer list that keep `hidden` and `activation` the same length. */
import type { Activation } from '../engine/model/activations';
import { MAX_HIDDEN_LAYERS, MAX_UNITS } from './experiment';

export interface HiddenLayers {
  hidden: number[];
  activation: Activation[];
}

/** A new last layer copies the current last layer (or 4 tanh units for the first). */
export function addLayer({ hidden, activation }: HiddenLayers): HiddenLayers {
  if (hidden.length >= MAX_HIDDEN_LAYERS) return { hidden, activation };
  const last = hidden.length - 1;
  return {
    hidden: [...hidden, last >= 0 ? hidden[last] : 4],
    activation: [...activation, last >= 0 ? activation[last] : 'tanh'],
  };
}

export function removeLayer({ hidden, activation }: HiddenLayers, index: number): HiddenLayers {
  return { hidden: hidden.filter((_, i) => i !== index), activation: activation.filter((_, i) => i !== index) };
}

export function setUnits({ hidden, activation }: HiddenLayers, index: number, units: number): HiddenLayers {
  const clamped = Math.min(MAX_UNITS, Math.max(1, Math.round(units)));
  return { hidden: hidden.map((u, i) => (i === index ? clamped : u)), activation };
}

export function setActivation({ hidden, activation }: HiddenLayers, index: number, f: Activation): HiddenLayers {
  return { hidden, activation: activation.map((a, i) => (i === index ? f : a)) };
}

/** Weights and biases of a 2-input, 1-output MLP with these hidden layers. */
export function parameterCount(hidden: readonly number[]): number {
  const sizes = [2, ...hidden, 1];
  let count = 0;
  for (let i = 0; i + 1 < sizes.length; i++) count += sizes[i] * sizes[i + 1] + sizes[i + 1];
  return count;
}
