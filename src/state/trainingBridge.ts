/**
 * State's side of the training client: sends the whole experiment on every change of the runs (the worker
 * decides what is live, what needs a new run, and which runs come and go), and turns the worker's keyed
 * events into run-registry updates and worded status messages.
 */
import type { RunId } from '../config/runs';
import type { TrainingClient } from '../worker/client';
import type { WorkerEvent } from '../worker/protocol';
import { runEntryName, type ConfigStore } from './configStore';
import { costText, divergedText, noticeText, penaltyText, rangeTestText, runPrefix, type Worded } from './runMessages';
import { useRunStore } from './runStore';
import { useCsvStore } from './csvStore';
import { noCsvFileError } from './dataMessages';
import { recordDivergence } from './runSeries';
import { browserFrames, frameBatch, type FrameScheduler } from './frameBatch';
import { watchFirstSteps } from './firstSteps';

/** "Run 2 (lr 0.1): " for messages about one of several runs. */
function prefixFor(configStore: ConfigStore, runId: RunId | null): string {
  const { runs } = configStore.getState();
  const index = runs.findIndex((run) => run.id === runId);
  if (index < 0) return '';
  const name = runEntryName(runs, index);
  return runPrefix(index + 1, runs.length, name);
}

/** "run 2": a run as the runs list numbers it. */
function runName(configStore: ConfigStore, runId: RunId): string {
  const index = configStore.getState().runs.findIndex((run) => run.id === runId);
  return index < 0 ? 'a removed run' : `run ${index + 1}`;
}

/** A range test under way died with its worker: it no longer runs (its run goes on from the state the page kept, or step 0). */
function stopRangeTests(): void {
  useRunStore.setState((state) => {
    const running = Object.values(state.runs).filter((run) => run.rangeTest.running);
    if (running.length === 0) return {};
    const runs = { ...state.runs };
    for (const run of running) runs[run.runId] = { ...run, rangeTest: { ...run.rangeTest, running: false } };
    return { runs };
  });
}

export function applyWorkerEvent(event: WorkerEvent, configStore: ConfigStore): void {
  const store = useRunStore.getState();
  const say = ({ level, code, text, action }: Worded, runId: RunId | null): void => store.report(level, code, `${prefixFor(configStore, runId)}${text}`, runId, action);
  switch (event.type) {
    case 'backend':
      store.setBackend({ name: event.backend, detail: event.detail, cpuKernel: event.cpuKernel, skipped: event.skipped, calibration: event.calibration });
      return;
    case 'run':
      store.startRun(event);
      // A run starts afresh at step 0 (Reset, new inputs or data, a new network): it is below any budget, and a
      // first tick of its previous configuration that was under way will not finish.
      store.clearStatus('budget-reached');
      store.clearStatus('heavy-progress', event.runId);
      return;
    case 'runRemoved':
      store.removeRun(event.runId);
      return;
    case 'tick':
      store.addTick(event);
      progressAnswered([event]);
      return;
    case 'stepped':
      store.stepped(event.runId, event.step);
      return;
    case 'playing':
      store.setPlaying(event.playing);
      if (!event.playing) withdrawFirstTickProgress();
      return;
    case 'notice': {
      const { notice } = event;
      if (notice.code === 'worker-died' || notice.code === 'worker-stalled') stopRangeTests();
      // A lost WebGPU device moved the runs: the backend control shows where they train now, so that choosing
      // WebGPU again is a change the worker hears (it asks for a fresh device), not the value already shown.
      if ((notice.code === 'device-lost' || notice.code === 'device-lost-mid-tick') && notice.backend !== null && configStore.getState().config.backend === 'webgpu') {
        configStore.getState().setField('backend', notice.backend);
      }
      say(noticeText(notice, (runId) => runName(configStore, runId)), event.runId);
      return;
    }
    case 'clearStatus':
      store.clearStatus(event.code, event.runId);
      return;
    case 'diverged': {
      const seeds = store.runs[event.runId]?.seeds.length ?? 1;
      // The chart keeps the stretch this rewinds (greyed, marked): taken before the restored state's tick pops it.
      const series = store.runs[event.runId]?.series;
      if (series) recordDivergence(series, event, seeds);
      store.report('error', 'diverged', `${prefixFor(configStore, event.runId)}${divergedText(event, seeds)}`, event.runId);
      return;
    }
    case 'penalty':
      if (event.dominance) store.report('warning', 'penalty', `${prefixFor(configStore, event.runId)}${penaltyText(event.dominance)}`, event.runId);
      else store.clearStatus('penalty', event.runId);
      return;
    case 'rangeTestProgress':
      store.rangeTestProgress(event.runId, event.curve, event.done);
      return;
    case 'rangeTestResult':
      store.rangeTestResult(event.runId, event.result, event.algorithm);
      say(rangeTestText(event), event.runId);
      return;
    case 'cost':
      store.setMeasuredCost(event.runId, { msPerStep: event.msPerStep, backend: event.backend });
      say(costText(event), event.runId);
      return;
    case 'csvLoaded': {
      const { fileName, rows, columns, label, features, notes } = event;
      useCsvStore.getState().setLoaded({ fileName, rows, columns, label, features, notes });
      store.clearStatus('csv-rejected');
      return;
    }
    case 'csvRejected': {
      const error = event.error ?? noCsvFileError();
      useCsvStore.getState().setRejected(event.fileName, error);
      store.report('error', 'csv-rejected', error.message);
      return;
    }
  }
}

