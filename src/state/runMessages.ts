/**
 * The page's words for the worker's facts (DESIGN.md §1: the worker sends codes and numbers, the UI writes
 * the prose). With more than one run, a message names its run the way the runs list does.
 */
import { costNotes } from '../algorithms/presentation';
import { ALGORITHM_INFO, ALGORITHMS } from '../algorithms/registry';
import { deviceLossText, fallbackNoticeText, noBackendText } from './backendMessages';
import { shippedFileText } from './dataMessages';
import { setHiddenAction, type MessageAction } from './messageActions';
import { restartedRunsText, workerDiedText, workerSilentText, workerUncaughtText } from './workerFaultMessages';
import { BACKEND_LABELS, type BackendName, type HeavyRunFacts, type Notice, type ResumeMisfit, type StatusLevel, type WorkerEvent } from '../worker/protocol';
import { groupedNumber } from '../text/groupedNumber';

/** A number as a message shows it: 4 significant digits, no trailing zeros ("0.001", "13.05"). */
function format(value: number): string {
  return Number.isFinite(value) ? String(Number(value.toPrecision(4))) : String(value);
}

/** A ratio as a reader wants it: "37", "2.4". */
function formatRatio(ratio: number): string {
  return ratio >= 10 ? ratio.toFixed(0) : ratio.toPrecision(2);
}

/** Milliseconds: "0.123", "12.3", "153". */
function formatMs(ms: number): string {
  return ms >= 100 ? ms.toFixed(0) : ms.toPrecision(3);
}

/** The part of a kept run state that no longer fits, as "its … no longer fits" names it. */
const MISFIT_WORDS: Record<ResumeMisfit, string> = {
  'seed-count': 'seed count',
  'theta-length': 'θ length',
  'optimizer-state-length': 'optimizer state length',
  'training-set-size': 'training set size',
  'algorithm-state-shape': 'algorithm state shape',
  'step-count': 'step count',
};

/** A message for the status bar: its level, the code it is kept (and cleared) under, its words, and what it offers to do. */
export interface Worded {
  level: StatusLevel;
  code: string;
  text: string;
  action?: MessageAction;
}

export function divergedText(fact: Extract<WorkerEvent, { type: 'diverged' }>, seeds: number): string {
  const seed = seeds > 1 ? ` (seed ${fact.seed})` : '';
  return (
    `Training diverged${seed}: the training loss reached ${format(fact.trainLoss)} at step ${fact.atStep} with learning rate ${format(fact.learningRate)}. ` +
    `Paused and restored the weights of step ${fact.restoredStep} (training loss ${format(fact.restoredLoss)}). Lower the learning rate and press play, or reset.`
  );
}

export function penaltyText(dominance: NonNullable<Extract<WorkerEvent, { type: 'penalty' }>['dominance']>): string {
  return (
    `The ${dominance.regularization.toUpperCase()} penalty's gradient is ${formatRatio(dominance.ratio)}× the loss's (regularisation rate ${format(dominance.rate)}): ` +
    'it pulls the weights to zero, so the network outputs nearly a constant. Lower the regularisation rate.'
  );
}

/**
 * `runName` names a run by its key as the runs list does ("run 2"); notices that name other runs than their
 * own (a lockstep wait) need it.
 */
