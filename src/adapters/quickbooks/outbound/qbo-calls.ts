import { deterministicEventId } from '../../../eventstore/index.js';
import { apiError, type ApiResult } from '../../../platform/http/api-result.js';
import type { QboObject, QuickBooksClient } from '../quickbooks-client.js';
import type { QboCall } from './deps.js';
import { faultCode } from './qbo-failure.js';

/** The entities the port writes or reads (their wire names; the URL segment is lower case). */
export type QboEntity = QboDocumentEntity | 'Vendor' | 'Customer' | 'Account';

/** The documents the port writes, one per `BooksDocumentKind`. */
export type QboDocumentEntity = 'Bill' | 'VendorCredit' | 'PurchaseOrder' | 'Invoice' | 'Estimate' | 'TimeActivity';

const isObject = (value: unknown): value is QboObject => typeof value === 'object' && value !== null && !Array.isArray(value);

/** A query string literal: single quotes, `'` (and `\`) escaped with a backslash (facts §3). */
export const quote = (text: string): string => `'${text.replace(/\\/g, '\\\\').replace(/'/g, "\\'")}'`;

/**
 * A requestid for a follow-up write inside one execute (after a re-read, under another
 * name): a different body deserves its own id, and deriving it from the request's key
 * keeps it the same on redelivery, so QuickBooks still replays instead of writing twice.
 */
export const derivedRequestId = (idempotencyKey: string, ...parts: string[]): string =>
  deterministicEventId('quickbooks-write', idempotencyKey, ...parts);

/** Create, full update or `operation=delete`, at most once per `requestid` (facts §8); the body is the entity. */
export const writeEntity = async (
  client: QuickBooksClient, entity: QboEntity, body: Record<string, unknown>, options: { requestId: string; operation?: 'delete' },
): Promise<ApiResult<QboObject>> => {
  const query = { requestid: options.requestId, ...(options.operation ? { operation: options.operation } : {}) };
  const result = await client.send<Record<string, unknown>>('POST', `/${entity.toLowerCase()}`, { body, query, retryInPlace: false });
  if (!result.ok) return result;
  const object = result.body[entity];
  // A 2xx without the entity: the write probably happened; the caller treats this as ambiguous.
  if (!isObject(object)) return { ok: false, error: apiError('invalid_response', `no ${entity} in the answer`, { status: result.status, body: result.body }) };
  return { ...result, body: object };
};

/** `SELECT * FROM {entity} WHERE …`; an empty `QueryResponse: {}` is an empty list (facts §3). */
export const queryEntities = async (client: QuickBooksClient, entity: QboEntity, where: string): Promise<ApiResult<QboObject[]>> => {
  const result = await client.send<{ QueryResponse?: Record<string, unknown> }>('GET', '/query', { query: { query: `SELECT * FROM ${entity} WHERE ${where}` }, retryInPlace: false });
  if (!result.ok) return result;
  const list = result.body.QueryResponse?.[entity];
  return { ...result, body: Array.isArray(list) ? list.filter(isObject) : [] };
};

/** Ids are numeric strings: the oldest object first when a lookup finds several. */
export const byId = (a: QboObject, b: QboObject): number => Number(a.Id) - Number(b.Id);

/** A re-read per 5010, twice at most: a third stale token in a row means someone is editing it right now. */
const MAX_REREADS = 2;

/**
 * An update or delete that needs the current SyncToken (facts §7): first with the token the
 * saga last knew, then, on 5010 (stale), re-read the object and write again with its token.
 * Ends with the last answer: success, 610 from the re-read, or the failure to classify.
 */
export const withCurrentSyncToken = async (
  call: QboCall, entity: QboEntity, id: string, lastKnown: string,
  write: (syncToken: string, requestId: string) => Promise<ApiResult<QboObject>>,
): Promise<ApiResult<QboObject>> => {
  let syncToken = lastKnown;
  let requestId = call.idempotencyKey;
  for (let rereads = 0; ; rereads++) {
    const result = await write(syncToken, requestId);
    if (result.ok || faultCode(result.error) !== '5010' || rereads === MAX_REREADS || call.signal.aborted) return result;
    const current = await call.client.read(entity, id);
    if (!current.ok) return current;
    syncToken = String(current.body.SyncToken ?? '');
    requestId = derivedRequestId(call.idempotencyKey, 'synctoken', syncToken);
  }
};
