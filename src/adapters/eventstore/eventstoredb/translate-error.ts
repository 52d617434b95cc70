import { ErrorType } from '@eventstore/db-client';
import { EventStoreInputError, WrongExpectedRevisionError, type ExpectedRevision } from '../../../eventstore/index.js';
import { toActualRevision } from './revision.js';

/** The client's errors carry a `type`; matching on it survives two copies of the client in node_modules, `instanceof` does not. */
const errorType = (error: unknown): unknown =>
  error instanceof Error ? (error as Error & { type?: unknown }).type : undefined;

export const isWrongExpectedVersion = (error: unknown): boolean => errorType(error) === ErrorType.WRONG_EXPECTED_VERSION;

export const isStreamNotFound = (error: unknown): boolean => errorType(error) === ErrorType.STREAM_NOT_FOUND;

/** Worth resubscribing after: the node went away or lost leadership; anything else is a real failure. */
export const isTransient = (error: unknown): boolean => {
  const type = errorType(error);
  return type === ErrorType.UNAVAILABLE || type === ErrorType.NOT_LEADER || type === ErrorType.DEADLINE_EXCEEDED
    || type === ErrorType.TIMEOUT || type === ErrorType.CANCELLED;
};

/**
 * An append failure in the port's terms. `expected` is what the caller asked for, which is what
 * the error must report even when the adapter guarded the write with an exact revision.
 */
export const translateAppendError = (error: unknown, stream: string, expected: ExpectedRevision): unknown => {
  switch (errorType(error)) {
    case ErrorType.WRONG_EXPECTED_VERSION:
      return new WrongExpectedRevisionError(stream, expected,
        toActualRevision((error as Error & { actualVersion?: unknown }).actualVersion));
    case ErrorType.MAXIMUM_APPEND_SIZE_EXCEEDED: {
      const limit = (error as Error & { maxAppendSize?: unknown }).maxAppendSize;
      return new EventStoreInputError('EVENT_TOO_LARGE',
        `stream ${stream}: the append is larger than the server's MaxAppendSize${typeof limit === 'number' ? ` (${limit} bytes)` : ''}`);
    }
    default:
      return error;
  }
};
