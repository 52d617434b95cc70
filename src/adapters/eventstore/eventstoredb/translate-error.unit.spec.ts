import { MaxAppendSizeExceededError, StreamNotFoundError, UnavailableError, WrongExpectedVersionError } from '@eventstore/db-client';
import { describe, expect, it } from 'vitest';
import { EventStoreInputError, WrongExpectedRevisionError } from '../../../eventstore/index.js';
import { isStreamNotFound, isTransient, isWrongExpectedVersion, translateAppendError } from './translate-error.js';

const wrongVersion = (current: bigint | 'no_stream') =>
  new WrongExpectedVersionError(undefined, { streamName: 's', expected: 0n, current });

describe('translateAppendError', () => {
  it('turns WrongExpectedVersion into our error, reporting what the caller expected', () => {
    const error = translateAppendError(wrongVersion(4n), 'acme.procore.invoice-1', 'no_stream');
    expect(error).toBeInstanceOf(WrongExpectedRevisionError);
    expect(error).toMatchObject({ code: 'WRONG_EXPECTED_REVISION', stream: 'acme.procore.invoice-1', expected: 'no_stream', actual: 4 });
  });

  it("reports a missing stream as 'no_stream'", () => {
    expect(translateAppendError(wrongVersion('no_stream'), 's', 3)).toMatchObject({ actual: 'no_stream', expected: 3 });
  });

  it('turns the server append size limit into EVENT_TOO_LARGE', () => {
    const error = translateAppendError(MaxAppendSizeExceededError.fromMaxAppendSize(1_048_576), 's', 'any');
    expect(error).toBeInstanceOf(EventStoreInputError);
    expect(error).toMatchObject({ code: 'EVENT_TOO_LARGE' });
    expect((error as Error).message).toContain('1048576');
  });

  it('passes anything else through', () => {
    const other = new Error('boom');
    expect(translateAppendError(other, 's', 'any')).toBe(other);
    expect(translateAppendError('not an error', 's', 'any')).toBe('not an error');
  });
});

describe('error predicates', () => {
  it('recognise the client errors by type', () => {
    expect(isWrongExpectedVersion(wrongVersion(1n))).toBe(true);
    expect(isStreamNotFound(new StreamNotFoundError(undefined, 's'))).toBe(true);
    expect(isStreamNotFound(new Error('stream-not-found'))).toBe(false);
    expect(isTransient(new UnavailableError())).toBe(true);
    expect(isTransient(wrongVersion(1n))).toBe(false);
  });
});
