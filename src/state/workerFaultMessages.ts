/**
 * The page's words for the training worker's faults, which the page's client notices (worker/client.ts): a
 * worker silent for a while (it may be busy or dead), one silent long enough to be dead and replaced, and an
 * error nothing caught in it. The client sends facts (protocol.ts Notice), these functions word them
 * (DESIGN.md §1); stuck training is worded in runMessages.ts with the other timings.
 */
import type { Notice } from '../worker/protocol';
import type { Worded } from './runMessages';
import { groupedNumber } from '../text/groupedNumber';

/** An error's message cut to 300 characters, with its length said (a message may quote anything). */
function cutMessage(message: string): string {
  return message.length <= 300 ? message : `${message.slice(0, 300)}… (${groupedNumber(message.length)} characters)`;
}

/**
 * Where the runs of a new worker go on: from the steps of the states the page kept (worker/keptRunStates.ts),
 * or from step 0 for a run it kept none of.
 */
export function restartedRunsText(facts: { runs: number; resumeSteps: (number | null)[] }): string {
  const steps = facts.resumeSteps;
  const one = facts.runs === 1;
  if (steps.every((step) => step === null || step === 0)) {
    return one ? 'the run starts again from step 0 with its settings' : `the ${facts.runs} runs start again from step 0 with their settings`;
  }
  if (steps.every((step) => step === steps[0])) {
    return one ? `the run goes on from step ${steps[0]}, the latest state the page kept` : `the ${facts.runs} runs go on from step ${steps[0]}, the latest state the page kept`;
  }
  return steps.map((step, i) => (step === null || step === 0 ? `run ${i + 1} starts again from step 0` : `run ${i + 1} goes on from step ${step}`)).join(', ');
}

/** What the user asked of the silent worker meanwhile (Pause, steps), and when it happens. */
function askedText(facts: Extract<Notice, { code: 'worker-silent' }>, newWorker: boolean): string {
  const when = newWorker ? 'when it answers or when a new worker starts' : 'when it answers';
  const paused = facts.paused ? ` Pause was pressed: training stays paused ${when}.` : '';
  const n = facts.stepsWaiting;
  const steps = n === 0 ? '' : n === 1 ? ` The step asked for runs ${when}.` : ` The ${n} steps asked for run ${when}.`;
  return paused + steps;
}

/**
 * The worker has been silent for a few pings, fewer than make it dead: it may be busy or gone, and what the page
 * does if it stays silent. Said again at every unanswered ping (the seconds grow) and taken back by its answer.
 */
export function workerSilentText(facts: Extract<Notice, { code: 'worker-silent' }>): Worded {
  const seconds = Math.round((facts.missedPings * facts.pingIntervalMs) / 1000);
  const deadline = Math.round((facts.replaceAfterPings * facts.pingIntervalMs) / 1000);
  const silent = `The training worker has not answered for ${seconds} s (${facts.missedPings} pings): it may be busy with a long piece of work, or it has stopped.`;
  if (facts.restarts >= facts.maxRestarts) {
    return {
      level: 'warning',
      code: facts.code,
      text: `${silent} It was restarted ${facts.restarts} times already and will not be restarted again: if it does not answer, reload the page.${askedText(facts, false)}`,
    };
  }
  const next = `If it has not answered at ${deadline} s (in ${deadline - seconds} s), a new worker is started and ${restartedRunsText(facts)}.`;
  return { level: 'warning', code: facts.code, text: `${silent} ${next}${askedText(facts, true)}` };
}

/** The worker stopped answering: how it was noticed, and where the runs go on (or that they do not). */
export function workerDiedText(facts: Extract<Notice, { code: 'worker-died' }>): Worded {
  const seconds = Math.round((facts.missedPings * facts.pingIntervalMs) / 1000);
  const after = facts.error === null ? '' : `, after the error "${cutMessage(facts.error)}"`;
  const noticed = `The training worker stopped answering (no reply to ${facts.missedPings} pings over ${seconds} s${after}).`;
  if (!facts.restarted) {
    return { level: 'error', code: facts.code, text: `${noticed} It was restarted ${facts.restarts} times already and is not restarted again: reload the page.` };
  }
  return { level: 'error', code: facts.code, text: `${noticed} A new worker was started: ${restartedRunsText(facts)}. Press Play to go on.` };
}

/** An error nothing caught in the worker, and what training did after it. */
export function workerUncaughtText(facts: Extract<Notice, { code: 'worker-uncaught' }>): Worded {
  const error = `The training worker reported an error: ${cutMessage(facts.message)}.`;
  switch (facts.training) {
    case 'continues':
      return { level: 'warning', code: facts.code, text: `${error} Training goes on.` };
    case 'stopped':
      return { level: 'error', code: facts.code, text: `${error} Training stopped; press Play to go on.` };
    case 'stalled':
      return { level: 'error', code: facts.code, text: `${error} No step has come since: training is stuck. Press Pause, then Play.` };
    case 'idle':
      return { level: 'warning', code: facts.code, text: `${error} It still answers; training was not running.` };
  }
}
