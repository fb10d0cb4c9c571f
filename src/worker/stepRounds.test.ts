import { describe, expect, it } from 'vitest';
import { CALL_OVERHEAD_SHARE, CallCost, MAX_STEP_SLICE_MS, roundCount, sliceStepsFor, STEP_SLICE_MS, stepsInRound } from './stepRounds';

const shares = (steps: number, rounds: number): number[] => Array.from({ length: rounds }, (_, round) => stepsInRound(steps, rounds, round));
const known = (msPerStep: number, msPerCall = 0) => ({ msPerStep, msPerCall });

describe('rounds of sub-slices', () => {
  it('spreads a run over the rounds: every step once, the larger shares first, one at least in the first round', () => {
    expect(shares(7, 3)).toEqual([3, 2, 2]);
    expect(shares(6, 3)).toEqual([2, 2, 2]);
    expect(shares(2, 5)).toEqual([1, 0, 1, 0, 0]);
    expect(shares(1, 4)).toEqual([1, 0, 0, 0]);
  });

  it('cuts each run to sub-slices of at most STEP_SLICE_MS by its own time per step, one step at least', () => {
    // A heavy run (160 ms a step: MNIST 512-512 on the CPU) beside a light one, 25 steps each (lockstep): a step a round.
    expect(roundCount([{ steps: 25, cost: known(160) }, { steps: 25, cost: known(0.01) }])).toBe(25);
    // 400 steps of 0.5 ms: 200 ms, four sub-slices of 50 ms.
    expect(roundCount([{ steps: 400, cost: known(0.5) }])).toBe(4);
    expect(roundCount([{ steps: 400, cost: known(0.5) }], 100)).toBe(2);
    // A tick that fits in one sub-slice stays one piece; so does a single step, and a run not measured yet.
    expect(roundCount([{ steps: 1000, cost: known(0.01) }, { steps: 3, cost: known(1) }])).toBe(1);
    expect(roundCount([{ steps: 1, cost: known(5000) }])).toBe(1);
    expect(roundCount([{ steps: 50, cost: null }])).toBe(1);
    // A fixed count of steps per sub-slice (tests).
    expect(roundCount([{ steps: 9, cost: known(1) }, { steps: 3, cost: null }], STEP_SLICE_MS, 2)).toBe(5);
  });

  it("takes more steps a sub-slice where a call's fixed cost would be more than its share of the steps' time", () => {
    // 60 ms a step and 11 ms a call: one step a call would add 18%; 4 steps keep it under 5%.
    expect(sliceStepsFor(known(60, 11))).toBe(Math.ceil(11 / (CALL_OVERHEAD_SHARE * 60)));
    expect(sliceStepsFor(known(60, 11))).toBe(4);
    // Never past MAX_STEP_SLICE_MS of steps, one step at least.
    expect(sliceStepsFor(known(60, 100))).toBe(Math.floor(MAX_STEP_SLICE_MS / 60));
    expect(sliceStepsFor(known(900, 500))).toBe(1);
    // A fixed cost not known yet: one step more than the time allows, so that calls of two lengths tell it.
    expect(sliceStepsFor({ msPerStep: 160, msPerCall: null })).toBe(2);
    expect(sliceStepsFor({ msPerStep: 0.5, msPerCall: null })).toBe(101);
    expect(sliceStepsFor(null)).toBe(Number.POSITIVE_INFINITY);
  });

  it('in lockstep, runs with the same steps stand at the same step at the end of every round', () => {
    const runs = [
      { steps: 37, cost: known(3) },
      { steps: 37, cost: known(40) },
    ];
    const rounds = roundCount(runs);
    expect(rounds).toBe(37); // the costlier run: 40 ms a step, one step a sub-slice
    const done = runs.map(() => 0);
    for (let round = 0; round < rounds; round++) {
      runs.forEach((run, i) => (done[i] += stepsInRound(run.steps, rounds, round)));
      expect(done[1]).toBe(done[0]);
    }
    expect(done).toEqual([37, 37]);
  });
});

describe("a run's calls of steps, timed", () => {
  it('tells the fixed cost of a call from its steps by calls of different lengths', () => {
    const cost = new CallCost();
    expect(cost.estimate).toBeNull();
    for (const steps of [1, 1, 1]) cost.observe(steps, 11 + 60 * steps);
    // One length only: the time per step, the fixed cost not known.
    expect(cost.estimate?.msPerStep).toBeCloseTo(71, 9);
    expect(cost.estimate?.msPerCall).toBeNull();
    for (const steps of [2, 1, 2, 4, 3]) cost.observe(steps, 11 + 60 * steps);
    const estimate = cost.estimate;
    expect(estimate?.msPerStep).toBeCloseTo(60, 9);
    expect(estimate?.msPerCall).toBeCloseTo(11, 9);
  });

  it('keeps the time per step within a quarter and all of the mean per step when timings are noisy', () => {
    const cost = new CallCost();
    // Longer calls measured faster (another process on the core during the short ones): a negative slope.
    for (const [steps, ms] of [
      [1, 100],
      [2, 90],
      [1, 100],
      [2, 90],
    ]) cost.observe(steps, ms);
    const estimate = cost.estimate;
    // The calls weigh 0.9³, 0.9², 0.9 and 1: 5.249 steps' worth and 325.8 ms' worth.
    const meanPerStep = 325.8 / 5.249;
    expect(estimate?.msPerStep).toBeCloseTo(0.25 * meanPerStep, 9);
    expect(estimate?.msPerCall).toBeGreaterThan(0);
  });
});
