/** How training runs: algorithm, optimizer, base learning rate and momentum, speed, budget, backend. */
import { type AlgorithmName, ALGORITHMS } from '../../algorithms/registry';
import { type BackpropOptimizer, type KernelChoice, KERNEL_PATHS, OPTIMIZERS } from '../../engine/names';
import { BUDGET_UNITS, type BudgetUnit } from '../../engine/budget';
import { BACKEND_CHOICES, type BackendChoice } from './backends';
import { enumField, numberField } from '../fields';

export const TRAINING_FIELDS = {
  algorithm: enumField<AlgorithmName>({
    label: 'Algorithm',
    help: 'How each minibatch updates the weights. Switching keeps the weights.',
    change: 'hot',
    // The registry's first algorithm (backprop) is the default.
    defaultValue: ALGORITHMS[0],
    options: ALGORITHMS,
  }),
  optimizer: enumField<BackpropOptimizer>({
    label: 'Optimizer',
    help: 'Update rule. Switching keeps the weights and starts the optimizer state afresh.',
    change: 'hot',
    defaultValue: 'adam',
    options: OPTIMIZERS,
  }),
  learningRate: numberField({
    label: 'Learning rate',
    help: 'Step size η; applies from the next step.',
    change: 'hot',
    defaultValue: 0.01,
    min: 1e-5,
    max: 10,
    scale: 'log',
  }),
  /**
   * β of SGD-HD and Adam-HD (Baydin et al., ICLR 2018, §2; engine/train/optimizers.ts). The authors' runs
   * (run.sh in github.com/gbaydin/hypergradient-descent) use β = 0.001 for SGD-HD and 1e-7 (1e-8 for VGG) for
   * Adam-HD, whose hypergradient sums |g| over every weight and so runs far larger; the default is SGD-HD's.
   */
  hypergradientRate: numberField({
    label: 'Hypergradient rate β',
    help: 'SGD-HD and Adam-HD only: how fast the learning rate follows its hypergradient, α ← α + β·g·(last step direction). The learning rate (the schedule\'s at the first step) is only α₀; HD sets every later rate, and a new learning rate starts α from it again. The paper used 0.001 for SGD-HD and 1e-7 for Adam-HD.',
    change: 'hot',
    defaultValue: 0.001,
    min: 1e-8,
    max: 0.1,
    scale: 'log',
  }),
  momentum: numberField({
    label: 'Momentum',
    help: 'μ for momentum and Nesterov, β₁ for Adam and Adam-HD; SGD, SGD-HD and RMSProp ignore it.',
    change: 'hot',
    defaultValue: 0.9,
    min: 0,
    max: 0.999,
    step: 0.001,
  }),
  /**
   * 100 steps/s by default, a pace a class can follow: measured on the default circle (CPU backend), the test
   * loss reads 0.60, 0.17, 0.087 and 0.083 at 1, 3, 6 and 10 s after Play, where full speed (0) has done
   * 4,700 steps in the first second and is past its best test loss before anyone has looked.
   */
  speed: numberField({
    label: 'Speed',
    help: 'Steps per second at most (100 at first, a pace a class can follow); 0 trains as fast as the device allows.',
    change: 'hot',
    defaultValue: 100,
    min: 0,
    max: 10_000,
    integer: true,
    scope: 'experiment',
  }),
  /**
   * The training budget (engine/budget.ts): every run pauses when it has taken this many steps (or epochs, each
   * run's training rows over its batch size), all at the same point; 0 trains on until paused.
   */
  budget: numberField({
    label: 'Stop at',
    help: 'Every run pauses after this many steps (or epochs), all at the same point; empty: no budget. At the budget, Play says so: raise the budget (or clear it) to train on.',
    change: 'hot',
    defaultValue: 0,
    min: 0,
    max: 10_000_000,
    integer: true,
    scope: 'experiment',
  }),
  budgetUnit: enumField<BudgetUnit>({
    label: 'Budget unit',
    help: 'steps: optimizer steps; epochs: passes over the training rows (training rows / batch size steps each).',
    change: 'hot',
    defaultValue: 'steps',
    options: BUDGET_UNITS,
    scope: 'experiment',
  }),
  backend: enumField<BackendChoice>({
    label: 'Backend',
    help: 'Automatic times the CPU and WebGPU on this network the first time it trains and takes the faster (the status bar’s backend tooltip gives the rates). Switching moves the run, weights and all.',
    change: 'hot',
    defaultValue: 'auto',
    options: BACKEND_CHOICES,
    scope: 'experiment',
  }),
  kernels: enumField<KernelChoice>({
    label: 'Kernels',
    help: 'fused: many training steps per kernel call where the backend and algorithm have one (CPU: every algorithm and optimizer; WebGPU: backprop and LocoProp at every width, feedback alignment and the -HD optimizers up to 64 wide); plain: one TF.js op per operation (the reference). auto picks fused where it exists.',
    change: 'hot',
    defaultValue: 'auto',
    options: KERNEL_PATHS,
    scope: 'experiment',
  }),
};