export function noticeText(notice: Notice, runName: (runId: string) => string = (runId) => runId): Worded {
  switch (notice.code) {
    case 'config-problem':
      return { level: 'warning', code: `config-${notice.field}`, text: notice.message };
    case 'no-device':
      return { level: 'warning', code: notice.code, text: 'There is no WebGPU device to lose on this backend.' };
    case 'backend-fallback':
      return { level: 'info', code: notice.code, text: fallbackNoticeText(notice.backend, notice.skipped) };
    case 'no-backend':
      return { level: 'error', code: 'worker-error', text: noBackendText(notice.skipped) };
    case 'data-unavailable':
      return { level: 'error', code: notice.code, text: `${notice.dataset}: ${notice.reason}` };
    case 'data-file-unavailable':
      return { level: 'error', code: 'data-unavailable', text: `${notice.dataset}: ${shippedFileText(notice.file, notice.problem)}` };
    case 'batch-clipped':
      return { level: 'info', code: notice.code, text: `The batch size ${notice.batchSize} is larger than the ${notice.trainCount} training points; each step uses all of them.` };
    case 'device-lost': {
      const where = notice.backend ? BACKEND_LABELS[notice.backend] : 'another backend';
      return {
        level: 'warning',
        code: notice.code,
        text: `The WebGPU device was lost (${deviceLossText(notice.lost)}). Training moved to ${where} and continues from step ${notice.step}; the runs and their charts are kept.`,
      };
    }
    case 'device-lost-mid-tick': {
      const where = notice.backend ? BACKEND_LABELS[notice.backend] : 'another backend';
      const text =
        notice.during === 'range-test'
          ? `The WebGPU device was lost during the learning-rate range test (${deviceLossText(notice.lost)}). The run was restored to step ${notice.step} on ${where}, and the sweep runs again there.`
          : `The WebGPU device was lost in the middle of a tick (${deviceLossText(notice.lost)}). Training moved to ${where} and continues from step ${notice.step}, the last one read back` +
            (notice.droppedSteps > 0 ? `; the ${notice.droppedSteps} step${notice.droppedSteps === 1 ? '' : 's'} after it were never read back and will run again.` : '.');
      return { level: 'warning', code: 'device-lost', text };
    }
    case 'schedule-ended':
      return {
        level: 'info',
        code: notice.code,
        text: `The ${notice.schedule} schedule ended at step ${notice.atStep}; this run paused. Press play to go on at its final learning rate, ${format(notice.learningRate)}.`,
      };
    case 'budget-reached':
      return { level: 'info', code: notice.code, text: budgetReachedText(notice) };
    case 'range-test-bad-sweep':
      return { level: 'warning', code: 'range-test', text: `The sweep must rise: "From" (${notice.start}) is not below "To" (${notice.end}).` };
    case 'worker-error':
      return { level: 'error', code: notice.code, text: `Training stopped: ${notice.message}` };
    case 'worker-crashed':
      return { level: 'error', code: notice.code, text: `The training worker failed to run: ${notice.message || 'unknown error'}.` };
    case 'heavy-run':
      return heavyRunText(notice.facts);
    case 'heavy-progress':
      return { level: 'info', code: notice.code, text: heavyProgressText(notice) };
    case 'worker-silent':
      return workerSilentText(notice);
    case 'worker-died':
      return workerDiedText(notice);
    case 'worker-stalled':
      return workerStalledText(notice);
    case 'lockstep-wait':
      return { level: 'info', code: notice.code, text: lockstepWaitText(notice, runName) };
    case 'worker-uncaught':
      return workerUncaughtText(notice);
    case 'resume-refused':
      return {
        level: 'warning',
        code: notice.code,
        text: `The new training worker could not put this run back to step ${notice.step}: its ${MISFIT_WORDS[notice.field]} no longer fits the run's settings, so it starts again from step 0.`,
      };
  }
}

/** How the page says "no budget", in the status and beside the field alike. */
export const NO_BUDGET_WORDS = 'empty: no budget';
/** How the budget message begins when Play was pressed at the budget (the budget field takes the focus then). */
export const BUDGET_AT_PLAY = 'Play trains nothing:';

/** "The training budget of 300 steps is reached: …", with the steps the runs stand at and what Play does now. */
export function budgetReachedText(notice: Extract<Notice, { code: 'budget-reached' }>): string {
  const unit = notice.budget === 1 ? notice.unit.slice(0, -1) : notice.unit;
  const steps = notice.steps.map((step) => groupedNumber(step));
  const where = steps.length === 1 ? `step ${steps[0]}` : `steps ${steps.slice(0, -1).join(', ')} and ${steps[steps.length - 1]}`;
  const budget = `${groupedNumber(notice.budget)} ${unit}`;
  if (notice.atPlay) return `${BUDGET_AT_PLAY} the training budget of ${budget} is reached (training paused at ${where}). Raise it under “Stop at” (${NO_BUDGET_WORDS}) and press Play to train on.`;
  return `The training budget of ${budget} is reached: training paused at ${where}, nothing is reset. Raise it under “Stop at” (${NO_BUDGET_WORDS}) and press Play to train on.`;
}

