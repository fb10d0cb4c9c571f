/**
 * The training worker's entry: one TrainingHost (host.ts) bound to the worker's scope and to the real TF.js
 * backends (backend.ts). All the logic lives in the host, which Node tests drive directly.
 */
import { BACKEND_NAMES, destroyDevice, deviceLost, selectBackend } from './backend';
import { TrainingHost } from './host';
import type { WorkerCommand, WorkerEvent } from './protocol';

interface WorkerScope {
  postMessage(message: WorkerEvent, transfer?: Transferable[]): void;
  onmessage: ((event: MessageEvent<WorkerCommand>) => void) | null;
}
const scope = self as unknown as WorkerScope;

const host = new TrainingHost((event, transfer = []) => scope.postMessage(event, transfer), {
  select: selectBackend,
  deviceLost,
  destroyDevice,
  label: (backend) => BACKEND_NAMES[backend],
});
scope.onmessage = (event) => host.handle(event.data);
