/**
 * A stand-in for the browser's Worker in Node tests of the client (client.test.ts, state/workerFaults.test.ts):
 * it records what the page posts, answers pings while `answering`, and lets a test send events or errors as
 * the worker would. Install it with `vi.stubGlobal('Worker', FakeWorker)`.
 */
import type { WorkerCommand, WorkerEvent } from '../worker/protocol';

export class FakeWorker {
  static made: FakeWorker[] = [];
  onmessage: ((event: MessageEvent<WorkerEvent>) => void) | null = null;
  onerror: ((event: ErrorEvent) => void) | null = null;
  onmessageerror: ((event: MessageEvent) => void) | null = null;
  readonly posted: WorkerCommand[] = [];
  /** Whether pings get their pong (a microtask later, as a message would come). */
  answering = true;
  terminated = false;

  constructor() {
    FakeWorker.made.push(this);
  }

  static latest(): FakeWorker {
    const worker = FakeWorker.made[FakeWorker.made.length - 1];
    if (!worker) throw new Error('no worker was started');
    return worker;
  }

  postMessage(command: WorkerCommand): void {
    this.posted.push(command);
    if (command.type === 'ping' && this.answering && !this.terminated) queueMicrotask(() => this.send({ type: 'pong', id: command.id }));
  }

  /** The commands posted, pings left out. */
  commands(): WorkerCommand[] {
    return this.posted.filter((command) => command.type !== 'ping');
  }

  /** An event from the worker. */
  send(event: WorkerEvent): void {
    if (!this.terminated) this.onmessage?.({ data: event } as MessageEvent<WorkerEvent>);
  }

  /** An error nothing caught in the worker, as the page's Worker object reports it. */
  fail(message: string): void {
    this.onerror?.({ message, preventDefault: () => undefined } as ErrorEvent);
  }

  terminate(): void {
    this.terminated = true;
  }
}
