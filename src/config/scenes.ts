/**
 * Scenes: curated experiments for teaching and presenting. A scene is a *layer* over the defaults (`base`, a
 * partial config) with one or more runs, each a partial config over the scene's base; the address bar is a
 * layer over the scene (`?scene=<name>` plus only what differs, config/experimentUrl.ts). Scenes never set
 * the fields that hold for the whole experiment (backend, pacing, kernels): those stay the viewer's. The one
 * exceptions are the pace and the budget: a scene may play at its own `speed`, slow enough that what its
 * narration points at (a plateau, a jump, the first few hundred steps) can be watched, and it sets the training
 * `budget` its lesson needs (none where it sets none), so that its runs stop together where the narration's
 * numbers are; the viewer can change both like any setting.
 */
import { changedFields, defaultConfig, FIELD_NAMES, sanitizeConfig, scopeOf, type ExperimentConfig, type FieldName } from './experiment';
import { PAPER_SWEEP, paperScene } from './paperScene';
import type { SweepSpec } from './sweep';
import { NO_BUDGET, type TrainingBudget } from '../engine/budget';
import type { AlgorithmName } from '../algorithms/registry';

export type PartialConfig = Partial<ExperimentConfig>;

export interface Scene {
  /** URL-safe: lower case letters, digits and hyphens. */
  name: string;
  title: string;
  /** Two or three sentences: what this experiment shows. */
  narration: string;
  /** What to look at while it trains. */
  watch: string;
  base: PartialConfig;
  /** At least one; run k is base ⊕ runs[k]. */
  runs: PartialConfig[];
  /** Steps per second the lesson plays at (the experiment's `speed`); absent: the viewer's own. */
  speed?: number;
  /** Where every run pauses (the experiment's `budget` and `budgetUnit`); absent: no budget. */
  budget?: TrainingBudget;
  /**
   * A sweep over the scene's runs (each a group), started when the scene is picked (unless `autoStart` is false:
   * the card then offers to run it); read by `metric`.
   */
  sweep?: { spec: SweepSpec; metric: SweepSceneMetric; autoStart?: boolean };
  /**
   * The presenter stage's views the scene's text points at, turned on when the scene opens on the stage (besides
   * the card, the plane and the loss, and the layer targets where a LocoProp run is compared).
   */
  stageViews?: readonly SceneStageView[];
  /**
   * Two algorithms of the scene's runs whose times per step the card shows as measured on this device while they
   * train (ui/panels/SceneLiveCost.tsx): a cost the narration quotes was measured elsewhere and says where.
   */
  liveCost?: { of: AlgorithmName; against: AlgorithmName };
}

/** Stage views a scene can ask for (ui/presenter/presenterStore.ts's PRESENTER_VIEWS). */
export type SceneStageView = 'rate' | 'range' | 'accuracy' | 'explain' | 'targets';

/** The metric a sweep scene reads first (engine/sweep/response.ts's final-value metrics). */
export type SweepSceneMetric = { kind: 'final'; of: 'validationLoss' | 'testLoss' | 'trainLoss' };

/** The fields of `config` that differ from `reference`, as a partial config. */
export function differences(config: ExperimentConfig, reference: ExperimentConfig): PartialConfig {
  const partial: Partial<Record<FieldName, unknown>> = {};
  for (const name of changedFields(config, reference)) partial[name] = structuredClone(config[name]);
  return partial as PartialConfig;
}

/** The paper's scene (config/paperScene.ts) written as a layer: its shared settings, then each run's own. */
function paperLayers(): Pick<Scene, 'base' | 'runs'> {
  const [backprop, locoprop] = paperScene(defaultConfig());
  return { base: differences(backprop, defaultConfig()), runs: [{}, differences(locoprop, backprop)] };
}

