/**
 * The page's side of the worker: starts it, sends commands, and hands every event it reports to whoever
 * listens. It knows no store (DESIGN.md §1: the client emits events; state subscribes — see
 * state/trainingBridge.ts).
 *
 * It also watches the worker. A worker that dies (closed, crashed, out of memory) fires no event the page can
 * rely on, so the client pings it every PING_INTERVAL_MS; any message counts as an answer. After
 * SILENT_NOTICE_PINGS pings in a row without one it says the worker is silent and what it will do (taken back
 * when the worker answers), and after MISSED_PINGS_ALLOWED (a minute: a slow step or a big file is not death; longer
 * where a heavy run's step or held diagnosis is estimated to need it: pingsAllowed) it ends
 * that worker, starts a new one with the state the old one was given (commandLog.ts: the CSV file, the grid,
 * the experiment) and the runs' latest states the old one sent (keptRunStates.ts, runResume.ts: the runs go on
 * from those steps, not from step 0), and says so.
 * An error nothing caught in the worker does not end it: the client says what training did after it.
 * A worker that answers pings but whose training stopped (playing, no tick for many times the expected tick:
 * stallWatch.ts) is replaced the same way, and the page says it was stuck.
 *
 * While the worker is said silent, what the user asks of the transport is kept by the page: Pause and Play show at
 * once (the worker, busy, takes them in order when it answers; a new worker starts paused), steps asked for are
 * counted and said, and given to a new worker after its state. The restart's words ("Press Play to go on") are
 * taken back when the user plays or steps again.
 */
import { CommandLog } from './commandLog';
import { KeptRunStates } from './keptRunStates';
import type { Notice, WorkerCommand, WorkerEvent } from './protocol';
import { StallWatch, type Stall } from './stallWatch';

export type TrainingListener = (event: WorkerEvent) => void;

export interface TrainingClient {
  send(command: WorkerCommand): void;
  /** Calls `listener` with every event; returns the function that stops it. */
  subscribe(listener: TrainingListener): () => void;
  dispose(): void;
}

export const PING_INTERVAL_MS = 5000;
export const MISSED_PINGS_ALLOWED = 12;
/**
 * Unanswered pings in a row (10 s of silence) before the page says the worker is silent. Measured in the built
 * page in Chromium on 2 cores at load 12-14 (pinged every 100 ms): the longest reply took 3.4 s for MNIST 4×1024 on
 * the CPU, 3.4 s with a 100,000-row CSV, 1.3 s for MNIST 4×1024 on software WebGPU; a silence of 10 s is
 * three times that, and a slip is only words, taken back by the next answer.
 */
export const SILENT_NOTICE_PINGS = 2;
/**
 * A heavy run's longest piece of work (one step of one seed, a held diagnosis: heavy-run notices) holds the worker
 * silent; the pings allowed cover this many times its estimate where that is past the minute. Measured: 8×1024
 * MNIST at batch 256 on the CPU, estimated at 8.6 s a step, went 15.2 s without a reply at load 16 (1.8×).
 */
export const HEAVY_PIECE_FACTOR = 4;

/** Unanswered pings in a row that make a worker dead: a minute, or longer where a heavy run's piece needs it. */
export function pingsAllowed(longestPieceMs: number): number {
  return Math.max(MISSED_PINGS_ALLOWED, Math.ceil((HEAVY_PIECE_FACTOR * longestPieceMs) / PING_INTERVAL_MS));
}
/** New workers started for dead ones in one page session, at most (a run that kills its worker would loop). */
export const MAX_RESTARTS = 3;
/** After an uncaught error while playing: answered pings without a step before training is called stalled. */
export const STALL_PINGS = 3;

type Training = Extract<Notice, { code: 'worker-uncaught' }>['training'];

/** The worker failing to load or run, as an event like the others. */
function crashEvent(message: string): WorkerEvent {
  return { type: 'notice', runId: null, notice: { code: 'worker-crashed', message } };
}

const newWorker = (): Worker => new Worker(new URL('./worker.ts', import.meta.url), { type: 'module', name: 'locolab-training' });

