/**
 * A run on feature inputs (features.ts) as a whole: TensorFlow Playground's first lesson, the circle learned
 * by a network with no hidden layer once it sees x₁² and x₂², and the plane drawn from the same features.
 */
import '../../test/setupTf';
import { describe, expect, it } from 'vitest';
import { defaultConfig, type ExperimentConfig } from '../../config/experiment';
import { runSpecOf, trainingSettingsOf } from '../../config/toEngine';
import { sessionOnGeneratedData, type TrainingSession } from '../session';

function session(overrides: Partial<ExperimentConfig>): TrainingSession {
  const config = { ...defaultConfig(), optimizer: 'adam' as const, learningRate: 0.05, ...overrides };
  return sessionOnGeneratedData(runSpecOf(config), trainingSettingsOf(config));
}

describe('a run on feature inputs', () => {
  it('no hidden layer: x₁, x₂ cannot separate the circle; x₁², x₂² can', async () => {
    const testLossAfter = async (features: string[]): Promise<number> => {
      const s = session({ hidden: [], activation: [], features });
      s.runSteps(600);
      const { evaluation } = await s.evaluate(false);
      s.dispose();
      return evaluation.testLoss;
    };
    expect(await testLossAfter([])).toBeGreaterThan(0.6);
    expect(await testLossAfter(['x1sq', 'x2sq'])).toBeLessThan(0.3);
  });

  it("the network's input width is the number of features, and the plane is evaluated on the same features", async () => {
    const s = session({ hidden: [], activation: [], features: ['x1sq', 'x2sq'] });
    expect(s.layout.layers[0].inputSize).toBe(2);
    s.runSteps(600);
    const { evaluation } = await s.evaluate(true);
    const { grid, gridSize } = evaluation;
    if (!grid) throw new Error('no grid');
    expect(grid.length).toBe(gridSize * gridSize);
    // Inside the circle (label 1) at the centre, outside in each corner: a grid fed the points as if they were
    // x₁², x₂² would read a corner's (−0.98, −0.98) as "closer to the centre than the centre".
    const at = (row: number, col: number): number => grid[row * gridSize + col];
    const middle = gridSize / 2;
    expect(at(middle, middle)).toBeGreaterThan(0.5);
    for (const [row, col] of [[0, 0], [0, gridSize - 1], [gridSize - 1, 0], [gridSize - 1, gridSize - 1]]) expect(at(row, col)).toBeLessThan(0.5);
    s.dispose();
  });

  it('four features make a 4-input network whose loss falls', async () => {
    const s = session({ features: ['x1', 'x2', 'x1sq', 'sinx1'] });
    expect(s.layout.layers[0].inputSize).toBe(4);
    const before = (await s.evaluate(true)).evaluation;
    s.runSteps(300);
    const after = (await s.evaluate(true)).evaluation;
    expect(after.trainLoss).toBeLessThan(before.trainLoss * 0.5);
    s.dispose();
  });
});