export const SCENES: readonly Scene[] = [
  {
    name: 'backprop-spiral',
    title: 'Backprop learns a spiral',
    narration:
      'Two interleaved spirals cannot be split by a line: the network has to bend the plane. Three ReLU layers of 32 units and Adam get there in about a thousand steps; each ReLU bends the plane along a line, so the boundary is made of straight pieces.',
    watch: 'The decision boundary: first a straight cut, then a blob, then polygonal arms that follow the spiral outwards. The test loss tracks the train loss until the arms are found.',
    base: { dataset: 'spiral', noise: 0, hidden: [32, 32, 32], activation: ['relu', 'relu', 'relu'], init: 'he', learningRate: 0.01, batchSize: 16 },
    runs: [{}],
    speed: 100,
  },
  {
    name: 'locoprop-vs-backprop',
    title: 'LocoProp-M vs backprop from the same start',
    narration:
      'Two runs with the same seed: the same points, initial weights and minibatches. One takes a backprop Adam step per minibatch; the other gives every layer a target and takes K = 10 inner steps on each layer’s own matched loss.',
    watch: 'The loss chart per step (lockstep): LocoProp-M falls faster per step. Switch the x axis to training time to see what each step costs.',
    base: { dataset: 'moons', noise: 10, hidden: [8, 8], activation: ['tanh', 'tanh'], learningRate: 0.01 },
    runs: [{}, { algorithm: 'locoprop-m', innerOptimizer: 'adam', innerSteps: 10, gamma: 3, learningRate: 0.01 }],
    speed: 20,
  },
  {
    name: 'locoprop-targets',
    title: 'What LocoProp’s targets look like',
    narration:
      'LocoProp turns one loss into one small problem per layer: move the layer’s output Y towards a target Y − γ·∂L/∂A. The layer targets panel shows, for each layer, where the targets lie and where the inner steps land.',
    watch: 'Press “Slow step” under Layer targets and walk through one step with Next. In the cards, blue targets sit off the dashed diagonal; orange triangles show how far K inner steps move towards them.',
    base: { dataset: 'circle', hidden: [6, 4], activation: ['tanh', 'tanh'], algorithm: 'locoprop-m', innerSteps: 5, gamma: 3, learningRate: 0.01 },
    runs: [{}],
    speed: 10,
  },
  {
    name: 'feedback-alignment',
    title: 'Feedback alignment: learning without the transpose',
    narration:
      'Three runs from the same initial weights and minibatches on the circle: backprop sends the error back through Wᵀ, feedback alignment (Lillicrap et al., 2016) through fixed random matrices B, and LocoProp-M turns it into per-layer targets with K = 10 inner Adam steps. So feedback alignment’s hidden-layer updates are not gradients, yet they come to point downhill. Backprop and feedback alignment run SGD at 0.1 and LocoProp-M inner Adam at 0.01, set rather than tuned: the scene shows how feedback alignment learns, not which method is best.',
    watch:
      'The alignment chart: feedback alignment’s hidden layers start at about 90° to the gradient (no descent) and fall below it within 1,000 steps as W comes to agree with B, the layer next to the output first (to about 50°); its output layer and backprop stay at 0°. Its loss falls all the same, later than backprop’s (about 0.49 against 0.13 at step 1,000, 0.26 at 3,000).',
    base: { dataset: 'circle', seed: 3, hidden: [6, 4], activation: ['tanh', 'tanh'], optimizer: 'sgd', learningRate: 0.1 },
    runs: [{ algorithm: 'feedback-alignment' }, {}, { algorithm: 'locoprop-m', innerOptimizer: 'adam', innerSteps: 10, gamma: 3, learningRate: 0.01 }],
    speed: 50,
    // The watch text's last number is at step 3,000.
    budget: { value: 3000, unit: 'steps' },
  },
  {
    name: 'range-test-then-cyclical',
    title: 'LR range test, then cyclical learning rates',
    narration:
      'Smith’s LR range test raises the learning rate step by step on a copy of the run and watches the loss: flat while the rate is too small, falling, then exploding. Cyclical learning rates then swing between a low rate and one near where the loss fell fastest. Run 1 keeps the low rate; run 2 cycles.',
    watch: 'Press “Find learning rate” first: on these moons the loss falls between about 0.01 and 0.1 before it explodes, so run 2 cycles SGD with momentum between 0.01 and 0.1 every 400 steps. The learning-rate chart shows the triangle wave; run 2 learns the moons within about 800 steps, the constant run needs about 2,000.',
    base: { dataset: 'moons', noise: 10, hidden: [16, 16], activation: ['tanh', 'tanh'], optimizer: 'momentum', learningRate: 0.01 },
    runs: [{}, { schedule: 'cyclical', maxLearningRate: 0.1, stepSize: 200, cyclicalMode: 'triangular' }],
    speed: 100,
    // Seven whole cycles of 400 steps: past the constant run's 2,000, ending at the base rate, not at a peak.
    budget: { value: 2800, unit: 'steps' },
    stageViews: ['rate'],
  },
  {
    name: 'one-cycle-vs-constant',
    title: 'One-cycle vs constant',
    narration:
      'The same network, data and starts twice, each over three seeds. One run keeps SGD with momentum at a constant rate; the other follows Smith’s one-cycle policy: it warms up to a high rate, then anneals far below where it began, all within 2,000 steps.',
    watch: 'The loss per step, the median of three seeds with their band: one-cycle’s rate peaks at step 600, and by step 2,000, where both runs stop, its training loss ends below the constant run’s. The test loss ends about the same: on 25 % noise part of what it fits is noise. The learning-rate chart shows both policies; momentum cycles opposite to the rate.',
    base: { dataset: 'moons', noise: 25, hidden: [16, 16], activation: ['tanh', 'tanh'], optimizer: 'momentum', learningRate: 0.02, repeatSeeds: 3 },
    runs: [{}, { schedule: 'one-cycle', maxLearningRate: 0.15, totalSteps: 2000, pctStart: 0.3 }],
    speed: 200,
    // Both runs end where one-cycle's policy does, so the comparison is over the same 2,000 steps.
    budget: { value: 2000, unit: 'steps' },
    stageViews: ['rate'],
  },
  {
    name: 'too-high-learning-rate',
    title: 'Too high a learning rate',
    narration:
      'Plain SGD at three rates, each ten times the last. A small rate crawls, a good one converges, and one too high overshoots the valley: the loss grows until the run diverges.',
    watch: 'The third run: within five steps its loss jumps from 0.7 to over 3, and a few steps later the run pauses; the status area names the step and the loss, and the run rewinds to its best recent state (so does its line on the chart). Lower its learning rate and play again.',
    base: { dataset: 'circle', hidden: [8, 8], activation: ['tanh', 'tanh'], optimizer: 'sgd', learningRate: 0.05 },
    runs: [{}, { learningRate: 0.5 }, { learningRate: 5 }],
    speed: 5,
  },
  {
    name: 'gamma-and-k',
    title: 'γ and K: LocoProp’s two knobs',
    narration:
      'γ sets how far each layer’s target lies from its output (a step against the gradient); K sets how many inner steps each layer takes towards it. With inner SGD and K = 1, a LocoProp step is a backprop step of ρ·γ.',
    watch: 'Compare the runs per step: small γ barely moves, large γ moves fast but can overshoot; more inner steps K make each step count more, at about (2K + 1)/3 times the cost.',
    base: { dataset: 'xor', hidden: [8, 8], activation: ['tanh', 'tanh'], algorithm: 'locoprop-m', innerOptimizer: 'adam', learningRate: 0.01, gamma: 3, innerSteps: 10 },
    runs: [{}, { gamma: 0.3 }, { gamma: 30 }, { innerSteps: 1 }],
    speed: 25,
  },
  {
    name: 'learning-rate-response',
    title: 'Learning-rate response: SGD against Adam',
    narration:
      'A sweep, not a run: SGD and Adam on the circle, each trained 500 steps at 11 learning rates from 0.0001 to 10, three seeds each, and judged on a validation split held out of the training points. Each optimizer has a basin of good rates about a decade wide, but in different places: measured, SGD’s median validation loss is under 0.18 from 0.3 to 3 and Adam’s from 0.01 to 0.1. Compared at one shared rate, either can be made to look far better than the other; compared each at its best, they are close (0.147 and 0.131).',
    watch: 'The response curve: the ring marks each optimizer’s best rate; at 10 both diverge (✕). Drag the “At step” slider back to see the basins form. Then “Compare each at its best” trains the two at their own best rates, and the Runs card says how they were chosen.',
    base: { dataset: 'circle', hidden: [8, 8], activation: ['tanh', 'tanh'], validationPercent: 20 },
    runs: [{ optimizer: 'sgd', learningRate: 0.3 }, { optimizer: 'adam', learningRate: 0.03 }],
    sweep: {
      spec: { axes: [{ field: 'learningRate', values: { kind: 'range', from: 1e-4, to: 10, count: 11, scale: 'log' } }], seeds: 3, budget: 500, budgetUnit: 'steps' },
      metric: { kind: 'final', of: 'validationLoss' },
    },
  },
  {
    name: 'hypergradient-response',
    title: 'A learning rate that tunes itself: Adam against Adam-HD',
    narration:
      'Hypergradient descent (Baydin et al., ICLR 2018) updates the learning rate every step by the derivative of the loss with respect to it, at rate β, and claims less sensitivity to the initial rate. Here Adam and Adam-HD (β = 0.0001) on the circle start from 11 rates from 0.0001 to 10, three seeds, 500 steps each. Measured: below 0.003 Adam stays at 0.69 (median validation loss) while Adam-HD raises its rate and gets to 0.32 from 0.001 and 0.43 from 0.0001; both are under 0.21 from 0.01 to 0.03 (Adam to 0.1, Adam-HD from 0.003), and at their best rate, 0.03, the two are alike (0.131 and 0.134); from 0.1 up the runs are chaotic, and a float rounding changes their loss at step 500 (Adam-HD at 0.1: 0.30 on the CPU’s fused kernels, 0.27 on WebGPU’s in SwiftShader, 0.18 on plain TF.js ops).',
    watch: 'The two response curves: Adam-HD’s basin reaches far smaller initial rates, its best no lower. Open a point at a small initial rate and watch the rate chart: Adam-HD’s rate climbs.',
    base: { dataset: 'circle', hidden: [8, 8], activation: ['tanh', 'tanh'], hypergradientRate: 0.0001, validationPercent: 20 },
    runs: [{ optimizer: 'adam', learningRate: 0.001 }, { optimizer: 'adam-hd', learningRate: 0.001 }],
    sweep: {
      spec: { axes: [{ field: 'learningRate', values: { kind: 'range', from: 1e-4, to: 10, count: 11, scale: 'log' } }], seeds: 3, budget: 500, budgetUnit: 'steps' },
      metric: { kind: 'final', of: 'validationLoss' },
    },
    stageViews: ['rate'],
  },
  {
    name: 'test-loss-against-width',
    title: 'Test loss against model complexity',
    narration:
      'One hidden layer of 1 to 64 units on two noisy moons (300 points, 20 % noise, half of them for training), 5,000 Adam steps, five seeds. More units fit the training points ever better; the test points tell whether that was learning or memorising. Measured: the median test loss falls from 0.32 (1 unit) to 0.14 (4 units) and is higher again from 16 units on (0.17–0.23), while the median train loss falls from 0.25 (1 unit) to about 0.03 (8 units and more; 0.06 at 16).',
    watch: 'The response curve with the metric “final test loss”, then switch to “final train loss”: one keeps falling, the other turns. The band (lowest to highest seed) is wide: each seed draws its own points. Click a point to train that width as a run and see its boundary bend around the noise. “Compare each at its best” chooses on a validation split of only 30 points here (20 % of the 150 training points), so its pick is close to noise: a small validation set cannot choose a model well, which the test curve shows.',
    base: { dataset: 'moons', noise: 20, points: 300, hidden: [8], activation: ['tanh'], learningRate: 0.03, batchSize: 10 },
    runs: [{}],
    sweep: {
      spec: { axes: [{ field: 'width', values: { kind: 'list', values: [1, 2, 4, 8, 16, 32, 64] } }], seeds: 5, budget: 5000, budgetUnit: 'steps' },
      metric: { kind: 'final', of: 'testLoss' },
    },
  },
  {
    name: 'gamma-k-heatmap',
    title: 'γ and K for LocoProp-M: a heatmap',
    narration:
      'LocoProp-M on XOR over a grid of γ (how far each layer’s target lies, 0.3 to 30) and K (inner steps, 1 to 20), three seeds, 300 steps each, judged on a validation split. Measured: with K = 1 every γ gives the same loss (0.051), since inner Adam’s first step is scaled by its own gradient and γ cancels; more inner steps pay off at γ = 3 (0.018 at K = 20) and do harm at γ = 0.3 (0.12–0.30).',
    watch: 'The heatmap: darker is better; the outlined cell is the best. Read along a row (fixed K) and down a column (fixed γ). Click a cell to train it as a run.',
    base: { dataset: 'xor', hidden: [8, 8], activation: ['tanh', 'tanh'], algorithm: 'locoprop-m', innerOptimizer: 'adam', learningRate: 0.01, gamma: 3, innerSteps: 10, validationPercent: 20 },
    runs: [{}],
    sweep: {
      spec: {
        axes: [
          { field: 'gamma', values: { kind: 'range', from: 0.3, to: 30, count: 5, scale: 'log' } },
          { field: 'innerSteps', values: { kind: 'list', values: [1, 3, 10, 20] } },
        ],
        seeds: 3,
        budget: 300,
        budgetUnit: 'steps',
      },
      metric: { kind: 'final', of: 'validationLoss' },
    },
  },
  {
    name: 'paper-autoencoder',
    title: 'The paper: a deep autoencoder',
    // Every number here is checked against config/paperSceneRecord.ts, which says how and where each was measured.
    narration:
      'The experiment of Amid, Anil & Warmuth (AISTATS 2022), scaled to a browser: the deep autoencoder 196-128-64-16-64-128-196 on MNIST at 14×14, backprop with PyTorch’s RMSProp (mean square from 0, ε outside the root, no momentum) against LocoProp-M whose inner loop runs TF1’s RMSProp as the authors’ code does (mean square from 1, ε inside the root, momentum 0.999), from the same initial weights, so the two differ in the update rule as well as in what LocoProp adds. LocoProp-M takes K = 10 inner steps toward each layer’s target Y − γG with γ = 1.28: the authors’ notebook (locoprop_training.ipynb) sets K = 10 and γ = 10 at batch 1,000 on a loss that averages over the batch, so γ/B = 0.01 per example, which is γ = 1.28 at batch 128; each method runs at its best rate from one sweep of both over the same five rates (0.0001 to 0.01, 500 steps, one seed, chosen on a 20 % validation split): backprop 0.0032, LocoProp-M 0.00032. In that sweep, at step 500, LocoProp-M’s validation loss is 27.5 against backprop’s 30.6, but per second it went the other way when measured in Node on the CPU backend of a busy 2-core Linux machine (2026-12-05): a LocoProp-M step cost 6.4 times backprop’s (517 against 80 ms), and in that time backprop’s 3,217 steps reached 26.9.',
    watch:
      'Per step (lockstep): LocoProp-M starts behind (train loss 110.5 against 54.3 at step 10) and is lower at every measured step from step 147 on (seed 1; measured every step from 100 to 200, every 5th to 500). Against training time, where a LocoProp-M step costs 2.5 times backprop’s or more (measured on the card), backprop is lower at every measured time up to its 500th step, and LocoProp-M gets lower only after that. “Run the sweep” reruns that sweep (its time is estimated before it starts, and one over 30 minutes is refused); the image grid shows the reconstructions sharpen.',
    liveCost: { of: 'locoprop-m', against: 'backprop' },
    ...paperLayers(),
    sweep: { spec: PAPER_SWEEP.spec, metric: { kind: 'final', of: 'validationLoss' }, autoStart: false },
  },
  {
    name: 'digits',
    title: 'Handwritten digits, 8×8',
    narration:
      'Real data: 1,797 handwritten digits of 8×8 pixels, ten classes. One hidden layer of 32 ReLU units and a softmax output learn them in a few hundred steps.',
    watch: 'The accuracy and the confusion matrix: which digits are confused (often 3, 8 and 9). The image grid marks the wrong predictions.',
    base: { dataset: 'digits', hidden: [32], activation: ['relu'], init: 'he', batchSize: 32, learningRate: 0.003 },
    runs: [{}],
    speed: 50,
    stageViews: ['accuracy'],
  },
];

export function findScene(name: string): Scene | undefined {
  return SCENES.find((scene) => scene.name === name);
}

/**
 * The scene's runs as full configs: defaults ⊕ base ⊕ run. `keep` supplies the experiment-wide fields
 * (backend, pacing, kernels) the viewer already has, which a scene does not choose; the speed is the scene's
 * where it sets one, and the budget always the scene's (none where it sets none).
 */
export function sceneConfigs(scene: Scene, keep: ExperimentConfig = defaultConfig()): ExperimentConfig[] {
  const shared: Partial<Record<FieldName, unknown>> = {};
  for (const name of FIELD_NAMES) if (scopeOf(name) === 'experiment') shared[name] = keep[name];
  if (scene.speed !== undefined) shared.speed = scene.speed;
  const budget = scene.budget ?? NO_BUDGET;
  shared.budget = budget.value;
  shared.budgetUnit = budget.unit;
  return scene.runs.map((run) => sanitizeConfig({ ...defaultConfig(), ...scene.base, ...run, ...shared }).config);
}