/** Operations as people read them: "1.57 GFLOP", "420 MFLOP". */
function formatFlops(flops: number): string {
  const units: [number, string][] = [[1e12, 'TFLOP'], [1e9, 'GFLOP'], [1e6, 'MFLOP'], [1e3, 'kFLOP']];
  const [scale, unit] = units.find(([size]) => flops >= size) ?? [1, 'FLOP'];
  return `${format(flops / scale)} ${unit}`;
}

/** A duration as people read it: "5.2 s", "340 ms", "4.1 min". */
function formatDuration(ms: number): string {
  if (ms >= 120_000) return `${format(ms / 60_000)} min`;
  return ms >= 1000 ? `${format(ms / 1000)} s` : `${formatMs(ms)} ms`;
}

/** What a heavy run costs, why its losses are over fewer examples, and a smaller network to try. */
export function heavyRunText(facts: HeavyRunFacts): Worded {
  const rate = `${format(facts.flopsPerMs / 1e6)} GFLOP/s ${facts.rateMeasured ? 'measured on this device' : 'assumed until its first step is timed'}`;
  const seeds = facts.seeds > 1 ? ` Its ${facts.seeds} seeds each take as long.` : '';
  const slow = facts.stepMs > 1000 || facts.evaluationMs > 1000;
  const parts = [
    `${slow ? 'Heavy network' : 'Large network'}: ${groupedNumber(facts.parameters)} parameters. A step of batch ${facts.batchSize} is ${formatFlops(facts.stepFlops)}, about ${formatDuration(facts.stepMs)} on ${BACKEND_LABELS[facts.backend]} at ${rate}; an evaluation is ${formatFlops(facts.evaluationFlops)}, about ${formatDuration(facts.evaluationMs)}.${seeds}`,
  ];
  const { evaluationRows: rows, fullRows: full } = facts;
  if (rows.train < full.train || rows.test < full.test) {
    const n = (count: number): string => groupedNumber(count);
    // `full.train` is at most EVALUATION_ROWS (engine/sessionTypes.ts): not the training set where that is larger.
    const train = full.train < facts.trainCount ? `${n(rows.train)} of ${n(facts.trainCount)} training examples (a smaller network's evaluations take the first ${n(full.train)})` : `${n(rows.train)} of ${n(full.train)} training`;
    parts.push(`Losses and accuracies are measured on the first ${train} and ${n(rows.test)} of ${n(full.test)} test examples, to keep each evaluation affordable.`);
  }
  if (slow) parts.push('Pause, reset and removing a run take effect between steps.');
  if (facts.diagnosisHeldMs !== undefined) {
    parts.push(`Its layer targets and probes are measured on Step only, not while it plays: they take about ${formatDuration(facts.diagnosisHeldMs)} at a time on TF.js's plain kernels, longer than a step.`);
  }
  if (facts.smallerHidden) parts.push(`For steps under 0.1 s, try hidden layers ${facts.smallerHidden.join(',')}.`);
  const worded: Worded = { level: slow ? 'warning' : 'info', code: 'heavy-run', text: parts.join(' ') };
  return facts.smallerHidden ? { ...worded, action: setHiddenAction(facts.smallerHidden) } : worded;
}

function heavyProgressText(progress: Extract<Notice, { code: 'heavy-progress' }>): string {
  const seeds = progress.total > 1 ? ` (${progress.done} of ${progress.total} seeds done)` : '';
  const stage = { start: 'evaluating the untrained network', step: 'taking its first step', evaluate: 'evaluating after its first step' }[progress.stage];
  return `First tick of a heavy run: ${stage}${seeds}…`;
}

/** "Time per step on CPU, this network, batch 10: Backprop 0.123 ms, … (K = 10)." */
export function costText(fact: Extract<WorkerEvent, { type: 'cost' }>): Worded {
  const parts = ALGORITHMS.map((a) => {
    const ms = fact.msPerStep[a];
    return `${ALGORITHM_INFO[a].label} ${ms === undefined ? 'too fast to measure' : `${formatMs(ms)} ms`}`;
  });
  // The settings groups' notes on the values measured with ("K = 10"), none without.
  const notes = costNotes(fact.settings);
  return {
    level: 'info',
    code: 'cost',
    text: `Time per step on ${BACKEND_LABELS[fact.backend]}, this network, batch ${fact.batchSize}: ${parts.join(', ')}${notes.length > 0 ? ` (${notes.join('; ')})` : ''}.`,
  };
}

