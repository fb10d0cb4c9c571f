/** A problem as the worker reports it for a 2-D classification set, for tests of the page's state and charts. */
import type { Problem } from '../engine/data/problem';

export const CIRCLE_PROBLEM: Problem = {
  dataset: 'circle',
  title: 'Circle',
  task: 'binary',
  inputSize: 2,
  outputSize: 1,
  featureNames: ['x₁', 'x₂'],
  classNames: ['0', '1'],
  image: null,
  extent: 1,
  trainCount: 250,
  validationCount: 0,
  testCount: 250,
};
