/**
 * What each 2-D scene tells the audience to watch for happens, on the CPU backend from the scene's own seeds:
 * a scene whose narration is false teaches the wrong thing (the spiral that never learned, the one-cycle run
 * that ended at chance). Losses are the train loss over the whole training set, as the page shows them.
 */
import '../test/setupTf';
import { describe, expect, it } from 'vitest';
import { runSpecOf, trainingSettingsOf } from './toEngine';
import type { ExperimentConfig } from './experiment';
import { findScene, sceneConfigs } from './scenes';
import { sessionOnGeneratedData } from '../engine/session';
import { isDiverging } from '../engine/trainingLoop';

/** Train losses of `config` (seed `seed`) after each step count in `at`. */
async function lossesAt(config: ExperimentConfig, at: readonly number[], seed = config.seed): Promise<number[]> {
  const seeded = { ...config, seed };
  const session = sessionOnGeneratedData(runSpecOf(seeded), trainingSettingsOf(seeded));
  const losses: number[] = [];
  let done = 0;
  for (const steps of at) {
    done += session.runSteps(steps - done);
    losses.push((await session.evaluate(false)).evaluation.trainLoss);
  }
  session.dispose();
  return losses;
}

const median = (values: number[]): number => [...values].sort((a, b) => a - b)[Math.floor(values.length / 2)];

function runsOf(name: string): ExperimentConfig[] {
  const scene = findScene(name);
  if (!scene) throw new Error(`no scene ${name}`);
  return sceneConfigs(scene);
}

describe('the scenes do what they say', () => {
  it('backprop-spiral: "get there in about a thousand steps"', async () => {
    const [run] = runsOf('backprop-spiral');
    const [at200, at1000] = await lossesAt(run, [200, 1000]);
    expect(at200).toBeGreaterThan(0.1);
    expect(at1000).toBeLessThan(0.05);
  });

  it('range-test-then-cyclical: the cycling run learns the moons within about 800 steps, the constant one needs about 2,000', async () => {
    const [constant, cyclical] = runsOf('range-test-then-cyclical');
    expect(cyclical.schedule).toBe('cyclical');
    const [constantAt800, constantAt2000] = await lossesAt(constant, [800, 2000]);
    const [cyclicalAt800] = await lossesAt(cyclical, [800]);
    expect(cyclicalAt800).toBeLessThan(0.05);
    expect(constantAt800).toBeGreaterThan(0.2);
    expect(constantAt2000).toBeLessThan(0.1);
  });

  it('one-cycle-vs-constant: at step 2,000 one-cycle\'s training loss ends below the constant run\'s, seed by seed and in the median', async () => {
    const [constant, oneCycle] = runsOf('one-cycle-vs-constant');
    expect(oneCycle.totalSteps).toBe(2000);
    const seeds = Array.from({ length: constant.repeatSeeds }, (_, i) => constant.seed + i);
    const constantEnds = await Promise.all(seeds.map(async (seed) => (await lossesAt(constant, [2000], seed))[0]));
    const oneCycleEnds = await Promise.all(seeds.map(async (seed) => (await lossesAt(oneCycle, [2000], seed))[0]));
    oneCycleEnds.forEach((end, i) => expect(end, `seed ${seeds[i]}`).toBeLessThan(constantEnds[i]));
    expect(median(oneCycleEnds)).toBeLessThan(0.9 * median(constantEnds));
  });

  it('too-high-learning-rate: the first crawls, the second converges, the third diverges within ten steps', async () => {
    const [slow, good, tooHigh] = runsOf('too-high-learning-rate');
    const [slowStart, slowAt300] = await lossesAt(slow, [0, 300]);
    const [goodAt300] = await lossesAt(good, [300]);
    expect(slowAt300).toBeGreaterThan(0.5 * slowStart);
    expect(goodAt300).toBeLessThan(0.15);
    const [start, ...early] = await lossesAt(tooHigh, [0, 2, 5, 10]);
    expect(early.some((loss) => isDiverging(loss, start))).toBe(true);
  });

  it('feedback-alignment: its hidden layers start at about 90° to the gradient and fall below it by step 1,000 (the last hidden layer to about 50°); its loss falls later than backprop\'s', async () => {
    const [aligned, backprop] = runsOf('feedback-alignment');
    expect(aligned.algorithm).toBe('feedback-alignment');
    const session = sessionOnGeneratedData(runSpecOf(aligned), trainingSettingsOf(aligned));
    // Each figure: the mean of 5 readings, 20 steps apart (a single minibatch's angle is noisy).
    const meanAngles = async (): Promise<number[]> => {
      const sums = [0, 0, 0];
      for (let r = 0; r < 5; r++) {
        session.runSteps(20, true);
        (await session.evaluate(false)).evaluation.probes?.alignment?.angle.forEach((angle, m) => (sums[m] += angle / 5));
      }
      return sums;
    };
    session.runSteps(100);
    const early = await meanAngles(); // steps 100–200
    session.runSteps(800);
    const later = await meanAngles(); // steps 900–1,000
    const at1000 = (await session.evaluate(false)).evaluation.trainLoss;
    session.runSteps(2000);
    const at3000 = (await session.evaluate(false)).evaluation.trainLoss;
    session.dispose();
    expect(Math.max(early[0], early[1])).toBeGreaterThan(85);
    expect(later[0]).toBeLessThan(Math.min(85, early[0]));
    expect(later[1]).toBeLessThan(Math.min(65, early[1]));
    expect(later[2]).toBeLessThan(0.5);
    const [backpropAt1000] = await lossesAt(backprop, [1000]);
    expect(at1000).toBeGreaterThan(0.4);
    expect(backpropAt1000).toBeLessThan(0.2);
    expect(at3000).toBeLessThan(0.3);
  });
});
