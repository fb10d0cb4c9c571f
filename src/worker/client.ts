/**
 * The page's side of the worker: starts it, forwards config changes (every change; the worker decides what
 * is hot and what needs a new run), and turns its events into run-store updates.
 */
import type { ConfigStore } from '../state/configStore';
import { useRunStore } from '../state/runStore';
import type { WorkerCommand, WorkerEvent } from './protocol';

export interface TrainingClient {
  send(command: WorkerCommand): void;
  dispose(): void;
}

function handleEvent(event: WorkerEvent): void {
  const run = useRunStore.getState();
  switch (event.type) {
    case 'backend':
      run.setBackend({ name: event.backend, detail: event.detail, fallbackReason: event.fallbackReason });
      return;
    case 'run':
      run.startRun(event);
      return;
    case 'tick':
      run.addTick(event);
      return;
    case 'playing':
      run.setPlaying(event.playing);
      return;
    case 'status':
      run.report(event.level, event.code, event.text);
      return;
    case 'clearStatus':
      run.clearStatus(event.code);
      return;
    case 'rangeTestProgress':
      run.rangeTestProgress(event.curve, event.done);
      return;
    case 'rangeTestResult':
      run.rangeTestResult(event.result, event.algorithm);
      return;
    case 'cost':
      run.setMeasuredCost({ msPerStep: event.msPerStep, backend: event.backend });
      return;
  }
}

export function startTrainingClient(configStore: ConfigStore): TrainingClient {
  const worker = new Worker(new URL('./worker.ts', import.meta.url), { type: 'module', name: 'locolab-training' });
  worker.onmessage = (event: MessageEvent<WorkerEvent>) => handleEvent(event.data);
  worker.onerror = (event) => {
    useRunStore.getState().report('error', 'worker-crashed', `The training worker failed to run: ${event.message || 'unknown error'}.`);
  };
  const send = (command: WorkerCommand): void => worker.postMessage(command);
  send({ type: 'configure', config: configStore.getState().config });
  const unsubscribe = configStore.subscribe((state, previous) => {
    if (state.config !== previous.config) send({ type: 'configure', config: state.config });
  });
  return {
    send,
    dispose: () => {
      unsubscribe();
      worker.terminate();
    },
  };
}
