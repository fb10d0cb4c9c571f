/**
 * The page's side of the worker: starts it, sends commands, and hands every event it reports to whoever
 * listens. It knows no store (DESIGN.md §1: the client emits events; state subscribes — see
 * state/trainingBridge.ts).
 */
import type { WorkerCommand, WorkerEvent } from './protocol';

export type TrainingListener = (event: WorkerEvent) => void;

export interface TrainingClient {
  send(command: WorkerCommand): void;
  /** Calls `listener` with every event; returns the function that stops it. */
  subscribe(listener: TrainingListener): () => void;
  dispose(): void;
}

/** The worker failing to load or run, as an event like the others. */
function crashEvent(message: string): WorkerEvent {
  return { type: 'notice', runId: null, notice: { code: 'worker-crashed', message } };
}

export function startTrainingClient(): TrainingClient {
  const worker = new Worker(new URL('./worker.ts', import.meta.url), { type: 'module', name: 'locolab-training' });
  const listeners = new Set<TrainingListener>();
  const emit = (event: WorkerEvent): void => listeners.forEach((listener) => listener(event));
  worker.onmessage = (event: MessageEvent<WorkerEvent>) => emit(event.data);
  worker.onerror = (event) => emit(crashEvent(event.message));
  return {
    send: (command) => worker.postMessage(command),
    subscribe: (listener) => {
      listeners.add(listener);
      return () => listeners.delete(listener);
    },
    dispose: () => {
      listeners.clear();
      worker.terminate();
    },
  };
}
