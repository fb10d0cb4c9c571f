/**
 * A tick's plan, before its steps run: which runs step (playing, none past the training budget), how many steps
 * each takes (the pacing, the tick budget, the speed cap; a step command's count), and which of them draw the
 * plane's grid or take a diagnosis. Split out of host.ts; tickLoop.ts runs the plan (stepRounds.ts, then each run's
 * evaluation).
 */
import { paceTick, planTick, type Pacing } from '../engine/pacing';
import type { StepPacer } from '../engine/stepPacer';
import { gridIntervalMs, tickBudgetMs } from '../engine/trainingLoop';
import type { BudgetKeeper } from './budgetKeeper';
import type { RunGroup } from './runGroup';
import type { TickSteps } from './stepRounds';

/**
 * Per-layer targets are taken from one step this often while playing (the panel redraws at 4 Hz), and no
 * more often than every 8× what a diagnosis costs, so that on a slow device (SwiftShader: a plain diagnosed
 * step of hundreds of ms beside fused steps of 0.1 ms) diagnosing takes at most ~1/8 of the time.
 */
const DIAGNOSTICS_INTERVAL_MS = 250;
const DIAGNOSIS_SHARE = 8;

/** A run's share of a tick: its steps, whether its evaluation draws the grid, whether its last step is diagnosed. */
export interface TickWork extends TickSteps {
  withGrid: boolean;
}

/**
 * The runs a tick may step (`candidates`: a step command's every run, or the runs not halted) and those it
 * steps (`active`): playing, no run steps past the training budget (Step, by hand, is not held).
 */
export function tickRuns(groups: readonly RunGroup[], fixedSteps: number | null, budget: BudgetKeeper): { candidates: RunGroup[]; active: RunGroup[] } {
  const candidates = groups.filter((group) => fixedSteps !== null || !group.halted);
  const active = fixedSteps === null ? budget.runnable(candidates) : candidates;
  return { candidates, active };
}

/**
 * How many steps each active run takes: `fixedSteps` (a step command), or as many as the pacing, the tick
 * budget, the training budget and the speed cap allow; `waitMs` when the speed cap leaves no step yet.
 */
export function stepCounts(active: readonly RunGroup[], fixedSteps: number | null, pacing: Pacing, budget: BudgetKeeper, pacer: StepPacer, now: number): { plan: number[] } | { waitMs: number } {
  if (fixedSteps !== null) return { plan: active.map(() => fixedSteps) };
  // In equal time a heavy run's evaluation waits for its steps (runNotices.deferEvaluation): it does not size every tick.
  const deferred = (group: RunGroup): boolean => pacing === 'time' && active.length > 1 && group.heavy !== null && !group.firstTickPending;
  const evaluationMs = active.reduce((sum, group) => (deferred(group) ? sum : sum + group.members.reduce((s, loop) => s + loop.evaluationCost.lossMs, 0)), 0);
  const budgetMs = tickBudgetMs({ lossMs: evaluationMs, gridMs: 0 });
  const planned = planTick(active.map((g) => ({ msPerStep: g.msPerStep, lastSteps: g.lastSteps })), pacing, budgetMs);
  const plan = budget.cap(pacing === 'time' ? shareOfSlowSteps(active, planned, budgetMs, now) : planned, active);
  const paced = pacer.take(now, Math.max(...plan));
  if (paced.steps === 0) return { waitMs: paced.waitMs };
  if (paced.steps < Math.max(...plan)) return { plan: budget.cap(paceTick(paced.steps, pacing, active), active) };
  return { plan };
}

/** When each run was last planned in equal time (shareOfSlowSteps): its share is of the time since. */
const plannedAt = new WeakMap<RunGroup, number>();

