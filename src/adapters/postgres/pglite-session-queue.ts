import type { PGlite } from '@electric-sql/pglite';
import type { PGLiteSocketServer } from '@electric-sql/pglite-socket';

/**
 * PGlite has one backend, and PGLiteSocketServer (0.2.x) shares it by queueing single
 * protocol *messages* from all connections. Its queue keeps a connection only while an
 * explicit transaction is open, so another connection's Parse or BEGIN can land between
 * one connection's Parse/Bind/Execute and its Sync: 26000 "unnamed prepared statement
 * does not exist", `portal "" does not exist`, rows from the wrong statement, or a hang.
 * And a message that throws leaves the queue's `processing` flag set, so nothing is
 * served again.
 *
 * This replaces the queue's loop: a connection keeps the backend from its first message
 * until PGlite answers ReadyForQuery with status Idle, the protocol's own signal that the
 * backend is free (not after Parse/Bind/Execute/Flush, which have no ReadyForQuery; not
 * in a transaction, 'T' or 'E'). Otherwise messages are served in arrival order. A
 * connection that goes away while holding the backend has its sequence ended with a Sync
 * and its transaction rolled back before the others go on.
 *
 * Reaches into private members of pglite-socket 0.2.17 (checked at startup): revisit on upgrade.
 */
export const serveOneSessionAtATime = (server: PGLiteSocketServer, db: PGlite): void => {
  // The one documented cast: `queryQueue` and its members are private in the library's types.
  const queue = (server as unknown as { queryQueue?: QueryQueueInternals }).queryQueue;
  if (!queue || !Array.isArray(queue.queue) || typeof queue.processQueue !== 'function' || typeof queue.clearTransactionIfNeeded !== 'function') {
    throw new Error('@electric-sql/pglite-socket internals changed: embedded-postgres cannot serialise connections safely');
  }
  let holder: number | null = null; // handler id of the connection that has the backend

  queue.processQueue = async () => {
    if (queue.processing) return;
    queue.processing = true;
    try {
      for (;;) {
        const index = holder === null ? 0 : queue.queue.findIndex((queued) => queued.handlerId === holder);
        // Empty, or the holder's next message has not arrived: its enqueue() calls us again.
        const next = index < 0 ? undefined : queue.queue.splice(index, 1)[0];
        if (!next) return;
        const ready = new ReadyForQueryWatcher();
        let bytes = 0;
        try {
          await db.runExclusive(() => db.execProtocolRawStream(next.message, {
            onRawData: (data) => {
              bytes += data.length;
              ready.push(data);
              next.onData(data);
            },
          }));
        } catch (error) {
          // State unknown: keep the backend for this connection; the rejection detaches its
          // handler, and the release below ends its sequence and transaction.
          holder = next.handlerId;
          next.reject(error instanceof Error ? error : new Error(String(error)));
          continue;
        }
        // Terminate ('X') gets no answer; the release on detach deals with whatever it left.
        if (next.message[0] !== TERMINATE) holder = ready.status === IDLE ? null : next.handlerId;
        next.resolve(bytes);
      }
    } finally {
      queue.processing = false;
    }
  };

  // Called by each handler's detach(), after its queued messages were dropped.
  queue.clearTransactionIfNeeded = async (handlerId) => {
    if (holder !== handlerId) return;
    await db.runExclusive(async () => {
      if (holder !== handlerId) return;
      try {
        if (!db.closed) await db.execProtocolRawStream(SYNC_THEN_ROLLBACK, { onRawData: () => undefined });
      } catch {
        // Best effort for a connection that is gone; the next session starts with its own messages.
      } finally {
        holder = null;
      }
    });
    await queue.processQueue();
  };
};

/** What serveOneSessionAtATime uses of pglite-socket 0.2.17's private QueryQueueManager. */
interface QueryQueueInternals {
  queue: Array<{
    readonly handlerId: number;
    readonly message: Uint8Array;
    readonly onData: (data: Uint8Array) => void;
    resolve(bytes: number): void;
    reject(error: Error): void;
  }>;
  processing: boolean;
  processQueue(): Promise<void>;
  clearTransactionIfNeeded(handlerId: number): Promise<void>;
}

const TERMINATE = 'X'.charCodeAt(0);
const READY_FOR_QUERY = 'Z'.charCodeAt(0);
const IDLE = 'I'.charCodeAt(0);

const message = (type: string, body: string): Buffer => {
  const payload = Buffer.from(body, 'utf8');
  const framed = Buffer.alloc(5 + payload.length);
  framed.write(type, 0, 'latin1');
  framed.writeInt32BE(4 + payload.length, 1);
  payload.copy(framed, 5);
  return framed;
};
// Sync ends an extended-query sequence (and the skip-to-Sync after an error in one);
// ROLLBACK ends a transaction, and only warns when there is none.
const SYNC_THEN_ROLLBACK = new Uint8Array(Buffer.concat([message('S', ''), message('Q', 'ROLLBACK\0')]));

/**
 * Follows backend message framing (type byte, int32 length) across the chunks PGlite
 * streams, and keeps the status byte of the last ReadyForQuery seen.
 */
class ReadyForQueryWatcher {
  status: number | undefined;
  private readonly header = new Uint8Array(5);
  private headerBytes = 0;
  private bodyLeft = 0;

  push(chunk: Uint8Array): void {
    let at = 0;
    while (at < chunk.length) {
      if (this.headerBytes < 5) {
        this.header[this.headerBytes++] = chunk[at++]!;
        if (this.headerBytes === 5) this.bodyLeft = new DataView(this.header.buffer).getInt32(1) - 4;
      } else {
        const take = Math.min(this.bodyLeft, chunk.length - at);
        at += take;
        this.bodyLeft -= take;
      }
      if (this.headerBytes === 5 && this.bodyLeft <= 0) {
        if (this.header[0] === READY_FOR_QUERY) this.status = chunk[at - 1];
        this.headerBytes = 0;
      }
    }
  }
}
