/**
 * The training worker's entry: one TrainingHost (host.ts) bound to the worker's scope and to the real TF.js
 * backends (backend.ts). All the logic lives in the host, which Node tests drive directly.
 */
import '../config/zodSetup';
import { calibrationCandidates, destroyDevice, deviceLost, selectBackend } from './backend';
import { TrainingHost } from './host';
import { readShipped } from './shippedFiles';
import type { WorkerCommand, WorkerEvent } from './protocol';

interface WorkerScope {
  postMessage(message: WorkerEvent, transfer?: Transferable[]): void;
  onmessage: ((event: MessageEvent<WorkerCommand>) => void) | null;
  close(): void;
}
const scope = self as unknown as WorkerScope;

const host = new TrainingHost(
  (event, transfer = []) => scope.postMessage(event, transfer),
  {
    select: selectBackend,
    deviceLost,
    destroyDevice,
    candidates: calibrationCandidates,
  },
  readShipped,
);
scope.onmessage = (event) => {
  const command = event.data;
  switch (command.type) {
    case 'ping':
      // The page's heartbeat (client.ts): answered here, whatever the host is doing.
      scope.postMessage({ type: 'pong', id: command.id });
      return;
    case 'simulateWorkerFault':
      if (command.fault === 'close') scope.close();
      else if (command.fault === 'stall') host.simulateStall();
      else
        setTimeout(() => {
          throw new Error('simulated fault: an error nothing catches');
        }, 0);
      return;
    default:
      host.handle(command);
  }
};
