import type { ApiResult } from '../../../platform/http/api-result.js';
import type { BatchContext, OutboundRequest, OutboundResult } from '../../pipeline/outbound/index.js';
import type { QboObject } from '../quickbooks-client.js';
import { draftBody } from './books-body.js';
import { placeClasses } from './class-placement.js';
import { callFor, connectionOf, isFailure, type QboCall, type QuickBooksOutboundDeps } from './deps.js';
import type { TxnKind } from './outcomes.js';
import { settlePost, type PostData } from './post-settle.js';
import { derivedRequestId } from './qbo-calls.js';
import { abandoned, batchItemError, failureFrom } from './qbo-failure.js';

interface Slot {
  /** Where the result goes in the answer to the dispatcher. */
  readonly index: number;
  readonly request: OutboundRequest<PostData>;
}

const DEFAULT_BATCH_MAX = 10;

/** One batch call per connection (its client and token) and per `max` items (facts §5: 10 is safe). */
const chunksOf = (requests: readonly OutboundRequest<PostData>[], max: number): Slot[][] => {
  const byConnection = new Map<string, Slot[]>();
  requests.forEach((request, index) => {
    const connection = connectionOf(request);
    byConnection.set(connection, [...(byConnection.get(connection) ?? []), { index, request }]);
  });
  const chunks: Slot[][] = [];
  for (const slots of byConnection.values()) {
    for (let at = 0; at < slots.length; at += max) chunks.push(slots.slice(at, at + max));
  }
  return chunks;
};

/** bId is at most 10 characters when the batch carries a requestid (facts §5). */
const bIdOf = (position: number): string => `b${position}`;

const isObject = (value: unknown): value is Record<string, unknown> => typeof value === 'object' && value !== null;

/** One item's answer as a single create's result, so it settles the same way (6140 included). */
const itemResult = (call: QboCall, kind: TxnKind, slot: Slot, answer: Record<string, unknown> | undefined, headers: Headers): Promise<OutboundResult> | OutboundResult => {
  if (!answer) return { ok: false, kind: 'ambiguous', message: 'the batch answer holds no item for this request' };
  const object = answer[kind.entity];
  const result: ApiResult<QboObject> = isObject(object)
    ? { ok: true, status: 200, body: object as QboObject, headers }
    : { ok: false, error: batchItemError(answer) };
  return settlePost(call, kind, slot.request.data, result);
};

const runChunk = async (kind: TxnKind, deps: QuickBooksOutboundDeps, chunk: Slot[], requestId: string, signal: AbortSignal): Promise<OutboundResult[]> => {
  const call = callFor(deps, chunk[0]!.request, { idempotencyKey: requestId, signal });
  if (isFailure(call)) return chunk.map(() => call);
  if (signal.aborted) return chunk.map(() => abandoned());
  const tracking = await call.classTracking();
  if (!tracking.ok) {
    const failure = failureFrom(tracking.error, 'read');
    return chunk.map(() => failure);
  }
  const items = chunk.map((slot, position) =>
    ({ bId: bIdOf(position), operation: 'create', [kind.entity]: placeClasses(kind.entity, draftBody(kind.entity, slot.request.data), tracking.body) }));
  const result = await call.client.send<{ BatchItemResponse?: unknown }>('POST', '/batch', { body: { BatchItemRequest: items }, query: { requestid: requestId }, retryInPlace: false });
  if (!result.ok) {
    const failure = failureFrom(result.error, 'write');
    return chunk.map(() => failure);
  }
  const answers = (Array.isArray(result.body.BatchItemResponse) ? result.body.BatchItemResponse : []).filter(isObject);
  const out: OutboundResult[] = [];
  for (const [position, slot] of chunk.entries()) {
    out.push(await itemResult(call, kind, slot, answers.find((a) => a.bId === bIdOf(position)), result.headers));
  }
  return out;
};

/**
 * Creates several bills (or vendor credits) in one `POST /batch`: one result per request, in
 * order; an item's Fault is that item's failure. The batch's requestid makes a resent batch
 * replay; a lost answer leaves every item ambiguous, and each is then looked up by marker.
 */
export const executePostBatch = async (
  kind: TxnKind, deps: QuickBooksOutboundDeps, requests: readonly OutboundRequest<PostData>[], context: BatchContext<PostData>,
): Promise<OutboundResult[]> => {
  const results: OutboundResult[] = [];
  const chunks = chunksOf(requests, deps.batchMaxItems ?? DEFAULT_BATCH_MAX);
  for (const [n, chunk] of chunks.entries()) {
    const requestId = n === 0 ? context.idempotencyKey : derivedRequestId(context.idempotencyKey, 'chunk', String(n));
    const answers = await runChunk(kind, deps, chunk, requestId, context.signal);
    chunk.forEach((slot, i) => {
      results[slot.index] = answers[i]!;
    });
  }
  return results;
};
