/**
 * The exported script's --verify rule (pytorchCli.ts), run in plain Python (no torch needed) on loss series
 * shaped like the runs that exposed the old relative-only check: a batch-1 loss of 0 against torch's 1.2e-7,
 * and the paper scene's LocoProp-M drifting by float32 rounding over 100 steps.
 */
import { execFileSync, spawnSync } from 'node:child_process';
import { describe, expect, it } from 'vitest';
import { PYTHON_CLI } from './pytorchCli';

const hasPython = spawnSync('python3', ['--version']).status === 0;

interface Report {
  verified: boolean;
  failed_steps: number[];
  floor: number;
  steps_within_rtol_and_floor: number;
  tolerance: string;
}

/** A Python list literal (NaN, which JSON writes as null, as float("nan")). */
const py = (values: number[]): string => JSON.stringify(values).replace(/null/g, 'float("nan")');

/** compare() on a playground series, this script's float32 series and its float64 series. */
function compare(playground: number[], float32: number[], float64: number[], rounding = true): Report {
  const program = [
    'import json, math',
    PYTHON_CLI,
    `PLAYGROUND_STEPS = ${playground.length}`,
    `PLAYGROUND_LOSSES = ${py(playground)}`,
    `PLAYGROUND_LR = ${JSON.stringify(playground.map(() => 0.01))}`,
    `print(report_json(compare(${py(float32)}, PLAYGROUND_LR, ${py(float64)}, 1e-3, rounding=${rounding ? 'True' : 'False'})))`,
  ].join('\n');
  return JSON.parse(execFileSync('python3', ['-c', program], { encoding: 'utf8' })) as Report;
}

describe.runIf(hasPython)('--verify\'s tolerance', () => {
  it('accepts a loss of 0 against 1.2e-7: below float32\'s resolution of a loss that started at 1.08', () => {
    const report = compare([1.0805, 0.31, 0], [1.0805, 0.31, 1.2e-7], [1.0805, 0.31, 1.19e-7]);
    expect(report.verified).toBe(true);
    expect(report.floor).toBeCloseTo(64 * 2 ** -23 * 1.0805, 12);
    expect(report.steps_within_rtol_and_floor).toBe(3);
  });

  it('still fails a real difference near 0 and at the first step', () => {
    expect(compare([1.0805, 0.31, 0], [1.0805, 0.31, 1e-3], [1.0805, 0.31, 1e-3]).failed_steps).toEqual([2]);
    // The float64 run drifting later excuses nothing earlier: the allowance is the spread so far.
    expect(compare([1.0805, 0.31, 0.2], [1.09, 0.31, 0.25], [1.09, 0.31, 0.3]).failed_steps).toEqual([0]);
  });

  it('allows what float32 rounding does to the run (twice the float32-float64 spread so far), and --strict does not', () => {
    // The paper scene's LocoProp-M at its last steps: 0.23 apart while float64 is 0.52 from float32.
    const playground = [136.60414, 97.61574, 52.94047, 51.8893];
    const float32 = [136.60414, 97.61423, 53.17078, 52.11533];
    const float64 = [136.60414, 97.6162, 52.64645, 51.59565];
    expect(compare(playground, float32, float64).verified).toBe(true);
    expect(compare(playground, float32, float64, false).failed_steps).toEqual([2, 3]);
    // Without drift in float64 the same difference is not rounding.
    expect(compare(playground, float32, float32).failed_steps).toEqual([2, 3]);
  });

  it('fails a NaN loss, and states the rule it checks', () => {
    expect(compare([1, 0.5], [1, Number.NaN], [1, 0.5]).failed_steps).toEqual([1]);
    expect(compare([1, 0.5], [1, 0.5], [1, 0.5]).tolerance).toBe('|a-b| <= 0.001*max(|a|,|b|) + 7.63e-06 + 2*(float32-float64 spread so far)');
  });
});
