/**
 * The host's side of the training budget (engine/budget.ts): which runs may still step while playing, how many
 * steps each may take this tick, and the one notice when every run stands at the budget. A run at its budget is
 * halted (worker/runGroup.ts: paused by itself until the next Play), never reset. Play at the budget trains
 * nothing and says so again; raising the budget (or clearing it) lets the runs go on. A Step command (one step by
 * hand, the targets panel's slow step) is not held: the budget governs Play.
 */
import { budgetSteps, capToBudget, NO_BUDGET, stepsLeft, type TrainingBudget } from '../engine/budget';
import type { ExperimentConfig } from '../config/experiment';
import type { Notice, WorkerEvent } from './protocol';
import type { RunGroup } from './runGroup';

export const BUDGET_NOTICE = 'budget-reached';

export class BudgetKeeper {
  private budget: TrainingBudget = NO_BUDGET;
  /** Whether the page shows the budget notice (a run that steps again takes it down). */
  private shown = false;

  constructor(
    private readonly post: (event: WorkerEvent) => void,
    private readonly notify: (notice: Notice) => void,
  ) {}

  /** The experiment's budget, from its shared settings; a changed budget takes the notice down. */
  configure(config: ExperimentConfig): void {
    const next: TrainingBudget = { value: config.budget, unit: config.budgetUnit };
    if (next.value === this.budget.value && next.unit === this.budget.unit) return;
    this.budget = next;
    this.clear();
  }

  /** The budget as a step count for this run (its own training rows and batch size), or null for none. */
  limitOf(group: RunGroup): number | null {
    return budgetSteps(this.budget, group.lead.session.dataset.train.count, group.config.batchSize);
  }

  /** Steps this run may still take (Infinity without a budget). */
  leftOf(group: RunGroup): number {
    return stepsLeft(this.limitOf(group), group.lead.session.stepCount);
  }

  atBudget(group: RunGroup): boolean {
    return this.leftOf(group) === 0;
  }

  /** The runs that may step while playing; the others, at the budget, are halted. */
  runnable(groups: readonly RunGroup[]): RunGroup[] {
    return groups.filter((group) => {
      if (!this.atBudget(group)) return true;
      group.halted = true;
      return false;
    });
  }

  /** A tick's plan with no run taken past its budget. */
  cap(plan: readonly number[], groups: readonly RunGroup[]): number[] {
    return capToBudget(plan, groups.map((group) => this.leftOf(group)));
  }

  /**
   * After a tick: halts the runs that reached the budget, and says so once when every run is halted with at
   * least one at the budget (the others stopped by themselves: a schedule's end, a divergence).
   */
  afterTick(groups: readonly RunGroup[]): void {
    groups.forEach((group) => {
      if (this.atBudget(group)) group.halted = true;
    });
    if (groups.length > 0 && groups.every((group) => group.halted) && groups.some((group) => this.atBudget(group))) this.reached(groups, false);
  }

  /**
   * Play found every run at the budget (or halted beside one that is): nothing trains, the notice says why
   * (`atPlay`: Play was pressed there; false when a tick has just brought the runs to it).
   */
  reached(groups: readonly RunGroup[], atPlay = true): void {
    const steps = [...new Set(groups.map((group) => group.lead.session.stepCount))].sort((a, b) => a - b);
    this.shown = true;
    this.notify({ code: BUDGET_NOTICE, budget: this.budget.value, unit: this.budget.unit, steps, ...(atPlay ? { atPlay } : {}) });
  }

  /** Runs step again (or start afresh): the notice no longer holds. */
  clear(): void {
    if (!this.shown) return;
    this.shown = false;
    this.post({ type: 'clearStatus', code: BUDGET_NOTICE, runId: null });
  }
}
