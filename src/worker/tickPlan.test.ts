/**
 * Equal time beside a heavy run (issue 21 item 3, "one heavy run blocks the light ones"): a run whose step costs more
 * than its share of a tick takes the fraction of a step that share buys, carried from tick to tick, so it steps every
 * few ticks and the light run ticks in between; in lockstep both take the same steps. Runs stand in for RunGroup with
 * the fields the plan reads; the costs are the test's, no clock is read.
 */
import { describe, expect, it } from 'vitest';
import { StepPacer } from '../engine/stepPacer';
import { BudgetKeeper } from './budgetKeeper';
import type { HeavyRunFacts } from './protocol';
import type { RunGroup } from './runGroup';
import { stepCounts, tickWork } from './tickPlan';

/** A run as the plan reads it: its cost per step, its evaluation's, its last tick's steps. */
function run(msPerStep: number, lossMs: number, heavy: boolean): RunGroup {
  const stand = {
    members: [{ evaluationCost: { lossMs, gridMs: 0 } }],
    msPerStep,
    lastSteps: 1_000,
    tickMsPerStep: msPerStep,
    paceCredit: 0,
    heavy: heavy ? ({ stepMs: msPerStep } as Pick<HeavyRunFacts, 'stepMs'>) : null,
    firstTickPending: false,
    config: { batchSize: 16 },
    lead: { session: { dataset: { train: { count: 1_000 } }, stepCount: 0 } },
  };
  return stand as unknown as RunGroup;
}

const budget = new BudgetKeeper(
  () => undefined,
  () => undefined,
);

/** Each run's steps over `ticks` consecutive uncapped ticks, 100 ms apart. */
function stepsOver(ticks: number, runs: RunGroup[], pacing: 'lockstep' | 'time'): number[][] {
  const pacer = new StepPacer(0);
  return Array.from({ length: ticks }, (_, i) => {
    const counts = stepCounts(runs, null, pacing, budget, pacer, i * 100);
    if (!('plan' in counts)) throw new Error('no speed cap here: a plan every tick');
    return counts.plan;
  });
}

describe('equal time beside a run whose step outlasts its share of the tick', () => {
  it('the heavy run steps every few ticks, carrying the fraction over; the light run steps in every tick', () => {
    // A light step of 0.05 ms and a heavy one of 1.5 s with a 3 s evaluation (deferred in equal time); ticks 100 ms
    // apart give the heavy run 50 ms of each, a step every 30 or so.
    const light = run(0.05, 5, false);
    const heavy = run(1500, 3000, true);
    const ticks = stepsOver(400, [light, heavy], 'time');
    const heavySteps = ticks.map(([, steps]) => steps);
    expect(ticks.every(([lightSteps]) => lightSteps >= 1)).toBe(true);
    expect(heavySteps.every((steps) => steps <= 1)).toBe(true);
    const stepped = heavySteps.filter((steps) => steps === 1).length;
    expect(stepped).toBeGreaterThan(0);
    expect(stepped).toBeLessThan(ticks.length / 4);
  });

  it('in lockstep both take the same steps in every tick; in equal time two heavy runs both step every tick', () => {
    const lockstep = stepsOver(10, [run(0.05, 5, false), run(1500, 3000, true)], 'lockstep');
    expect(lockstep.every(([a, b]) => a === b && a >= 1)).toBe(true);
    const bothHeavy = stepsOver(10, [run(1500, 3000, true), run(1500, 3000, true)], 'time');
    expect(bothHeavy.every(([a, b]) => a >= 1 && b >= 1)).toBe(true);
  });
});

describe('diagnoses while the warm-up compiles (warmUp.ts, issue 18 §3)', () => {
  /** A run due a diagnosis: last diagnosed long ago, its last tick undiagnosed. */
  const due = (): RunGroup =>
    ({
      lastGridAt: 0,
      lastDiagnosedAt: 0,
      diagnosedLastTick: false,
      firstTickPending: false,
      heavy: null,
      lead: { evaluationCost: { lossMs: 1, gridMs: 1 }, diagnosisMs: 1 },
    }) as unknown as RunGroup;

  it('holds a playing run’s diagnosis while pipelines compile, and never a Step’s', () => {
    expect(tickWork([due()], [5], null, 10_000, false)[0].diagnose).toBe(true);
    expect(tickWork([due()], [5], null, 10_000, true)[0].diagnose).toBe(false);
    expect(tickWork([due()], [1], 1, 10_000, true)[0].diagnose).toBe(true);
  });
});
