/**
 * The page's side of the worker: starts it, sends the whole experiment on every change (the worker decides
 * what is live, what needs a new run, and which runs come and go), and turns its keyed events into run
 * registry updates and status messages.
 */
import { describeDifference, describeFirstRun } from '../config/runNames';
import type { RunId } from '../config/runs';
import type { ConfigStore } from '../state/configStore';
import { divergedText, penaltyText, runPrefix } from '../state/runMessages';
import { useRunStore } from '../state/runStore';
import type { WorkerCommand, WorkerEvent } from './protocol';

export interface TrainingClient {
  send(command: WorkerCommand): void;
  dispose(): void;
}

/** "Run 2 (lr 0.1): " for messages about one of several runs. */
function prefixFor(configStore: ConfigStore, runId: RunId | null): string {
  const { runs } = configStore.getState();
  const index = runs.findIndex((run) => run.id === runId);
  if (index < 0) return '';
  const name = index === 0 ? describeFirstRun(runs[0].config) : describeDifference(runs[0].config, runs[index].config);
  return runPrefix(index + 1, runs.length, name);
}

function handleEvent(event: WorkerEvent, configStore: ConfigStore): void {
  const store = useRunStore.getState();
  switch (event.type) {
    case 'backend':
      store.setBackend({ name: event.backend, detail: event.detail, fallbackReason: event.fallbackReason });
      return;
    case 'run':
      store.startRun(event);
      return;
    case 'runRemoved':
      store.removeRun(event.runId);
      return;
    case 'tick':
      store.addTick(event);
      return;
    case 'playing':
      store.setPlaying(event.playing);
      return;
    case 'status':
      store.report(event.level, event.code, `${prefixFor(configStore, event.runId)}${event.text}`, event.runId);
      return;
    case 'clearStatus':
      store.clearStatus(event.code, event.runId);
      return;
    case 'diverged': {
      const seeds = store.runs[event.runId]?.seeds.length ?? 1;
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
      return;
    case 'cost':
      store.setMeasuredCost(event.runId, { msPerStep: event.msPerStep, backend: event.backend });
      return;
  }
}

export function startTrainingClient(configStore: ConfigStore): TrainingClient {
  const worker = new Worker(new URL('./worker.ts', import.meta.url), { type: 'module', name: 'locolab-training' });
  worker.onmessage = (event: MessageEvent<WorkerEvent>) => handleEvent(event.data, configStore);
  worker.onerror = (event) => {
    useRunStore.getState().report('error', 'worker-crashed', `The training worker failed to run: ${event.message || 'unknown error'}.`);
  };
  const send = (command: WorkerCommand): void => worker.postMessage(command);
  const configure = (): void => send({ type: 'configure', runs: configStore.getState().runs.map((run) => ({ runId: run.id, config: run.config })) });
  configure();
  const unsubscribe = configStore.subscribe((state, previous) => {
    if (state.runs !== previous.runs) configure();
  });
  return {
    send,
    dispose: () => {
      unsubscribe();
      worker.terminate();
    },
  };
}
