import { batchChunks, type BatchSlot, type BooksBatch, type BooksResult, type BooksWritten } from '../../../domain/books/index.js';
import type { ApiResult } from '../../../platform/http/api-result.js';
import type { QboObject } from '../quickbooks-client.js';
import { draftBody } from './books-body.js';
import { placeClasses } from './class-placement.js';
import { settleCreate } from './create.js';
import { callFor, isFailure, type QboCall, type QuickBooksOutboundDeps } from './deps.js';
import { ENTITY } from './document-kinds.js';
import { derivedRequestId } from './qbo-calls.js';
import { abandoned, batchItemError, failureFrom } from './qbo-failure.js';

type Result = BooksResult<BooksWritten>;

/** Items per batch call (facts §5: 10 is safe); one call per connection and entity (batchChunks). */
const DEFAULT_BATCH_MAX = 10;

/** bId is at most 10 characters when the batch carries a requestid (facts §5). */
const bIdOf = (position: number): string => `b${position}`;

const isObject = (value: unknown): value is Record<string, unknown> => typeof value === 'object' && value !== null;

/** One item's answer as a single create's result, so it settles the same way (6140 included). */
const itemResult = (call: QboCall, slot: BatchSlot, answer: Record<string, unknown> | undefined, headers: Headers): Promise<Result> | Result => {
  if (!answer) return { ok: false, kind: 'ambiguous', message: 'the batch answer holds no item for this request' };
  const object = answer[ENTITY[slot.posting.kind]];
  const result: ApiResult<QboObject> = isObject(object)
    ? { ok: true, status: 200, body: object as QboObject, headers }
    : { ok: false, error: batchItemError(answer) };
  return settleCreate(call, slot.posting, result);
};

const runChunk = async (deps: QuickBooksOutboundDeps, chunk: BatchSlot[], requestId: string, signal: AbortSignal): Promise<Result[]> => {
  const call = callFor(deps, { connection: chunk[0]!.connection, idempotencyKey: requestId, signal });
  if (isFailure(call)) return chunk.map(() => call);
  if (signal.aborted) return chunk.map(() => abandoned());
  const tracking = await call.classTracking();
  if (!tracking.ok) {
    const failure = failureFrom(tracking.error, 'read');
    return chunk.map(() => failure);
  }
  const items = chunk.map((slot, position) => {
    const entity = ENTITY[slot.posting.kind];
    return { bId: bIdOf(position), operation: 'create', [entity]: placeClasses(entity, draftBody(slot.posting), tracking.body) };
  });
  const result = await call.client.send<{ BatchItemResponse?: unknown }>('POST', '/batch', { body: { BatchItemRequest: items }, query: { requestid: requestId }, retryInPlace: false });
  if (!result.ok) {
    const failure = failureFrom(result.error, 'write');
    return chunk.map(() => failure);
  }
  const answers = (Array.isArray(result.body.BatchItemResponse) ? result.body.BatchItemResponse : []).filter(isObject);
  const out: Result[] = [];
  for (const [position, slot] of chunk.entries()) {
    out.push(await itemResult(call, slot, answers.find((a) => a.bId === bIdOf(position)), result.headers));
  }
  return out;
};

/**
 * Creates several bills (or vendor credits) in one `POST /batch`: one result per item, in
 * order; an item's Fault is that item's failure. The batch's requestid makes a resent batch
 * replay; a lost answer leaves every item ambiguous, and each is then looked up by marker.
 */
export const postBatch = async (deps: QuickBooksOutboundDeps, batch: BooksBatch): Promise<Result[]> => {
  const results: Result[] = [];
  const chunks = batchChunks(batch.items, deps.batchMaxItems ?? DEFAULT_BATCH_MAX);
  for (const [n, chunk] of chunks.entries()) {
    const requestId = n === 0 ? batch.idempotencyKey : derivedRequestId(batch.idempotencyKey, 'chunk', String(n));
    const answers = await runChunk(deps, chunk, requestId, batch.signal);
    chunk.forEach((slot, i) => {
      results[slot.index] = answers[i]!;
    });
  }
  return results;
};
