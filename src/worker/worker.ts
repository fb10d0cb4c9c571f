/**
 * The training worker's entry: one TrainingHost (host.ts) bound to the worker's scope and to the real TF.js
 * backends (backend.ts). All the logic lives in the host, which Node tests drive directly.
 */
import '../config/zodSetup';
import { BACKEND_NAMES, destroyDevice, deviceLost, selectBackend } from './backend';
import { TrainingHost } from './host';
import { DataUnavailable } from '../engine/data/dataSources';
import type { WorkerCommand, WorkerEvent } from './protocol';

interface WorkerScope {
  postMessage(message: WorkerEvent, transfer?: Transferable[]): void;
  onmessage: ((event: MessageEvent<WorkerCommand>) => void) | null;
  close(): void;
}
const scope = self as unknown as WorkerScope;

/** A shipped data file, fetched from the app's own origin only when a run names its data set. */
async function readShipped(file: string): Promise<Uint8Array> {
  const url = new URL(`${import.meta.env.BASE_URL}data/${file}`, self.location.origin);
  let response: Response;
  try {
    response = await fetch(url);
  } catch (error) {
    throw new DataUnavailable(`the data file ${url.pathname} could not be fetched (${error instanceof Error ? error.message : String(error)}).`);
  }
  if (!response.ok) throw new DataUnavailable(`the data file ${url.pathname} could not be fetched (HTTP ${response.status}).`);
  return new Uint8Array(await response.arrayBuffer());
}

const host = new TrainingHost(
  (event, transfer = []) => scope.postMessage(event, transfer),
  {
    select: selectBackend,
    deviceLost,
    destroyDevice,
    label: (backend) => BACKEND_NAMES[backend],
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
      else
        setTimeout(() => {
          throw new Error('simulated fault: an error nothing catches');
        }, 0);
      return;
    default:
      host.handle(command);
  }
};
