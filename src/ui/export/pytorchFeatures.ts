/**
 * The 2-D sets' feature inputs in the exported PyTorch script: engine/data/features.ts written in Python, so
 * the script computes its training inputs from the points as the playground does (TensorFlow Playground,
 * src/playground.ts INPUTS).
 */
import { INPUT_FEATURES, type InputFeature } from '../../engine/data/features';
import { PLAYGROUND_HALF_WIDTH } from '../../engine/data/generators';

/**
 * engine/data/features.ts's inputFeatureValue in Python, feature by feature (a feature added there fails to
 * compile until it is written here): x1 and x2 are the points' columns in float64.
 */
const PYTHON_FEATURE_FORMULAS: Record<InputFeature, string> = {
  x1: 'x1',
  x2: 'x2',
  x1sq: 'x1 * x1',
  x2sq: 'x2 * x2',
  x1x2: 'x1 * x2',
  sinx1: `torch.sin(${PLAYGROUND_HALF_WIDTH} * x1)`,
  sinx2: `torch.sin(${PLAYGROUND_HALF_WIDTH} * x2)`,
};

/** The 2-D sets' feature inputs (TensorFlow Playground's, src/playground.ts INPUTS), as the engine computes them. */
export const PYTHON_FEATURES = String.raw`
def input_features(points, names):
    """engine/data/features.ts: the network's inputs as functions of the 2-D points (x1, x2), TensorFlow
    Playground's feature inputs (the sines in its units: its plane spans -6..6, ours -1..1). Each value in
    float64, rounded to float32 once, as the playground computes them."""
    x1, x2 = points[:, 0].double(), points[:, 1].double()
    formulas = {
${INPUT_FEATURES.map((feature) => `        "${feature}": lambda: ${PYTHON_FEATURE_FORMULAS[feature]},`).join('\n')}
    }
    return torch.stack([formulas[name]() for name in names], dim=1).float()
`;
