/**
 * Issue 21 item 1 through the host's own tick planner: two runs with the same settings showed other losses at the
 * same step (5.500e-5 against 0.005680 at step 75,945) because the planner diagnoses each run by its own measured
 * diagnosis cost (tickPlan.ts tickWork), so identical runs took their diagnosed steps at different steps, and a
 * diagnosed step went the plain way beside fused ones. Here the planner is made to mix: run 2 measures its
 * diagnosis as very costly (its loop's diagnosisMs, as a slow diagnosis on a busy machine sets it), so after its
 * first diagnosis the planner diagnoses run 1 alone, at steps where run 2 takes undiagnosed fused steps; each
 * tick's steps come in sub-slices of SLICE_STEPS (stepRounds.ts). The ticks' own facts say that the paths were
 * mixed (diagnostics on one run's tick and not the other's at the same step); no clock is read.
 */
import '../test/setupTf';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { defaultConfig, type ExperimentConfig } from '../config/experiment';
import { TrainingLoop } from '../engine/trainingLoop';
import { TrainingHost } from './host';
import { RunGroup } from './runGroup';
import type { RunConfig, WorkerCommand, WorkerEvent } from './protocol';
import { cpuOnly } from '../test/cpuBackendPort';

type Tick = Extract<WorkerEvent, { type: 'tick' }>;

/** Steps per sub-slice: ticks past the first few plan more, so a diagnosed step ends a tick of several sub-slices. */
const SLICE_STEPS = 2;
/** Ticks at which run 1 is diagnosed and run 2, at the same step, is not. */
const MIXED_TICKS = 3;
/** What run 2's diagnosis is taken to cost, ms: the planner spaces its diagnoses 8x that apart (past the test). */
const COSTLY_DIAGNOSIS_MS = 1e9;

const runs = (...configs: ExperimentConfig[]): RunConfig[] => configs.map((config, i) => ({ runId: `run-${i + 1}`, config }));

afterEach(() => vi.restoreAllMocks());

/**
 * A host whose message loop is the test's, and whose second run reports a costly
 * diagnosis after each of its ticks. Plays until run 1 has been diagnosed alone MIXED_TICKS times, then pauses.
 */
async function playMixed(config: ExperimentConfig): Promise<{ ticks: (runId: string) => Tick[]; mixedSteps: number[] }> {
  // Run 2's loops, as its group steps them (a calibration's or warm-up's loops step first, and are not run 2's).
  const costly = new Set<TrainingLoop>();
  const stepRound = RunGroup.prototype.stepRound;
  vi.spyOn(RunGroup.prototype, 'stepRound').mockImplementation(function (this: RunGroup, ...args) {
    if (this.runId === 'run-2') this.members.forEach((loop) => costly.add(loop));
    return stepRound.apply(this, args);
  });
  const finishTick = TrainingLoop.prototype.finishTick;
  vi.spyOn(TrainingLoop.prototype, 'finishTick').mockImplementation(async function (this: TrainingLoop, ...args) {
    const outcome = await finishTick.apply(this, args);
    if (costly.has(this)) this.diagnosisMs = COSTLY_DIAGNOSIS_MS;
    return outcome;
  });
  const events: WorkerEvent[] = [];
  const inbox: WorkerCommand[] = [];
  const ticks = (runId: string): Tick[] => events.filter((e): e is Tick => e.type === 'tick' && e.runId === runId);
  /** Steps at which run 1's tick carries a diagnosis and run 2's tick at that step does not. */
  const mixed = (): number[] => {
    const plainTwo = new Set(ticks('run-2').filter((tick) => tick.diagnostics === null).map((tick) => tick.metric.step));
    return ticks('run-1').filter((tick) => tick.diagnostics !== null && plainTwo.has(tick.metric.step)).map((tick) => tick.metric.step);
  };
  let pauseSent = false;
  const host: TrainingHost = new TrainingHost(
    (event) => {
      events.push(event);
      if (!pauseSent && event.type === 'tick' && event.runId === 'run-2' && mixed().length >= MIXED_TICKS) {
        pauseSent = true;
        inbox.push({ type: 'pause' });
      }
    },
    cpuOnly,
    undefined,
    { yieldToMessages: async () => inbox.splice(0).forEach((command) => host.handle(command)), stepSliceSteps: SLICE_STEPS },
  );
  host.handle({ type: 'configure', runs: runs(config, config) });
  await host.idle();
  host.handle({ type: 'play' });
  while (!pauseSent) await new Promise((resolve) => setTimeout(resolve, 10));
  await host.idle();
  return { ticks, mixedSteps: mixed() };
}

const base: ExperimentConfig = { ...defaultConfig(), backend: 'cpu', seed: 3, speed: 0, optimizer: 'adam' };

describe('identical runs stay identical when the tick planner mixes diagnosed and undiagnosed steps', () => {
  it.each([
    ['kernels auto (fused on the CPU)', { kernels: 'auto' }],
    ['kernels fused', { kernels: 'fused' }],
  ] as const)('%s: the same losses, bit for bit, at every step both runs report', async (_, kernels) => {
    const { ticks, mixedSteps } = await playMixed({ ...base, ...kernels });
    // The planner did mix: run 1 diagnosed at steps where run 2 was not, both on the fused path.
    expect(mixedSteps.length).toBeGreaterThanOrEqual(MIXED_TICKS);
    expect([...ticks('run-1'), ...ticks('run-2')].every((tick) => tick.kernelPath === 'fused')).toBe(true);
    // Ticks of more than one sub-slice: the steps between two mixed steps outnumber a sub-slice.
    expect((mixedSteps.at(-1) ?? 0) - mixedSteps[0]).toBeGreaterThan(SLICE_STEPS * 2);
    const numbers = (tick: Tick): number[] => [tick.metric.step, tick.metric.trainLoss, tick.metric.testLoss, tick.metric.testAccuracy];
    // By step (a pause shows a run again at the step its tick reached); toEqual on numbers is Object.is: bit for bit.
    const byStep = (runId: string): Map<number, number[]> => new Map(ticks(runId).map((tick) => [tick.metric.step, numbers(tick)]));
    expect(byStep('run-2')).toEqual(byStep('run-1'));
    const last = (runId: string): number[] => ticks(runId).map(numbers).at(-1) ?? [];
    expect(last('run-1').length).toBe(4);
    expect(last('run-2')).toEqual(last('run-1'));
  });
});
