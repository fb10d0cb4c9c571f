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
import { PAPER_SWEEP } from './paperScene';
import { PAPER_CURVES_RECORD, PAPER_EQUAL_TIME_RECORD, PAPER_SWEEP_RECORD } from './paperSceneRecord';
import { axisValues } from './sweep';

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

/**
 * The paper scene trains for minutes, so its card is checked against what was recorded (config/paperSceneRecord.ts,
 * each record with its bench, machine and date), not retrained here: each claim is read out of the card's text and
 * tested on the recorded numbers.
 */
describe("the paper scene's card says what was measured", () => {
  const scene = findScene('paper-autoencoder')!;
  const card = `${scene.narration} ${scene.watch}`;
  const [backpropRun, locopropRun] = sceneConfigs(scene);
  const whole = (text: string): number => Number(text.replace(/,/g, ''));
  const read = (pattern: RegExp, text = card): string[] => {
    const match = pattern.exec(text);
    expect(match, `the card says ${pattern}`).not.toBeNull();
    return match!.slice(1);
  };
  const { steps, trainLoss } = PAPER_CURVES_RECORD;
  const at = (method: 'backprop' | 'locoprop-m', step: number): number => trainLoss[method][steps.indexOf(step)];
  /** The latest recorded loss of `method` at or before `step` (what the chart last measured by then). */
  const byStep = (method: 'backprop' | 'locoprop-m', step: number): number => trainLoss[method][steps.filter((s) => s <= step).length - 1];

  it('per step: LocoProp-M is lower at every recorded step from the step the card names (and not at the one before), recorded as it says', () => {
    expect(backpropRun.seed).toBe(PAPER_CURVES_RECORD.seed);
    const [measured, fromText] = read(/LocoProp-M(?:[^.]|\.\d)*? lower at every (measured )?step(?: from step ([\d,]+) on)?/, scene.watch);
    const from = fromText ? whole(fromText) : 0;
    const notLower = steps.filter((step) => step >= from && !(at('locoprop-m', step) < at('backprop', step)));
    expect(notLower, 'recorded steps from the named one where LocoProp-M is not lower').toEqual([]);
    const before = steps.filter((step) => step < from).at(-1);
    if (before !== undefined) expect(at('locoprop-m', before), `step ${before}, before the named one`).toBeGreaterThanOrEqual(at('backprop', before));
    // Where the record skips steps, the claim is about the measured ones and says how they were measured.
    expect(measured).toBe('measured ');
    const [seed, denseFrom, denseTo, every, last] = read(/seed (\d+); measured every step from ([\d,]+) to ([\d,]+), every (\d+)th to ([\d,]+)/).map(whole);
    expect(seed).toBe(PAPER_CURVES_RECORD.seed);
    for (let step = denseFrom; step <= denseTo; step++) expect(steps).toContain(step);
    expect(steps.filter((step) => (step < denseFrom || step > denseTo) && step % every !== 0)).toEqual([]);
    expect(steps.at(-1)).toBe(last);
    const [locoprop, backprop, step] = read(/train loss (\d[\d.]*\d|\d) against (\d[\d.]*\d|\d) at step ([\d,]+)/);
    expect(at('locoprop-m', whole(step)).toFixed(locoprop.split('.')[1]?.length ?? 0)).toBe(locoprop);
    expect(at('backprop', whole(step)).toFixed(backprop.split('.')[1]?.length ?? 0)).toBe(backprop);
  });

  it('against training time: from the step-cost ratio the card names on, backprop is lower at every recorded time up to its last step, and LocoProp-M ends lower', () => {
    const [ratioText, endText] = read(/costs (\d[\d.]*\d|\d) times backprop’s or more(?:[^.]|\.\d)*?backprop is lower at every measured time up to its ([\d,]+)th step, and LocoProp-M gets lower only after that/, scene.watch);
    const end = whole(endText);
    expect(steps.at(-1)).toBe(end);
    // At LocoProp-M's step s, a run whose step costs r times less has taken r·s steps: compared with its last
    // measurement by then, for every ratio from the named one to 10.
    for (let ratio = Number(ratioText); ratio <= 10; ratio += 0.05) {
      const later = steps.filter((step) => step > 0 && ratio * step <= end && !(byStep('backprop', ratio * step) < at('locoprop-m', step)));
      expect(later, `ratio ${ratio.toFixed(2)}: LocoProp-M steps where backprop was not lower`).toEqual([]);
    }
    expect(at('locoprop-m', end)).toBeLessThan(at('backprop', end));
  });

  it("the sweep: each method's rate is its best in the recorded sweep, over the grid the card describes, and the quoted losses are those bests", () => {
    const grid = axisValues(PAPER_SWEEP.spec.axes[0]) as number[];
    const [count, low, high, budget] = read(/best rate from one sweep of both over the same (\w+) rates \((\d[\d.]*\d|\d) to (\d[\d.]*\d|\d), ([\d,]+) steps/);
    expect({ count, low: Number(low), high: Number(high), budget: whole(budget) }).toEqual({ count: ['one', 'two', 'three', 'four', 'five', 'six'][grid.length - 1], low: grid[0], high: grid.at(-1), budget: PAPER_SWEEP.spec.budget });
    const [backpropRate, locopropRate] = read(/: backprop (\d[\d.]*\d|\d), LocoProp-M (\d[\d.]*\d|\d)\./).map(Number);
    const [locopropBest, backpropBest] = read(/LocoProp-M’s validation loss is (\d[\d.]*\d|\d) against backprop’s (\d[\d.]*\d|\d)/).map(Number);
    const best = (losses: number[]): number => losses.indexOf(Math.min(...losses));
    const { finalValidationLoss } = PAPER_SWEEP_RECORD;
    const [b, l] = [best(finalValidationLoss.backprop), best(finalValidationLoss['locoprop-m'])];
    expect([backpropRun.learningRate, locopropRun.learningRate]).toEqual([grid[b], grid[l]]);
    expect([backpropRate, locopropRate]).toEqual([Number(grid[b].toPrecision(2)), Number(grid[l].toPrecision(2))]);
    expect([backpropBest, locopropBest]).toEqual([finalValidationLoss.backprop[b], finalValidationLoss['locoprop-m'][l]]);
  });

  it('a step-cost ratio it quotes is the recorded one and says where and when it was measured (never "here")', () => {
    const sentences = card.split(/(?<=\.)\s+(?=[A-Z])/).filter((sentence) => /\d times backprop’s(?! or more)/.test(sentence));
    expect(sentences.length).toBeGreaterThan(0);
    // The card's own line measures the same two runs here (ui/panels/SceneLiveCost.tsx).
    expect(scene.liveCost).toEqual({ of: locopropRun.algorithm, against: backpropRun.algorithm });
    const { where, date, msPerStep, budget, backpropSteps, backpropValidationLoss } = PAPER_EQUAL_TIME_RECORD;
    for (const sentence of sentences) {
      expect(sentence).toContain(where);
      expect(sentence).toContain(date);
      expect(sentence).not.toMatch(/\bhere\b/);
      const [ratio] = read(/(\d[\d.]*\d|\d) times backprop’s(?! or more)/, sentence).map(Number);
      expect(ratio).toBe(Number((backpropSteps / budget).toFixed(1)));
      expect(Math.abs(ratio - msPerStep['locoprop-m'] / msPerStep.backprop)).toBeLessThan(0.1);
      const [locopropMs, backpropMs] = read(/\((\d+) against (\d+) ms\)/, sentence).map(Number);
      expect({ locopropMs, backpropMs }).toEqual({ locopropMs: msPerStep['locoprop-m'], backpropMs: msPerStep.backprop });
      const [equalSteps, reached] = read(/backprop’s ([\d,]+) steps reached (\d[\d.]*\d|\d)/, sentence);
      expect([whole(equalSteps), Number(reached)]).toEqual([backpropSteps, backpropValidationLoss]);
    }
  });

  it('explains K and γ: the reference values and batch it names give the run’s γ at its batch', () => {
    const [k, gamma] = read(/K = (\d+) inner steps toward each layer’s target Y − γG with γ = (\d[\d.]*\d|\d):/).map(Number);
    expect({ k, gamma }).toEqual({ k: locopropRun.innerSteps, gamma: locopropRun.gamma });
    const [referenceK, referenceGamma, referenceBatch] = read(/sets K = (\d+) and γ = (\d[\d.]*\d|\d) at batch ([\d,]+)/).map(whole);
    const [perExample, atBatch] = read(/γ\/B = (\d[\d.]*\d|\d) per example, which is γ = [\d.]+ at batch (\d+)/).map(Number);
    expect(referenceK).toBe(locopropRun.innerSteps);
    expect(perExample).toBeCloseTo(referenceGamma / referenceBatch, 12);
    expect(atBatch).toBe(locopropRun.batchSize);
    expect(perExample * atBatch).toBeCloseTo(locopropRun.gamma, 12);
  });
});
