/**
 * The 2-D sets' feature inputs, as TensorFlow Playground has them (src/playground.ts, `INPUTS`: x, y, xSquared,
 * ySquared, xTimesY, sinX, sinY): the network of a 2-D run sees the chosen functions of the point (x₁, x₂), not
 * the point itself. This module is the one place they are computed: the data set's train, validation and test
 * inputs (dataset.ts), the plane's grid (evaluationTensors.ts, planeGridInputs) and, mirrored in Python, the
 * PyTorch export (ui/export/pytorchTemplate.ts, PYTHON_FEATURES). No TF.js here: the page reads the names.
 *
 * Playground's plane spans [−6, 6]; ours spans [−1, 1] (generators.ts scales its points by 1/6). x₁², x₂² and
 * x₁x₂ only change scale with the units, which the first layer's weights absorb; a sine does not: sin x₁ over
 * [−1, 1] is nearly x₁ itself (sin 1 = 0.84). So the sines are taken in Playground's units, sin(6x₁): the same
 * function of the plane as Playground's sin X₁, turning about twice across it, and named so.
 */
import { PLAYGROUND_HALF_WIDTH } from './generators';

export const INPUT_FEATURES = ['x1', 'x2', 'x1sq', 'x2sq', 'x1x2', 'sinx1', 'sinx2'] as const;
export type InputFeature = (typeof INPUT_FEATURES)[number];

/** What a 2-D run sees when no feature is named: the point itself, as before features existed. */
export const DEFAULT_INPUT_FEATURES: readonly InputFeature[] = ['x1', 'x2'];

/** Names for people, in the diagram and on the toggles. */
export const INPUT_FEATURE_LABELS: Record<InputFeature, string> = {
  x1: 'x₁',
  x2: 'x₂',
  x1sq: 'x₁²',
  x2sq: 'x₂²',
  x1x2: 'x₁x₂',
  sinx1: `sin ${PLAYGROUND_HALF_WIDTH}x₁`,
  sinx2: `sin ${PLAYGROUND_HALF_WIDTH}x₂`,
};

/** One feature's value at (x₁, x₂), in float64; the arrays below round it to float32 once. */
export function inputFeatureValue(feature: InputFeature, x1: number, x2: number): number {
  switch (feature) {
    case 'x1':
      return x1;
    case 'x2':
      return x2;
    case 'x1sq':
      return x1 * x1;
    case 'x2sq':
      return x2 * x2;
    case 'x1x2':
      return x1 * x2;
    case 'sinx1':
      return Math.sin(PLAYGROUND_HALF_WIDTH * x1);
    case 'sinx2':
      return Math.sin(PLAYGROUND_HALF_WIDTH * x2);
  }
}

export function isInputFeature(name: string): name is InputFeature {
  return (INPUT_FEATURES as readonly string[]).includes(name);
}

/**
 * The features a 2-D run's network sees, from the config's `features`: the named ones in catalog order (the
 * order of the network's inputs never depends on how a link lists them), or x₁, x₂ when none is named. Names
 * that are no feature are left out here; the config reports them by name (config/featureCheck.ts).
 */
export function inputFeaturesOf(names: readonly string[]): InputFeature[] {
  const chosen = INPUT_FEATURES.filter((feature) => names.includes(feature));
  return chosen.length > 0 ? chosen : [...DEFAULT_INPUT_FEATURES];
}

/** Whether the features are the point itself (x₁, x₂), so the inputs are the points as they are. */
export function isPointItself(features: readonly InputFeature[]): boolean {
  return features.length === 2 && features[0] === 'x1' && features[1] === 'x2';
}

/**
 * The network's inputs for points (count × 2, row-major): count × features.length, each value computed in
 * float64 and rounded to float32 once. For x₁, x₂ the points themselves come back (the same array, bit for bit).
 */
export function featurizePoints(points: Float32Array, features: readonly InputFeature[]): Float32Array {
  if (isPointItself(features)) return points;
  const count = points.length / 2;
  const width = features.length;
  const inputs = new Float32Array(count * width);
  for (let i = 0; i < count; i++) {
    const x1 = points[2 * i];
    const x2 = points[2 * i + 1];
    for (let f = 0; f < width; f++) inputs[i * width + f] = inputFeatureValue(features[f], x1, x2);
  }
  return inputs;
}