/**
 * Equal time without a speed cap's grant: planTick gives every run a step a tick at least, so a run whose step costs
 * more than its share of the tick (MNIST 8 × 1024 on the CPU, 1–4 s beside a light run's 0.05 ms) stepped in every
 * tick and the light run waited for it each time (in the Node host 796 steps in 60 s against 2,992 in 30 s alone).
 * Such a run takes the fraction of a step that its share of the time since its last plan buys (the tick budget's
 * share the first time; at most one step's worth a tick), the rest carried in its paceCredit (as paceTick does under
 * a speed cap): it steps every few ticks, about half the time beside one light run, and the others tick in between.
 * Not when every run is that slow.
 */
function shareOfSlowSteps(active: readonly RunGroup[], plan: readonly number[], budgetMs: number, now: number): number[] {
  const share = budgetMs / active.length;
  const slow = (group: RunGroup): boolean => group.msPerStep > share;
  if (active.length < 2 || active.every(slow)) return [...plan];
  return plan.map((steps, i) => {
    const group = active[i];
    const last = plannedAt.get(group);
    plannedAt.set(group, now);
    if (!slow(group)) return steps;
    const sinceMs = last === undefined ? budgetMs : Math.max(0, now - last);
    const owed = Math.min(1, sinceMs / active.length / group.msPerStep) + group.paceCredit;
    const whole = Math.floor(owed + 1e-9);
    group.paceCredit = Math.min(1, Math.max(0, owed - whole));
    return Math.min(steps, whole);
  });
}

/**
 * Which runs step (a speed cap may leave a costlier run no whole step this tick, in equal time: it steps in a
 * later one), and which draw the grid (by the grid's interval; always on a step command) or take a diagnosis.
 * The first tick after Play draws no grid (`gridHeldForPlay`): the plane's grid cost 100–160 ms a tick on WebGL on
 * SwiftShader against ~50 ms for the rest of the evaluation (traced 2026-12-06), and the step count waits for the
 * tick (issue 18 §3); the next tick draws it.
 * Never two diagnosed ticks in a row while playing: the undiagnosed ones measure what a step costs. Nor a heavy
 * run's first tick (a diagnosis costs a few steps more): it measures the device's rate first. Nor, while playing, a
 * run whose diagnosis is held (a piece of it over a second and over a step on the plain path: MNIST 8 × 1024 held
 * a pause 3–8 s, and a light run beside it in equal time 14–17 s between its ticks). Nor, while playing, any run
 * while the warm-up's pipelines compile in parallel (`compiling`, worker/warmUp.ts): a diagnosis runs plain ops.
 * Reads the runs only.
 */
export function tickWork(active: readonly RunGroup[], plan: readonly number[], fixedSteps: number | null, now: number, compiling = false): TickWork[] {
  return active.flatMap((group, i) => {
    if (plan[i] === 0) return [];
    const withGrid = fixedSteps !== null || (!group.gridHeldForPlay && now - group.lastGridAt >= gridIntervalMs(group.lead.evaluationCost));
    const diagnosisInterval = Math.max(DIAGNOSTICS_INTERVAL_MS, DIAGNOSIS_SHARE * group.lead.diagnosisMs);
    // A diagnosis whose pieces would hold the worker for seconds waits for a Step (runCost.ts diagnosisHeldMs).
    const held = group.heavy?.diagnosisHeldMs !== undefined;
    const diagnose = fixedSteps !== null || (!held && !compiling && !group.firstTickPending && !group.diagnosedLastTick && now - group.lastDiagnosedAt >= diagnosisInterval);
    return [{ group, withGrid, diagnose, steps: plan[i] }];
  });
}

/** Notes the plan on its runs: a step command un-halts them; when each last drew the grid and was diagnosed. */
export function markTickWork(work: readonly TickWork[], fixedSteps: number | null, now: number): void {
  for (const { group, withGrid, diagnose } of work) {
    if (fixedSteps !== null) group.halted = false;
    group.gridHeldForPlay = false;
    if (withGrid) group.lastGridAt = now;
    group.diagnosedLastTick = diagnose;
    if (diagnose) group.lastDiagnosedAt = now;
  }
}
