import type { ExpectedRevision } from './event-store.port.js';

export type EventStoreErrorCode =
  | 'WRONG_EXPECTED_REVISION'
  | 'EVENT_ID_CONFLICT'
  | 'INVALID_STREAM_NAME'
  | 'EVENT_TOO_LARGE'
  | 'NOT_SERIALIZABLE'
  | 'INVALID_EXPECTED_REVISION'
  | 'INVALID_EVENT';

export class EventStoreError extends Error {
  constructor(readonly code: EventStoreErrorCode, message: string) {
    super(message);
    this.name = 'EventStoreError';
  }
}

/** Optimistic concurrency: `actual` is the stream's real last revision ('no_stream' when empty). */
export class WrongExpectedRevisionError extends EventStoreError {
  constructor(readonly stream: string, readonly expected: ExpectedRevision, readonly actual: number | 'no_stream') {
    super('WRONG_EXPECTED_REVISION', `stream ${stream}: expected revision ${String(expected)}, actual ${String(actual)}`);
    this.name = 'WrongExpectedRevisionError';
  }
}

/** An event id was reused with other content, in another stream, or only partly replayed. */
export class EventIdConflictError extends EventStoreError {
  constructor(readonly stream: string, readonly eventId: string, reason: string) {
    super('EVENT_ID_CONFLICT', `stream ${stream}: event ${eventId} ${reason}`);
    this.name = 'EventIdConflictError';
  }
}

/** Bad input to the store: nothing was written. */
export class EventStoreInputError extends EventStoreError {
  constructor(code: Exclude<EventStoreErrorCode, 'WRONG_EXPECTED_REVISION' | 'EVENT_ID_CONFLICT'>, message: string) {
    super(code, message);
    this.name = 'EventStoreInputError';
  }
}