type TickEvent = Extract<WorkerEvent, { type: 'tick' }>;

/**
 * A tick is posted after its evaluation, so a heavy run's first-tick progress said before it is over. The worker
 * takes it back only after a trained step, which left "evaluating the untrained network…" under the untrained
 * losses until Play (new-user walk on the paper scene).
 */
function progressAnswered(ticks: readonly TickEvent[]): void {
  const store = useRunStore.getState();
  for (const runId of new Set(ticks.map((tick) => tick.runId))) {
    if (store.messages.some((m) => m.code === 'heavy-progress' && m.runId === runId)) store.clearStatus('heavy-progress', runId);
  }
}

/**
 * Paused (Pause, Reset, a budget or a schedule's end), no run is "taking its first step" or "evaluating after" it:
 * the tick that said so was stopped, its evaluation dropped (worker/host.ts), and the worker takes the words back
 * only with a trained step's tick, so after a Reset with eight heavy runs some runs' stayed on screen while paused.
 * A run that has shown a tick can only have such a first-tick message (its untrained evaluation's "start" one is
 * answered by that tick: progressAnswered); a run still starting has none yet, and its "start" progress stays.
 * The next Play's tick says it again.
 */
function withdrawFirstTickProgress(): void {
  const store = useRunStore.getState();
  for (const { code, runId } of store.messages) {
    if (code === 'heavy-progress' && runId !== null && store.runs[runId]?.latest) store.clearStatus('heavy-progress', runId);
  }
}

/**
 * Connects the experiment and the run registry to the client; returns the function that disconnects them.
 * Ticks reach the run registry once per animation frame, all of the frame's in one update (frameBatch.ts).
 */
export function connectTraining(client: TrainingClient, configStore: ConfigStore, frames: FrameScheduler = browserFrames): () => void {
  const ticks = frameBatch<TickEvent>((batch) => {
    useRunStore.getState().addTicks(batch);
    progressAnswered(batch);
  }, frames);
  const stopEvents = client.subscribe((event) => {
    if (event.type === 'tick') {
      ticks.push(event);
      return;
    }
    ticks.flush();
    applyWorkerEvent(event, configStore);
  });
  const configure = (): void => client.send({ type: 'configure', runs: configStore.getState().runs.map((run) => ({ runId: run.id, config: run.config })) });
  configure();
  // "Preparing the first steps…" while Play has brought no tick yet (firstSteps.ts).
  const stopFirstSteps = watchFirstSteps();
  const stopConfig = configStore.subscribe((state, previous) => {
    if (state.runs !== previous.runs) configure();
  });
  return () => {
    stopEvents();
    ticks.dispose();
    stopConfig();
    stopFirstSteps();
  };
}
