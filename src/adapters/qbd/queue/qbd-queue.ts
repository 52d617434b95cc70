import { randomUUID } from 'node:crypto';
import { EventEmitter } from 'node:events';
import { deterministicEventId, type EventData, type EventStore } from '../../../eventstore/index.js';
import type { QbdOperation } from '../qbxml/requests.js';
import type { QbdQueueEvent } from './queue-events.js';
import { queueStream } from './queue-events.js';
import { emptyQueue, evolveQueue, type QueueEntry, type QueueState } from './queue-state.js';

interface Fold {
  readonly state: QueueState;
  /** The last stream revision folded in; -1 before the first event. */
  readonly revision: number;
}

const EMPTY_FOLD: Fold = { state: emptyQueue, revision: -1 };

/**
 * The durable Web Connector queue over the event store: the books port queues, the SOAP
 * service hands out and records answers; both go through this one fold of the stream, read
 * whole once per process and then kept current from its tail after each append (not re-read
 * on every SOAP call), so a restart loses nothing. `changes` tells waiting port calls that an
 * answer came in.
 */
export class QbdQueue {
  private readonly changes = new EventEmitter().setMaxListeners(0);
  /** Per connection: the fold and the stream revision it reflects, read whole once, then only the tail. */
  private readonly folds = new Map<string, Promise<Fold>>();

  /** `recheckMs`: also read the stream's tail on this interval, for an answer another hub process recorded. */
  constructor(private readonly store: EventStore, private readonly recheckMs = 1_000) {}

  async state(connection: string): Promise<QueueState> {
    return (await this.fold(connection)).state;
  }

  /**
   * The stream's events after the fold's revision, folded in. Updates run one at a time per
   * connection, so concurrent appends land in stream order whichever append returns first.
   */
  private catchUp(connection: string): Promise<Fold> {
    const previous = this.fold(connection);
    const next = previous.then(async (fold) => {
      const tail = await this.store.readStream(queueStream(connection), { fromRevision: fold.revision + 1 });
      return tail.reduce((f, e) => ({ state: evolveQueue(f.state, { type: e.type, data: e.data } as QbdQueueEvent), revision: e.revision }), fold);
    });
    // A failed read of the tail keeps the fold as it was; the next append or recheck reads it again.
    this.folds.set(connection, next.catch(() => previous));
    return next;
  }

  private fold(connection: string): Promise<Fold> {
    const known = this.folds.get(connection);
    if (known) return known;
    const loaded = this.store.readStream(queueStream(connection))
      .then((events) => events.reduce((f, e) => ({ state: evolveQueue(f.state, { type: e.type, data: e.data } as QbdQueueEvent), revision: e.revision }), EMPTY_FOLD));
    // A failed first read is not kept: the next call reads again.
    loaded.catch(() => this.folds.delete(connection));
    this.folds.set(connection, loaded);
    return loaded;
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
    await this.catchUp(connection);
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
      const onRecheck = () => void this.catchUp(connection).then(onChange, () => undefined);
      const onAbort = () => finish(entry);
      const timer = setTimeout(() => finish(entry), waitMs);
      const recheck = setInterval(onRecheck, this.recheckMs);
      this.changes.on(connection, onChange);
      signal.addEventListener('abort', onAbort, { once: true });
    });
  }
}
