/**
 * What the host posts of a run's evaluations: the `tick` event (losses, pictures, probes, with their buffers
 * transferred), and what a tick's evaluation tells besides (divergence, the device's measured rate, a dominating
 * penalty, a schedule's end). Split out of host.ts; the ticks (tickLoop.ts) post them.
 */
import { combineSeedReadings } from '../probes/combine';
import { PROBES } from '../probes/registry';
import { neuronsTransfer } from '../probes/neurons/declaration';
import type { Evaluation } from '../engine/session';
import type { Slice } from '../engine/trainingLoop';
import type { DeviceRates } from './deviceRate';
import type { RunNotices } from './runNotices';
import type { GroupTickOutcome, RunGroup } from './runGroup';
import type { BackendName } from './protocol';
import type { Post } from './host';
import { tickMetric } from './runPayloads';
import { sessionStepFlops } from './runCost';

/** A tick's evaluation that ran to its end (not cancelled by a command). */
export type FinishedOutcome = Exclude<GroupTickOutcome, { kind: 'cancelled' }>;

export class TickReports {
  constructor(
    private readonly post: Post,
    private readonly rates: DeviceRates,
    private readonly notices: RunNotices,
    private readonly slice: Slice,
  ) {}

  /** What a tick's evaluation tells: divergence, the run's new state, the penalty, a schedule's end. */
  async finishGroupTick(group: RunGroup, outcome: FinishedOutcome, backend: BackendName | null, fixedSteps: number | null, requestId: number | null): Promise<void> {
    if (outcome.kind === 'diverged') {
      group.halted = true;
      group.divergedShown = true;
      this.post({ type: 'diverged', runId: group.runId, seed: outcome.seed, ...outcome.outcome.divergence });
      // The restored state may be older than the last tick the page shows: show it (on divergence only).
      const evaluations = await group.evaluateAll(this.slice);
      if (evaluations) this.postTick(group, evaluations, 0, null, requestId);
      return;
    }
    const stepMs = group.lead.lastStepsMs;
    const path = group.lead.session.kernelPath;
    if (stepMs !== null && backend) this.rates.observe(backend, path, sessionStepFlops(group.lead.session) * outcome.steps, stepMs);
    // A heavy run's cost, said at an assumed rate, is said again once a step has measured this device's.
    if (group.heavy && !group.heavy.rateMeasured && this.rates.rate(group.heavy.backend, path).measured) this.notices.announceCost(group, group.heavy.backend, false);
    const stepsPerSecond = group.rate.perSecond(performance.now());
    this.postTick(group, outcome.evaluations, stepsPerSecond, fixedSteps === null ? group.lead.reportedMsPerStep : null, requestId);
    if (group.divergedShown) {
      group.divergedShown = false;
      this.post({ type: 'clearStatus', code: 'diverged', runId: group.runId });
    }
    this.notices.reportPenalty(group);
    const ended = outcome.evaluations[0].scheduleEnded;
    if (ended) {
      group.halted = true;
      const notice = { code: 'schedule-ended' as const, schedule: group.config.schedule, atStep: ended.atStep, learningRate: ended.learningRate };
      this.post({ type: 'notice', runId: group.runId, notice });
    }
  }

  /** The first tick after Play has stepped: its step count, ahead of its evaluation (protocol.ts `stepped`). */
  postStepped(group: RunGroup): void {
    this.post({ type: 'stepped', runId: group.runId, step: group.lead.session.stepCount });
  }

  /** The run's `tick` event (its first tick's progress cleared once it has stepped). */
  postTick(group: RunGroup, evaluations: Evaluation[], stepsPerSecond: number, msPerStep: number | null, requestId: number | null): void {
    const lead = evaluations[0];
    if (group.firstTickPending && lead.step > 0) {
      // The first tick is done: its progress goes.
      group.firstTickPending = false;
      this.post({ type: 'clearStatus', code: 'heavy-progress', runId: group.runId });
    }
    const { grid, gallery, confusion, correct } = lead;
    const seedCorrect = evaluations.length > 1 && correct ? evaluations.map((e) => e.correct) : null;
    const otherSeeds = (seedCorrect ?? []).slice(1).flatMap((values) => (values ? [values.buffer] : []));
    this.post(
      {
        type: 'tick',
        runId: group.runId,
        ...tickMetric(evaluations, group.trainingMs),
        grid,
        gridSize: lead.gridSize,
        gallery,
        confusion,
        correct,
        seedCorrect,
        stepsPerSecond,
        algorithm: group.config.algorithm,
        msPerStep,
        diagnostics: lead.diagnostics,
        probes: combineSeedReadings(PROBES.map((probe) => probe.declaration), evaluations.map((e) => e.probes)),
        neurons: lead.neurons ?? null,
        kernelPath: group.lead.session.kernelPath,
        requestId,
        rates: lead.rates,
      },
      [...[grid, gallery, confusion, correct].flatMap((values) => (values ? [values.buffer] : [])), ...otherSeeds, ...neuronsTransfer(lead.neurons ?? null)],
    );
  }
}