export function startTrainingClient(): TrainingClient {
  const listeners = new Set<TrainingListener>();
  const emit = (event: WorkerEvent): void => listeners.forEach((listener) => listener(event));
  const notify = (notice: Notice): void => emit({ type: 'notice', runId: null, notice });
  const log = new CommandLog();
  const kept = new KeptRunStates();
  const watch = new StallWatch();
  let worker = newWorker();
  /** Whether the current worker has sent anything yet. */
  let heard = false;
  /** Pings sent to the current worker since its last message. */
  let unanswered = 0;
  /** Whether the page says the current worker is silent (worker-silent), to be taken back when it answers. */
  let silentSaid = false;
  let pingId = 0;
  let playing = false;
  let restarts = 0;
  /** The restarts' notices on show (worker-died, worker-stalled), taken back when the user goes on. */
  const restartSaid = new Set<'worker-died' | 'worker-stalled'>();
  /** Whether Pause was pressed while the worker was said silent (the page shows paused). */
  let pausedSilent = false;
  /** Steps asked for while the worker was said silent: it runs them when it answers, or a new worker does. */
  let stepsWaiting: WorkerCommand[] = [];
  let gaveUp = false;
  /** The current worker's latest uncaught error. */
  let lastError: string | null = null;
  /** An uncaught error whose outcome is not said yet (or said as stalled, which a step corrects). */
  let uncaught: { message: string; pongs: number; stalled: boolean } | null = null;

  const settle = (training: Training): void => {
    if (!uncaught) return;
    notify({ code: 'worker-uncaught', message: uncaught.message, training });
    if (training === 'stalled') uncaught.stalled = true;
    else uncaught = null;
  };

  const ping = (): void => {
    unanswered++;
    worker.postMessage({ type: 'ping', id: ++pingId });
  };

  const saySilent = (): void => {
    silentSaid = true;
    const allowed = pingsAllowed(watch.longestPieceMs);
    const facts = { missedPings: unanswered, pingIntervalMs: PING_INTERVAL_MS, replaceAfterPings: allowed, restarts, maxRestarts: MAX_RESTARTS };
    notify({ code: 'worker-silent', ...facts, runs: log.runCount, resumeSteps: kept.stepsFor(log.runs), paused: pausedSilent, stepsWaiting: stepsWaiting.length });
  };

  const unsaySilent = (): void => {
    if (!silentSaid) return;
    silentSaid = false;
    pausedSilent = false;
    stepsWaiting = [];
    emit({ type: 'clearStatus', code: 'worker-silent', runId: null });
  };

  const received = (event: WorkerEvent): void => {
    heard = true;
    unanswered = 0;
    unsaySilent();
    log.received(event);
    watch.received(event);
    if (kept.received(event)) return;
    if (event.type === 'pong') {
      if (uncaught && !uncaught.stalled) {
        if (!playing) settle('idle');
        else if (++uncaught.pongs >= STALL_PINGS) settle('stalled');
      }
      return;
    }
    emit(event);
    if (event.type === 'playing') {
      playing = event.playing;
      if (!playing) settle('stopped');
    } else if (event.type === 'tick' && playing) {
      settle('continues');
    }
  };

  const failed = (message: string): void => {
    // Before its first message the worker has not run at all (its script did not load).
    if (!heard) {
      emit(crashEvent(message));
      return;
    }
    lastError = message;
    uncaught = { message, pongs: 0, stalled: false };
    ping();
  };

  const attach = (next: Worker): Worker => {
    next.onmessage = (event: MessageEvent<WorkerEvent>) => received(event.data);
    next.onerror = (event) => {
      event.preventDefault();
      failed(event.message || 'unknown error');
    };
    next.onmessageerror = () => failed('a message from the worker could not be read');
    return next;
  };

  /** Ends the silent (or stalled) worker and starts another with the same state, or says it will not. */
  const replace = (stall: Stall | null): void => {
    const missedPings = unanswered;
    const error = lastError;
    // Steps asked for while it was silent go to the new worker (unsaySilent forgets them).
    const steps = stepsWaiting;
    worker.onmessage = null;
    worker.onerror = null;
    worker.onmessageerror = null;
    worker.terminate();
    unsaySilent();
    [heard, unanswered, lastError, uncaught] = [false, 0, null, null];
    playing = false;
    watch.reset();
    emit({ type: 'playing', playing: false });
    for (const runId of log.lostExports()) emit({ type: 'runExport', runId, payload: null, error: { code: 'worker-stopped' } });
    const resumeSteps = kept.stepsFor(log.runs);
    const said = (restarted: boolean): Notice =>
      stall
        ? { code: 'worker-stalled', silentMs: stall.silentMs, expectedTickMs: stall.expectedTickMs, runs: log.runCount, restarts, restarted, resumeSteps }
        : { code: 'worker-died', missedPings, pingIntervalMs: PING_INTERVAL_MS, error, runs: log.runCount, restarts, restarted, resumeSteps };
    if (restarts >= MAX_RESTARTS) {
      gaveUp = true;
      // The last words ("reload the page") replace a restart's in place and stay.
      restartSaid.clear();
      notify(said(false));
      return;
    }
    restarts++;
    worker = attach(newWorker());
    for (const command of [...log.replay((runs) => kept.resumeFor(runs)), ...steps]) worker.postMessage(command);
    notify(said(true));
    restartSaid.add(stall ? 'worker-stalled' : 'worker-died');
  };

  const heartbeat = setInterval(() => {
    if (gaveUp) return;
    const allowed = pingsAllowed(watch.longestPieceMs);
    if (unanswered >= allowed) return replace(null);
    if (unanswered >= SILENT_NOTICE_PINGS) saySilent();
    // Only a worker that answered the last ping is stalled; a silent one is left to the count above.
    const stall = unanswered === 0 ? watch.check() : null;
    if (stall) replace(stall);
    else ping();
  }, PING_INTERVAL_MS);

  attach(worker);
  return {
    send: (command) => {
      log.sent(command);
      watch.sent(command);
      const goesOn = command.type === 'play' || command.type === 'step';
      if (goesOn) {
        restartSaid.forEach((code) => emit({ type: 'clearStatus', code, runId: null }));
        restartSaid.clear();
      }
      if (silentSaid && !gaveUp && (goesOn || command.type === 'pause')) {
        if (command.type === 'step') stepsWaiting.push(command);
        else {
          pausedSilent = command.type === 'pause';
          emit({ type: 'playing', playing: !pausedSilent });
        }
        saySilent();
      }
      if (!gaveUp) worker.postMessage(command);
    },
    subscribe: (listener) => {
      listeners.add(listener);
      return () => listeners.delete(listener);
    },
    dispose: () => {
      clearInterval(heartbeat);
      listeners.clear();
      worker.terminate();
    },
  };
}