/** What the range test found, cancelled, or could not suggest, and that the run is as it was. */
export function rangeTestText(fact: Extract<WorkerEvent, { type: 'rangeTestResult' }>): Worded {
  const { result } = fact;
  const kept = ` The run was put back exactly as it was (step ${fact.restoredStep}).`;
  if (result.outcome === 'cancelled') return { level: 'info', code: 'range-test', text: `LR range test cancelled after ${result.losses.length} steps.${kept}` };
  if (result.problem) return { level: 'warning', code: 'range-test', text: `${result.problem}${kept}` };
  const s = result.suggestions;
  const last = result.learningRates[result.learningRates.length - 1];
  const stop = result.outcome === 'diverged' ? ` It stopped at learning rate ${format(last)}, where the smoothed loss passed 4× its best.` : '';
  return {
    level: 'info',
    code: 'range-test',
    text: `LR range test done: valley ${format(s?.valley.learningRate ?? Number.NaN)}, steepest ${format(s?.steep.learningRate ?? Number.NaN)}, minimum/10 ${format(s?.minimum.learningRate ?? Number.NaN)}.${stop}${kept}`,
  };
}

/** "Run 2 (LocoProp-M, γ = 3): " when several runs are on, nothing for a lone run. */
export function runPrefix(position: number, runCount: number, name: string): string {
  return runCount > 1 ? `Run ${position} (${name}): ` : '';
}

/**
 * "Run 1 waits for run 2: in lockstep every run takes the same steps …": why a light run moves only as often as
 * a heavy one, and the way out.
 */
export function lockstepWaitText(notice: Extract<Notice, { code: 'lockstep-wait' }>, runName: (runId: string) => string): string {
  const names = notice.waiting.map(runName);
  const waiting = names.length === 1 ? names[0] : `${names.slice(0, -1).join(', ')} and ${names[names.length - 1]}`;
  const slowest = runName(notice.slowest);
  const subject = waiting.charAt(0).toUpperCase() + waiting.slice(1);
  return (
    `${subject} ${names.length === 1 ? 'waits' : 'wait'} for ${slowest}: in lockstep every run takes the same steps, and a step of ${slowest} takes about ` +
    `${formatDuration(notice.slowestStepMs)}, ${notice.ratio >= 1000 ? groupedNumber(Math.round(notice.ratio)) : formatRatio(notice.ratio)}× ${names.length === 1 ? 'one' : 'each one'} of ${waiting}. Choose equal time (Pacing: time) to let each train at its own pace.`
  );
}

/** The worker answered but trained nothing for many expected ticks: it was replaced (or not), as a dead one. */
export function workerStalledText(facts: Extract<Notice, { code: 'worker-stalled' }>): Worded {
  const noticed = `Training was stuck: Play was on, but no step came for ${formatDuration(Math.round(facts.silentMs / 1000) * 1000)} (a tick takes about ${formatDuration(facts.expectedTickMs)}), though the training worker still answered.`;
  if (!facts.restarted) {
    return { level: 'error', code: facts.code, text: `${noticed} It was restarted ${facts.restarts} times already and is not restarted again: reload the page.` };
  }
  return { level: 'error', code: facts.code, text: `${noticed} A new worker was started: ${restartedRunsText(facts)}. Press Play to go on.` };
}

/**
 * Said while the first steps after Play are prepared (state/firstSteps.ts): on WebGPU and WebGL, TF.js compiles
 * each GPU program the first time it runs, which takes seconds on a software GPU.
 */
export function firstStepsText(backend: BackendName | null, runsShown = true): Worded {
  if (!runsShown) {
    const on = backend === null ? '' : ` on ${BACKEND_LABELS[backend]}`;
    return { level: 'info', code: 'first-steps', text: `Starting the runs${on}: the backend and the data load, and each run is evaluated once, before the first step…` };
  }
  const on = backend === null ? '' : ` on ${BACKEND_LABELS[backend]}`;
  const why = backend === 'webgpu' || backend === 'webgl' ? ': the GPU programs compile on first use (slow on a software GPU)' : '';
  return { level: 'info', code: 'first-steps', text: `Preparing the first steps${on}${why}…` };
}
