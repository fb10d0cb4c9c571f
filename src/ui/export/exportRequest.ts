/**
 * Asks the worker for a run's export (`exportRun`, worker/runPayloads.ts) and waits for it for as long as it is
 * making progress: the worker reports each step of its twin (`runExportProgress`), and the request gives up
 * only after `silenceMs` without a word. A fixed deadline failed the paper scene, whose LocoProp-M twin takes
 * minutes on a slow backend while moving all along.
 */
import type { RunId } from '../../config/runs';
import type { TrainingClient } from '../../worker/client';
import type { WorkerEvent } from '../../worker/protocol';

export type RunExportEvent = Extract<WorkerEvent, { type: 'runExport' }>;

/** How long the worker may stay silent (no progress, no answer) before the export is given up. */
export const EXPORT_SILENCE_MS = 120_000;

export interface ExportTimers {
  setTimeout: (callback: () => void, ms: number) => unknown;
  clearTimeout: (handle: unknown) => void;
}

const browserTimers: ExportTimers = {
  setTimeout: (callback, ms) => globalThis.setTimeout(callback, ms),
  clearTimeout: (handle) => globalThis.clearTimeout(handle as ReturnType<typeof globalThis.setTimeout>),
};

export function requestRunExport(
  client: Pick<TrainingClient, 'send' | 'subscribe'>,
  runId: RunId,
  steps: number,
  onProgress: (done: number, total: number) => void,
  silenceMs = EXPORT_SILENCE_MS,
  timers: ExportTimers = browserTimers,
): Promise<RunExportEvent> {
  return new Promise((resolve, reject) => {
    let last = { done: 0, total: steps };
    let timer: unknown = null;
    const stop = (): void => {
      timers.clearTimeout(timer);
      unsubscribe();
    };
    const watch = (): void => {
      timers.clearTimeout(timer);
      timer = timers.setTimeout(() => {
        stop();
        const seconds = Math.round(silenceMs / 1000);
        reject(new Error(`the training worker sent no progress for ${seconds} s (at step ${last.done} of ${last.total})`));
      }, silenceMs);
    };
    const unsubscribe = client.subscribe((event) => {
      if (event.type === 'runExportProgress' && event.runId === runId) {
        last = { done: event.done, total: event.total };
        watch();
        onProgress(event.done, event.total);
      } else if (event.type === 'runExport' && event.runId === runId) {
        stop();
        resolve(event);
      }
    });
    watch();
    client.send({ type: 'exportRun', runId, steps });
  });
}
