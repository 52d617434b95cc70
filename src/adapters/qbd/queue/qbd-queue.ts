import { randomUUID } from 'node:crypto';
import { EventEmitter } from 'node:events';
import { deterministicEventId, type EventData, type EventStore } from '../../../eventstore/index.js';
import type { QbdOperation } from '../qbxml/requests.js';
import type { QbdQueueEvent } from './queue-events.js';
import { queueStream } from './queue-events.js';
import { emptyQueue, evolveQueue, type QueueEntry, type QueueState } from './queue-state.js';

/**
 * The durable Web Connector queue over the event store: the books port queues, the SOAP
 * service hands out and records answers; both read the same stream, so a restart loses
 * nothing. `changed` tells waiting port calls that an answer came in.
 */
export class QbdQueue {
  private readonly changes = new EventEmitter().setMaxListeners(0);

  /** `recheckMs`: also re-read on this interval, for an answer another hub process recorded. */
  constructor(private readonly store: EventStore, private readonly recheckMs = 1_000) {}

  async state(connection: string): Promise<QueueState> {
    const events = await this.store.readStream(queueStream(connection));
    return events.reduce((s, e) => evolveQueue(s, { type: e.type, data: e.data } as QbdQueueEvent), emptyQueue);
  }

  async entry(connection: string, requestId: string): Promise<QueueEntry | undefined> {
    return (await this.state(connection)).entries.get(requestId);
  }

  /** Queues the write once per request id: a second call with the same id (the dispatcher asking again) appends nothing. */
  async enqueue(connection: string, requestId: string, operation: QbdOperation, now: string): Promise<void> {
    if (await this.entry(connection, requestId)) return;
    await this.record(connection, { type: 'QbdRequestQueued.v1', data: { requestId, operation, queuedAt: now } }, deterministicEventId('qbd-queued', connection, requestId));
  }

  /**
   * Appends one fact. Session facts each happen once (two hand-outs of one request in the same
   * millisecond are still two), so they get fresh ids; `id` is for facts with a natural identity.
   */
  async record(connection: string, event: QbdQueueEvent, id: string = randomUUID()): Promise<void> {
    const data: EventData = { id, type: event.type, data: event.data, metadata: { connection, source: 'qbd' } };
    await this.store.append(queueStream(connection), [data], 'any');
    this.changes.emit(connection);
  }

  /**
   * Resolves with the entry once it has a result, or with its state when `signal` aborts or
   * `waitMs` passes first: the Web Connector comes when it comes.
   */
  async waitForResult(connection: string, requestId: string, waitMs: number, signal: AbortSignal): Promise<QueueEntry | undefined> {
    const done = (e: QueueEntry | undefined) => e?.result != null;
    let entry = await this.entry(connection, requestId);
    if (done(entry) || waitMs <= 0 || signal.aborted) return entry;
    return new Promise((resolve) => {
      let settled = false;
      const finish = (value: QueueEntry | undefined) => {
        if (settled) return;
        settled = true;
        clearTimeout(timer);
        clearInterval(recheck);
        this.changes.off(connection, onChange);
        signal.removeEventListener('abort', onAbort);
        resolve(value);
      };
      const onChange = () => void this.entry(connection, requestId).then((e) => { entry = e; if (done(e)) finish(e); });
      const onAbort = () => finish(entry);
      const timer = setTimeout(() => finish(entry), waitMs);
      const recheck = setInterval(onChange, this.recheckMs);
      this.changes.on(connection, onChange);
      signal.addEventListener('abort', onAbort, { once: true });
    });
  }
}
